/**
 * The ICD-10-CM pipeline, one stage after the other over one prepared note:
 *
 *   analyze (the note's context for every finder: sentences coded from, episode, ...)
 *     → find (FINDERS, each a DiagnosisFinder of finders/: Index mentions completed in the
 *       Tabular, external causes, facts read from the wording, drug events)
 *     → settle (attributed symptoms, narrative symptoms, repeats; pure steps, steps.ts)
 *     → rules (RULES, guideline rules in the order a coder applies them, sequencing last)
 *     → explain (suggestions with evidence and rationale, queries, date of service).
 *
 * Everything is loaded once by `loadDiagnosisCoder`; `diagnose()` is synchronous and pure over
 * that data. The note is validated and analysed once by the engine (coding/engine.ts), which
 * hands the same analysis to the procedure finders.
 */
import { isDiagnosticSection, type SectionKind } from '../../nlp/sections.js';
import type { Store } from '../../store/index.js';
import { loadTerminology } from '../../terminology/index.js';
import type { Icd10cmTerminology } from '../../terminology/types.js';
import { CodingDataError } from '../errors.js';
import type { PreparedNote } from '../prepare-note.js';
import type { CodingEngineOptions, CodingResult, PhysicianQuery } from '../types.js';
import type { Candidate, Rule, RuleContext } from './candidate.js';
import { applyDateOfService, hasRemissionSibling } from './date-of-service.js';
import { relevantQueries, suggestionsOf } from './explain.js';
import { drugEventFinder } from './finders/drug-events.js';
import { externalCauseFinder } from './finders/external-causes.js';
import { factFinder } from './finders/facts.js';
import { type IndexMentionData, indexMentionFinder } from './finders/index-mentions.js';
import { type DiagnosisFinder, type FindContext, runFinders } from './finders/types.js';
import { buildIndexTree, type IndexTree } from './index-tree.js';
import { combination } from './rules/combination.js';
import { contextFilter } from './rules/context-filter.js';
import { copdInfection } from './rules/copd-infection.js';
import { coronaryAngina } from './rules/coronary-angina.js';
import { diabetes } from './rules/diabetes.js';
import { excludes1 } from './rules/excludes1.js';
import { historyAndFamily } from './rules/history-family.js';
import { hypertension } from './rules/hypertension.js';
import { integralSymptoms } from './rules/integral-symptoms.js';
import { maternalRecord } from './rules/maternal-record.js';
import { notManaged } from './rules/not-managed.js';
import { pairedCodes } from './rules/paired-codes.js';
import { sequencing } from './rules/sequencing.js';
import { specificityQueries } from './rules/specificity-queries.js';
import { substanceIntoxication } from './rules/substance-intoxication.js';
import { uncertainDiagnosis } from './rules/uncertain-diagnosis.js';
import { uncomplicatedDelivery } from './rules/uncomplicated-delivery.js';
import { episodeOf } from './specificity.js';
import {
  collapseRepeats,
  medicationStems,
  withAttributedSymptoms,
  withoutNarrativeSymptoms,
} from './steps.js';

export { distinctSpans } from './explain.js';

/** Rules in the order a coder applies them. */
export const RULES: ReadonlyArray<[string, Rule]> = [
  ['context', contextFilter],
  ['maternal-record', maternalRecord],
  ['not-managed', notManaged],
  ['history-family', historyAndFamily],
  ['uncertain', uncertainDiagnosis],
  ['combination', combination],
  ['hypertension', hypertension],
  ['diabetes', diabetes],
  ['coronary-angina', coronaryAngina],
  ['copd-infection', copdInfection],
  ['substance-intoxication', substanceIntoxication],
  ['excludes1', excludes1],
  ['uncomplicated-delivery', uncomplicatedDelivery],
  ['integral-symptoms', integralSymptoms],
  ['paired-codes', pairedCodes],
  ['specificity-queries', specificityQueries],
  ['sequencing', sequencing],
];

/** What the finders are built from: the loaded Index, Tables and External Cause Index. */
export interface FinderData extends IndexMentionData {
  /** The External Cause Index; without it no external-cause codes are proposed. */
  readonly externalCauseIndex?: IndexTree;
}

/**
 * The finders in the order their candidates are listed, each seeing those before it (null where
 * the terminology lacks what the finder reads).
 */
export const FINDERS: ReadonlyArray<(data: FinderData) => DiagnosisFinder | null> = [
  (d) => indexMentionFinder(d),
  // External causes for the injuries the Index mentions found.
  (d) => (d.externalCauseIndex ? externalCauseFinder(d.externalCauseIndex) : null),
  () => factFinder,
  (d) => (d.drugLookup ? drugEventFinder(d.drugLookup) : null),
];

/** The diagnosis stage of the engine: one prepared note in, ICD-10-CM codes and queries out. */
export interface DiagnosisCoder {
  readonly fiscalYear: number;
  diagnose(note: PreparedNote): CodingResult;
}

export async function loadDiagnosisCoder(
  store: Store,
  options: CodingEngineOptions = {},
): Promise<DiagnosisCoder> {
  const wanted = options.fiscalYear ? { fiscalYear: options.fiscalYear } : {};
  const terminology = await (options.terminology ?? loadTerminology(store.db, wanted));
  // The terminology owns the Index in memory; the matcher reads a view of the same terms.
  const index = terminology.alphabeticIndex('disease');
  if (!index)
    throw new CodingDataError('no ICD-10-CM Alphabetic Index is imported: run "medcoder import" first');
  const tree = buildIndexTree(index);
  // The External Cause Index writes subterm synonyms and connectors with commas (terms.ts).
  const eindex = terminology.alphabeticIndex('eindex');
  return buildDiagnosisCoder(
    terminology,
    tree,
    eindex ? buildIndexTree(eindex, { commaAlternatives: true }) : undefined,
  );
}

/** The diagnosis stage over already-loaded data (tests and servers that share the terminology). */
export function buildDiagnosisCoder(
  terminology: Pick<Icd10cmTerminology, 'lookup' | 'selection' | 'neoplasmLookup'> &
    Partial<Pick<Icd10cmTerminology, 'drugLookup' | 'codesOn'>>,
  tree: IndexTree,
  /** The External Cause Index; without it no external-cause codes are proposed. */
  externalCauseIndex?: IndexTree,
): DiagnosisCoder {
  const fiscalYear = terminology.selection.codes.release.fiscalYear;
  const lookup = remembered((code: string) => terminology.lookup(code));
  const drugLookup = terminology.drugLookup ? remembered(terminology.drugLookup.bind(terminology)) : null;
  const neoplasmTable = { neoplasmLookup: remembered(terminology.neoplasmLookup.bind(terminology)) };
  const data: FinderData = { terminology, neoplasmTable, drugLookup, tree, externalCauseIndex };
  const finders = FINDERS.flatMap((make) => make(data) ?? []);
  // One function for the coder's lifetime: the date-of-service check remembers per tree.
  const inTree = (code: string) => lookup(code) !== null;
  // The release in effect is chosen once per date of service: every note asks twice, and most
  // notes of a day share the date.
  const codesOn = terminology.codesOn ? remembered(terminology.codesOn.bind(terminology)) : undefined;

  return {
    fiscalYear,
    diagnose(note: PreparedNote): CodingResult {
      const ctx = analyze(note, lookup, codesOn);
      const found = runFinders(finders, note, ctx);
      const settled = settle(found, note);
      const ruled = applyRules(settled, ruleContext(note, lookup));
      return explain(note, ruled, { fiscalYear, inTree, codesOn });
    },
  };
}

/** Sections diagnoses are never coded from (nor is the plan). */
const NEVER_CODED_FROM: ReadonlySet<SectionKind> = new Set([
  'ros',
  'exam',
  'results',
  'medications',
  'allergies',
  'past_surgical_history',
  'procedures',
]);

/** Analyze: what every finder knows about the note besides its analysis. */
function analyze(
  note: PreparedNote,
  lookup: FindContext['lookup'],
  codesOn?: Icd10cmTerminology['codesOn'],
): FindContext {
  const { input, text, analysis } = note;
  return {
    sources: analysis.sentences.filter((s) => !NEVER_CODED_FROM.has(s.section) && s.section !== 'plan'),
    hasDiagnoses: analysis.sentences.some((s) => isDiagnosticSection(s.section)),
    episode: episodeOf(text.toLowerCase()),
    lookup,
    ...(codesOn
      ? {
          remissionCodedOnDate: (code: string, title: string) =>
            hasRemissionSibling(codesOn(input.dateOfService).codes, code, title),
        }
      : {}),
  };
}

/**
 * Settle: the candidates of every finder as the rules take them — symptoms the assessment
 * attributes to a diagnosis marked, the narrative's symptoms dropped once a diagnosis is
 * concluded, repeats collapsed.
 */
function settle(found: readonly Candidate[], note: PreparedNote): Candidate[] {
  return collapseRepeats(withoutNarrativeSymptoms(withAttributedSymptoms(found, note.analysis)));
}

/** What the rules know about the encounter. */
function ruleContext(note: PreparedNote, lookup: RuleContext['lookup']): RuleContext {
  const { input, analysis } = note;
  return {
    setting: input.setting,
    age: input.age,
    sex: input.sex,
    medications: medicationStems(analysis),
    lookup,
  };
}

/** Rules: RULES in order, each over the list the one before returned; their queries gathered. */
export function applyRules(
  candidates: readonly Candidate[],
  ctx: RuleContext,
  rules: ReadonlyArray<readonly [string, Rule]> = RULES,
): { candidates: readonly Candidate[]; queries: PhysicianQuery[] } {
  let list: readonly Candidate[] = candidates;
  const queries: PhysicianQuery[] = [];
  for (const [, rule] of rules) {
    const r = rule(list, ctx);
    list = r.candidates;
    if (r.queries) queries.push(...r.queries);
  }
  return { candidates: list, queries };
}

/**
 * Explain: the sequenced candidates as suggestions with evidence and rationale, the queries
 * worth asking, and the codes checked against the release in effect on the date of service
 * (date-of-service.ts) when the terminology knows its releases.
 */
function explain(
  note: PreparedNote,
  ruled: { candidates: readonly Candidate[]; queries: readonly PhysicianQuery[] },
  data: {
    fiscalYear: number;
    inTree: (code: string) => boolean;
    codesOn?: Icd10cmTerminology['codesOn'];
  },
): CodingResult {
  const { input, text, analysis } = note;
  const { fiscalYear, inTree, codesOn } = data;
  const codes = suggestionsOf(ruled.candidates);
  const relevant = relevantQueries(ruled.queries, codes);
  const warnings = [...note.warnings];
  if (codes.length === 0) warnings.push('no codable diagnosis was found in the note');
  if (!codesOn) return { codes, queries: relevant, warnings, release: { fiscalYear } };
  const { choice, codes: inEffect } = codesOn(input.dateOfService);
  const dated = applyDateOfService(codes, {
    dateOfService: input.dateOfService,
    choice,
    codes: inEffect,
    inTree,
    statementAround: (start, end) =>
      analysis.sentences
        .filter((s) => s.start < end && start < s.end)
        .map((s) => text.slice(s.start, s.end))
        .join(' '),
  });
  return {
    codes: dated.codes,
    queries: [...relevant, ...dated.queries],
    warnings: [...warnings, ...dated.warnings],
    release: { fiscalYear },
    dateOfServiceRelease: {
      fiscalYear: choice.release.fiscalYear,
      label: choice.release.label,
      outsideWindow: choice.outsideWindow,
    },
  };
}

/** Distinct keys remembered per lookup (bounded: a server codes notes for months). */
const MEMO_LIMIT = 20_000;

/**
 * A terminology lookup remembered per key: the same drug names and codes come back note after
 * note, and each answer is built afresh (the Table walk is fuzzy; a code's details gather its
 * ancestors and notes). The answers are read, never changed, so sharing them is safe.
 */
function remembered<T>(lookup: (key: string) => T): (key: string) => T {
  const memo = new Map<string, T>();
  return (key) => {
    if (memo.has(key)) return memo.get(key) as T;
    const r = lookup(key);
    if (memo.size >= MEMO_LIMIT) memo.clear();
    memo.set(key, r);
    return r;
  };
}
