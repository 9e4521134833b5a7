import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ClaimInput, ClaimSchema } from '../../src/claims/model.js';
import { UB04_LAYOUT, Ub04Error, ub04Pages } from '../../src/claims/ub04.js';
import { renderUb04 } from '../../src/claims/ub04-pdf.js';
import { register } from '../../src/cli/commands/claim.js';
import { importedStores } from '../support/stores.js';
import { npi, professionalClaim } from './fixtures.js';
import { expectPlacedInBoxes } from './form-placement.js';
import { inpatient, inpatientForPrimary } from './inpatient-fixture.js';
import { amountIn, boxTitled, cellsIn, type DrawnPage, dataIn, labelsIn, readPdfPages } from './pdf-read.js';
import { runCli } from './run-cli.js';

// Rendering takes a parsed claim; cross-field validation (validate.ts) is tested on its own.
const parse = (input: ClaimInput) => ClaimSchema.parse(input);
const texts = (page: DrawnPage, title: string) => dataIn(page, boxTitled(page, title)).map((t) => t.text);

describe('UB-04 (CMS-1450)', () => {
  it('prints the form locators a payer reads, read back from the PDF', async () => {
    const procedures = [
      { code: '0BH17EZ', date: '2024-03-01' },
      { code: '5A1955Z', date: '2024-03-02' },
    ];
    const claim = inpatient({ medicalRecordNumber: 'MRN-55' });
    claim.institutional = { ...claim.institutional!, procedures };
    const [page] = await readPdfPages(await renderUb04(parse(claim), { createdOn: '2024-03-10' }));
    const fl = (title: string) => texts(page!, title);
    expect(fl('1')).toEqual(['GENERAL HOSPITAL', '100 CARE WAY', 'SPRINGFIELD IL 627011234']);
    expect(fl('3a PAT')).toEqual(['PCN-3001']);
    expect(fl('b. MED. REC')).toEqual(['MRN-55']);
    expect(fl('4 TYPE OF BILL')).toEqual(['0111']);
    expect(fl('5 FED')).toEqual(['12-3456789']);
    expect(fl('6 STATEMENT')).toEqual(['030124', '030324']);
    expect(fl('8 PATIENT NAME')).toEqual(['DOE, JOHN']);
    expect(fl('9 PATIENT ADDRESS')).toEqual(['9 ELM ST APT 2', 'SPRINGFIELD', 'IL', '62702']);
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
    expect(labelsIn(page!, dx)).toEqual(['67 PRINCIPAL DX', ...'ABCDEFGHIJKLMNOPQ']);
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
    // FL 74: the principal ICD-10-PCS procedure and its date; 74a the next one.
    expect(fl('74 PRINCIPAL')).toEqual(['0BH17EZ', '030124']);
    expect(fl('a. OTHER PROCEDURE')).toEqual(['5A1955Z', '030224']);
    expect(fl('b. OTHER PROCEDURE')).toEqual([]);
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
    const input = inpatient({
      diagnoses: twelve,
      frequency: '7',
      payerClaimNumber: 'ORIG-1',
      medicalRecordNumber: 'M'.repeat(50),
    });
    const six = Array.from({ length: 6 }, (_, i) => ({ code: `0BH17E${i}`, date: '2024-03-02' }));
    input.institutional = { ...input.institutional!, procedures: six };
    const claim = parse(input);
    const [page] = ub04Pages(claim, { createdOn: '2024-03-10' });
    expectPlacedInBoxes(UB04_LAYOUT, page!);
    expect(page!.filter((f) => f.box === '64').map((f) => f.text)).toEqual(['ORIG-1']);
    expect(page!.filter((f) => f.box.startsWith('74')).map((f) => f.box)).toEqual([
      '74',
      '74',
      '74a',
      '74a',
      '74b',
      '74b',
      '74c',
      '74c',
      '74d',
      '74d',
      '74e',
      '74e',
    ]);
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

  it('refuses a claim it cannot print, naming the claim and why', async () => {
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
    const patient = { ...professionalClaim().patient!, firstName: 'ZOË\u0007' };
    expect(() => ub04Pages(parse(inpatient({ patient })))).toThrow(
      'claim PCN-3001 FL 8: "DOE, ZOË\\u0007" has a character the form cannot print ("\\u0007")',
    );
    const seven = Array.from({ length: 7 }, () => ({ code: '0BH17EZ', date: '2024-03-01' }));
    const crowded = inpatient();
    crowded.institutional = { ...crowded.institutional!, procedures: seven };
    expect(() => ub04Pages(parse(crowded))).toThrow(
      'claim PCN-3001 has 7 procedures; the UB-04 holds 6 (FL 74, 74a-e)',
    );
    await expect(renderUb04([])).rejects.toThrow('UB-04: no claims to print');
    const { institutional: _i, ...bare } = inpatient();
    expect(() => ub04Pages(parse(bare))).toThrow(/has no institutional data/);
  });
});

describe('medcoder claim build --format ub04', () => {
  const dir = mkdtempSync(join(tmpdir(), 'medcoder-ub04-'));
  // claim build checks diagnoses against the code sets: point the CLI at the imported test store.
  const saved = { url: process.env.DATABASE_URL, data: process.env.MEDCODER_DATA };
  beforeAll(() => {
    delete process.env.DATABASE_URL;
    process.env.MEDCODER_DATA = importedStores()[0]!.options.dataDir;
  });
  afterAll(() => {
    if (saved.url !== undefined) process.env.DATABASE_URL = saved.url;
    if (saved.data !== undefined) process.env.MEDCODER_DATA = saved.data;
    else delete process.env.MEDCODER_DATA;
    rmSync(dir, { recursive: true, force: true });
  });
  const run = (...args: string[]) => runCli([register], ...args);

  it('writes the UB-04 PDF for institutional claims', async () => {
    const file = join(dir, 'inpatient.json');
    writeFileSync(file, JSON.stringify(inpatientForPrimary()));
    const out = join(dir, 'ub04.pdf');
    const printed = await run(
      'claim',
      'build',
      file,
      '--format',
      'ub04',
      '--out',
      out,
      '--today',
      '2024-03-10',
    );
    expect(printed.join('\n')).toMatch(/wrote 1 UB-04 claim/);
    const pdf = await PDFDocument.load(readFileSync(out));
    expect(pdf.getTitle()).toBe('UB-04 PCN-3001');
  });

  it('refuses a valid claim the form cannot hold in one line, and writes nothing', async () => {
    const claim = inpatientForPrimary();
    const procedures = Array.from({ length: 7 }, () => ({ code: '0BH17EZ', date: '2024-03-01' }));
    claim.institutional = { ...claim.institutional!, procedures };
    const file = join(dir, 'seven.json');
    writeFileSync(file, JSON.stringify([inpatientForPrimary(), claim]));
    const out = join(dir, 'seven.pdf');
    const run7 = run('claim', 'build', file, '--format', 'ub04', '--out', out, '--today', '2024-03-10');
    await expect(run7).rejects.toThrow(
      /^claim PCN-3001 has 7 procedures; the UB-04 holds 6 \(FL 74, 74a-e\)$/,
    );
    expect(existsSync(out)).toBe(false);
  });

  it('refuses a professional claim in one line and writes nothing', async () => {
    const file = join(dir, 'professional.json');
    writeFileSync(file, JSON.stringify(professionalClaim({ otherPayers: [] })));
    const out = join(dir, 'nothing.pdf');
    await expect(
      run('claim', 'build', file, '--format', 'ub04', '--out', out, '--today', '2024-03-10'),
    ).rejects.toThrow(/PCN-1001 is professional; --format ub04 needs institutional/);
    expect(existsSync(out)).toBe(false);
  });
});
