import { unzlibSync } from 'fflate';
import { PDFDocument, PDFRawStream } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { Cms1500Error, cms1500Pages, FORM_BOXES, type FormField } from '../../src/claims/cms1500.js';
import { renderCms1500 } from '../../src/claims/cms1500-pdf.js';
import { validateClaim } from '../../src/claims/validate.js';
import { institutionalClaim, professionalClaim } from './fixtures.js';

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
    const taken = new Map<string, string>();
    for (const f of page!) {
      const box = FORM_BOXES.find((b) => b.box === f.box)!;
      const first = f.alignRight ? f.col - f.text.length + 1 : f.col;
      const last = first + f.text.length - 1;
      expect(f.line, `${f.box} ${f.text}`).toBeGreaterThanOrEqual(box.line);
      expect(f.line, `${f.box} ${f.text}`).toBeLessThan(box.line + box.height);
      expect(first, `${f.box} ${f.text}`).toBeGreaterThanOrEqual(box.col);
      expect(last, `${f.box} ${f.text}`).toBeLessThan(box.col + box.width);
      for (let c = first; c <= last; c++) {
        const k = `${f.line}:${c}`;
        expect(taken.get(k), `${f.box} ${f.text} overlaps ${taken.get(k)}`).toBeUndefined();
        taken.set(k, `${f.box} ${f.text}`);
      }
    }
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

  it('refuses an institutional claim (that is a UB-04)', async () => {
    const claim = await validateClaim(institutionalClaim());
    expect(() => cms1500Pages(claim)).toThrow(Cms1500Error);
  });
});
