import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { ImportError } from '../codesets/errors.js';
import { openLineSource } from '../codesets/ncci/text-lines.js';
import { codesetsDir } from '../config.js';
import type { Claim } from './model.js';
import type { PoaExemptList } from './situational-rules.js';
import { isInpatientBill } from './type-of-bill.js';

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

/** The federal fiscal year a date falls in: FY2026 runs from 2025-10-01 to 2026-09-30. */
function fiscalYear(isoDate: string): number {
  const year = Number(isoDate.slice(0, 4));
  return Number(isoDate.slice(5, 7)) >= 10 ? year + 1 : year;
}

/** The list file of one fiscal year (icd10cm/fy2026/POAexemptCodesFY26.zip or .txt), if present. */
function poaExemptFileOfYear(dir: string, year: number): string | undefined {
  const folder = join(dir, 'icd10cm', `fy${year}`);
  if (!existsSync(folder)) return undefined;
  const name = `POAexemptCodesFY${String(year).slice(2)}`;
  const file = readdirSync(folder).find((f) => new RegExp(`^${name}\\.(zip|txt)$`, 'i').test(f));
  return file ? join(folder, file) : undefined;
}

/**
 * The list for a discharge on `dischargeDate`: that fiscal year's when the folder has it, else
 * the newest there is (the list changes by a few codes a year, and a claim is not refused for a
 * year whose list was not downloaded); undefined when the folder has none.
 */
export function poaExemptFileFor(dir: string, dischargeDate: string): string | undefined {
  return poaExemptFileOfYear(dir, fiscalYear(dischargeDate)) ?? findPoaExemptFile(dir);
}

/** Lists read so far, by file: a list is ~38,000 codes, read once per process. */
const loaded = new Map<string, Promise<LoadedPoaExemptList>>();

function cachedPoaExemptList(file: string): Promise<LoadedPoaExemptList> {
  let list = loaded.get(file);
  if (!list) {
    list = loadPoaExemptList(file);
    // A failed read is not remembered: the next claim tries again (the file may be fixed).
    list.catch(() => loaded.delete(file));
    loaded.set(file, list);
  }
  return list;
}

/**
 * The POA-exempt list a claim is checked against (validateClaim's poaExemptFor), from the
 * code-set folder (MEDCODER_CODESETS, else ../shared/codesets): needed for an inpatient 837I
 * only, whose present-on-admission indicators depend on it (situational-rules.ts). An
 * inpatient claim without a list to check it by is refused with the file it needs named,
 * rather than sent with indicators nobody checked.
 */
export async function poaExemptListFor(
  claim: Claim,
  dir = codesetsDir(),
): Promise<PoaExemptList | undefined> {
  const inst = claim.institutional;
  if (claim.type !== 'institutional' || !inst || !isInpatientBill(claim.placeOfService)) return undefined;
  const file = poaExemptFileFor(dir, inst.statementTo);
  if (!file) {
    const year = fiscalYear(inst.statementTo);
    throw new Error(
      `missing code-set file ${join(dir, 'icd10cm', `fy${year}`, `POAexemptCodesFY${String(year).slice(2)}.zip`)}: the CMS POA-exempt list, needed to check an inpatient claim's present-on-admission indicators (claim ${claim.patientControlNumber}); set MEDCODER_CODESETS or place the CMS file there`,
    );
  }
  return cachedPoaExemptList(file);
}
