import { describe, expect, it } from 'vitest';
import { type EvalCase, parseCase } from '../../eval/cases.js';
import type { EngineLike } from '../../eval/harness.js';
import { formatHcpcs, scoreHcpcs, scoreHcpcsLines } from '../../eval/hcpcs.js';

function evalCase(id: string, text: string, hcpcs?: Array<{ code: string; units: number }>): EvalCase {
  return parseCase(`${id}.json`, {
    id,
    specialty: 'emergency',
    setting: 'outpatient',
    dateOfService: '2023-03-01',
    age: 40,
    sex: 'F',
    text: `${text} (synthetic note for the HCPCS scorer test)`,
    gold: [{ code: 'R51.9', justification: 'placeholder diagnosis' }],
    ...(hcpcs ? { hcpcs: hcpcs.map((l) => ({ ...l, justification: `gold line ${l.code}` })) } : {}),
  });
}

// A stand-in engine: ketorolac is J1885 with units from the first number / 15; "CPT" lines are not scored.
const engine: EngineLike = {
  code(input) {
    const mg = Number(/(\d+) mg/.exec(input.text)?.[1] ?? 0);
    const procedures = input.text.includes('ketorolac')
      ? [
          { system: 'HCPCS', code: 'J1885', units: Math.ceil(mg / 15) },
          { system: 'CPT', code: '96372', units: 1 },
          { system: 'HCPCS', code: 'G2211', units: 1 }, // an E/M add-on: the em gold's
        ]
      : [];
    if (input.text.includes('EXPLODE')) throw new Error('engine failure on purpose');
    return { codes: [], procedures } as ReturnType<EngineLike['code']>;
  },
};

describe('HCPCS code+units scoring', () => {
  it('counts a line right only with its code and units; code-only scoring forgives the units', () => {
    const scores = scoreHcpcsLines([
      { id: 'a', gold: [{ code: 'J1885', units: 2 }], predicted: [{ code: 'J1885', units: 2 }] },
      { id: 'b', gold: [{ code: 'J0696', units: 4 }], predicted: [{ code: 'J0696', units: 2 }] },
      { id: 'c', gold: [], predicted: [{ code: 'J1100', units: 10 }] },
    ]);
    expect(scores.codeUnits).toMatchObject({ tp: 1, fp: 2, fn: 1 });
    expect(scores.code).toMatchObject({ tp: 2, fp: 1, fn: 0 });
  });

  it('scores only the cases with hcpcs gold and only HCPCS drug and vaccine lines; an engine error predicts nothing', async () => {
    const cases = [
      evalCase('ed-001', 'ketorolac 30 mg IM given.', [{ code: 'J1885', units: 2 }]),
      evalCase('ed-002', 'prescribed ketorolac 10 mg PO.', []),
      evalCase('ed-003', 'no hcpcs gold here, ketorolac 30 mg.'),
      evalCase('ed-004', 'EXPLODE ketorolac 60 mg', [{ code: 'J1885', units: 4 }]),
    ];
    const score = await scoreHcpcs(engine, cases);
    expect(score.notes).toBe(3);
    expect(score.codeUnits).toMatchObject({ tp: 1, fp: 1, fn: 1 });
    expect(score.cases.find((c) => c.id === 'ed-004')?.error).toBe('engine failure on purpose');
    const printed = formatHcpcs(score);
    expect(printed).toContain('code+units  P 0.500  R 0.500  F1 0.500  (tp 1, fp 1, fn 1)');
    expect(printed).toContain('ed-002: gold -, predicted J1885x1');
    expect(printed).not.toContain('prescribed'); // never note text
  });

  it('the case schema rejects a malformed hcpcs line', () => {
    expect(() =>
      evalCase('ed-009', 'text long enough to be a note for the schema.', [{ code: '96372', units: 1 }]),
    ).toThrow(/hcpcs\.0\.code: a HCPCS Level II code/);
  });
});
