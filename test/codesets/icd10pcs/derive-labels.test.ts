import { beforeAll, describe, expect, it } from 'vitest';
import { deriveAxisLabels, type PcsDerivedLabel } from '../../../src/codesets/icd10pcs/derive-labels.js';
import { type PcsHeader, tableNames } from '../../../src/codesets/icd10pcs/headers.js';
import { parsePcsOrder } from '../../../src/codesets/icd10pcs/parse.js';
import { axisName, PCS_SECTIONS } from '../../../src/codesets/icd10pcs/sections.js';
import { openLineSource } from '../../../src/codesets/ncci/text-lines.js';
import { codesetFile } from '../../support/stores.js';
import { type AddendumValue, parseTablesAddendum } from './tables-addenda.js';

const ORDER_ZIP = 'icd10pcs/fy2026/2026-icd-10-pcs-order-file-long-and-abbreviated-titles.zip';
const ADDENDUM_ZIP = 'icd10pcs/fy2026/2026-addendum.zip';

describe('labels derived from titles (small tables)', () => {
  it('joins what codes differing in one character differ in, and widens over words the table varies', () => {
    const labels = deriveAxisLabels([
      { code: '0TT00ZZ', title: 'Resection of Right Kidney, Open Approach' },
      { code: '0TT04ZZ', title: 'Resection of Right Kidney, Percutaneous Endoscopic Approach' },
      { code: '0TT10ZZ', title: 'Resection of Left Kidney, Open Approach' },
      { code: '0TT14ZZ', title: 'Resection of Left Kidney, Percutaneous Endoscopic Approach' },
      { code: '0TTB0ZZ', title: 'Resection of Bladder, Open Approach' },
      { code: '0TTB4ZZ', title: 'Resection of Bladder, Percutaneous Endoscopic Approach' },
    ]);
    const at = (p: number, v: string) => labels.find((l) => l.position === p && l.value === v);
    expect(at(4, '0')).toMatchObject({ label: 'Right Kidney', derivation: 'title-diff' });
    expect(at(4, 'B')).toMatchObject({ label: 'Bladder' });
    expect(at(5, '4')).toMatchObject({ label: 'Percutaneous Endoscopic' });
    expect(at(6, 'Z')).toMatchObject({ label: 'No Device', derivation: 'none' });
  });

  it('an approach no title of its section writes takes its label from other sections', () => {
    const labels = deriveAxisLabels([
      { code: '0DJ00ZZ', title: 'Inspection of Upper Intestinal Tract, Open Approach' },
      { code: '0DJ0XZZ', title: 'Inspection of Upper Intestinal Tract, External Approach' },
      { code: '0DJ60ZZ', title: 'Inspection of Stomach, Open Approach' },
      { code: '0DJ6XZZ', title: 'Inspection of Stomach, External Approach' },
      { code: '2W00X0Z', title: 'Change Traction Apparatus on Head' },
      { code: '2W01X0Z', title: 'Change Traction Apparatus on Face' },
    ]);
    const external = labels.find((l) => l.table === '2W0' && l.position === 5);
    expect(external).toMatchObject({ value: 'X', label: 'External', derivation: 'other-section' });
    expect(labels.find((l) => l.table === '0DJ' && l.position === 4 && l.value === '0')?.label).toBe(
      'Upper Intestinal Tract',
    );
  });
});

describe('FY2026 labels against the CMS files', () => {
  let headers: PcsHeader[];
  let labels: Map<string, PcsDerivedLabel>;
  let addendum: AddendumValue[];

  beforeAll(async () => {
    const source = await openLineSource(codesetFile(ORDER_ZIP), { entry: /icd10pcs_order_\d{4}\.txt$/ });
    headers = [];
    const codes: Array<{ code: string; title: string }> = [];
    for await (const r of parsePcsOrder(source.lines, source.name)) {
      if (r.header) headers.push({ table: r.code, title: r.longTitle, line: r.line });
      else codes.push({ code: r.code, title: r.longTitle });
    }
    expect(codes).toHaveLength(79_193);
    const operations = new Map([...tableNames(headers, 'order')].map(([t, n]) => [t, n.operation]));
    labels = new Map(
      deriveAxisLabels(codes, operations).map((l) => [`${l.table}|${l.position}|${l.value}`, l]),
    );
    const add = await openLineSource(codesetFile(ADDENDUM_ZIP), { entry: /tables_addenda_\d{4}\.txt$/ });
    const text: string[] = [];
    for await (const l of add.lines) text.push(l.text);
    addendum = parseTablesAddendum(text.join('\n'));
    expect(addendum.length).toBeGreaterThan(1000);
  }, 120_000);

  const label = (table: string, position: number, value: string) =>
    labels.get(`${table}|${position}|${value}`)?.label;

  it('names sections, body systems and operations from the 917 table headers', () => {
    expect(headers).toHaveLength(917);
    const names = tableNames(headers, 'order');
    expect(names.get('0DT')).toMatchObject({
      section: 'Medical and Surgical',
      bodySystem: 'Gastrointestinal System',
      operation: 'Resection',
    });
    expect(names.get('0WW')).toMatchObject({
      bodySystem: 'Anatomical Regions, General',
      operation: 'Revision',
    });
    expect(names.get('BR0')).toMatchObject({
      section: 'Imaging',
      bodySystem: 'Axial Skeleton, Except Skull and Facial Bones',
      operation: 'Plain Radiography',
    });
    expect(names.get('GZ1')).toMatchObject({
      section: 'Mental Health',
      bodySystem: 'None',
      operation: 'Psychological Tests',
    });
    // Every section the headers name agrees with the reference table; only section 0 is unnamed.
    for (const [table, n] of names) {
      expect(n.section, table).toBe(PCS_SECTIONS[table[0]!]!.name);
      expect(n.sectionFrom, table).toBe(table[0] === '0' ? 'reference' : 'header');
    }
  });

  it('derives the known labels of common inpatient tables', () => {
    expect(label('0FT', 4, '4')).toBe('Gallbladder');
    expect(label('0FT', 5, '4')).toBe('Percutaneous Endoscopic');
    expect(label('0FT', 6, 'Z')).toBe('No Device');
    expect(label('0FT', 7, 'Z')).toBe('No Qualifier');
    expect(label('0DT', 4, 'J')).toBe('Appendix');
    expect(label('0DT', 5, '0')).toBe('Open');
    expect(label('0DB', 7, 'X')).toBe('Diagnostic');
    expect(label('0SR', 6, 'J')).toBe('Synthetic Substitute');
    expect(label('0SR', 4, '9')).toBe('Right Hip Joint');
    expect(label('02H', 5, '3')).toBe('Percutaneous');
    expect(label('0DJ', 4, 'D')).toBe('Lower Intestinal Tract');
    expect(label('0DJ', 5, '8')).toBe('Via Natural or Artificial Opening Endoscopic');
    expect(label('2W0', 5, 'X')).toBe('External');
    expect(label('B20', 5, '0')).toBe('High Osmolar');
  });

  it('names every axis as the tables addendum does', () => {
    for (const a of addendum)
      expect(axisName(a.table[0]!, a.position), `${a.table} ${a.position}`).toBe(a.axis);
  });

  it('agrees with the tables addendum on the labels it states (word order aside)', () => {
    const words = (s: string) =>
      s.toLowerCase().replace(/[,()]/g, ' ').split(/\s+/).filter(Boolean).sort().join(' ');
    const seen = new Set<string>();
    const bySection = new Map<string, { same: number; all: number }>();
    for (const a of addendum.filter((x) => x.position >= 4)) {
      const k = `${a.table}|${a.position}|${a.value}`;
      if (seen.has(k)) continue;
      seen.add(k);
      const derived = labels.get(k);
      expect(derived, k).toBeDefined();
      const s = bySection.get(a.table[0]!) ?? { same: 0, all: 0 };
      s.all++;
      if (words(derived!.label) === words(a.label)) s.same++;
      bySection.set(a.table[0]!, s);
      // A value no title writes is named as the section names "nothing".
      if (derived!.derivation === 'none') expect(derived!.label, k).toBe(a.label);
    }
    const share = (s: { same: number; all: number }) => s.same / s.all;
    // Medical and Surgical titles spell their labels out: all but a few (device "Pacemaker
    // Lead" for "Cardiac Lead, Pacemaker") agree. New Technology titles join device and group.
    expect(share(bySection.get('0')!)).toBeGreaterThanOrEqual(0.95);
    const total = [...bySection.values()].reduce((t, s) => ({ same: t.same + s.same, all: t.all + s.all }), {
      same: 0,
      all: 0,
    });
    expect(total.all).toBeGreaterThan(500);
    expect(share(total)).toBeGreaterThanOrEqual(0.74);
  });

  it('labels almost every value: under 2% are left as axis and value', () => {
    const all = [...labels.values()];
    const unnamed = all.filter((l) => l.derivation === 'unnamed');
    expect(unnamed.length / all.length).toBeLessThan(0.02);
    // In the Medical and Surgical tables only a handful, where a qualifier rewrites the body
    // part's words ("Dilation of Ductus Arteriosus" is body part R, Left Pulmonary Artery, with
    // qualifier T) so no title spells the body part's own label.
    const surgical = all.filter((l) => l.table[0] === '0');
    const surgicalUnnamed = unnamed.filter((l) => l.table[0] === '0');
    expect(surgicalUnnamed.length / surgical.length).toBeLessThan(0.002);
    for (const table of ['0FT', '0DT', '0DB', '0SR', '0DJ', '0TT', '0VT', '0UT', '02H', '0BH']) {
      expect(surgicalUnnamed.filter((l) => l.table === table)).toEqual([]);
    }
  });
});
