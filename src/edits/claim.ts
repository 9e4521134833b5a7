import { z } from 'zod';

/**
 * The scrubber's own claim input: plain JSON, close to what a CMS-1500 / 837P carries and easy
 * to map from the billing module's claim model (src/claims): header diagnoses in order (pointer
 * 1 = first = principal/first-listed), service lines with code, modifiers, units, charge in
 * cents, diagnosis pointers, dates and place of service; the patient's birth date and sex.
 */
const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected an ISO date YYYY-MM-DD')
  .refine(
    (s) =>
      !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s),
    {
      message: 'not a real calendar date',
    },
  );

/** A diagnosis pointer: 1-12 (837P SV107) or A-L (CMS-1500 box 24E). */
const pointer = z.union([
  z.number().int(),
  z
    .string()
    .regex(/^[A-La-l]$/, 'a pointer letter is A-L')
    .transform((s) => s.toUpperCase().charCodeAt(0) - 64),
]);

export const claimLineSchema = z.object({
  code: z.string().trim().toUpperCase().min(1),
  modifiers: z
    .array(z.string().trim().toUpperCase())
    .max(4, 'a line carries at most 4 modifiers')
    .default([]),
  units: z.number().default(1),
  chargeCents: z.number().int('charges are integer cents'),
  pointers: z.array(pointer).default([]),
  /** Date of service (from); defaults to the claim's. */
  dateOfService: isoDate.optional(),
  /** Place of service code (2 digits); defaults to the claim's. */
  placeOfService: z.string().trim().optional(),
  /** Rendering provider NPI: PTP and MUE edits compare lines of the same provider only. */
  renderingNpi: z.string().trim().optional(),
});

export const claimSchema = z.object({
  id: z.string().optional(),
  /** Which NCCI/MUE tables apply: practitioner (837P), outpatient hospital (837I), DME supplier. */
  setting: z.enum(['practitioner', 'outpatient', 'dme']).default('practitioner'),
  patient: z.object({
    birthDate: isoDate,
    sex: z.enum(['F', 'M', 'U']),
  }),
  /** Claim-level date of service, used by lines without their own. */
  dateOfService: isoDate.optional(),
  placeOfService: z.string().trim().optional(),
  /** When the claim is (to be) submitted; defaults to today. Drives the timely-filing edit. */
  submissionDate: isoDate.optional(),
  payer: z
    .object({
      id: z.string().optional(),
      name: z.string().optional(),
      /** Days from date of service the payer accepts claims (Medicare: 365). */
      timelyFilingDays: z.number().int().positive().optional(),
    })
    .default({}),
  diagnoses: z
    .array(z.string().trim().toUpperCase())
    .max(12, 'a professional claim carries at most 12 diagnoses'),
  lines: z.array(claimLineSchema).min(1, 'a claim needs at least one service line').max(50),
});

export type ClaimInput = z.input<typeof claimSchema>;
export type Claim = z.output<typeof claimSchema>;
export type ClaimLine = z.output<typeof claimLineSchema>;

/** A claim line with its defaults resolved and its 1-based position. */
export interface ResolvedLine extends ClaimLine {
  line: number;
  dateOfService: string;
  placeOfService: string | undefined;
}

/** Raised when a claim does not match the input schema; `path` names the field. */
export class ClaimInputError extends Error {
  override name = 'ClaimInputError';
  constructor(
    readonly source: string,
    readonly issues: ReadonlyArray<{ path: string; message: string }>,
  ) {
    super(`${source}: invalid claim: ${issues.map((i) => `${i.path || '(root)'}: ${i.message}`).join('; ')}`);
  }
}

/** Validates plain JSON into a Claim, or throws ClaimInputError naming each bad field. */
export function parseClaim(input: unknown, source = 'claim'): Claim {
  const result = claimSchema.safeParse(input);
  if (!result.success) {
    throw new ClaimInputError(
      source,
      result.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
    );
  }
  const claim = result.data;
  const missingDate = claim.lines.findIndex((l) => !l.dateOfService && !claim.dateOfService);
  if (missingDate >= 0) {
    throw new ClaimInputError(source, [
      { path: `lines.${missingDate}.dateOfService`, message: 'no date of service on the line or the claim' },
    ]);
  }
  return claim;
}

/** Lines with the claim-level date and place of service filled in, numbered from 1. */
export function resolveLines(claim: Claim): ResolvedLine[] {
  // An institutional claim (outpatient hospital, UB-04 / 837I) has no line-level diagnosis
  // pointers: its diagnoses apply to the whole claim, so each line stands for all of them.
  const all = claim.diagnoses.map((_, i) => i + 1);
  const institutional = claim.setting === 'outpatient';
  return claim.lines.map((l, i) => ({
    ...l,
    pointers: institutional && l.pointers.length === 0 ? all : l.pointers,
    line: i + 1,
    dateOfService: (l.dateOfService ?? claim.dateOfService)!,
    placeOfService: l.placeOfService ?? claim.placeOfService,
  }));
}

/** Whole years between birth and a date (the age coders and the MCE use). */
export function ageOn(birthDate: string, date: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

/** Days from one ISO date to another (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}
