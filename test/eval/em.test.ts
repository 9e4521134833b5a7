import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { EvalCase } from '../../eval/cases.js';
import { emGroup, emLines, formatEm, loadEmCases, scoreEm, scoreEmCases } from '../../eval/em.js';
import type { EngineLike } from '../../eval/harness.js';
import { repoRoot } from '../../eval/paths.js';
import { createEmFinder } from '../../src/coding/em/index.js';

function emCase(id: string, text: string, code: string | null, addOns: string[] = []): EvalCase {
  return {
    id,
    specialty: 'primary-care',
    setting: 'outpatient',
    dateOfService: '2023-03-01',
    age: 50,
    sex: 'F',
    text,
    gold: [{ code: 'I10', justification: 'placeholder gold' }],
    em: { visit: { patientStatus: 'established' }, code, addOns, justification: 'placeholder E/M gold' },
  };
}

describe('E/M lines and groups', () => {
  it('takes the first E/M code and the add-ons, ignoring other procedure lines', () => {
    const lines = (...codes: string[]) => codes.map((code) => ({ system: 'CPT', code }));
    expect(emLines(lines('J1100', '99214', 'G2211', '96372'))).toEqual({
      code: '99214',
      addOns: ['G2211'],
      modifiers: [],
    });
    expect(emLines(lines('99205', '99417', 'G2212'))).toEqual({
      code: '99205',
      addOns: ['99417', 'G2212'],
      modifiers: [],
    });
    expect(emLines(lines('99024'))).toEqual({ code: '99024', addOns: [], modifiers: [] });
    expect(emLines([])).toEqual({ code: null, addOns: [], modifiers: [] });
  });

  it("takes the E/M line's modifiers (sorted, once each), not another line's", () => {
    expect(
      emLines([
        { system: 'CPT', code: '20610', modifiers: [{ code: 'RT' }] },
        { system: 'CPT', code: '99214', modifiers: [{ code: '25' }, { code: '25' }, { code: '24' }] },
      ]),
    ).toEqual({ code: '99214', addOns: [], modifiers: ['24', '25'] });
  });

  it('groups gold codes by category', () => {
    expect([null, '99203', '99214', '99284', '99232', '99239', '99024'].map(emGroup)).toEqual([
      'no E/M level',
      'office, new',
      'office, established',
      'emergency',
      'hospital',
      'discharge',
      'other',
    ]);
  });
});

describe('scoring', () => {
  it('exact level and add-on P/R by hand', () => {
    const score = scoreEmCases(
      [
        {
          id: 'a',
          group: 'g1',
          gold: { code: '99214', addOns: ['G2211'], modifiers: [] },
          predicted: { code: '99214', addOns: ['G2211'], modifiers: [] },
          queries: 0,
        },
        {
          id: 'b',
          group: 'g1',
          gold: { code: '99213', addOns: [], modifiers: [] },
          predicted: { code: '99214', addOns: ['G2211'], modifiers: [] },
          queries: 0,
        },
        {
          id: 'c',
          group: 'g2',
          gold: { code: null, addOns: [], modifiers: [] },
          predicted: { code: null, addOns: [], modifiers: [] },
          queries: 0,
        },
        {
          id: 'd',
          group: 'g2',
          gold: { code: '99238', addOns: ['G2211'], modifiers: [] },
          predicted: { code: null, addOns: [], modifiers: [] },
          queries: 1,
        },
      ],
      'finder',
    );
    expect(score.exact).toBe(0.5);
    expect(score.groups).toEqual([
      { group: 'g1', notes: 2, exact: 0.5 },
      { group: 'g2', notes: 2, exact: 0.5 },
    ]);
    expect(score.addOns).toMatchObject({ tp: 1, fp: 1, fn: 1, precision: 0.5, recall: 0.5 });
    const text = formatEm(score, false);
    expect(text).toContain('  b: gold 99213, predicted 99214');
    expect(text).toContain('  d: gold 99238, predicted query');
    expect(formatEm(score, true)).toContain('| all | 4 | 0.500 |');
  });

  it('modifier agreement: exact set on the lines where gold and prediction both have an E/M code', () => {
    const line = (id: string, gold: [string | null, string[]], predicted: [string | null, string[]]) => ({
      id,
      group: 'g',
      gold: { code: gold[0], addOns: [], modifiers: gold[1] },
      predicted: { code: predicted[0], addOns: [], modifiers: predicted[1] },
      queries: 0,
    });
    const score = scoreEmCases(
      [
        line('a', ['99214', ['25']], ['99214', ['25']]),
        line('b', ['99213', ['25']], ['99214', []]),
        line('c', ['99204', []], ['99204', ['25']]),
        line('d', ['99203', []], ['99203', []]),
        line('e', ['99204', ['57']], ['99204', ['25', '57']]),
        line('f', ['99213', ['25']], [null, []]),
        line('g', [null, []], ['99213', []]),
      ],
      'engine',
    );
    expect(score.modifiers).toEqual({ lines: 5, agree: 2, rate: 0.4, withModifier: 3, withModifierAgree: 1 });
    expect(formatEm(score, false)).toContain('0.400 (2/5; gold with a modifier 1/3)');
  });

  it("scores the engine's modifiers against the gold's, absent gold modifiers meaning none", async () => {
    const engine: EngineLike = {
      code: () =>
        ({
          codes: [],
          procedures: [
            { system: 'CPT', code: '99213', modifiers: [{ code: '25', reason: 'r' }] },
            { system: 'CPT', code: '20610', modifiers: [] },
          ],
        }) as never,
    };
    const withGold = emCase('x-005', 'Knee injection and blood pressure follow-up.', '99213');
    withGold.em = { ...withGold.em!, modifiers: ['25'] };
    const score = await scoreEm(
      engine,
      [withGold, emCase('x-006', 'Blood pressure follow-up.', '99213')],
      undefined,
    );
    expect(score.cases.map((c) => c.gold.modifiers)).toEqual([['25'], []]);
    expect(score.modifiers).toMatchObject({ lines: 2, agree: 1, withModifier: 1, withModifierAgree: 1 });
  });

  it("reads the engine's procedure lines when it returns them", async () => {
    const engine: EngineLike = {
      code: () => ({ codes: [], procedures: [{ system: 'CPT', code: '99213' }] }) as never,
    };
    const score = await scoreEm(
      engine,
      [emCase('x-001', 'Follow-up visit for blood pressure.', '99213')],
      undefined,
    );
    expect(score).toMatchObject({ source: 'engine', notes: 1, exact: 1 });
  });

  it("otherwise runs the E/M finder on the engine's diagnoses, with the gold's encounter facts", async () => {
    const text = `Office visit

Assessment: Essential hypertension, well controlled. Continue lisinopril 10 mg.`;
    const start = text.indexOf('Essential hypertension');
    const engine: EngineLike = {
      code: () =>
        ({
          codes: [
            {
              code: 'I10',
              title: 'Essential (primary) hypertension',
              sequence: 1,
              evidence: [{ start, end: start + 22, text: 'Essential hypertension' }],
              rationale: { indexPath: [], tabularNotes: [], guidelines: [] },
              confidence: 0.9,
            },
          ],
        }) as never,
    };
    const score = await scoreEm(
      engine,
      [emCase('x-002', text, '99213'), { ...emCase('x-003', text, null), em: undefined }],
      createEmFinder(),
    );
    expect(score).toMatchObject({ source: 'finder', notes: 1, exact: 1 });
    expect(score.cases[0]?.predicted).toEqual({ code: '99213', addOns: [], modifiers: [] });
  });

  it('an engine error is an empty prediction, not the end of the run', async () => {
    const engine: EngineLike = {
      code: () => {
        throw new Error('boom');
      },
    };
    const score = await scoreEm(
      engine,
      [emCase('x-004', 'Follow-up visit for blood pressure.', '99213')],
      createEmFinder(),
    );
    expect(score.cases[0]).toMatchObject({
      predicted: { code: null, addOns: [], modifiers: [] },
      error: 'boom',
    });
    expect(score.exact).toBe(0);
  });
});

describe('the E/M-only cases', () => {
  const dir = mkdtempSync(join(tmpdir(), 'medcoder-em-cases-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('the committed set loads: every case has E/M gold and no ICD-10-CM gold', () => {
    const cases = loadEmCases(join(repoRoot, 'eval', 'cases-em'));
    expect(cases.length).toBeGreaterThanOrEqual(16);
    for (const c of cases) {
      expect(c.em).toBeDefined();
      expect(c).not.toHaveProperty('gold');
    }
  });

  it('a bad case fails by file and field', () => {
    const {
      id: _id,
      gold: _gold,
      specialty: _s,
      ...rest
    } = emCase('em-900', 'Follow-up visit for blood pressure, well controlled on lisinopril.', '99213');
    writeFileSync(join(dir, 'em-900.json'), JSON.stringify({ ...rest, id: 'em-901' }));
    expect(() => loadEmCases(dir)).toThrow(/em-900\.json: id "em-901" does not match the file name/);
    writeFileSync(
      join(dir, 'em-900.json'),
      JSON.stringify({ ...rest, id: 'em-900', em: { code: '1234', addOns: [] } }),
    );
    expect(() => loadEmCases(dir)).toThrow(/em-900\.json: em\.code: an E\/M code number/);
  });
});
