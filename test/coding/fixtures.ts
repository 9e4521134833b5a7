import { afterAll, beforeAll } from 'vitest';
import { createCodingEngine } from '../../src/coding/engine.js';
import type { Candidate, RuleContext } from '../../src/coding/icd10cm/candidate.js';
import type { CodingEngine } from '../../src/coding/types.js';
import { openStore, type Store } from '../../src/store/index.js';
import type { CodeDetails, EffectiveNote } from '../../src/terminology/types.js';
import type { TestStoreSpec } from '../support/stores.js';

/** A minimal Tabular entry for rule tests: title, billable, and the notes the rule reads. */
export function details(
  code: string,
  title = code,
  notes: Array<[EffectiveNote['kind'], string]> = [],
): CodeDetails {
  return {
    code,
    title,
    shortTitle: null,
    billable: true,
    header: false,
    source: 'tabular',
    chapter: { num: 1, title: '', firstCode: null, lastCode: null },
    section: { id: '', title: '', chapterNum: 1 },
    ancestors: [],
    children: [],
    notes: notes.map(([kind, text]) => ({ kind, text, from: { type: 'code', id: code }, inherited: false })),
    seventh: null,
    release: { fiscalYear: 2023, label: 'test' },
  };
}

let offset = 0;
export function cand(
  code: string,
  over: Partial<Candidate> = {},
  notes: Array<[EffectiveNote['kind'], string]> = [],
): Candidate {
  offset += 10;
  return {
    code,
    title: code,
    details: details(code, code, notes),
    evidence: [{ start: offset, end: offset + 3, text: code }],
    indexPath: [],
    tabularNotes: [],
    guidelines: [],
    context: { negated: false, uncertain: false, historical: false, family: false, hypothetical: false },
    section: 'assessment',
    offset,
    positions: [offset],
    confidence: 0.9,
    ...over,
  };
}

export function ruleCtx(over: Partial<RuleContext> = {}, known: string[] = []): RuleContext {
  const table = new Map(known.map((c) => [c, details(c)]));
  return {
    setting: 'outpatient',
    age: 60,
    sex: 'F',
    medications: new Map(),
    lookup: (c) => table.get(c) ?? null,
    ...over,
  };
}

export const codes = (r: { candidates: readonly Candidate[] }) => r.candidates.map((c) => c.code);

/**
 * Opens the imported store and builds the engine once for the enclosing `describe` (vitest
 * hooks); the returned getter gives the engine inside tests.
 */
export function engineFor(spec: TestStoreSpec): () => CodingEngine {
  let store: Store | undefined;
  let engine: CodingEngine | undefined;
  beforeAll(async () => {
    store = await openStore(spec.options);
    engine = await createCodingEngine(store);
  }, 120_000);
  afterAll(async () => {
    await store?.close();
  });
  return () => {
    if (!engine) throw new Error('the coding engine was not built (beforeAll failed)');
    return engine;
  };
}
