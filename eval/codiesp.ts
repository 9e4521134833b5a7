import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { dotted } from './code-form.js';
import type { EvalNote } from './harness.js';
import { requireFile } from './paths.js';

export const CODIESP_SPLITS = ['train', 'dev', 'test'] as const;
export type CodiEspSplit = (typeof CODIESP_SPLITS)[number];

/**
 * CodiEsp reports carry no encounter date; any date in FY2023 makes the engine code with the
 * same release as the team's cases.
 */
export const CODIESP_DATE_OF_SERVICE = '2023-04-01';

const lineSchema = z.object({ id: z.string().min(1), text: z.string(), codes: z.array(z.string()) });

/** A CodiEsp JSONL line is not what SOURCES.md describes; names the file and line. */
export class CodiEspError extends Error {
  override name = 'CodiEspError';
  constructor(
    readonly file: string,
    readonly line: number,
    readonly reason: string,
  ) {
    super(`${file}:${line}: ${reason}`);
  }
}

/**
 * The lines of a JSON Lines file, each parsed and checked against `schema`, with its 1-based line
 * number; blank lines are skipped. A bad line fails naming the file, the line and what is wrong.
 */
export function readJsonLines<T>(file: string, schema: z.ZodType<T>): Array<{ line: number; value: T }> {
  const out: Array<{ line: number; value: T }> = [];
  readFileSync(file, 'utf8')
    .split('\n')
    .forEach((raw, i) => {
      if (raw.trim() === '') return;
      let json: unknown;
      try {
        json = JSON.parse(raw);
      } catch (err) {
        throw new CodiEspError(file, i + 1, `not valid JSON: ${(err as Error).message}`);
      }
      const parsed = schema.safeParse(json);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        throw new CodiEspError(
          file,
          i + 1,
          `${issue?.path.join('.') || '(root)'}: ${issue?.message ?? 'invalid'}`,
        );
      }
      out.push({ line: i + 1, value: parsed.data });
    });
  return out;
}

/** Path of one split's normalized JSONL under the evaluation root; fails naming a missing file. */
export function codiEspFile(evalRoot: string, split: CodiEspSplit): string {
  return requireFile(join(evalRoot, 'icd10', 'codiesp', `codiesp_en_${split}.jsonl`), 'MEDCODER_EVAL');
}

/**
 * Reads one split as notes. Case reports are hospital cases, so the setting is inpatient; age
 * and sex come from the text when it states them plainly, else 0 and 'U'. Gold diagnosis codes
 * are dotted and deduplicated; their order is the TSV's, not a first-listed order.
 */
export function loadCodiEsp(file: string, split: string): EvalNote[] {
  const notes: EvalNote[] = [];
  for (const { value } of readJsonLines(file, lineSchema)) {
    const { id, text, codes } = value;
    const { age, sex } = demographicsFromText(text);
    notes.push({
      id,
      group: `codiesp-${split}`,
      text,
      setting: 'inpatient',
      dateOfService: CODIESP_DATE_OF_SERVICE,
      age,
      sex,
      gold: [...new Set(codes.map(dotted))],
    });
  }
  if (notes.length === 0) throw new CodiEspError(file, 1, 'no notes in the file');
  return notes;
}

const AGE = /\b(\d{1,3})[- ](?:years?|yrs?)[- ]old\b|\baged? (\d{1,3})\b|\bof (\d{1,3}) years\b/i;
const FEMALE = /\b(woman|female|girl|lady)\b/i;
const MALE = /\b(man|male|boy|gentleman)\b/i;

/**
 * Age and sex as a case report states them ("a 37-year-old man", "Patient of 70 years old").
 * Sex comes from the first sex-specific noun, not pronouns: the machine translation often gets
 * pronouns wrong. Months-old infants and anything unclear give age 0.
 */
export function demographicsFromText(text: string): { age: number; sex: 'F' | 'M' | 'U' } {
  const m = AGE.exec(text);
  const ageText = m?.[1] ?? m?.[2] ?? m?.[3];
  const age = ageText !== undefined && Number(ageText) <= 120 ? Number(ageText) : 0;
  const f = FEMALE.exec(text)?.index ?? Number.POSITIVE_INFINITY;
  const male = MALE.exec(text)?.index ?? Number.POSITIVE_INFINITY;
  const sex = f < male ? 'F' : male < f ? 'M' : 'U';
  return { age, sex };
}
