import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CodiEspError } from '../../eval/codiesp.js';
import { loadCodiEspProcedures, type PcsPrediction, predictPcs, scorePcs } from '../../eval/pcs.js';
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
