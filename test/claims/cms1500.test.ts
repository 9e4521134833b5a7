import { unzlibSync } from 'fflate';
import { PDFDocument, PDFRawStream } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { CMS1500_LAYOUT, Cms1500Error, cms1500Pages, type FormField } from '../../src/claims/cms1500.js';
import { renderCms1500 } from '../../src/claims/cms1500-pdf.js';
import { type ClaimInput, ClaimSchema } from '../../src/claims/model.js';
import { institutionalClaim, professionalClaim } from './fixtures.js';
import { expectPlacedInBoxes } from './form-placement.js';
import { amountIn, boxTitled, checkboxesIn, checkedIn, dataIn, readPdfPages } from './pdf-read.js';

// Rendering takes a parsed claim; cross-field validation (validate.ts) is tested on its own.
const validateClaim = async (input: ClaimInput) => ClaimSchema.parse(input);

const text = (fields: FormField[], box: string) => fields.filter((f) => f.box === box).map((f) => f.text);

/** Every string the PDF draws (pdf-lib writes standard-font text as <hex> Tj in flate streams). */
async function drawnText(pdf: Uint8Array): Promise<string[]> {
  const doc = await PDFDocument.load(pdf);
  const out: string[] = [];
  for (const [, obj] of doc.context.enumerateIndirectObjects()) {
    if (!(obj instanceof PDFRawStream)) continue;
    const raw = Buffer.from(unzlibSync(obj.contents)).toString('latin1');
    for (const m of raw.matchAll(/<([0-9A-Fa-f]*)> Tj/g))
      out.push(Buffer.from(m[1]!, 'hex').toString('latin1'));
  }
  return out;
}

describe('CMS-1500 (02/12)', () => {
  it('places the claim key fields in their NUCC boxes', async () => {
    const claim = await validateClaim(professionalClaim());
    const [page] = cms1500Pages(claim);
    expect(text(page!, '1a')).toEqual(['W1234567']);
    expect(text(page!, '2')).toEqual(['DOE, JILL']);
    expect(text(page!, '4')).toEqual(['DOE, JOHN']);
    expect(text(page!, '3')).toEqual(['06 07 2012', 'X']);
    expect(text(page!, '9')).toEqual(['DOE, MARY']);
    expect(text(page!, '17b')).toEqual([claim.referringProvider!.npi]);
    expect(text(page!, '21')).toEqual(['0', 'A. J029', 'B. R509']);
    expect(text(page!, '23')).toEqual(['AUTH77']);
    expect(text(page!, '26')).toEqual(['PCN-1001']);
    expect(text(page!, '28')).toEqual(['250', '00']);
    expect(text(page!, '29')).toEqual(['10', '00']);
    expect(text(page!, '33')).toContain(`a. ${claim.billingProvider.npi}`);
    const line1 = page!.filter((f) => f.box === '24' && f.line === 45).map((f) => f.text);
    expect(line1).toEqual([
      '03 01 24',
      '03 01 24',
      '11',
      '99214',
      '25',
      'AB',
      '150',
      '00',
      '1',
      claim.renderingProvider!.npi,
    ]);
    const line2 = page!.filter((f) => f.box === '24' && f.line === 47).map((f) => f.text);
    expect(line2).toEqual(expect.arrayContaining(['87880', 'QW', '59', 'A', '100', '2']));
  });

  it('keeps every value inside its box and no two values overlapping', async () => {
    const claim = await validateClaim(professionalClaim({ frequency: '7', payerClaimNumber: 'PAYER-9' }));
    const [page] = cms1500Pages(claim);
    expect(text(page!, '22')).toEqual(['7', 'PAYER-9']);
    expectPlacedInBoxes(CMS1500_LAYOUT, page!);
  });

  it('continues claims with more than six lines on further pages, total on the last', async () => {
    const base = professionalClaim();
    const lines = Array.from({ length: 7 }, (_, i) => ({
      ...base.lines[0]!,
      lineControlNumber: `L${i + 1}`,
    }));
    const claim = await validateClaim({ ...base, lines, totalChargeCents: 7 * 15000 });
    const pages = cms1500Pages(claim);
    expect(pages).toHaveLength(2);
    expect(text(pages[0]!, '28')).toEqual(['CONTINUED']);
    expect(text(pages[1]!, '28')).toEqual(['1050', '00']);
    expect(pages[1]!.filter((f) => f.box === '24' && f.text === '99214')).toHaveLength(1);
    const pdf = await PDFDocument.load(await renderCms1500(claim));
    expect(pdf.getPageCount()).toBe(2);
  });

  it('renders a one-page US Letter PDF that draws the form labels and the claim data', async () => {
    const claim = await validateClaim(professionalClaim());
    const bytes = await renderCms1500(claim);
    expect(Buffer.from(bytes.slice(0, 5)).toString()).toBe('%PDF-');
    const doc = await PDFDocument.load(bytes);
    expect(doc.getPageCount()).toBe(1);
    expect(doc.getPage(0).getSize()).toEqual({ width: 612, height: 792 });
    const drawn = await drawnText(bytes);
    for (const s of ['HEALTH INSURANCE CLAIM FORM', "1a. INSURED'S I.D. NUMBER", '28. TOTAL CHARGE'])
      expect(drawn).toContain(s);
    for (const s of [
      'W1234567',
      'PCN-1001',
      '99214',
      '87880',
      'A. J029',
      '250',
      `a. ${claim.billingProvider.npi}`,
    ])
      expect(drawn).toContain(s);
  });

  it('marks the check boxes beside their option labels, read back from the PDF', async () => {
    const claim = await validateClaim(professionalClaim());
    const [page] = await readPdfPages(await renderCms1500(claim));
    expect(checkboxesIn(page!, boxTitled(page!, '1. ')).map((o) => o.option)).toEqual([
      'MEDICARE',
      'MEDICAID',
      'TRICARE',
      'CHAMPVA',
      'GROUP HEALTH PLAN',
      'FECA BLK LUNG',
      'OTHER',
    ]);
    expect(checkboxesIn(page!, boxTitled(page!, '6. ')).map((o) => o.option)).toEqual([
      'Self',
      'Spouse',
      'Child',
      'Other',
    ]);
    // Commercial plan, dependent daughter, another plan paid first, EIN, assignment accepted.
    const marked = Object.fromEntries(
      [
        '1. ',
        '3. ',
        '6. ',
        'a. EMPLOYMENT',
        'b. AUTO',
        'c. OTHER ACCIDENT',
        "a. INSURED'S",
        'd. IS THERE',
        '25. ',
        '27. ',
      ].map((t) => [t, checkedIn(page!, t)]),
    );
    expect(marked).toEqual({
      '1. ': ['GROUP HEALTH PLAN'],
      '3. ': ['F'],
      '6. ': ['Child'],
      'a. EMPLOYMENT': ['NO'],
      'b. AUTO': ['NO'],
      'c. OTHER ACCIDENT': ['NO'],
      "a. INSURED'S": ['M'],
      'd. IS THERE': ['YES'],
      '25. ': ['EIN'],
      '27. ': ['YES'],
    });
    expect(dataIn(page!, boxTitled(page!, '3. ')).map((t) => t.text)).toEqual(['06 07 2012', 'X']);
  });

  it("marks 10a-c from the claim's related causes, with the auto accident's state", async () => {
    const claim = await validateClaim(
      professionalClaim({ relatedCauses: ['EM', 'AA'], autoAccidentState: 'NJ' }),
    );
    const [model] = cms1500Pages(claim);
    expectPlacedInBoxes(CMS1500_LAYOUT, model!);
    const [page] = await readPdfPages(await renderCms1500(claim));
    expect(['a. EMPLOYMENT', 'b. AUTO', 'c. OTHER ACCIDENT'].map((t) => checkedIn(page!, t))).toEqual([
      ['YES'],
      ['YES'],
      ['NO'],
    ]);
    expect(dataIn(page!, boxTitled(page!, 'b. AUTO')).map((t) => t.text)).toEqual(['X', 'NJ']);
  });

  it('marks the other options for a Medicare patient who is the insured, with no other plan', async () => {
    const {
      patient: _p,
      otherPayers: _o,
      ...base
    } = professionalClaim({
      assignment: 'C',
      subscriber: { ...professionalClaim().subscriber, filingIndicator: 'MB', sex: 'F' },
      billingProvider: { ...professionalClaim().billingProvider, taxIdType: 'SY' },
    });
    const claim = await validateClaim(base);
    const [page] = await readPdfPages(await renderCms1500(claim));
    const marked = ['1. ', '3. ', '6. ', "a. INSURED'S", 'd. IS THERE', '25. ', '27. '].map((t) =>
      checkedIn(page!, t),
    );
    expect(marked).toEqual([['MEDICARE'], ['F'], ['Self'], ['F'], ['NO'], ['SSN'], ['NO']]);
    // Nothing paid by another payer: box 29 stays empty.
    expect(dataIn(page!, boxTitled(page!, '29. '))).toEqual([]);
  });

  it('splits amounts into dollars and cents areas on either side of the rule (24F, 28, 29)', async () => {
    const base = professionalClaim();
    const claim = await validateClaim({
      ...base,
      lines: [{ ...base.lines[0]!, chargeCents: 123456 }, base.lines[1]!],
      totalChargeCents: 133456,
      otherPayers: [{ ...base.otherPayers![0]!, paidCents: 2005 }],
    });
    const [page] = await readPdfPages(await renderCms1500(claim));
    const box24 = boxTitled(page!, '24. ');
    const rowOf = (code: string) => dataIn(page!, box24).find((t) => t.text === code)!.y;
    expect(amountIn(page!, box24, rowOf('99214'))).toEqual({ dollars: '1234', cents: '56' });
    expect(amountIn(page!, box24, rowOf('87880'))).toEqual({ dollars: '100', cents: '00' });
    expect(amountIn(page!, boxTitled(page!, '28. '))).toEqual({ dollars: '1334', cents: '56' });
    expect(amountIn(page!, boxTitled(page!, '29. '))).toEqual({ dollars: '20', cents: '05' });
    // $150.00 on the placement model: "150" in the dollar area, "00" in the cents area.
    const [model] = cms1500Pages(await validateClaim(base));
    expect(
      model!.filter(
        (f) => f.box === '24' && f.line === 45 && /^\d+$/.test(f.text) && f.col >= 55 && f.col <= 58,
      ),
    ).toEqual([
      { box: '24', line: 45, col: 55, text: '150', alignRight: true },
      { box: '24', line: 45, col: 57, text: '00' },
    ]);
  });

  it('prints Latin-1 names and refuses a character the form font cannot print, naming the box', async () => {
    const base = professionalClaim();
    const latin = await validateClaim({ ...base, patient: { ...base.patient!, lastName: 'MUÑOZ' } });
    const [page] = await readPdfPages(await renderCms1500(latin));
    expect(dataIn(page!, boxTitled(page!, "2. PATIENT'S NAME")).map((t) => t.text)).toEqual(['MUÑOZ, JILL']);
    const other = await validateClaim({ ...base, patient: { ...base.patient!, lastName: 'NGUYỄN' } });
    await expect(renderCms1500([latin, other])).rejects.toThrow(
      'claim PCN-1001 box 2: "NGUYỄN, JILL" has a character the form cannot print ("Ễ")',
    );
  });

  it('refuses an institutional claim (that is a UB-04)', async () => {
    const claim = await validateClaim(institutionalClaim());
    expect(() => cms1500Pages(claim)).toThrow(Cms1500Error);
  });
});
