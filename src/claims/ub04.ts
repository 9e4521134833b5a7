import type { Claim, ServiceLine } from './model.js';
import {
  assertPrintable,
  box as b,
  ClaimFormError,
  type FormBox,
  type FormCaption,
  type FormField,
  type FormLayout,
  type FormRule,
  mmddyy,
  mmddyyyy,
  moneyFields,
  personName,
  providerName,
} from './paper-form.js';

/**
 * The UB-04 (CMS-1450) as a placement model for institutional claims: the form locators (FL) a
 * payer reads, in the NUBC order and arrangement, on the 85 × 66 character grid of
 * paper-form.ts: provider and bill (FL 1–7), patient and admission (8–17), 22 revenue-code
 * lines with their totals (42–49), payers and insureds (50–62), authorizations (63–64),
 * diagnoses with present-on-admission indicators (66–69), procedures (74) and the attending
 * provider (76). FL 43 (description) stays empty: CPT descriptions are not ours to print. Pure
 * and testable; ub04-pdf.ts draws it.
 */

/** A claim that cannot go on a UB-04 (a professional claim belongs on a CMS-1500). */
export class Ub04Error extends ClaimFormError {
  override name = 'Ub04Error';
}

/** Service lines per form (lines 1–22); line 23 carries page numbers and totals. */
export const UB04_LINES_PER_FORM = 22;
/** FL 50 A–C: the form holds three payers. */
const PAYER_ROWS = 3;

const FIRST_LINE = 20; // grid line of service line 1
const TOTALS_LINE = FIRST_LINE + UB04_LINES_PER_FORM; // service line 23

/** FL 67 and 67A–Q: nine cells of 9 columns a row (code, POA indicator, gap), two rows. */
const DX_CELL = 9;
const DX_COL = 3;
const DX_ROWS = [56, 58] as const;
/** FL 74 and 74a–e: three cells of 16 columns a row (ICD-10-PCS code, date), two rows. */
const PX_CELL = 16;

/** Data columns of the service lines (FL 42–49). */
const COL = {
  rev: 3,
  hcpcs: 30,
  date: 45,
  units: 56,
  /** FL 47: dollars end here; the rule takes the next column, cents the two after. */
  charges: 65,
  nonCovered: 76,
};

export const UB04_BOXES: readonly FormBox[] = [
  b('1', '1', 1, 1, 25, 6),
  b('2', '2 PAY-TO NAME AND ADDRESS', 1, 26, 25, 6),
  b('3a', '3a PAT. CNTL #', 1, 51, 24),
  b('3b', 'b. MED. REC. #', 3, 51, 24),
  b('4', '4 TYPE OF BILL', 1, 75, 11, 4),
  b('5', '5 FED. TAX NO.', 5, 51, 12),
  b('6', '6 STATEMENT COVERS PERIOD   FROM / THROUGH', 5, 63, 16),
  b('7', '7', 5, 79, 7),
  b('8', '8 PATIENT NAME', 7, 1, 30, 3),
  b('9', '9 PATIENT ADDRESS', 7, 31, 55, 3),
  b('10', '10 BIRTHDATE', 10, 1, 10),
  b('11', '11 SEX', 10, 11, 4),
  b('12', '12 ADMISSION DATE', 10, 15, 8),
  b('13', '13 HR', 10, 23, 3),
  b('14', '14 TYPE', 10, 26, 3),
  b('15', '15 SRC', 10, 29, 3),
  b('16', '16 DHR', 10, 32, 3),
  b('17', '17 STAT', 10, 35, 4),
  b('18', '18-28 CONDITION CODES', 10, 39, 33),
  b('29', '29 ACDT STATE', 10, 72, 6),
  b('30', '30', 10, 78, 8),
  ...[31, 32, 33, 34].map((n, i) => b(String(n), `${n} OCCURRENCE CODE / DATE`, 12, 1 + i * 9, 9, 3)),
  b('35', '35 OCCURRENCE SPAN CODE / FROM / THROUGH', 12, 37, 16, 3),
  b('36', '36 OCCURRENCE SPAN CODE / FROM / THROUGH', 12, 53, 16, 3),
  b('37', '37', 12, 69, 17, 3),
  b('38', '38 RESPONSIBLE PARTY NAME AND ADDRESS', 15, 1, 42, 4),
  b('39', '39 VALUE CODES CODE / AMOUNT', 15, 43, 14, 4),
  b('40', '40 VALUE CODES CODE / AMOUNT', 15, 57, 14, 4),
  b('41', '41 VALUE CODES CODE / AMOUNT', 15, 71, 15, 4),
  b('42', '42 REV. CD.', 19, 1, 6, 24),
  b('43', '43 DESCRIPTION', 19, 7, 22, 24),
  b('44', '44 HCPCS / RATE / HIPPS CODE', 19, 29, 15, 24),
  b('45', '45 SERV. DATE', 19, 44, 7, 24),
  b('46', '46 SERV. UNITS', 19, 51, 7, 24),
  b('47', '47 TOTAL CHARGES', 19, 58, 11, 24),
  b('48', '48 NON-COVERED CHARGES', 19, 69, 11, 24),
  b('49', '49', 19, 80, 6, 24),
  b('50', '50 PAYER NAME', 43, 1, 23, 4),
  b('51', '51 HEALTH PLAN ID', 43, 24, 15, 4),
  b('52', '52 REL. INFO', 43, 39, 4, 4),
  b('53', '53 ASG. BEN.', 43, 43, 4, 4),
  b('54', '54 PRIOR PAYMENTS', 43, 47, 12, 4),
  b('55', '55 EST. AMOUNT DUE', 43, 59, 12, 4),
  b('56', '56 NPI', 43, 71, 15),
  b('57', '57 OTHER PRV ID', 45, 71, 15),
  b('58', "58 INSURED'S NAME", 47, 1, 26, 4),
  b('59', '59 P. REL', 47, 27, 4, 4),
  b('60', "60 INSURED'S UNIQUE ID", 47, 31, 22, 4),
  b('61', '61 GROUP NAME', 47, 53, 14, 4),
  b('62', '62 INSURANCE GROUP NO.', 47, 67, 19, 4),
  b('63', '63 TREATMENT AUTHORIZATION CODES', 51, 1, 30, 4),
  b('64', '64 DOCUMENT CONTROL NUMBER', 51, 31, 26, 4),
  b('65', '65 EMPLOYER NAME', 51, 57, 29, 4),
  b('66', '66', 55, 1, 2, 4),
  b('67', '67 PRINCIPAL DX', 55, 3, 83, 4),
  b('69', '69 ADMIT DX', 59, 1, 12),
  b('70', '70 PATIENT REASON DX', 59, 13, 30),
  b('71', '71 PPS CODE', 59, 43, 8),
  b('72', '72 ECI', 59, 51, 30),
  b('73', '73', 59, 81, 5),
  b('74', '74 PRINCIPAL PROCEDURE CODE / DATE', 61, 1, PX_CELL),
  ...['a', 'b', 'c', 'd', 'e'].map((s, i) =>
    b(
      `74${s}`,
      `${s}. OTHER PROCEDURE CODE / DATE`,
      61 + 2 * Math.floor((i + 1) / 3),
      1 + ((i + 1) % 3) * PX_CELL,
      PX_CELL,
    ),
  ),
  b('75', '75', 61, 49, 4, 4),
  b('76', '76 ATTENDING', 61, 53, 33, 4),
  b('80', '80 REMARKS', 65, 1, 40),
  b('81', '81 CC', 65, 41, 20),
];

/** Where each procedure's data line starts: FL 74, then 74a-e. */
const PX_SLOTS = UB04_BOXES.filter((x) => /^74[a-e]?$/.test(x.box)).map((x) => ({
  box: x.box,
  line: x.line + 1,
  col: x.col,
}));

const DX_LETTERS = 'ABCDEFGHIJKLMNOPQ';
const dxCellCol = (slot: number) => DX_COL + (slot % 9) * DX_CELL;

const captions: FormCaption[] = [
  { line: 8, col: 1, text: 'a' },
  { line: 9, col: 1, text: 'b' },
  { line: 8, col: 31, text: 'a' },
  { line: 9, col: 31, text: 'b' },
  { line: 9, col: 64, text: 'c' },
  { line: 9, col: 69, text: 'd' },
  ...['A', 'B', 'C'].flatMap((row, i) => [
    { line: 44 + i, col: 1, text: row },
    { line: 48 + i, col: 1, text: row },
    { line: 52 + i, col: 1, text: row },
  ]),
  // FL 67A-Q: each cell's letter on the line above its code (the principal's cell is the box's own label).
  ...[...DX_LETTERS].map((letter, i) => ({
    line: DX_ROWS[Math.floor((i + 1) / 9)]! - 1,
    col: dxCellCol(i + 1),
    text: letter,
  })),
  { line: 62, col: 53, text: 'NPI' },
  { line: 63, col: 53, text: 'LAST' },
  { line: 64, col: 53, text: 'FIRST' },
  { line: 62, col: 72, text: 'QUAL' },
  { line: TOTALS_LINE, col: 7, text: 'PAGE' },
  { line: TOTALS_LINE, col: 13, text: 'OF' },
  { line: TOTALS_LINE, col: 18, text: 'CREATION DATE' },
  { line: TOTALS_LINE, col: 44, text: 'TOTALS' },
];

const dashed = (col: number, fromLine: number, toLine: number): FormRule => ({
  col,
  fromLine,
  toLine,
  dashed: true,
});

export const UB04_LAYOUT: FormLayout = {
  title: { text: 'UB-04 CMS-1450', subtitle: 'NUBC NATIONAL UNIFORM BILLING COMMITTEE', line: 65, col: 63 },
  boxes: UB04_BOXES,
  checkboxes: [],
  captions,
  rules: [
    // Dollars/cents rules (FL 47, 48, 54, 55), then the FL 67 cell dividers.
    dashed(COL.charges + 1.5, FIRST_LINE, TOTALS_LINE),
    dashed(COL.nonCovered + 1.5, FIRST_LINE, TOTALS_LINE),
    dashed(56.5, 44, 46),
    dashed(68.5, 44, 46),
    ...Array.from({ length: 8 }, (_, i) => ({ col: DX_COL + (i + 1) * DX_CELL, fromLine: 55, toLine: 58 })),
  ],
  shadedLines: Array.from({ length: UB04_LINES_PER_FORM / 2 }, (_, i) => FIRST_LINE + 1 + 2 * i),
  rowNumbers: Array.from(
    { length: UB04_LINES_PER_FORM + 1 },
    (_, i) => [FIRST_LINE + i, String(i + 1)] as const,
  ),
};

/** One payer row of FL 50–62: the payer billed now and the others, in payment order. */
interface PayerRow {
  name: string;
  id: string;
  responsibility: 'P' | 'S' | 'T';
  insured: string;
  relationship: string;
  memberId: string;
  groupNumber?: string | undefined;
  paidCents?: number | undefined;
  current: boolean;
}

function payerRows(claim: Claim): PayerRow[] {
  const s = claim.subscriber;
  const rows: PayerRow[] = [
    {
      name: claim.payer.name,
      id: claim.payer.id,
      responsibility: s.responsibility,
      insured: personName(s),
      relationship: claim.patient?.relationship ?? '18',
      memberId: s.memberId,
      groupNumber: s.groupNumber,
      current: true,
    },
    ...claim.otherPayers.map((o) => ({
      name: o.payer.name,
      id: o.payer.id,
      responsibility: o.responsibility,
      insured: personName(o.subscriber),
      relationship: o.relationship,
      memberId: o.subscriber.memberId,
      paidCents: o.paidCents,
      current: false,
    })),
  ];
  if (rows.length > PAYER_ROWS)
    throw new Ub04Error(
      `claim ${claim.patientControlNumber} has ${rows.length} payers; the UB-04 holds ${PAYER_ROWS} (FL 50 A-C)`,
    );
  const order = { P: 0, S: 1, T: 2 };
  return rows.sort((x, y) => order[x.responsibility] - order[y.responsibility]);
}

/**
 * A value cut to the columns its form locator has. The paper form is a fixed grid: a longer
 * name or number is printed as far as the box goes (the 837I carries it whole).
 */
const clip = (text: string, width: number) => text.slice(0, width);
const street = (a: { line1: string; line2?: string | undefined }) =>
  [a.line1, a.line2].filter(Boolean).join(' ');

/** FL 44: the HCPCS code and its modifiers, spaced when they fit in the 14 columns. */
function hcpcs(line: ServiceLine): string {
  const spaced = [line.procedureCode, ...line.modifiers].join(' ');
  return spaced.length <= 14 ? spaced : `${line.procedureCode} ${line.modifiers.join('')}`;
}

function lineFields(claim: Claim, line: ServiceLine, n: number, row: number): FormField[] {
  if (!line.revenueCode)
    throw new Ub04Error(
      `claim ${claim.patientControlNumber} line ${n} (${line.procedureCode}) has no revenue code for FL 42`,
    );
  const y = FIRST_LINE + row;
  return [
    { box: '42', line: y, col: COL.rev, text: line.revenueCode },
    { box: '44', line: y, col: COL.hcpcs, text: hcpcs(line) },
    { box: '45', line: y, col: COL.date, text: mmddyy(line.serviceDate) },
    { box: '46', line: y, col: COL.units, text: String(line.units), alignRight: true },
    ...moneyFields(
      '47',
      y,
      COL.charges,
      line.chargeCents,
      `claim ${claim.patientControlNumber} line ${n} charge`,
    ),
  ];
}

/** FL 74 (principal) and 74a-e: code and MMDDYY date in cells of three a row, two rows. */
function procedureFields(claim: Claim, procedures: readonly { code: string; date: string }[]): FormField[] {
  if (procedures.length > PX_SLOTS.length)
    throw new Ub04Error(
      `claim ${claim.patientControlNumber} has ${procedures.length} procedures; the UB-04 holds ${PX_SLOTS.length} (FL 74, 74a-e)`,
    );
  return procedures.flatMap((p, i) => {
    const slot = PX_SLOTS[i]!;
    return [
      { box: slot.box, line: slot.line, col: slot.col + 1, text: p.code },
      { box: slot.box, line: slot.line, col: slot.col + 9, text: mmddyy(p.date) },
    ];
  });
}

export interface Ub04Options {
  /** Line 23 creation date (ISO); left blank when not given. */
  createdOn?: string;
}

/**
 * Everything printed on the UB-04 for one claim, page by page (22 service lines a page). Every
 * page carries the header locators and "PAGE n OF m"; FL 47 line 23 totals the claim on the
 * last page only (NUBC).
 */
export function ub04Pages(claim: Claim, options: Ub04Options = {}): FormField[][] {
  const pcn = claim.patientControlNumber;
  if (claim.type !== 'institutional')
    throw new Ub04Error(
      `claim ${pcn} is professional; the UB-04 is for institutional claims (use the CMS-1500)`,
    );
  const inst = claim.institutional;
  if (!inst)
    throw new Ub04Error(`claim ${pcn} has no institutional data (type of bill, admission, statement period)`);
  const s = claim.subscriber;
  const patient = claim.patient;
  const bp = claim.billingProvider;
  const common: FormField[] = [
    { box: '1', line: 2, col: 2, text: clip(providerName(bp), 24) },
    { box: '1', line: 3, col: 2, text: clip(street(bp.address), 24) },
    { box: '1', line: 4, col: 2, text: clip(`${bp.address.city} ${bp.address.state} ${bp.address.zip}`, 24) },
    { box: '3a', line: 2, col: 52, text: pcn },
    ...(claim.medicalRecordNumber
      ? [{ box: '3b', line: 4, col: 52, text: clip(claim.medicalRecordNumber, 23) }]
      : []),
    // Leading zero, facility type (the claim's two-digit code), frequency (CLM05-3).
    { box: '4', line: 2, col: 78, text: `0${claim.placeOfService}${claim.frequency}` },
    { box: '5', line: 6, col: 52, text: `${bp.taxId.slice(0, 2)}-${bp.taxId.slice(2)}` },
    { box: '6', line: 6, col: 64, text: mmddyy(inst.statementFrom) },
    { box: '6', line: 6, col: 71, text: mmddyy(inst.statementTo) },
    { box: '8', line: 9, col: 3, text: clip(personName(patient ?? s), 27) },
  ];
  const address = patient?.address ?? s.address;
  if (address) {
    common.push({ box: '9', line: 8, col: 33, text: clip(street(address), 52) });
    common.push({ box: '9', line: 9, col: 33, text: address.city });
    common.push({ box: '9', line: 9, col: 66, text: address.state });
    common.push({ box: '9', line: 9, col: 71, text: address.zip });
  }
  const birth = patient?.birthDate ?? s.birthDate;
  if (birth) common.push({ box: '10', line: 11, col: 2, text: mmddyyyy(birth) });
  const sex = patient?.sex ?? s.sex;
  if (sex) common.push({ box: '11', line: 11, col: 12, text: sex });
  if (inst.admissionDate) common.push({ box: '12', line: 11, col: 16, text: mmddyy(inst.admissionDate) });
  // FL 13 is the hour alone (00-23); the claim keeps HHMM for the 837I.
  if (inst.admissionHour) common.push({ box: '13', line: 11, col: 24, text: inst.admissionHour.slice(0, 2) });
  common.push({ box: '14', line: 11, col: 27, text: inst.admissionType });
  if (inst.admissionSource) common.push({ box: '15', line: 11, col: 30, text: inst.admissionSource });
  common.push({ box: '17', line: 11, col: 36, text: inst.patientStatus });
  payerRows(claim).forEach((p, i) => {
    const y = 44 + i;
    const insuredLine = 48 + i;
    common.push({ box: '50', line: y, col: 2, text: clip(p.name, 22) });
    common.push({ box: '51', line: y, col: 25, text: clip(p.id, 14) });
    if (p.current) {
      common.push({ box: '52', line: y, col: 40, text: claim.releaseOfInformation });
      common.push({ box: '53', line: y, col: 44, text: claim.benefitsAssigned ? 'Y' : 'N' });
    }
    if (p.paidCents !== undefined)
      common.push(...moneyFields('54', y, 55, p.paidCents, `claim ${pcn} payer ${p.id} prior payment`));
    common.push({ box: '58', line: insuredLine, col: 2, text: clip(p.insured, 25) });
    common.push({ box: '59', line: insuredLine, col: 28, text: p.relationship });
    common.push({ box: '60', line: insuredLine, col: 32, text: clip(p.memberId, 21) });
    if (p.groupNumber) common.push({ box: '62', line: insuredLine, col: 68, text: clip(p.groupNumber, 18) });
    if (p.current && claim.priorAuthorization)
      common.push({ box: '63', line: 52 + i, col: 2, text: clip(claim.priorAuthorization, 29) });
    if (p.current && claim.frequency !== '1' && claim.payerClaimNumber)
      common.push({ box: '64', line: 52 + i, col: 32, text: clip(claim.payerClaimNumber, 25) });
  });
  common.push({ box: '56', line: 44, col: 73, text: bp.npi });
  common.push({ box: '66', line: 56, col: 2, text: '0' }); // DX version qualifier 0 = ICD-10-CM
  claim.diagnoses.forEach((code, slot) => {
    const line = DX_ROWS[Math.floor(slot / 9)]!;
    const col = dxCellCol(slot);
    common.push({ box: '67', line, col, text: code });
    const poa = inst.presentOnAdmission?.[code];
    if (poa) common.push({ box: '67', line, col: col + 7, text: poa });
  });
  if (inst.admittingDiagnosis)
    common.push({
      box: '69',
      line: 60,
      col: 3,
      text: inst.admittingDiagnosis.replace('.', '').toUpperCase(),
    });
  common.push(...procedureFields(claim, inst.procedures ?? []));
  const attending = claim.attendingProvider;
  if (attending) {
    common.push({ box: '76', line: 62, col: 57, text: attending.npi });
    const last = attending.lastName ?? attending.organizationName;
    if (last) common.push({ box: '76', line: 63, col: 58, text: clip(last, 27) });
    if (attending.firstName)
      common.push({ box: '76', line: 64, col: 58, text: clip(attending.firstName, 27) });
  }
  const pages: FormField[][] = [];
  const count = Math.ceil(claim.lines.length / UB04_LINES_PER_FORM);
  for (let p = 0; p < count; p++) {
    const start = p * UB04_LINES_PER_FORM;
    const lines = claim.lines.slice(start, start + UB04_LINES_PER_FORM);
    const page = [...common, ...lines.flatMap((l, row) => lineFields(claim, l, start + row + 1, row))];
    page.push({ box: '43', line: TOTALS_LINE, col: 10, text: String(p + 1), alignRight: true });
    page.push({ box: '43', line: TOTALS_LINE, col: 16, text: String(count), alignRight: true });
    if (options.createdOn)
      page.push({ box: '43', line: TOTALS_LINE, col: 23, text: mmddyy(options.createdOn) });
    if (p === count - 1)
      page.push(
        ...moneyFields('47', TOTALS_LINE, COL.charges, claim.totalChargeCents, `claim ${pcn} total charge`),
      );
    pages.push(page);
  }
  assertPrintable(pages, pcn, 'FL');
  return pages;
}
