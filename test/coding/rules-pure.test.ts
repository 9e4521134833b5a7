/**
 * The guideline rules are pure: each takes the candidate list and the context as read-only and
 * returns new values. Every rule in RULES is run on the very lists the engine hands it while
 * coding a few notes (recorded by wrapping the rules for the duration of the test), once on a
 * deep-frozen copy and once on a plain copy: frozen input must not make it throw (in an ES
 * module a write to a frozen object throws), the two results must be equal, and the plain copy
 * must be left as it was given.
 */
import { isDeepStrictEqual } from 'node:util';
import { describe, expect, it } from 'vitest';
import type { Candidate, Rule, RuleContext, RuleResult } from '../../src/coding/icd10cm/candidate.js';
import { RULES } from '../../src/coding/icd10cm/engine.js';
import type { CodingEngine, NoteInput } from '../../src/coding/types.js';
import { importedStores } from '../support/stores.js';
import { engineFor } from './fixtures.js';

const base = { setting: 'outpatient', dateOfService: '2023-03-02', age: 60, sex: 'F' } as const;

/** Synthetic notes that, between them, make every rule change its list or raise a query. */
const NOTES: Array<Partial<NoteInput> & { text: string }> = [
  {
    text: 'Assessment:\n1. Diabetes mellitus on insulin and metformin.\n2. Hypertension with stage 3 chronic kidney disease and chronic diastolic heart failure.\n3. Denies chest pain.',
  },
  {
    text: 'Assessment: COPD with pneumonia. Coronary artery disease with unstable angina. Alcohol intoxication.',
    setting: 'inpatient',
  },
  {
    text: 'Assessment: Lumbar spinal stenosis with neurogenic claudication. Osteoarthritis of right knee. Right knee pain. Cough.\nPossible pneumonia.',
  },
  {
    text: 'FH: Mother had breast cancer.\nPMH: History of colon cancer. History of hypertension.\nAssessment: Probable pneumonia. Type 2 diabetes. Type 2 diabetes mellitus. Hyperlipidemia per PCP.',
    setting: 'inpatient',
  },
  {
    text: 'Assessment: Single liveborn delivered vaginally, full-term uncomplicated delivery. Gestational diabetes.',
    age: 28,
  },
  {
    text: 'Assessment: Type 1 diabetes mellitus. Type 2 diabetes mellitus. Chronic kidney disease. Depression. Heart failure.',
  },
  { text: 'Assessment: Intrauterine pregnancy at 20 weeks. Otitis media.', age: 8 },
  { text: 'Assessment: Sprain of right ankle. Pain in right ankle. Type 2 diabetes with hyperglycemia.' },
  // One code twice, the second time with a guideline the first lacks: sequencing merges them.
  { text: 'Assessment: Pneumonia. Probable pneumonia.', setting: 'inpatient' },
];

interface Call {
  name: string;
  rule: Rule;
  /** A copy of the list the engine gave the rule, taken before the rule ran. */
  input: Candidate[];
  ctx: RuleContext;
  /** The rule changed the list (or a candidate) or raised a query on this call. */
  acted: boolean;
}

/** Codes the notes with every rule wrapped to record its calls; RULES is restored afterwards. */
function recordRuleCalls(engine: CodingEngine): Call[] {
  const calls: Call[] = [];
  const table = RULES as Array<[string, Rule]>;
  const original = [...table];
  try {
    original.forEach(([name, rule], i) => {
      table[i] = [
        name,
        (list, ctx) => {
          const input = structuredClone(list) as Candidate[];
          const r = rule(list, ctx);
          const acted = !isDeepStrictEqual(r.candidates, input) || (r.queries?.length ?? 0) > 0;
          calls.push({ name, rule, input, ctx, acted });
          return r;
        },
      ];
    });
    for (const note of NOTES) engine.code({ ...base, ...note });
  } finally {
    table.splice(0, table.length, ...original);
  }
  return calls;
}

/** Freezes the value and everything reachable from it (arrays and plain objects). */
function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

/** The context with its medications copied and frozen (a Map's entries cannot be frozen, its values can). */
function frozenContext(ctx: RuleContext): Readonly<RuleContext> {
  const medications = new Map([...ctx.medications].map(([stem, span]) => [stem, deepFreeze({ ...span })]));
  return Object.freeze({ ...ctx, medications });
}

function outcome(r: RuleResult) {
  return { candidates: r.candidates, queries: r.queries ?? [] };
}

describe.each(importedStores())('guideline rules on frozen input ($name)', (spec) => {
  const engine = engineFor(spec);

  it('every rule leaves its input as given and returns on frozen input what it returns on a plain copy', () => {
    const calls = recordRuleCalls(engine());
    expect(calls.length).toBe(RULES.length * NOTES.length);
    const problems = new Set<string>();
    for (const call of calls) {
      const plain = structuredClone(call.input);
      const frozen = deepFreeze(structuredClone(call.input));
      const ctx = frozenContext(call.ctx);
      const medications = structuredClone([...ctx.medications]);
      let onFrozen: RuleResult;
      try {
        onFrozen = call.rule(frozen, ctx);
      } catch (err) {
        problems.add(`${call.name} throws on frozen input: ${(err as Error).message}`);
        continue;
      }
      const onPlain = call.rule(plain, call.ctx);
      if (!isDeepStrictEqual(outcome(onFrozen), outcome(onPlain)))
        problems.add(`${call.name} returns another result on frozen input`);
      if (!isDeepStrictEqual(plain, call.input))
        problems.add(`${call.name} changes the candidates it is given`);
      if (!isDeepStrictEqual([...ctx.medications], medications))
        problems.add(`${call.name} changes the context`);
      // A new list: the caller may keep or extend it without touching the one it gave.
      if (onPlain.candidates === plain) problems.add(`${call.name} returns the list it was given`);
    }
    expect([...problems]).toEqual([]);
  }, 120_000);

  it('the notes make every rule act at least once (so the check above is not vacuous)', () => {
    const acted = new Set(
      recordRuleCalls(engine())
        .filter((c) => c.acted)
        .map((c) => c.name),
    );
    expect(RULES.map(([name]) => name).filter((name) => !acted.has(name))).toEqual([]);
  }, 120_000);
});
