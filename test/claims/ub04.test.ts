import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { afterAll, describe, expect, it } from 'vitest';
import { type ClaimInput, ClaimSchema } from '../../src/claims/model.js';
import { UB04_LAYOUT, Ub04Error, ub04Pages } from '../../src/claims/ub04.js';
import { renderUb04 } from '../../src/claims/ub04-pdf.js';
import { register } from '../../src/cli/commands/claim.js';
import { npi, professionalClaim } from './fixtures.js';
import { expectPlacedInBoxes } from './form-placement.js';
import { amountIn, boxTitled, cellsIn, type DrawnPage, dataIn, readPdfPages } from './pdf-read.js';
import { runCli } from './run-cli.js';

/**
 * A synthetic hospital inpatient stay (type of bill 111) billed to the secondary payer after the
 * primary paid $300.00: five diagnoses with POA indicators (Z87891 is POA-exempt: blank).
 */
function inpatient(overrides: Partial<ClaimInput> = {}): ClaimInput {
  return {
    type: 'institutional',
    patientControlNumber: 'PCN-3001',
    placeOfService: '11',
    frequency: '1',
    totalChargeCents: 123456,
    diagnoses: ['J18.9', 'E11.9', 'I10', 'N17.9', 'Z87.891'],
    priorAuthorization: 'PA-77',
    billingProvider: {
      npi: npi('123456789'),
      organizationName: 'GENERAL HOSPITAL',
      taxId: '123456789',
      address: { line1: '100 CARE WAY', city: 'SPRINGFIELD', state: 'IL', zip: '627011234' },
    },
    attendingProvider: { npi: npi('111111111'), lastName: 'ATTEND', firstName: 'ALEX' },
    subscriber: {
      memberId: 'W1234567',
      lastName: 'DOE',
      firstName: 'JOHN',
      birthDate: '1950-02-03',
      sex: 'M',
      address: { line1: '9 ELM ST', city: 'SPRINGFIELD', state: 'IL', zip: '62702' },
      groupNumber: 'GRP1',
      responsibility: 'S',
      filingIndicator: 'CI',
    },
    payer: { name: 'ACME HEALTH', id: '12345' },
    otherPayers: [
      {
        payer: { name: 'MEDICARE PART A', id: '00431' },
        subscriber: { lastName: 'DOE', firstName: 'JOHN', memberId: '1EG4TE5MK73' },
        responsibility: 'P',
        relationship: '18',
        filingIndicator: 'MA',
        paidCents: 30000,
      },
    ],
    institutional: {
      admissionType: '1',
      admissionSource: '7',
      patientStatus: '01',
      statementFrom: '2024-03-01',
      statementTo: '2024-03-03',
      admissionDate: '2024-03-01',
      admissionHour: '2215',
      admittingDiagnosis: 'R50.9',
      presentOnAdmission: { J189: 'Y', E119: 'Y', I10: 'Y', N179: 'N' },
    },
    lines: [
      {
        procedureCode: '99223',
        modifiers: [],
        chargeCents: 50000,
        units: 1,
        revenueCode: '0120',
        serviceDate: '2024-03-01',
      },
      {
        procedureCode: '71046',
        modifiers: ['26', 'RT'],
        chargeCents: 73456,
        units: 2,
        revenueCode: '0324',
        serviceDate: '2024-03-02',
      },
    ],
    ...overrides,
  };
}

// Rendering takes a parsed claim; cross-field validation (validate.ts) is tested on its own.
const parse = (input: ClaimInput) => ClaimSchema.parse(input);
const texts = (page: DrawnPage, title: string) => dataIn(page, boxTitled(page, title)).map((t) => t.text);

describe('UB-04 (CMS-1450)', () => {
  it('prints the form locators a payer reads, read back from the PDF', async () => {
    const [page] = await readPdfPages(await renderUb04(parse(inpatient()), { createdOn: '2024-03-10' }));
    const fl = (title: string) => texts(page!, title);
    expect(fl('1')).toEqual(['GENERAL HOSPITAL', '100 CARE WAY', 'SPRINGFIELD IL 627011234']);
    expect(fl('3a PAT')).toEqual(['PCN-3001']);
    expect(fl('4 TYPE OF BILL')).toEqual(['0111']);
    expect(fl('5 FED')).toEqual(['12-3456789']);
    expect(fl('6 STATEMENT')).toEqual(['030124', '030324']);
    expect(fl('8 PATIENT NAME')).toEqual(['DOE, JOHN']);
    expect(fl('9 PATIENT ADDRESS')).toEqual(['9 ELM ST', 'SPRINGFIELD', 'IL', '62702']);
    const admission = [
      '10 BIRTH',
      '11 SEX',
      '12 ADMISSION',
      '13 HR',
      '14 TYPE',
      '15 SRC',
      '16 DHR',
      '17 STAT',
    ];
    expect(admission.map(fl)).toEqual([['02031950'], ['M'], ['030124'], ['22'], ['1'], ['7'], [], ['01']]);
    // FL 42-47: revenue code lines, HCPCS with modifiers, dates, units, charges split at the rule.
    expect(fl('42 REV')).toEqual(['0120', '0324']);
    expect(fl('44 HCPCS')).toEqual(['99223', '71046 26 RT']);
    expect(fl('45 SERV')).toEqual(['030124', '030224']);
    expect(fl('46 SERV')).toEqual(['1', '2']);
    const charges = boxTitled(page!, '47 TOTAL');
    const rows = dataIn(page!, charges).map((t) => t.y);
    const [row1, row2, totals] = [...new Set(rows)];
    expect(amountIn(page!, charges, row1)).toEqual({ dollars: '500', cents: '00' });
    expect(amountIn(page!, charges, row2)).toEqual({ dollars: '734', cents: '56' });
    expect(amountIn(page!, charges, totals)).toEqual({ dollars: '1234', cents: '56' });
    // FL 43 carries no description (CPT descriptors are not ours to print), only line 23's page and date.
    expect(fl('43 DESC')).toEqual(['1', '1', '031024']);
    // FL 50-62: the primary (which paid first) on row A, the payer billed now on row B.
    expect(fl('50 PAYER')).toEqual(['MEDICARE PART A', 'ACME HEALTH']);
    expect(fl('51 HEALTH')).toEqual(['00431', '12345']);
    expect(fl('52 REL')).toEqual(['Y']);
    expect(fl('53 ASG')).toEqual(['Y']);
    expect(amountIn(page!, boxTitled(page!, '54 PRIOR'))).toEqual({ dollars: '300', cents: '00' });
    expect(fl('56 NPI')).toEqual([npi('123456789')]);
    expect(fl("58 INSURED'S")).toEqual(['DOE, JOHN', 'DOE, JOHN']);
    expect(fl('59 P. REL')).toEqual(['18', '18']);
    expect(fl("60 INSURED'S")).toEqual(['1EG4TE5MK73', 'W1234567']);
    expect(fl('62 INSURANCE')).toEqual(['GRP1']);
    expect(fl('63 TREATMENT')).toEqual(['PA-77']);
    // FL 66-69: ICD-10-CM, principal + other diagnoses each with its POA in the same cell.
    expect(fl('66')).toEqual(['0']);
    const dx = boxTitled(page!, '67 PRINCIPAL');
    const firstRow = dataIn(page!, dx)[0]!.y;
    expect(cellsIn(page!, dx, firstRow)).toEqual([
      ['J189', 'Y'],
      ['E119', 'Y'],
      ['I10', 'Y'],
      ['N179', 'N'],
      ['Z87891'],
      [],
      [],
      [],
      [],
    ]);
    expect(fl('69 ADMIT')).toEqual(['R509']);
    expect(fl('76 ATTENDING')).toEqual([npi('111111111'), 'ATTEND', 'ALEX']);
    expect(fl('74 PRINCIPAL')).toEqual([]);
  });

  it('keeps every value inside its form locator and no two values overlapping', () => {
    const twelve = [
      'J18.9',
      'E11.9',
      'I10',
      'N17.9',
      'Z87.891',
      'R06.02',
      'E87.1',
      'D64.9',
      'K21.9',
      'F32.A',
      'G47.33',
      'M17.11',
    ];
    const claim = parse(inpatient({ diagnoses: twelve, frequency: '7', payerClaimNumber: 'ORIG-1' }));
    const [page] = ub04Pages(claim, { createdOn: '2024-03-10' });
    expectPlacedInBoxes(UB04_LAYOUT, page!);
    expect(page!.filter((f) => f.box === '64').map((f) => f.text)).toEqual(['ORIG-1']);
    expect(page!.filter((f) => f.box === '4').map((f) => f.text)).toEqual(['0117']);
    // Diagnoses 10-12 continue on the second row (67I-K).
    expect(page!.filter((f) => f.box === '67' && f.line === 58).map((f) => f.text)).toEqual([
      'F32A',
      'G4733',
      'M1711',
    ]);
  });

  it('continues past 22 lines on further pages, the total on the last', async () => {
    const base = inpatient();
    const lines = Array.from({ length: 23 }, () => ({ ...base.lines![0]!, chargeCents: 1000 }));
    const claim = parse({ ...base, lines, totalChargeCents: 23000 });
    const pages = await readPdfPages(await renderUb04(claim));
    expect(pages).toHaveLength(2);
    expect(texts(pages[0]!, '43 DESC')).toEqual(['1', '2']);
    expect(texts(pages[1]!, '43 DESC')).toEqual(['2', '2']);
    expect(texts(pages[0]!, '42 REV')).toHaveLength(22);
    expect(texts(pages[1]!, '42 REV')).toEqual(['0120']);
    const total = (p: DrawnPage) => dataIn(p, boxTitled(p, '47 TOTAL')).map((t) => t.text);
    expect(total(pages[0]!)).toHaveLength(44);
    expect(
      amountIn(
        pages[1]!,
        boxTitled(pages[1]!, '47 TOTAL'),
        dataIn(pages[1]!, boxTitled(pages[1]!, '47 TOTAL')).at(-1)!.y,
      ),
    ).toEqual({
      dollars: '230',
      cents: '00',
    });
  });

  it('refuses a claim it cannot print, naming the claim and why', () => {
    expect(() => ub04Pages(parse(professionalClaim()))).toThrow(
      /PCN-1001 is professional; the UB-04 is for institutional/,
    );
    const { revenueCode: _r, ...noRev } = inpatient().lines![1]!;
    expect(() => ub04Pages(parse(inpatient({ lines: [inpatient().lines![0]!, noRev] })))).toThrow(
      new Ub04Error('claim PCN-3001 line 2 (71046) has no revenue code for FL 42'),
    );
    const other = inpatient().otherPayers![0]!;
    const four = [
      other,
      { ...other, responsibility: 'T' as const },
      { ...other, responsibility: 'T' as const },
    ];
    expect(() => ub04Pages(parse(inpatient({ otherPayers: four })))).toThrow(
      /has 4 payers; the UB-04 holds 3/,
    );
    expect(() => ub04Pages(parse(inpatient({ otherPayers: [{ ...other, paidCents: -5 }] })))).toThrow(
      /prior payment is -5 cents/,
    );
    const { institutional: _i, ...bare } = inpatient();
    expect(() => ub04Pages(parse(bare))).toThrow(/has no institutional data/);
  });
});

describe('medcoder claim build --format ub04', () => {
  const dir = mkdtempSync(join(tmpdir(), 'medcoder-ub04-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const run = (...args: string[]) => runCli([register], ...args);

  it('writes the UB-04 PDF for institutional claims', async () => {
    const file = join(dir, 'inpatient.json');
    // Billed to the primary payer alone, so the claim passes validation as the CLI requires.
    const subscriber = { ...inpatient().subscriber, responsibility: 'P' as const };
    writeFileSync(file, JSON.stringify(inpatient({ subscriber, otherPayers: [] })));
    const out = join(dir, 'ub04.pdf');
    const printed = await run('claim', 'build', file, '--format', 'ub04', '--out', out);
    expect(printed.join('\n')).toMatch(/wrote 1 UB-04 claim/);
    const pdf = await PDFDocument.load(readFileSync(out));
    expect(pdf.getTitle()).toBe('UB-04 PCN-3001');
  });

  it('refuses a professional claim in one line and writes nothing', async () => {
    const file = join(dir, 'professional.json');
    writeFileSync(file, JSON.stringify(professionalClaim({ otherPayers: [] })));
    const out = join(dir, 'nothing.pdf');
    await expect(run('claim', 'build', file, '--format', 'ub04', '--out', out)).rejects.toThrow(
      /PCN-1001 is professional; --format ub04 needs institutional/,
    );
    expect(existsSync(out)).toBe(false);
  });
});
