import type { Claim, ServiceLine } from './model.js';
import {
  assertPrintable,
  box as b,
  ClaimFormError,
  checkField,
  type FormBox,
  type FormCheckbox,
  type FormField,
  type FormLayout,
  type FormRule,
  mmddyySpaced as mmddyy,
  mmddyyyySpaced as mmddyyyy,
  moneyFields,
  personName as name,
  providerName,
} from './paper-form.js';

/**
 * The CMS-1500 (02/12) as a placement model: which text goes into which box, where, on the
 * 85 × 66 character grid of paper-form.ts, as OCR vendors and the NUCC 1500 instruction manual
 * (boxes 1–33) lay them out. Check boxes carry their option labels and are marked with an "X"
 * from the claim; amounts go into separate dollars and cents areas. The model is pure and
 * testable; cms1500-pdf.ts only draws it.
 */

export type { FormBox, FormField } from './paper-form.js';

/** A claim that cannot go on a CMS-1500 (an institutional claim belongs on a UB-04). */
export class Cms1500Error extends ClaimFormError {
  override name = 'Cms1500Error';
}

/** Service lines per form; more lines continue on further pages (NUCC: totals on the last page). */
export const LINES_PER_FORM = 6;

/** The boxes drawn on every page. Lines are the grid line of the box's top edge. */
export const FORM_BOXES: readonly FormBox[] = [
  b('carrier', 'CARRIER (PAYER NAME AND ADDRESS)', 1, 50, 36, 5),
  b('1', '1. INSURANCE PROGRAM (check one)', 7, 1, 49),
  b('1a', "1a. INSURED'S I.D. NUMBER", 7, 50, 36),
  b('2', "2. PATIENT'S NAME (Last, First, MI)", 9, 1, 29),
  b('3', "3. PATIENT'S BIRTH DATE / SEX", 9, 30, 20),
  b('4', "4. INSURED'S NAME (Last, First, MI)", 9, 50, 36),
  b('5', "5. PATIENT'S ADDRESS (No., Street)", 11, 1, 29, 6),
  b('6', '6. PATIENT RELATIONSHIP TO INSURED', 11, 30, 20),
  b('7', "7. INSURED'S ADDRESS (No., Street)", 11, 50, 36, 6),
  b('8', '8. RESERVED FOR NUCC USE', 13, 30, 20, 4),
  b('9', "9. OTHER INSURED'S NAME", 17, 1, 29),
  b('10', "10. IS PATIENT'S CONDITION RELATED TO:", 17, 30, 20),
  b('11', "11. INSURED'S POLICY GROUP OR FECA NUMBER", 17, 50, 36),
  b('9a', "a. OTHER INSURED'S POLICY OR GROUP NUMBER", 19, 1, 29),
  b('10a', 'a. EMPLOYMENT? (Current or Previous)', 19, 30, 20),
  b('11a', "a. INSURED'S DATE OF BIRTH / SEX", 19, 50, 36),
  b('9b', 'b. RESERVED FOR NUCC USE', 21, 1, 29),
  b('10b', 'b. AUTO ACCIDENT?', 21, 30, 20),
  b('11b', 'b. OTHER CLAIM ID', 21, 50, 36),
  b('9c', 'c. RESERVED FOR NUCC USE', 23, 1, 29),
  b('10c', 'c. OTHER ACCIDENT?', 23, 30, 20),
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
  b('25', '25. FEDERAL TAX I.D. NUMBER', 57, 1, 22),
  b('26', "26. PATIENT'S ACCOUNT NO.", 57, 23, 14),
  b('27', '27. ACCEPT ASSIGNMENT?', 57, 37, 13),
  b('28', '28. TOTAL CHARGE', 57, 50, 12),
  b('29', '29. AMOUNT PAID', 57, 62, 12),
  b('30', '30. Rsvd for NUCC Use', 57, 74, 12),
  b('31', '31. SIGNATURE OF PHYSICIAN OR SUPPLIER', 59, 1, 22, 7),
  b('32', '32. SERVICE FACILITY LOCATION INFORMATION', 59, 23, 27, 7),
  b('33', '33. BILLING PROVIDER INFO & PH #', 59, 50, 36, 7),
];

const c = (boxId: string, option: string, line: number, col: number, labelWidth: number): FormCheckbox => ({
  box: boxId,
  option,
  line,
  col,
  labelWidth,
});

/** The check boxes and their option labels, as on the 02/12 form. */
export const FORM_CHECKBOXES: readonly FormCheckbox[] = [
  c('1', 'MEDICARE', 8, 2, 6),
  c('1', 'MEDICAID', 8, 9, 6),
  c('1', 'TRICARE', 8, 16, 6),
  c('1', 'CHAMPVA', 8, 23, 6),
  c('1', 'GROUP HEALTH PLAN', 8, 30, 8),
  c('1', 'FECA BLK LUNG', 8, 39, 6),
  c('1', 'OTHER', 8, 46, 3),
  c('3', 'M', 10, 43, 2),
  c('3', 'F', 10, 46, 2),
  c('6', 'Self', 12, 31, 3),
  c('6', 'Spouse', 12, 35, 4),
  c('6', 'Child', 12, 40, 3),
  c('6', 'Other', 12, 44, 4),
  ...['10a', '10b', '10c'].flatMap((id, i) => [
    c(id, 'YES', 20 + 2 * i, 33, 3),
    c(id, 'NO', 20 + 2 * i, 40, 3),
  ]),
  c('11a', 'M', 20, 70, 2),
  c('11a', 'F', 20, 76, 2),
  c('11d', 'YES', 26, 52, 3),
  c('11d', 'NO', 26, 58, 3),
  c('25', 'SSN', 58, 14, 3),
  c('25', 'EIN', 58, 18, 3),
  c('27', 'YES', 58, 38, 3),
  c('27', 'NO', 58, 43, 3),
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
  /** 24F: dollars end here; the next column holds the dollars/cents rule, cents the two after. */
  dollars: 55,
  units: 60,
  qual: 66,
  npi: 69,
};
/** Where the dollar areas of boxes 28 and 29 end. */
const DOLLARS_28 = 58;
const DOLLARS_29 = 70;

/** The dashed dollars/cents rule, through the middle of the column after the dollars. */
const moneyRule = (dollarsEnd: number, fromLine: number, toLine: number): FormRule => ({
  col: dollarsEnd + 1.5,
  fromLine,
  toLine,
  dashed: true,
});

export const CMS1500_LAYOUT: FormLayout = {
  title: {
    text: 'HEALTH INSURANCE CLAIM FORM',
    subtitle: 'APPROVED BY NATIONAL UNIFORM CLAIM COMMITTEE (NUCC) 02/12',
    line: 4,
    col: 2,
  },
  boxes: FORM_BOXES,
  checkboxes: FORM_CHECKBOXES,
  captions: [
    { line: 21, col: 44, text: 'PLACE (State)' },
    { line: 26, col: 63, text: 'If yes, complete items 9, 9a, and 9d.' },
    { line: 58, col: 51, text: '$' },
    { line: 58, col: 63, text: '$' },
  ],
  rules: [
    // Box 24's columns, then the dollars/cents rules of 24F, 28 and 29.
    ...[10, 19, 22, 25, 32, 35, 38, 41, 44, 50, 59, 63, 66, 68].map((col) => ({
      col,
      fromLine: 44,
      toLine: 55,
    })),
    moneyRule(COL24.dollars, 44, 55),
    moneyRule(DOLLARS_28, 58, 58),
    moneyRule(DOLLARS_29, 58, 58),
  ],
  shadedLines: Array.from({ length: LINES_PER_FORM }, (_, row) => 44 + row * 2),
  rowNumbers: Array.from({ length: LINES_PER_FORM }, (_, row) => [45 + row * 2, String(row + 1)] as const),
};

const mark = (boxId: string, option: string) => checkField(FORM_CHECKBOXES, boxId, option);

/** Box 1 program by SBR09 claim filing indicator (NUCC: the type of health insurance coverage). */
function program(filing: string): string {
  if (filing === 'MB' || filing === 'MA') return 'MEDICARE';
  if (filing === 'MC') return 'MEDICAID';
  if (filing === 'CH') return 'TRICARE';
  if (filing === 'VA') return 'CHAMPVA';
  if (filing === 'FI') return 'FECA BLK LUNG';
  // Commercial, Blue Cross/Blue Shield, HMO and the Medicare-secondary employer plans (12-16).
  if (['CI', 'BL', 'HM', '12', '13', '14', '15', '16'].includes(filing)) return 'GROUP HEALTH PLAN';
  return 'OTHER'; // auto, liability, workers' compensation, other federal or non-federal programs
}

/** Box 6 by the 837 individual relationship code (no separate patient = self). */
function relationship(code: string | undefined): string {
  if (!code || code === '18') return 'Self';
  if (code === '01') return 'Spouse';
  if (code === '19') return 'Child';
  return 'Other';
}

const sexMark = (boxId: string, sex: string | undefined): FormField[] =>
  sex === 'M' || sex === 'F' ? [mark(boxId, sex)] : [];

function addressFields(boxId: string, col: number, a: Claim['subscriber']['address']): FormField[] {
  if (!a) return [];
  return [
    { box: boxId, line: 12, col, text: [a.line1, a.line2].filter(Boolean).join(' ') },
    { box: boxId, line: 14, col, text: a.city },
    { box: boxId, line: 14, col: col + 24, text: a.state },
    { box: boxId, line: 16, col, text: a.zip },
  ];
}

function lineFields(claim: Claim, line: ServiceLine, row: number): FormField[] {
  const y = 45 + row * 2;
  const f = (col: number, text: string): FormField => ({ box: '24', line: y, col, text });
  const out = [
    f(COL24.from, mmddyy(line.serviceDate)),
    f(COL24.to, mmddyy(line.serviceDateTo ?? line.serviceDate)),
    f(COL24.pos, line.placeOfService ?? claim.placeOfService),
    f(COL24.code, line.procedureCode),
    ...line.modifiers.map((m, i) => f(COL24.mods[i]!, m)),
    f(COL24.ptr, line.diagnosisPointers.map((p) => 'ABCDEFGHIJKL'[p - 1]).join('')),
    ...moneyFields(
      '24',
      y,
      COL24.dollars,
      line.chargeCents,
      `claim ${claim.patientControlNumber} line ${line.procedureCode} charge`,
    ),
    f(COL24.units, String(line.units)),
  ];
  const rendering = claim.renderingProvider;
  if (rendering) out.push(f(COL24.npi, rendering.npi));
  // The shaded supplemental line above carries the rendering taxonomy: qualifier ZZ in 24I, the code in 24J.
  if (rendering?.taxonomy) {
    out.push({ box: '24', line: y - 1, col: COL24.qual, text: 'ZZ' });
    out.push({ box: '24', line: y - 1, col: COL24.npi, text: rendering.taxonomy });
  }
  return out;
}

/**
 * Everything printed on the form for one claim, page by page (6 service lines a page). Box 28
 * carries the total on the last page only; earlier pages say "CONTINUED" (NUCC 1500 manual).
 */
export function cms1500Pages(claim: Claim): FormField[][] {
  if (claim.type !== 'professional')
    throw new Cms1500Error(
      `claim ${claim.patientControlNumber} is institutional; the CMS-1500 is for professional claims (use the UB-04)`,
    );
  const s = claim.subscriber;
  const patient = claim.patient;
  const other = claim.otherPayers[0];
  const bp = claim.billingProvider;
  const common: FormField[] = [
    { box: 'carrier', line: 3, col: 51, text: claim.payer.name },
    { box: 'carrier', line: 4, col: 51, text: `PAYER ID ${claim.payer.id}` },
    mark('1', program(s.filingIndicator)),
    { box: '1a', line: 8, col: 51, text: s.memberId },
    { box: '2', line: 10, col: 2, text: name(patient ?? s) },
    { box: '4', line: 10, col: 51, text: name(s) },
    mark('6', relationship(patient?.relationship)),
    ...addressFields('5', 2, patient?.address ?? s.address),
    ...addressFields('7', 51, s.address),
  ];
  const birth = patient?.birthDate ?? s.birthDate;
  if (birth) common.push({ box: '3', line: 10, col: 31, text: mmddyyyy(birth) });
  common.push(...sexMark('3', patient?.sex ?? s.sex));
  if (s.groupNumber) common.push({ box: '11', line: 18, col: 51, text: s.groupNumber });
  if (s.birthDate) common.push({ box: '11a', line: 20, col: 53, text: mmddyyyy(s.birthDate) });
  common.push(...sexMark('11a', s.sex));
  common.push({ box: '11c', line: 24, col: 51, text: claim.payer.name });
  common.push(mark('11d', other ? 'YES' : 'NO'));
  if (other) {
    common.push({ box: '9', line: 18, col: 2, text: name(other.subscriber) });
    common.push({ box: '9a', line: 20, col: 2, text: other.subscriber.memberId });
    common.push({ box: '9d', line: 26, col: 2, text: other.payer.name });
  }
  // Box 10a-c from CLM11's related causes; NUCC wants YES or NO checked in each.
  const causes = claim.relatedCauses ?? [];
  for (const [id, cause] of [
    ['10a', 'EM'],
    ['10b', 'AA'],
    ['10c', 'OA'],
  ] as const)
    common.push(mark(id, causes.includes(cause) ? 'YES' : 'NO'));
  if (claim.autoAccidentState) common.push({ box: '10b', line: 22, col: 46, text: claim.autoAccidentState });
  if (claim.releaseOfInformation === 'Y')
    common.push({ box: '12', line: 30, col: 7, text: 'SIGNATURE ON FILE' });
  if (claim.benefitsAssigned) common.push({ box: '13', line: 30, col: 56, text: 'SIGNATURE ON FILE' });
  const ref = claim.referringProvider;
  if (ref) {
    common.push({ box: '17', line: 34, col: 2, text: `DN ${providerName(ref)}` });
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
  common.push(mark('25', bp.taxIdType === 'SY' ? 'SSN' : 'EIN'));
  common.push({ box: '26', line: 58, col: 24, text: claim.patientControlNumber });
  // CLM07 A (assigned) and B (lab services only) both accept assignment; C does not.
  common.push(mark('27', claim.assignment === 'C' ? 'NO' : 'YES'));
  const paid = claim.otherPayers.reduce((a, o) => a + (o.paidCents ?? 0), 0);
  const signer = claim.renderingProvider ?? bp;
  common.push({ box: '31', line: 62, col: 2, text: providerName(signer) });
  common.push({ box: '31', line: 63, col: 2, text: 'SIGNATURE ON FILE' });
  common.push({ box: '33', line: 61, col: 51, text: providerName(bp) });
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
      page.push(
        ...moneyFields(
          '28',
          58,
          DOLLARS_28,
          claim.totalChargeCents,
          `claim ${claim.patientControlNumber} total charge`,
        ),
      );
      if (paid)
        page.push(
          ...moneyFields('29', 58, DOLLARS_29, paid, `claim ${claim.patientControlNumber} amount paid`),
        );
    } else page.push({ box: '28', line: 58, col: 52, text: 'CONTINUED' });
    pages.push(page);
  }
  assertPrintable(pages, claim.patientControlNumber, 'box');
  return pages;
}
