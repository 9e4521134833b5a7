import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { z } from 'zod';

export const SPECIALTIES = [
  'primary-care',
  'cardiology',
  'endocrinology',
  'orthopedics',
  'pulmonology',
  'obstetrics',
  'oncology',
  'mental-health',
  'pediatrics',
  'emergency',
  'surgery',
] as const;

/** FY2023 of ICD-10-CM, the release the team's cases are coded with. */
export const CASE_DATE_RANGE = { from: '2022-10-01', to: '2023-09-30' } as const;

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD')
  .refine(
    (d) =>
      !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d),
    'not a calendar date',
  )
  .refine(
    (d) => d >= CASE_DATE_RANGE.from && d <= CASE_DATE_RANGE.to,
    `outside FY2023 (${CASE_DATE_RANGE.from}..${CASE_DATE_RANGE.to})`,
  );

/** A CPT E/M code number (99xxx) or a HCPCS add-on (G2211, G2212): numbers only, no descriptors. */
const emCode = z.string().regex(/^(?:99\d{3}|G\d{4})$/, 'an E/M code number (99xxx) or HCPCS G code');

export const evalCaseSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9-]+$/, 'lower-case letters, digits and hyphens'),
  specialty: z.enum(SPECIALTIES),
  setting: z.enum(['outpatient', 'inpatient']),
  dateOfService: isoDate,
  age: z.number().int().min(0).max(120),
  sex: z.enum(['F', 'M', 'U']),
  text: z.string().min(40),
  gold: z
    .array(
      z.strictObject({
        code: z.string().regex(/^[A-Z][0-9][0-9A-Z](\.[0-9A-Z]{1,4})?$/, 'dotted upper-case ICD-10-CM code'),
        justification: z.string().min(10),
      }),
    )
    .min(1)
    .refine((g) => new Set(g.map((c) => c.code)).size === g.length, 'a gold code is listed twice'),
  em: z
    .strictObject({
      /** Encounter facts the record would carry where the note does not say (given to the finder). */
      visit: z
        .strictObject({
          place: z.enum(['office', 'emergency', 'hospital', 'observation']).optional(),
          patientStatus: z.enum(['new', 'established']).optional(),
        })
        .optional(),
      /** The E/M code the note supports; null when no E/M level applies (a preventive visit). */
      code: emCode.nullable(),
      /** Add-on codes expected with it (G2211, 99417, G2212). */
      addOns: z.array(emCode),
      /**
       * Modifiers on the E/M line (25: significant, separately identifiable E/M beside a same-day
       * minor procedure; 57: decision for major surgery); absent means none.
       */
      modifiers: z
        .array(z.string().regex(/^[0-9A-Z]{2}$/, 'a two-character modifier'))
        .refine((m) => new Set(m).size === m.length, 'a modifier is listed twice')
        .optional(),
      justification: z.string().min(10),
    })
    .optional(),
  /**
   * HCPCS Level II lines the note supports (drug J/Q codes with units, vaccine administration
   * G-codes), for the year of the date of service; an empty list when none (a prescription, a
   * drug given without a dose, an inpatient stay). CPT administration codes are not listed.
   */
  hcpcs: z
    .array(
      z.strictObject({
        code: z.string().regex(/^[A-V]\d{4}$/, 'a HCPCS Level II code (letter and four digits)'),
        units: z.number().int().min(1),
        justification: z.string().min(10),
      }),
    )
    .refine((h) => new Set(h.map((l) => l.code)).size === h.length, 'a HCPCS code is listed twice')
    .optional(),
  /**
   * ICD-10-PCS codes (FY2026 tables) for an inpatient stay's procedures, coded as a facility
   * coder would (UHDDS significant procedures, deliveries, detoxification, newborn vaccines; not
   * imaging or drug infusions); an empty list when the stay documents none.
   */
  pcs: z
    .array(
      z.strictObject({
        code: z.string().regex(/^[0-9A-HJ-NP-Z]{7}$/, 'a seven-character ICD-10-PCS code'),
        justification: z.string().min(10),
      }),
    )
    .refine((p) => new Set(p.map((l) => l.code)).size === p.length, 'a PCS code is listed twice')
    .optional(),
});

/** One synthetic annotated note; `gold` is in reporting order (first-listed first). */
export type EvalCase = z.infer<typeof evalCaseSchema>;

/** A case file is unreadable or breaks the schema; names the file and the field. */
export class EvalCaseError extends Error {
  override name = 'EvalCaseError';
  constructor(
    readonly file: string,
    readonly reason: string,
  ) {
    super(`${file}: ${reason}`);
  }
}

/** Validates one parsed case file; the id must match the file name so a miss can be found by id. */
export function parseCase(file: string, json: unknown): EvalCase {
  const result = evalCaseSchema.safeParse(json);
  if (!result.success) {
    const issue = result.error.issues[0];
    const where = issue?.path.length ? issue.path.join('.') : '(root)';
    throw new EvalCaseError(file, `${where}: ${issue?.message ?? 'invalid'}`);
  }
  if (`${result.data.id}.json` !== basename(file)) {
    throw new EvalCaseError(file, `id "${result.data.id}" does not match the file name`);
  }
  return result.data;
}

/** Loads every `*.json` case in a folder, sorted by id; fails on the first bad file. */
export function loadCases(dir: string): EvalCase[] {
  let names: string[];
  try {
    names = readdirSync(dir).filter((n) => n.endsWith('.json'));
  } catch {
    throw new EvalCaseError(dir, 'cannot read the cases folder');
  }
  if (names.length === 0) throw new EvalCaseError(dir, 'no *.json case files');
  return names.sort().map((name) => {
    const file = join(dir, name);
    let json: unknown;
    try {
      json = JSON.parse(readFileSync(file, 'utf8'));
    } catch (err) {
      throw new EvalCaseError(file, `not valid JSON: ${(err as Error).message}`);
    }
    return parseCase(file, json);
  });
}
