import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { ImportError } from '../codesets/errors.js';
import { openLineSource } from '../codesets/ncci/text-lines.js';
import type { PoaExemptList } from './situational-rules.js';

/**
 * The CMS list of ICD-10-CM codes exempt from present-on-admission reporting (one list per
 * fiscal year, published with the code files as POAexemptCodesFYnn.zip). Read at run time from
 * the official file, never shipped: its tab-separated text holds order number, code (dotted)
 * and title; only the code is kept. An 837I reports no POA indicator (blank) for these codes.
 */
export interface LoadedPoaExemptList extends PoaExemptList {
  /** The file (and zip entry) read. */
  source: string;
  size: number;
}

export async function loadPoaExemptList(file: string): Promise<LoadedPoaExemptList> {
  const src = await openLineSource(file, { entry: /(^|\/)POAexemptCodesFY\d+\.txt$/i });
  const codes = new Set<string>();
  for await (const { text, line } of src.lines) {
    if (line === 1 && /POAexemptCode/i.test(text)) continue;
    if (!text.trim()) continue;
    const code = text.split('\t')[1]?.trim().replace('.', '').toUpperCase();
    if (!code || !/^[A-Z][0-9A-Z]{2,6}$/.test(code))
      throw new ImportError(
        src.name,
        line,
        `no ICD-10-CM code in the second column: ${JSON.stringify(text.slice(0, 40))}`,
      );
    codes.add(code);
  }
  if (codes.size === 0) throw new ImportError(src.name, undefined, 'lists no POA-exempt codes');
  return {
    source: src.name,
    size: codes.size,
    has: (code) => codes.has(code.replace('.', '').toUpperCase()),
  };
}

/**
 * The newest POA-exempt file under a code-set folder (icd10cm/fyYYYY/POAexemptCodesFYyy.zip), or
 * undefined when there is none. A claim should be checked against its discharge's fiscal year;
 * pass that file to loadPoaExemptList directly when it differs.
 */
export function findPoaExemptFile(codesetsDir: string): string | undefined {
  const root = join(codesetsDir, 'icd10cm');
  if (!existsSync(root)) return undefined;
  const years = readdirSync(root)
    .filter((d) => /^fy\d{4}$/i.test(d))
    .sort()
    .reverse();
  for (const year of years) {
    const file = readdirSync(join(root, year)).find((f) => /^POAexemptCodesFY\d+\.(zip|txt)$/i.test(f));
    if (file) return join(root, year, file);
  }
  return undefined;
}
