import { describe, expect, it } from 'vitest';
import { fiscalYearOf, sniffIcd10cmFile } from '../../../src/codesets/icd10cm/sniff.js';
import { codesetFile } from '../../support/stores.js';
import { expectImportError, fixture, indexXml } from './index-fixtures.js';

describe('sniffIcd10cmFile and fiscalYearOf on the official files', () => {
  it.each([
    ['icd10cm/fy2021/icd10cm-order-Jan-2021.txt', 'order', undefined],
    ['icd10cm/fy2021/icd10cm_tabular_2021.xml', 'tabular', 2021],
    ['icd10cm/fy2023/icd10cm_tabular_2023.xml', 'tabular', 2023],
    ['icd10cm/fy2023/icd10cm_index_2023.xml', 'index', 2023],
    ['icd10cm/fy2025/icd-10-cm-eindex-2025.xml', 'eindex', 2025],
    ['icd10cm/fy2025/icd-10-cm-drug-2025.xml', 'drug', 2025],
    ['icd10cm/fy2025/icd-10-cm-neoplasm-2025.xml', 'neoplasm', 2025],
    ['icd10cm/fy2025/icd10cm-index-2025.xsd', undefined, undefined],
    ['icd10cm/fy2026/POAexemptCodesFY26.zip', undefined, undefined],
  ] as const)('%s → %s, FY %s', async (rel, kind, year) => {
    const file = codesetFile(rel);
    expect(await sniffIcd10cmFile(file)).toBe(kind);
    expect(await fiscalYearOf(file)).toBe(year);
  });
});

describe('sniffIcd10cmFile on small fixtures', () => {
  // Order-file layout: order no (5), code (7), flag, 60-character short title, long title.
  const orderLine = (no: number, code: string, flag: 0 | 1, title: string) =>
    `${String(no).padStart(5, '0')} ${code.padEnd(7)} ${flag} ${title.padEnd(60)} ${title}`;

  it('recognises order-file lines, with LF or CRLF ends', async () => {
    const lines = [
      orderLine(1, 'A00', 0, 'Cholera'),
      orderLine(2, 'A000', 1, 'Cholera due to Vibrio cholerae'),
    ];
    expect(await sniffIcd10cmFile(fixture('order-lf.txt', `${lines.join('\n')}\n`))).toBe('order');
    expect(await sniffIcd10cmFile(fixture('order-crlf.txt', `${lines.join('\r\n')}\r\n`))).toBe('order');
  });

  it('does not take an ICD-10-PCS order file or other text for one', async () => {
    const pcs = `${orderLine(1, '001', 0, 'Central Nervous System')}\n${orderLine(2, '0016070', 1, 'Bypass Cerebral Ventricle')}\n`;
    expect(await sniffIcd10cmFile(fixture('pcs-order.txt', pcs))).toBeUndefined();
    const mixed = `${orderLine(1, 'A00', 0, 'Cholera')}\nthis line is not an order record\n`;
    expect(await sniffIcd10cmFile(fixture('mixed.txt', mixed))).toBeUndefined();
    expect(await sniffIcd10cmFile(fixture('empty.txt', ''))).toBeUndefined();
    expect(await sniffIcd10cmFile(fixture('readme.md', '# ICD-10-CM\nSee the tabular.\n'))).toBeUndefined();
  });

  it('tells the index family apart from the title and headings', async () => {
    const letter =
      '<letter><title>A</title><mainTerm><title>Abasia</title><code>F44.4</code></mainTerm></letter>\n';
    const heads = (...h: string[]) =>
      `<version>2024</version><indexHeading>${h.map((x, i) => `<head col="${i + 1}">${x}</head>`).join('')}</indexHeading>\n`;
    expect(await sniffIcd10cmFile(fixture('i.xml', indexXml(letter)))).toBe('index');
    expect(
      await sniffIcd10cmFile(
        fixture('e.xml', indexXml(letter, '<title>External Cause of Injuries Index</title>')),
      ),
    ).toBe('eindex');
    expect(
      await sniffIcd10cmFile(fixture('d.xml', indexXml(letter, heads('Substance', 'Poisoning Accidental')))),
    ).toBe('drug');
    expect(
      await sniffIcd10cmFile(fixture('n.xml', indexXml(letter, heads('Neoplasm', 'Malignant Primary')))),
    ).toBe('neoplasm');
    expect(
      await sniffIcd10cmFile(fixture('u.xml', indexXml(letter, heads('Device', 'Approach')))),
    ).toBeUndefined();
    expect(await fiscalYearOf(fixture('n.xml', indexXml(letter, heads('Neoplasm'))))).toBe(2024);
  });

  it('reads only the head of a file: damage after 16 KB does not matter', async () => {
    const head = indexXml('<letter><title>A</title>\n', '<version>2026</version>\n').replace(
      '</ICD10CM.index>\n',
      '',
    );
    const file = fixture(
      'long.xml',
      `${head}${'<mainTerm><title>x</title></mainTerm>\n'.repeat(1000)}<<<garbage`,
    );
    expect(await sniffIcd10cmFile(file)).toBe('index');
    expect(await fiscalYearOf(file)).toBe(2026);
  });

  it('gives undefined for broken XML, other roots and versions that are not years', async () => {
    expect(
      await sniffIcd10cmFile(fixture('broken.xml', '<ICD10CM.index><version>2025</versio>')),
    ).toBeUndefined();
    expect(
      await sniffIcd10cmFile(fixture('pcs.xml', '<ICD10PCS.tabular><version>2025</version>')),
    ).toBeUndefined();
    expect(
      await fiscalYearOf(fixture('fy.xml', '<ICD10CM.tabular><version>FY 2025</version>')),
    ).toBeUndefined();
    expect(await fiscalYearOf(fixture('noversion.xml', '<ICD10CM.tabular><chapter/>'))).toBeUndefined();
  });

  it('throws an ImportError naming a file it cannot read', async () => {
    await expectImportError(
      sniffIcd10cmFile(`${fixture('x', '')}.missing`),
      'x.missing',
      undefined,
      /cannot read file/,
    );
    await expectImportError(
      fiscalYearOf(`${fixture('x', '')}.missing`),
      'x.missing',
      undefined,
      /cannot read file/,
    );
  });
});
