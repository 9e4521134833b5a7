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
    expect(emLines(['J1100', '99214', 'G2211', '96372'])).toEqual({ code: '99214', addOns: ['G2211'] });
    expect(emLines(['99205', '99417', 'G2212'])).toEqual({ code: '99205', addOns: ['99417', 'G2212'] });
    expect(emLines(['99024'])).toEqual({ code: '99024', addOns: [] });
    expect(emLines([])).toEqual({ code: null, addOns: [] });
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
          gold: { code: '99214', addOns: ['G2211'] },
          predicted: { code: '99214', addOns: ['G2211'] },
          queries: 0,
        },
        {
          id: 'b',
          group: 'g1',
          gold: { code: '99213', addOns: [] },
          predicted: { code: '99214', addOns: ['G2211'] },
          queries: 0,
        },
        {
          id: 'c',
          group: 'g2',
          gold: { code: null, addOns: [] },
          predicted: { code: null, addOns: [] },
          queries: 0,
        },
        {
          id: 'd',
          group: 'g2',
          gold: { code: '99238', addOns: ['G2211'] },
          predicted: { code: null, addOns: [] },
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
    expect(score.cases[0]?.predicted).toEqual({ code: '99213', addOns: [] });
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
    expect(score.cases[0]).toMatchObject({ predicted: { code: null, addOns: [] }, error: 'boom' });
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
