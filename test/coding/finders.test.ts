/**
 * The ICD-10-CM pipeline's finders and steps (src/coding/icd10cm/finders/, steps.ts): finders run
 * in order, each seeing the candidates before it; a finding replaces the earlier codes it
 * supersedes; the steps between finders and rules return new lists and leave their input as it was.
 */
import { describe, expect, it } from 'vitest';
import type { Candidate } from '../../src/coding/icd10cm/candidate.js';
import { FINDERS, type FinderData } from '../../src/coding/icd10cm/engine.js';
import { externalCauseFinder } from '../../src/coding/icd10cm/finders/external-causes.js';
import { factFinder } from '../../src/coding/icd10cm/finders/facts.js';
import {
  withoutRestatedChronic,
  withoutUnknownSecondary,
} from '../../src/coding/icd10cm/finders/index-mentions.js';
import {
  type DiagnosisFinder,
  type FindContext,
  runFinders,
  withFindings,
} from '../../src/coding/icd10cm/finders/types.js';
import { POS_BASE } from '../../src/coding/icd10cm/index-match.js';
import { buildIndexTree, type IndexTree } from '../../src/coding/icd10cm/index-tree.js';
import {
  collapseRepeats,
  withAttributedSymptoms,
  withoutNarrativeSymptoms,
} from '../../src/coding/icd10cm/steps.js';
import { type PreparedNote, prepareNote } from '../../src/coding/prepare-note.js';
import { openStore } from '../../src/store/index.js';
import { loadTerminology } from '../../src/terminology/index.js';
import { importedStores } from '../support/stores.js';
import { cand, details } from './fixtures.js';

const base = { setting: 'outpatient', dateOfService: '2023-03-02', age: 58, sex: 'M' } as const;

function prepared(text: string): PreparedNote {
  const note = prepareNote({ ...base, text });
  if ('unreadable' in note) throw new Error(note.unreadable);
  return note;
}

/** Every finder's context over a Tabular that knows every code (billable). */
function findContext(note: PreparedNote): FindContext {
  return {
    sources: note.analysis.sentences,
    hasDiagnoses: true,
    episode: 'initial',
    lookup: (code) => details(code),
  };
}

/** Frozen all the way down: a step that changes its input throws. */
function frozen<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) frozen(v);
  }
  return value;
}

const codes = (list: readonly Candidate[]) => list.map((c) => c.code);

/** A finder that proposes fixed candidates and records what it saw. */
function fixed(name: string, proposed: Candidate[], seen: string[][] = []): DiagnosisFinder {
  return {
    name,
    find(_note, _ctx, found) {
      seen.push(codes(found));
      return proposed.map((candidate) => ({ candidate }));
    },
  };
}

describe('finders in order', () => {
  const note = prepared('Assessment: Essential hypertension.');

  it('each finder sees the candidates of the finders before it, and adds to the end', () => {
    const seen: string[][] = [];
    const list = runFinders(
      [fixed('a', [cand('I10')], seen), fixed('b', [cand('E78.5')], seen), fixed('c', [], seen)],
      note,
      findContext(note),
    );
    expect(seen).toEqual([[], ['I10'], ['I10', 'E78.5']]);
    expect(codes(list)).toEqual(['I10', 'E78.5']);
  });

  it('a finding removes the earlier codes it supersedes, its own batch included, in order', () => {
    const found = frozen([cand('F17.210'), cand('I10')]);
    const out = withFindings(found, [
      { candidate: cand('Z91.120') },
      { candidate: cand('Z87.891'), supersedes: (c) => c.startsWith('F17') },
      { candidate: cand('Z91.128'), supersedes: (c) => /^Z91\.12/.test(c) && c !== 'Z91.128' },
    ]);
    expect(codes(out)).toEqual(['I10', 'Z87.891', 'Z91.128']);
    expect(codes(found)).toEqual(['F17.210', 'I10']);
  });
});

describe('FINDERS', () => {
  const empty = (): IndexTree => ({ nodes: new Map(), byStem: new Map(), byTitle: new Map() });
  const data: FinderData = {
    terminology: { neoplasmLookup: () => null },
    neoplasmTable: { neoplasmLookup: () => null },
    drugLookup: null,
    tree: empty(),
  };
  const names = (d: FinderData) => FINDERS.flatMap((make) => make(d) ?? []).map((f) => f.name);

  it('lists the Index mentions first, external causes after them, then facts and drug events', () => {
    expect(names({ ...data, externalCauseIndex: empty(), drugLookup: () => null })).toEqual([
      'index-mentions',
      'external-causes',
      'facts',
      'drug-events',
    ]);
  });

  it('leaves out a finder whose data the terminology lacks', () => {
    expect(names(data)).toEqual(['index-mentions', 'facts']);
  });
});

describe('the facts finder', () => {
  const note = prepared('Social history: Former smoker, quit in 2010.\nAssessment: Essential hypertension.');

  it('reads the fact from the wording and supersedes the Index code it replaces', () => {
    const found = frozen([cand('F17.210'), cand('I10')]);
    const findings = factFinder.find(note, findContext(note), found);
    expect(findings.map((f) => f.candidate.code)).toEqual(['Z87.891']);
    expect(findings[0]!.supersedes?.('F17.210')).toBe(true);
    expect(findings[0]!.supersedes?.('I10')).toBe(false);
    const list = runFinders(
      [fixed('index', [cand('F17.210'), cand('I10')]), factFinder],
      note,
      findContext(note),
    );
    expect(codes(list)).toEqual(['I10', 'Z87.891']);
  });

  it('proposes nothing the Tabular does not have as billable', () => {
    const ctx = { ...findContext(note), lookup: () => null };
    expect(factFinder.find(note, ctx, [])).toEqual([]);
  });
});

describe('steps before the rules leave their input as it was', () => {
  it('C79.9 leaves once a metastatic site is coded, and only then', () => {
    const sited = frozen([cand('C79.9'), cand('C78.01'), cand('C34.90')]);
    expect(codes(withoutUnknownSecondary(sited))).toEqual(['C78.01', 'C34.90']);
    const unsited = frozen([cand('C79.9'), cand('C34.90')]);
    expect(codes(withoutUnknownSecondary(unsited))).toEqual(['C79.9', 'C34.90']);
    expect(codes(sited)).toEqual(['C79.9', 'C78.01', 'C34.90']);
  });

  it('a chronic disease of the history restated in the assessment is coded once, as assessed', () => {
    const list = frozen([
      cand('N18.30', { section: 'past_medical_history' }),
      cand('N18.31', { section: 'assessment' }),
      cand('J45.909', { section: 'past_medical_history' }),
      cand('I10', {
        section: 'past_medical_history',
        context: { negated: false, uncertain: false, historical: true, family: false, hypothetical: false },
      }),
    ]);
    expect(codes(withoutRestatedChronic(list))).toEqual(['N18.31', 'J45.909', 'I10']);
    expect(list).toHaveLength(4);
  });

  it('narrative symptoms leave once the assessment concludes a diagnosis', () => {
    const symptom = cand('R05.9', { section: 'hpi', narrativeSymptom: true });
    expect(codes(withoutNarrativeSymptoms(frozen([symptom, cand('J20.9')])))).toEqual(['J20.9']);
    const uncertain = cand('J18.9', {
      context: { negated: false, uncertain: true, historical: false, family: false, hypothetical: false },
    });
    expect(codes(withoutNarrativeSymptoms(frozen([symptom, uncertain])))).toEqual(['R05.9', 'J18.9']);
  });

  it('repeats become one candidate with their evidence; the first is copied, not changed', () => {
    const first = cand('I10');
    const again = cand('I10');
    const list = frozen([first, cand('E78.5'), again]);
    const out = collapseRepeats(list);
    expect(codes(out)).toEqual(['I10', 'E78.5']);
    expect(out[0]!.evidence).toEqual([...first.evidence, ...again.evidence]);
    expect(first.evidence).toHaveLength(1);
    const historical = cand('I10', {
      context: { negated: false, uncertain: false, historical: true, family: false, hypothetical: false },
    });
    expect(codes(collapseRepeats(frozen([cand('I10'), historical])))).toEqual(['I10', 'I10']);
  });

  it('a symptom the assessment attributes to a diagnosis of the same statement is marked on a copy', () => {
    const note = prepared('Assessment: Tremor is from the thyrotoxicosis.');
    const s = note.analysis.sentences.find((x) => x.section === 'assessment')!;
    const at = (word: string) => s.index * POS_BASE + s.tokens.findIndex((t) => t.norm === word);
    const tremor = cand('R25.1', { positions: [at('tremor')] });
    const thyro = cand('E05.90', { positions: [at('thyrotoxicosis')] });
    const list = frozen([tremor, thyro]);
    const out = withAttributedSymptoms(list, note.analysis);
    expect(out[0]!.attributedTo).toBe('E05.90');
    expect(out[1]).toBe(thyro);
    expect(tremor.attributedTo).toBeUndefined();
    // Said the other way round, the diagnosis comes before the cause word: nothing is attributed.
    const reversed = withAttributedSymptoms(
      frozen([cand('R25.1', { positions: [at('thyrotoxicosis')] })]),
      note.analysis,
    );
    expect(reversed[0]!.attributedTo).toBeUndefined();
  });
});

describe.each(importedStores())('the external-cause finder ($name)', (spec) => {
  it('reads how an injury happened only when a finder before it found the injury', async () => {
    const store = await openStore(spec.options);
    try {
      const t = await loadTerminology(store.db, { fiscalYear: 2023 });
      const eindex = t.alphabeticIndex('eindex');
      expect(eindex, 'the External Cause Index is imported').toBeTruthy();
      const finder = externalCauseFinder(buildIndexTree(eindex!, { commaAlternatives: true }));
      const note = prepared(
        'HPI: He slipped on the ice and fell on the sidewalk.\nAssessment: Sprain of right ankle, initial encounter.',
      );
      const ctx = { ...findContext(note), lookup: (code: string) => t.lookup(code) };
      expect(finder.find(note, ctx, [])).toEqual([]);
      const denied = cand('S93.401A', {
        context: { negated: true, uncertain: false, historical: false, family: false, hypothetical: false },
      });
      expect(finder.find(note, ctx, frozen([denied]))).toEqual([]);
      const causes = finder.find(note, ctx, frozen([cand('S93.401A'), cand('I10')]));
      expect(causes.map((f) => f.candidate.code)).toContain('W00.0XXA');
      for (const { candidate, supersedes } of causes) {
        expect(candidate.offset).toBeGreaterThanOrEqual(1e9);
        expect(supersedes).toBeUndefined();
      }
    } finally {
      await store.close();
    }
  }, 120_000);
});
