import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { EvalCase } from '../../eval/cases.js';
import { CodiEspError } from '../../eval/codiesp.js';
import type { EngineLike } from '../../eval/harness.js';
import {
  formatPcsMisses,
  loadCodiEspProcedures,
  type PcsPrediction,
  predictPcs,
  predictTeamPcs,
  scorePcs,
} from '../../eval/pcs.js';
import type { ProcedureFinder } from '../../src/coding/procedure-finder.js';

const file = (lines: string[]) => {
  const path = join(mkdtempSync(join(tmpdir(), 'medcoder-pcs-eval-')), 'codiesp_en_test.jsonl');
  writeFileSync(path, `${lines.join('\n')}\n`);
  return path;
};

const prediction = (gold: string[], codes: string[], asked: string[] = []): PcsPrediction => ({
  id: 'x',
  gold,
  codes,
  asked,
  seconds: 0.01,
});

describe('ICD-10-PCS scoring on CodiEsp', () => {
  it('reads procedure_codes_icd10pcs (an empty list counts) and names a malformed line', () => {
    const notes = loadCodiEspProcedures(
      file([
        JSON.stringify({
          id: 'a',
          text: 'x',
          codes: [],
          procedure_codes_icd10pcs: ['bw03zzz', 'BW03ZZZ', 'BW20'],
        }),
        JSON.stringify({ id: 'b', text: 'y', codes: [], procedure_codes_icd10pcs: [] }),
        JSON.stringify({ id: 'c', text: 'z', codes: [] }),
      ]),
    );
    expect(notes).toEqual([
      { id: 'a', text: 'x', gold: ['BW03ZZZ', 'BW20'] },
      { id: 'b', text: 'y', gold: [] },
    ]);
    expect(() => loadCodiEspProcedures(file(['{"id": "a", "text": "x"', '']))).toThrow(CodiEspError);
    expect(() => loadCodiEspProcedures(file(['{"id": "a", "text": "x"', '']))).toThrow(/:1: not valid JSON/);
  });

  it('keeps whole codes, query prefixes and tables apart', () => {
    const s = scorePcs('t', [
      // Whole code right; a CT whose contrast the note leaves open matches the partial gold.
      prediction(['0FT44ZZ', 'BW20'], ['0FT44ZZ'], ['BW20']),
      // Wrong body part in the right table; a gold code not found at all.
      prediction(['0DTJ0ZZ', '4A02X4Z'], ['0DTN0ZZ']),
    ]);
    expect(s.exact).toMatchObject({ tp: 1, fp: 1, fn: 3 });
    expect(s.asked).toMatchObject({ tp: 2, fp: 1, fn: 2 });
    // Tables: {0FT, BW2} vs {0FT, BW2}; {0DT, 4A0} vs {0DT}.
    expect(s.table).toMatchObject({ tp: 3, fp: 0, fn: 1 });
    expect(s).toMatchObject({ notes: 2, goldCodes: 4, queries: 1, errors: 0 });
  });

  it('turns each query into the code as far as the note decides it, and records a finder error', () => {
    const finder: ProcedureFinder = {
      system: 'ICD-10-PCS',
      name: 'pcs',
      find: ({ input }) => {
        if (input.text === 'boom') throw new Error('finder failed');
        return {
          procedures: [],
          queries: [
            {
              element: 'contrast',
              question: '?',
              affectedCodes: ['BW2100Z', 'BW210ZZ', 'BW21ZZZ'],
              evidence: [],
            },
          ],
        };
      },
    };
    const [ok, failed] = predictPcs(finder, [
      { id: 'a', text: 'CT of the abdomen and pelvis.', gold: ['BW21'] },
      { id: 'b', text: 'boom', gold: ['BW21'] },
    ]);
    expect(ok).toMatchObject({ codes: [], asked: ['BW21'] });
    expect(failed).toMatchObject({ codes: [], asked: [], error: 'finder failed' });
  });
});

describe("ICD-10-PCS scoring on the team's inpatient cases", () => {
  const teamCase = (id: string, pcs: string[] | undefined): EvalCase => ({
    id,
    specialty: 'surgery',
    setting: 'inpatient',
    dateOfService: '2023-03-14',
    age: 47,
    sex: 'F',
    text: `note ${id}: laparoscopic cholecystectomy for acute cholecystitis`,
    gold: [{ code: 'K80.00', justification: 'placeholder gold' }],
    ...(pcs ? { pcs: pcs.map((code) => ({ code, justification: 'placeholder PCS gold' })) } : {}),
  });

  it("keeps the engine's ICD-10-PCS lines and PCS queries, skips cases without pcs gold, scores exact micro P/R/F1", async () => {
    const outputs: Record<string, unknown> = {
      'su-901': {
        codes: [],
        procedures: [
          { system: 'ICD-10-PCS', code: '0FT44ZZ' },
          { system: 'CPT', code: '99238' },
          { system: 'ICD-10-PCS', code: '0FT44ZZ' },
        ],
        queries: [{ affectedCodes: ['I10'] }],
      },
      'su-902': {
        codes: [],
        procedures: [{ system: 'ICD-10-PCS', code: '0DTJ4ZZ' }],
        queries: [{ affectedCodes: ['0SRC0J9', '0SRC0JA'] }],
      },
      'su-903': { codes: [], procedures: [{ system: 'ICD-10-PCS', code: '3E0234Z' }] },
    };
    const seen: string[] = [];
    const engine: EngineLike = {
      code: (input) => {
        const id = input.text.split(':')[0]!.slice(5);
        seen.push(id);
        if (id === 'su-904') throw new Error('boom');
        return outputs[id] as never;
      },
    };
    const predictions = await predictTeamPcs(engine, [
      teamCase('su-901', ['0FT44ZZ']),
      teamCase('su-902', ['0DTJ0ZZ', '0SRC0J9']),
      teamCase('su-903', []),
      teamCase('su-904', ['10D00Z1']),
      teamCase('su-905', undefined),
    ]);
    expect(seen).toEqual(['su-901', 'su-902', 'su-903', 'su-904']);
    expect(predictions.map(({ id, codes, asked, error }) => ({ id, codes, asked, error }))).toEqual([
      { id: 'su-901', codes: ['0FT44ZZ'], asked: [], error: undefined },
      { id: 'su-902', codes: ['0DTJ4ZZ'], asked: ['0SRC0J'], error: undefined },
      { id: 'su-903', codes: ['3E0234Z'], asked: [], error: undefined },
      { id: 'su-904', codes: [], asked: [], error: 'boom' },
    ]);
    const score = scorePcs('team (inpatient)', predictions);
    // tp 0FT44ZZ; fp 0DTJ4ZZ, 3E0234Z; fn 0DTJ0ZZ, 0SRC0J9, 10D00Z1.
    expect(score.exact).toMatchObject({ tp: 1, fp: 2, fn: 3 });
    expect(score.exact.precision).toBeCloseTo(1 / 3);
    expect(score.exact.recall).toBeCloseTo(1 / 4);
    expect(score).toMatchObject({ notes: 4, goldCodes: 4, errors: 1, queries: 1 });
    expect(formatPcsMisses(predictions).split('\n')).toEqual([
      '  su-902: gold 0DTJ0ZZ 0SRC0J9, predicted 0DTJ4ZZ',
      '  su-903: gold -, predicted 3E0234Z',
      '  su-904: gold 10D00Z1, predicted - (error: boom)',
    ]);
  });
});
