import type { Claim, ServiceLine } from './model.js';

/**
 * The CMS-1500 (02/12) as a placement model: which text goes into which box, where. The form is
 * built for 10 characters per inch and 6 lines per inch, so a US Letter page is an 85 × 66
 * character grid (612 × 792 pt); boxes and data are placed by (line, column) on that grid as
 * OCR vendors and the NUCC 1500 instruction manual (boxes 1–33) lay them out. The model is pure
 * and testable; cms1500-pdf.ts only draws it.
 */

/** One box of the form: its number, printed label, and the grid rectangle it occupies. */
export interface FormBox {
  box: string;
  label: string;
  line: number;
  col: number;
  /** Width in columns and height in lines. */
  width: number;
  height: number;
}

/** One value written onto the form (data is printed on `line` at `col`). */
export interface FormField {
  box: string;
  line: number;
  col: number;
  text: string;
  /** Right-align the text so it ends at `col` (amounts). */
  alignRight?: boolean;
}

/** A claim that cannot go on a CMS-1500 (an institutional claim belongs on a UB-04). */
export class Cms1500Error extends Error {
  override name = 'Cms1500Error';
}

/** Service lines per form; more lines continue on further pages (NUCC: totals on the last page). */
export const LINES_PER_FORM = 6;

const b = (box: string, label: string, line: number, col: number, width: number, height = 2): FormBox => ({
  box,
  label,
  line,
  col,
  width,
  height,
});

/** The boxes drawn on every page. Lines are the grid line of the box's top edge. */
export const FORM_BOXES: readonly FormBox[] = [
  b('carrier', 'CARRIER (PAYER NAME AND ADDRESS)', 1, 50, 36, 5),
  b('1', 'MEDICARE MEDICAID TRICARE CHAMPVA GROUP HEALTH PLAN FECA OTHER', 7, 1, 49),
  b('1a', "1a. INSURED'S I.D. NUMBER", 7, 50, 36),
  b('2', "2. PATIENT'S NAME (Last, First, MI)", 9, 1, 29),
  b('3', "3. PATIENT'S BIRTH DATE / SEX", 9, 30, 20),
  b('4', "4. INSURED'S NAME (Last, First, MI)", 9, 50, 36),
  b('5', "5. PATIENT'S ADDRESS (No., Street)", 11, 1, 29, 6),
  b('6', '6. PATIENT RELATIONSHIP TO INSURED', 11, 30, 20),
  b('7', "7. INSURED'S ADDRESS (No., Street)", 11, 50, 36, 6),
  b('8', '8. RESERVED FOR NUCC USE', 13, 30, 20, 4),
  b('9', "9. OTHER INSURED'S NAME", 17, 1, 29),
  b('10', "10. IS PATIENT'S CONDITION RELATED TO:", 17, 30, 20, 8),
  b('11', "11. INSURED'S POLICY GROUP OR FECA NUMBER", 17, 50, 36),
  b('9a', "a. OTHER INSURED'S POLICY OR GROUP NUMBER", 19, 1, 29),
  b('11a', "a. INSURED'S DATE OF BIRTH / SEX", 19, 50, 36),
  b('9b', 'b. RESERVED FOR NUCC USE', 21, 1, 29),
  b('11b', 'b. OTHER CLAIM ID', 21, 50, 36),
  b('9c', 'c. RESERVED FOR NUCC USE', 23, 1, 29),
  b('11c', 'c. INSURANCE PLAN NAME OR PROGRAM NAME', 23, 50, 36),
  b('9d', 'd. INSURANCE PLAN NAME OR PROGRAM NAME', 25, 1, 29),
  b('10d', '10d. CLAIM CODES', 25, 30, 20),
  b('11d', 'd. IS THERE ANOTHER HEALTH BENEFIT PLAN?', 25, 50, 36),
  b('12', "12. PATIENT'S OR AUTHORIZED PERSON'S SIGNATURE", 27, 1, 49, 4),
  b('13', "13. INSURED'S OR AUTHORIZED PERSON'S SIGNATURE", 27, 50, 36, 4),
  b('14', '14. DATE OF CURRENT ILLNESS, INJURY, OR PREGNANCY', 31, 1, 29),
  b('15', '15. OTHER DATE', 31, 30, 20),
  b('16', '16. DATES PATIENT UNABLE TO WORK', 31, 50, 36),
  b('17', '17. NAME OF REFERRING PROVIDER OR OTHER SOURCE', 33, 1, 29),
  b('17b', '17a. / 17b. NPI', 33, 30, 20),
  b('18', '18. HOSPITALIZATION DATES RELATED TO CURRENT SERVICES', 33, 50, 36),
  b('19', '19. ADDITIONAL CLAIM INFORMATION', 35, 1, 49),
  b('20', '20. OUTSIDE LAB? / $ CHARGES', 35, 50, 36),
  b('21', '21. DIAGNOSIS OR NATURE OF ILLNESS OR INJURY (relate A-L to 24E)   ICD Ind.', 37, 1, 49, 6),
  b('22', '22. RESUBMISSION CODE / ORIGINAL REF. NO.', 37, 50, 36),
  b('23', '23. PRIOR AUTHORIZATION NUMBER', 39, 50, 36, 4),
  b(
    '24',
    '24. A. DATE(S) OF SERVICE  B. POS  C. EMG  D. CPT/HCPCS  MODIFIER  E. DX PTR  F. $ CHARGES  G. UNITS  H.  I. ID QUAL  J. RENDERING PROVIDER ID #',
    43,
    1,
    85,
    14,
  ),
  b('25', '25. FEDERAL TAX I.D. NUMBER   SSN EIN', 57, 1, 22),
  b('26', "26. PATIENT'S ACCOUNT NO.", 57, 23, 14),
  b('27', '27. ACCEPT ASSIGNMENT?', 57, 37, 13),
  b('28', '28. TOTAL CHARGE', 57, 50, 12),
  b('29', '29. AMOUNT PAID', 57, 62, 12),
  b('30', '30. Rsvd for NUCC Use', 57, 74, 12),
  b('31', '31. SIGNATURE OF PHYSICIAN OR SUPPLIER', 59, 1, 22, 7),
  b('32', '32. SERVICE FACILITY LOCATION INFORMATION', 59, 23, 27, 7),
  b('33', '33. BILLING PROVIDER INFO & PH #', 59, 50, 36, 7),
];

/** Data columns of box 24 (NUCC: 24A from/to MM DD YY, B, C, D code + 4 modifiers, E, F, G, I, J). */
const COL24 = {
  from: 2,
  to: 11,
  pos: 20,
  emg: 23,
  code: 26,
  mods: [33, 36, 39, 42],
  ptr: 45,
  dollars: 56,
  cents: 57,
  units: 60,
  qual: 66,
  npi: 68,
};

const mmddyy = (iso: string) => `${iso.slice(5, 7)} ${iso.slice(8, 10)} ${iso.slice(2, 4)}`;
const mmddyyyy = (iso: string) => `${iso.slice(5, 7)} ${iso.slice(8, 10)} ${iso.slice(0, 4)}`;
const name = (p: { lastName: string; firstName?: string | undefined; middleName?: string | undefined }) =>
  [p.lastName, p.firstName, p.middleName?.[0]].filter(Boolean).join(', ');
const dollars = (cents: number) => String(Math.trunc(cents / 100));
const centsPart = (cents: number) => String(Math.abs(cents) % 100).padStart(2, '0');

/** Box 1 check-box column by SBR09 claim filing indicator. */
function programColumn(filing: string): number {
  if (filing === 'MB' || filing === 'MA') return 2;
  if (filing === 'MC') return 9;
  if (filing === 'CH') return 16;
  if (filing === 'VA') return 24;
  if (filing === 'FI') return 40;
  if (filing === 'ZZ' || filing === '11' || filing === 'OF') return 46;
  return 32; // group health plan (commercial, BCBS, HMO ...)
}

/** Box 6 check-box column: self, spouse, child, other. */
function relationshipColumn(relationship: string | undefined): number {
  if (!relationship || relationship === '18') return 33;
  if (relationship === '01') return 38;
  if (relationship === '19') return 42;
  return 47;
}

function addressFields(box: string, col: number, a: Claim['subscriber']['address']): FormField[] {
  if (!a) return [];
  return [
    { box, line: 12, col, text: [a.line1, a.line2].filter(Boolean).join(' ') },
    { box, line: 14, col, text: a.city },
    { box, line: 14, col: col + 24, text: a.state },
    { box, line: 16, col, text: a.zip },
  ];
}

function lineFields(claim: Claim, line: ServiceLine, row: number): FormField[] {
  const y = 45 + row * 2;
  const f = (col: number, text: string, alignRight = false): FormField => ({
    box: '24',
    line: y,
    col,
    text,
    ...(alignRight ? { alignRight } : {}),
  });
  const out = [
    f(COL24.from, mmddyy(line.serviceDate)),
    f(COL24.to, mmddyy(line.serviceDateTo ?? line.serviceDate)),
    f(COL24.pos, line.placeOfService ?? claim.placeOfService),
    f(COL24.code, line.procedureCode),
    ...line.modifiers.map((m, i) => f(COL24.mods[i]!, m)),
    f(COL24.ptr, line.diagnosisPointers.map((p) => 'ABCDEFGHIJKL'[p - 1]).join('')),
    f(COL24.dollars, dollars(line.chargeCents), true),
    f(COL24.cents, centsPart(line.chargeCents)),
    f(COL24.units, String(line.units)),
  ];
  const rendering = claim.renderingProvider;
  if (rendering) out.push(f(COL24.npi, rendering.npi));
  // The shaded supplemental line above carries the rendering taxonomy (qualifier ZZ).
  if (rendering?.taxonomy)
    out.push({ box: '24', line: y - 1, col: COL24.qual, text: `ZZ${rendering.taxonomy}` });
  return out;
}

/**
 * Everything printed on the form for one claim, page by page (6 service lines a page). Box 28
 * carries the total on the last page only; earlier pages say "CONTINUED" (NUCC 1500 manual).
 */
export function cms1500Pages(claim: Claim): FormField[][] {
  if (claim.type !== 'professional')
    throw new Cms1500Error(
      `claim ${claim.patientControlNumber} is institutional; the CMS-1500 is for professional claims`,
    );
  const s = claim.subscriber;
  const patient = claim.patient;
  const other = claim.otherPayers[0];
  const bp = claim.billingProvider;
  const common: FormField[] = [
    { box: 'carrier', line: 3, col: 51, text: claim.payer.name },
    { box: 'carrier', line: 4, col: 51, text: `PAYER ID ${claim.payer.id}` },
    { box: '1', line: 8, col: programColumn(s.filingIndicator), text: 'X' },
    { box: '1a', line: 8, col: 51, text: s.memberId },
    { box: '2', line: 10, col: 2, text: name(patient ?? s) },
    { box: '4', line: 10, col: 51, text: name(s) },
    { box: '6', line: 12, col: relationshipColumn(patient?.relationship), text: 'X' },
    ...addressFields('5', 2, patient?.address ?? s.address),
    ...addressFields('7', 51, s.address),
  ];
  const birth = patient?.birthDate ?? s.birthDate;
  const sex = patient?.sex ?? s.sex;
  if (birth) common.push({ box: '3', line: 10, col: 31, text: mmddyyyy(birth) });
  if (sex === 'M' || sex === 'F') common.push({ box: '3', line: 10, col: sex === 'M' ? 44 : 48, text: 'X' });
  if (s.groupNumber) common.push({ box: '11', line: 18, col: 51, text: s.groupNumber });
  if (s.birthDate) common.push({ box: '11a', line: 20, col: 53, text: mmddyyyy(s.birthDate) });
  if (s.sex === 'M' || s.sex === 'F')
    common.push({ box: '11a', line: 20, col: s.sex === 'M' ? 72 : 79, text: 'X' });
  common.push({ box: '11c', line: 24, col: 51, text: claim.payer.name });
  common.push({ box: '11d', line: 26, col: other ? 52 : 57, text: 'X' });
  if (other) {
    common.push({ box: '9', line: 18, col: 2, text: name(other.subscriber) });
    common.push({ box: '9a', line: 20, col: 2, text: other.subscriber.memberId });
    common.push({ box: '9d', line: 26, col: 2, text: other.payer.name });
  }
  // Box 10 a-c: condition related to employment / auto / other accident — the model has none.
  for (const line of [20, 22, 24]) common.push({ box: '10', line, col: 41, text: 'X' });
  if (claim.releaseOfInformation === 'Y')
    common.push({ box: '12', line: 30, col: 7, text: 'SIGNATURE ON FILE' });
  if (claim.benefitsAssigned) common.push({ box: '13', line: 30, col: 56, text: 'SIGNATURE ON FILE' });
  const ref = claim.referringProvider;
  if (ref) {
    common.push({
      box: '17',
      line: 34,
      col: 2,
      text: `DN ${name({ lastName: ref.lastName ?? ref.organizationName ?? '', firstName: ref.firstName })}`,
    });
    common.push({ box: '17b', line: 34, col: 34, text: ref.npi });
  }
  common.push({ box: '21', line: 38, col: 47, text: '0' }); // ICD indicator 0 = ICD-10-CM
  claim.diagnoses.forEach((code, i) => {
    common.push({
      box: '21',
      line: 39 + Math.floor(i / 4),
      col: 2 + (i % 4) * 12,
      text: `${'ABCDEFGHIJKL'[i]}. ${code}`,
    });
  });
  if (claim.frequency !== '1') {
    common.push({ box: '22', line: 38, col: 51, text: claim.frequency });
    if (claim.payerClaimNumber) common.push({ box: '22', line: 38, col: 63, text: claim.payerClaimNumber });
  }
  if (claim.priorAuthorization) common.push({ box: '23', line: 41, col: 51, text: claim.priorAuthorization });
  common.push({ box: '25', line: 58, col: 2, text: bp.taxId });
  common.push({ box: '25', line: 58, col: bp.taxIdType === 'SY' ? 18 : 21, text: 'X' });
  common.push({ box: '26', line: 58, col: 24, text: claim.patientControlNumber });
  common.push({ box: '27', line: 58, col: claim.assignment === 'C' ? 44 : 38, text: 'X' });
  const paid = claim.otherPayers.reduce((a, o) => a + (o.paidCents ?? 0), 0);
  const signer = claim.renderingProvider ?? bp;
  common.push({
    box: '31',
    line: 62,
    col: 2,
    text: signer.organizationName ?? name({ lastName: signer.lastName ?? '', firstName: signer.firstName }),
  });
  common.push({ box: '31', line: 63, col: 2, text: 'SIGNATURE ON FILE' });
  common.push({
    box: '33',
    line: 61,
    col: 51,
    text: bp.organizationName ?? name({ lastName: bp.lastName ?? '', firstName: bp.firstName }),
  });
  common.push({
    box: '33',
    line: 62,
    col: 51,
    text: [bp.address.line1, bp.address.line2].filter(Boolean).join(' '),
  });
  common.push({
    box: '33',
    line: 63,
    col: 51,
    text: `${bp.address.city} ${bp.address.state} ${bp.address.zip}`,
  });
  common.push({ box: '33', line: 65, col: 51, text: `a. ${bp.npi}` });
  if (bp.taxonomy) common.push({ box: '33', line: 65, col: 66, text: `b. ZZ${bp.taxonomy}` });
  const pages: FormField[][] = [];
  for (let start = 0; start < claim.lines.length; start += LINES_PER_FORM) {
    const lines = claim.lines.slice(start, start + LINES_PER_FORM);
    const last = start + LINES_PER_FORM >= claim.lines.length;
    const page = [...common, ...lines.flatMap((l, row) => lineFields(claim, l, row))];
    if (last) {
      page.push({ box: '28', line: 58, col: 58, text: dollars(claim.totalChargeCents), alignRight: true });
      page.push({ box: '28', line: 58, col: 59, text: centsPart(claim.totalChargeCents) });
      if (paid) {
        page.push({ box: '29', line: 58, col: 70, text: dollars(paid), alignRight: true });
        page.push({ box: '29', line: 58, col: 71, text: centsPart(paid) });
      }
    } else page.push({ box: '28', line: 58, col: 51, text: 'CONTINUED' });
    pages.push(page);
  }
  return pages;
}
