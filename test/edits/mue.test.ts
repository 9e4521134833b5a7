import { describe, expect, it } from 'vitest';
import { resolveLines } from '../../src/edits/claim.js';
import { mueEdits } from '../../src/edits/mue.js';
import { buildScrubTables } from '../../src/edits/tables.js';
import { claimOf, line } from './helpers.js';

const tables = buildScrubTables({
  mue: {
    practitioner: [
      { code: 'A0425', mue: 250, mai: 1, rationale: 'Clinical: Data' },
      { code: '11042', mue: 1, mai: 2, rationale: 'Code Descriptor / CPT Instruction' },
      { code: '96372', mue: 4, mai: 3, rationale: 'Clinical: Data' },
      { code: 'E0601', mue: 0, mai: 3, rationale: 'Nature of Equipment' },
      { code: 'J7182', mue: 22000, mai: 1, rationale: 'Clinical: Data' },
    ],
    dme: [{ code: 'K0001', mue: 1, mai: 2, rationale: 'Code Descriptor / CPT Instruction' }],
  },
  mueEffective: { practitioner: '2024-07-01' },
});

type L = ReturnType<typeof line>;
const cases: Array<[string, L[], Array<[string, number[]]>]> = [
  ['MAI 1 at the limit', [line('A0425', { units: 250 })], []],
  ['MAI 1 over the limit', [line('A0425', { units: 251 })], [['MUE-LINE', [1]]]],
  [
    'MAI 1 split across lines, each within',
    [line('A0425', { units: 200 }), line('A0425', { units: 100, modifiers: ['59'] })],
    [],
  ],
  [
    'MAI 1 two lines, one over',
    [line('A0425', { units: 10 }), line('A0425', { units: 300, modifiers: ['59'] })],
    [['MUE-LINE', [2]]],
  ],
  ['MAI 2 at the limit', [line('11042')], []],
  [
    'MAI 2 summed over lines',
    [line('11042'), line('11042', { modifiers: ['XS'] })],
    [['MUE-DOS-POLICY', [1, 2]]],
  ],
  [
    'MAI 2 on different dates',
    [line('11042', { dateOfService: '2023-03-15' }), line('11042', { dateOfService: '2023-03-16' })],
    [],
  ],
  ['MAI 3 over on one line', [line('96372', { units: 5 })], [['MUE-DOS-CLINICAL', [1]]]],
  [
    'MAI 3 summed over lines',
    [line('96372', { units: 3 }), line('96372', { units: 2, modifiers: ['59'] })],
    [['MUE-DOS-CLINICAL', [1, 2]]],
  ],
  ['MUE 0', [line('E0601')], [['MUE-DOS-CLINICAL', [1]]]],
  ['code without an MUE', [line('99499', { units: 99 })], []],
  ['zero units are left to claim hygiene', [line('96372', { units: 0 })], []],
  [
    'different providers are counted separately',
    [line('11042', { renderingNpi: '1' }), line('11042', { renderingNpi: '2' })],
    [],
  ],
];

describe('MUE edits', () => {
  it.each(cases)('%s', (_name, lines, expected) => {
    const claim = claimOf({ lines });
    expect(mueEdits(claim, resolveLines(claim), tables).map((f) => [f.rule, f.lines])).toEqual(expected);
  });

  it('uses the table of the claim setting', () => {
    const dme = claimOf({ setting: 'dme', lines: [line('K0001', { units: 2 })] });
    expect(mueEdits(dme, resolveLines(dme), tables).map((f) => f.rule)).toEqual(['MUE-DOS-POLICY']);
    const pra = claimOf({ lines: [line('K0001', { units: 2 })] });
    expect(mueEdits(pra, resolveLines(pra), tables)).toEqual([]);
  });

  it('gives the advice that fits each indicator', () => {
    const claim = claimOf({
      lines: [line('A0425', { units: 300 }), line('11042', { units: 2 }), line('96372', { units: 6 })],
    });
    const [l, p, c] = mueEdits(claim, resolveLines(claim), tables);
    expect(l!.fix).toMatch(/separate line/);
    expect(p!.message).toMatch(/absolute/);
    expect(p!.fix).toMatch(/cannot be appealed/);
    expect(c!.fix).toMatch(/appeal with medical records/);
    expect(c!.data).toMatchObject({ mue: 4, mai: 3, units: 6, effective: '2024-07-01' });
  });
});
