/**
 * The ICD-10-CM pipeline: analysed note → Index mentions → Tabular completion → guideline rules
 * → sequenced suggestions with evidence, rationale and physician queries. Everything is loaded
 * once by `loadDiagnosisCoder`; `diagnose()` is synchronous and pure over that data. The note is
 * validated and analysed once by the engine (coding/engine.ts), which hands the same analysis to
 * the procedure finders.
 */
import type { NoteAnalysis, Sentence } from '../../nlp/analyze.js';
import { contextOf } from '../../nlp/context.js';
import { isDiagnosticSection, type SectionKind } from '../../nlp/sections.js';
import { stem } from '../../nlp/stem.js';
import { isPunct } from '../../nlp/tokens.js';
import type { Store } from '../../store/index.js';
import { loadTerminology } from '../../terminology/index.js';
import type { CodeDetails, Icd10cmTerminology } from '../../terminology/types.js';
import { CodingDataError } from '../errors.js';
import type { PreparedNote } from '../prepare-note.js';
import type {
  CodeSuggestion,
  CodingEngineOptions,
  CodingResult,
  EvidenceSpan,
  PhysicianQuery,
} from '../types.js';
import { type Alternative, type Candidate, isCurrent, type Rule, type RuleContext } from './candidate.js';
import { isChronic } from './chronic.js';
import { applyDateOfService } from './date-of-service.js';
import {
  GUIDELINES as DRUG_GUIDELINES,
  type DrugEventKind,
  drugEventIn,
  substanceNamed,
} from './drug-events.js';
import { GUIDELINE as EXTERNAL_GUIDELINE, ExternalCauseFinder } from './external-cause.js';
import { statedWeeks, trimesterOf } from './facts/gestation.js';
import { findFacts } from './facts/index.js';
import { IndexMatcher, type Mention, NEOPLASM_PREFIX, POS_BASE } from './index-match.js';
import { buildIndexTree, type IndexNode, type IndexTree } from './index-tree.js';
import { familyHistoryOfNeoplasm, neoplasmCodes, withSpread } from './neoplasm.js';
import { combination } from './rules/combination.js';
import { contextFilter } from './rules/context-filter.js';
import { copdInfection } from './rules/copd-infection.js';
import { coronaryAngina } from './rules/coronary-angina.js';
import { diabetes } from './rules/diabetes.js';
import { excludes1 } from './rules/excludes1.js';
import { HISTORY_STATUS_QUERY, historyAndFamily } from './rules/history-family.js';
import { hypertension } from './rules/hypertension.js';
import { integralSymptoms } from './rules/integral-symptoms.js';
import { maternalRecord } from './rules/maternal-record.js';
import { notManaged, saysNotManaged } from './rules/not-managed.js';
import { pairedCodes } from './rules/paired-codes.js';
import { sequencing } from './rules/sequencing.js';
import { specificityQueries } from './rules/specificity-queries.js';
import { substanceIntoxication } from './rules/substance-intoxication.js';
import { uncertainDiagnosis } from './rules/uncertain-diagnosis.js';
import { uncomplicatedDelivery } from './rules/uncomplicated-delivery.js';
import {
  BILATERAL_GUIDELINE,
  type Completion,
  completeCode,
  type Episode,
  episodeOf,
} from './specificity.js';
import { categoryEntries, clauseAround, refineByTabular, type TabularEntry } from './tabular-match.js';
import { isTherapeuticDrugUse } from './therapeutic-use.js';

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

const NEVER_CODED_FROM: ReadonlySet<SectionKind> = new Set([
  'ros',
  'exam',
  'results',
  'medications',
  'allergies',
  'past_surgical_history',
  'procedures',
]);

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
  const matcher = new IndexMatcher(tree, MUSCULOSKELETAL_SITES);
  const external = externalCauseIndex ? new ExternalCauseFinder(externalCauseIndex) : null;
  const fiscalYear = terminology.selection.codes.release.fiscalYear;
  const lookup = remembered((code: string) => terminology.lookup(code));
  // Titles and inclusion terms by category, read from the Tabular on first use.
  const entriesByCategory = new Map<string, TabularEntry[]>();
  const entriesOf = (category: string) => {
    let list = entriesByCategory.get(category);
    if (!list) {
      list = categoryEntries(category, lookup);
      entriesByCategory.set(category, list);
    }
    return list;
  };
  const drugLookup = terminology.drugLookup ? remembered(terminology.drugLookup.bind(terminology)) : null;
  const neoplasmTable = { neoplasmLookup: remembered(terminology.neoplasmLookup.bind(terminology)) };
  /** The statement names a drug of the Table (or of drug-classes.ts) just after a treatment word. */
  const treatedIn = (sentence: Sentence, text: string): boolean => {
    const statement = text.slice(sentence.start, sentence.end).toLowerCase();
    if (UNDER_TREATMENT.test(statement)) return true;
    if (!drugLookup) return false;
    const treatment = TREATMENT.exec(statement);
    if (!treatment) return false;
    const at = sentence.start + treatment.index + treatment[0].length;
    const after = sentence.tokens.filter((t) => t.start >= at && !isPunct(t)).slice(0, TREATMENT_WINDOW);
    return after.some((t) => t.norm.length > 3 && substanceNamed(t.norm, drugLookup) !== null);
  };
  const historyRoot = tree.byTitle.get('history');
  const historyChild = (prefix: string): IndexNode | undefined => {
    const root = historyRoot === undefined ? undefined : tree.nodes.get(historyRoot);
    return root?.children.find((c) => c.title.toLowerCase().startsWith(prefix));
  };
  const personal = historyChild('personal');
  const family = historyChild('family');

  return {
    fiscalYear,
    diagnose(note: PreparedNote): CodingResult {
      const { input, text, analysis } = note;
      const warnings = [...note.warnings];
      const hasDiagnoses = analysis.sentences.some((s) => isDiagnosticSection(s.section));
      const sources = analysis.sentences.filter(
        (s) => !NEVER_CODED_FROM.has(s.section) && s.section !== 'plan',
      );
      const linkable = analysis.sentences.filter(
        (s) => s.section !== 'family_history' && s.section !== 'allergies',
      );
      const mentions = ownTermsOnly(matcher.find(analysis, sources, linkable), tree).filter(
        (m) => !otherUse(m) && !isTherapeuticDrugUse(m.path, m.sentence),
      );
      const episode = episodeOf(text.toLowerCase());
      // The trimester O-codes ask for comes from the weeks of gestation when the note gives them.
      const gestational = statedWeeks({ analysis, age: input.age, codes: [] });
      const trimester = gestational ? [trimesterOf(gestational.weeks), 'trimest'] : [];
      // The patient's sex is documented: it picks "female"/"male" children (C50.41- vs C50.42-).
      const sexWord = input.sex === 'F' ? stem('female') : input.sex === 'M' ? stem('male') : null;
      const wordsOf = (m: Mention, raw: string) => {
        const w = stemsOf(m);
        if (sexWord) w.add(sexWord);
        if (raw.startsWith('O')) for (const t of trimester) w.add(t);
        return w;
      };

      // Several mentions of one statement ("cancer … metastases") read the same Table rows.
      const neoplasmCache = new Map<string, string[]>();
      const neoplasmFor = (m: Mention): string[] => {
        const key = `${m.sentence.index}|${m.code}`;
        let codes = neoplasmCache.get(key);
        if (!codes) {
          codes = neoplasmCodes(neoplasmTable, m).map((n) => n.code);
          neoplasmCache.set(key, codes);
        }
        return codes;
      };
      const candidates: Candidate[] = [];
      for (const m of mentions) {
        const context = { ...m.context };
        if (m.sentence.section === 'family_history') context.family = true;
        const raws = m.code.startsWith(NEOPLASM_PREFIX)
          ? neoplasmFor(m)
          : (withSpread(terminology, m) ?? [m.code]);
        for (const raw of raws) {
          let completion = completeCode(raw, wordsOf(m, raw), episode, lookup, negatedStems(m), pathWords(m));
          if (!completion) continue;
          const tabular = context.family ? null : tabularEntry(entriesOf, m, raw, completion, lookup);
          if (tabular) completion = tabular;
          // A past-medical-history entry is history, except a chronic disease stated without
          // "history of": it persists and affects care, so it is coded as current (IV.I, IV.J).
          const pmh = m.sentence.section === 'past_medical_history';
          // Likewise in the narrative, a chronic disease stated with its current treatment
          // ("has type 2 diabetes on metformin", "HTN on lisinopril") coexists and is being
          // managed (IV.J), so it is coded even though the assessment is about something else;
          // so is one introduced as "history of" with its treatment ("history of hypertension
          // under medical treatment"): a disease still treated has not ended, unless the
          // statement says it has.
          const chronic = isChronic(completion.code);
          const treated = chronic && !pmh && NARRATIVE.has(m.sentence.section) && treatedIn(m.sentence, text);
          if (treated && context.historical && !ENDED.test(text.slice(m.sentence.start, m.sentence.end)))
            context.historical = false;
          const chronicCurrent = (pmh || treated) && !context.historical && chronic;
          if (pmh && !chronicCurrent) context.historical = true;
          const fromNarrative = !isDiagnosticSection(m.sentence.section) && !chronicCurrent;
          // With an assessment, the provider's diagnostic statement decides what is coded (IV.C,
          // IV.D): the narrative supplies history and family history, and its symptoms only when
          // the assessment concludes nothing (IV.H: an uncertain diagnosis is coded by its signs).
          const narrativeSymptom = hasDiagnoses && fromNarrative && !context.family && !context.historical;
          if (narrativeSymptom && !completion.code.startsWith('R')) continue;
          const evidence = evidenceOf(analysis, m);
          const base: Candidate = {
            code: completion.code,
            title: completion.details.title,
            details: completion.details,
            evidence,
            indexPath: m.path.map(termLabel),
            tabularNotes: completion.notes,
            guidelines: completion.guidelines,
            context,
            section: m.sentence.section,
            offset: evidence[0]?.start ?? 0,
            positions: m.positions,
            confidence: confidenceOf(m, completion.defaulted.length, fromNarrative),
            defaulted: completion.defaulted,
            narrativeSymptom,
            notManaged: saysNotManaged(text.slice(m.sentence.start, m.sentence.end)),
          };
          if (context.family && family) {
            const viaTable = familyHistoryOfNeoplasm(completion.code);
            const details = viaTable ? lookup(viaTable) : null;
            base.alternatives = {
              familyHistory:
                alternative(family, m) ??
                (details
                  ? {
                      code: details.code,
                      title: details.title,
                      details,
                      indexPath: ['History', 'family', 'malignant neoplasm', base.indexPath.at(-1) ?? ''],
                    }
                  : undefined),
            };
          } else if (context.historical && personal)
            base.alternatives = { personalHistory: alternative(personal, m) };
          candidates.push(base);
          // A bilateral condition with no bilateral code: the left side's code beside the right's.
          const left = completion.otherSide;
          if (left)
            candidates.push({
              ...base,
              code: left.code,
              title: left.details.title,
              details: left.details,
              tabularNotes: left.notes,
              guidelines: [BILATERAL_GUIDELINE, ...left.guidelines],
              defaulted: left.defaulted,
              offset: base.offset + 0.25,
              positions: [],
            });
          if (m.manif) {
            const manif = completeCode(m.manif, stemsOf(m), episode, lookup);
            if (manif) {
              candidates.push({
                ...base,
                code: manif.code,
                title: manif.details.title,
                details: manif.details,
                indexPath: [...base.indexPath, `[${m.manif}]`],
                tabularNotes: ['manifestation code reported after its etiology (I.A.13)'],
                guidelines: [...manif.guidelines, 'I.A.13: etiology/manifestation convention'],
                offset: base.offset + 0.5,
                positions: [],
              });
            }
          }
        }
      }
      dropUnknownSecondary(candidates);

      const ctx: RuleContext = {
        setting: input.setting,
        age: input.age,
        sex: input.sex,
        medications: medicationStems(analysis),
        lookup,
      };
      dropRestatedChronic(candidates);
      const injured = candidates.some(
        // Injuries (S00–T34); poisonings and adverse effects carry their cause in the code.
        (c) => INJURY.test(c.code) && !c.context.negated && !c.context.family && !c.context.historical,
      );
      if (external && injured) {
        external.find(analysis, episode === 'initial').forEach((cause, i) => {
          const stems = new Set(cause.sentence.tokens.map((t) => t.stem));
          const done = completeCode(cause.code, stems, episode, lookup);
          if (!done) return;
          const evidence = evidenceOf(analysis, cause);
          candidates.push({
            code: done.code,
            title: done.details.title,
            details: done.details,
            evidence: evidence.length > 0 ? evidence : [sentenceSpan(analysis, cause.sentence)],
            indexPath: ['External Cause Index', ...cause.path],
            tabularNotes: done.notes,
            guidelines: [EXTERNAL_GUIDELINE, ...done.guidelines],
            context: {
              negated: false,
              uncertain: false,
              historical: false,
              family: false,
              hypothetical: false,
            },
            section: cause.sentence.section,
            offset: 1e9 + i,
            positions: [],
            confidence: 0.6,
          });
        });
      }
      addFacts(candidates, analysis, input.age, lookup);
      if (drugLookup) {
        const drugSentences = hasDiagnoses ? sources.filter((s) => isDiagnosticSection(s.section)) : sources;
        addDrugEvents(candidates, analysis, drugSentences, drugLookup, episode, lookup);
      }

      markAttributedSymptoms(candidates, analysis);
      // Narrative symptoms stay only when no confirmed diagnosis was stated.
      const concluded = candidates.some(
        (c) =>
          isDiagnosticSection(c.section) &&
          !c.context.uncertain &&
          !c.context.negated &&
          !c.context.hypothetical &&
          !c.context.historical &&
          !c.code.startsWith('Z'),
      );
      let list = collapseRepeats(concluded ? candidates.filter((c) => !c.narrativeSymptom) : candidates);
      const queries: PhysicianQuery[] = [];
      for (const [, rule] of RULES) {
        const r = rule(list, ctx);
        list = r.candidates;
        if (r.queries) queries.push(...r.queries);
      }
      const codes: CodeSuggestion[] = list.map((c, i) => ({
        code: c.code,
        title: c.title,
        sequence: i + 1,
        evidence: distinctSpans(c.evidence),
        rationale: { indexPath: c.indexPath, tabularNotes: c.tabularNotes, guidelines: c.guidelines },
        confidence: Math.round(c.confidence * 100) / 100,
      }));
      const kept = new Set(codes.map((c) => c.code));
      // A query about a code the rules set aside (a chronic disease stated only as history) is
      // asked though the code is not proposed: the answer decides whether it is.
      const relevant = dedupeQueries(
        queries.filter((q) => q.element === HISTORY_STATUS_QUERY || q.affectedCodes.some((c) => kept.has(c))),
      );
      if (codes.length === 0) warnings.push('no codable diagnosis was found in the note');
      if (!terminology.codesOn) return { codes, queries: relevant, warnings, release: { fiscalYear } };
      const { choice, codes: inEffect } = terminology.codesOn(input.dateOfService);
      const dated = applyDateOfService(codes, {
        dateOfService: input.dateOfService,
        choice,
        codes: inEffect,
        inTree: (code) => lookup(code) !== null,
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

      function alternative(root: IndexNode, m: Mention): Alternative | undefined {
        const walk = matcher.descendFrom(root, m.sentence, m.positions);
        if (!walk) return undefined;
        const done = completeCode(walk.code, stemsOf(m), episode, lookup);
        if (!done) return undefined;
        return {
          code: done.code,
          title: done.details.title,
          details: done.details as CodeDetails,
          indexPath: ['History', ...walk.path.map(termLabel)],
        };
      }
    },
  };
}

/** Narrative sections a chronic disease may be stated in with its treatment. */
const NARRATIVE: ReadonlySet<SectionKind> = new Set(['preamble', 'chief_complaint', 'hpi', 'other']);
/** Words after the treatment word that may name the drug ("on metformin 500 mg", "on low-dose aspirin"). */
const TREATMENT_WINDOW = 4;
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

/** "under medical treatment", "on medication": a current treatment whose drug is not named. */
const UNDER_TREATMENT =
  /\b(?:under|in|on|receiving)\s+(?:(?:medical|pharmacological|drug|oral|current)\s+)?(?:treatment|therapy|medication)\b/;
/** The statement says the disease ended: it stays history, treated once or not. */
const ENDED = /\b(?:resolved|remission|cured|no longer|discontinued|stopped|former)\b/i;

/** "on metformin", "takes lisinopril", "controlled with insulin": a treatment now, not once. */
const TREATMENT =
  /\b(?:on|takes|taking|uses|using|controlled with|managed with|treated with|maintained on)\b/;

/**
 * A chronic disease listed in the history (or stated with its treatment in the narrative) and
 * stated again in the assessment is coded once, as the assessment says it ("CKD 3" in the PMH,
 * "CKD stage 3a" in the assessment → N18.31 only).
 */
function dropRestatedChronic(candidates: Candidate[]): void {
  const assessed = new Set(
    candidates.filter((c) => isDiagnosticSection(c.section)).map((c) => c.code.slice(0, 3)),
  );
  for (let i = candidates.length - 1; i >= 0; i--) {
    const c = candidates[i]!;
    const restatable =
      c.section === 'past_medical_history' || (NARRATIVE.has(c.section) && isChronic(c.code));
    if (restatable && !c.context.historical && !c.context.family && assessed.has(c.code.slice(0, 3)))
      candidates.splice(i, 1);
  }
}

/**
 * Adds the codes read from the note's wording (facts/): each replaces the Index-driven codes it
 * supersedes (a former smoker's Z87.891 replaces "smoker" F17.200) and is verified in the Tabular.
 */
function addFacts(
  candidates: Candidate[],
  analysis: NoteAnalysis,
  age: number,
  lookup: (code: string) => CodeDetails | null,
): void {
  const current = (c: Candidate) =>
    !c.context.negated && !c.context.family && !c.context.hypothetical && !c.context.historical;
  const codes = candidates.filter(current).map((c) => c.code);
  for (const fact of findFacts({ analysis, age, codes })) {
    const details = lookup(fact.code);
    if (!details?.billable) continue;
    const replaced = (code: string) =>
      code === fact.code ||
      (fact.replaces ?? []).some((r) => (r.endsWith('*') ? code.startsWith(r.slice(0, -1)) : code === r));
    for (let i = candidates.length - 1; i >= 0; i--)
      if (replaced(candidates[i]!.code)) candidates.splice(i, 1);
    const evidence = fact.evidence;
    candidates.push({
      code: details.code,
      title: details.title,
      details,
      evidence,
      indexPath: fact.indexPath,
      tabularNotes: [],
      guidelines: [fact.guideline],
      context: { negated: false, uncertain: false, historical: false, family: false, hypothetical: false },
      section: (evidence[0]?.section ?? 'other') as SectionKind,
      offset: evidence[0]?.start ?? 0,
      positions: [],
      confidence: 0.8,
    });
  }
}

/**
 * The Tabular entry (title or inclusion term) the statement documents more specifically than the
 * Index code, completed like any other code; null when there is none.
 */
function tabularEntry(
  entriesOf: (category: string) => readonly TabularEntry[],
  m: Mention,
  raw: string,
  completion: Completion,
  lookup: (code: string) => CodeDetails | null,
): Completion | null {
  // Compared with the Index's own code: the Tabular entry must add to what the Index said.
  const indexed = lookup(raw.replace(/\.?-+$/, ''));
  // Only where the Index stopped short (an unspecified code or a default the Tabular chose):
  // a search per mention would cost more than the rest of the note's coding.
  const vague = (t: string | undefined) => t !== undefined && /\bunspecified\b|\bother\b/i.test(t);
  if (!vague(indexed?.title) && !vague(completion.details.title) && completion.defaulted.length === 0)
    return null;
  const local = m.positions
    .filter((p) => Math.floor(p / POS_BASE) === m.sentence.index)
    .map((p) => p % POS_BASE);
  if (local.length === 0) return null;
  // Only the words of the mention's clause document the entry: "acute" elsewhere in the
  // sentence is not the acuity of this condition.
  const clause = clauseAround(m.sentence, local);
  const documented = new Set(clause.split(' ').map(stem));
  const found = refineByTabular(
    entriesOf(completion.code.slice(0, 3)),
    completion.code,
    indexed?.title ?? completion.details.title,
    documented,
    completion.details.title,
  );
  if (!found) return null;
  const details = lookup(found.code);
  if (!details?.billable) return null;
  return {
    code: details.code,
    details,
    defaulted: [],
    notes: [...completion.notes.filter((n) => !n.startsWith('7th')), found.rationale],
    guidelines: [
      'I.A.9.a / I.B.2: the Tabular entry (title or inclusion term) verifies and refines the Index code',
    ],
  };
}

/**
 * Poisonings, adverse effects and underdosings from the Table of Drugs and Chemicals
 * (drug-events.ts); the noncompliance code for an underdosing replaces the generic one.
 */
function addDrugEvents(
  candidates: Candidate[],
  analysis: NoteAnalysis,
  sentences: readonly Sentence[],
  drugLookup: Icd10cmTerminology['drugLookup'],
  episode: Episode,
  lookup: (code: string) => CodeDetails | null,
): void {
  for (const s of sentences) {
    const lower = analysis.text.slice(s.start, s.end).toLowerCase();
    const event = drugEventIn(s, lower, drugLookup);
    if (!event) continue;
    const f = contextOf(s.flags, Math.min(...event.tokens), Math.max(...event.tokens) + 1);
    if (f.negated || f.hypothetical || f.family || f.historical) continue;
    const done = completeCode(event.code, new Set(), episode, lookup);
    if (!done) continue;
    const positions = event.tokens.map((i) => s.index * POS_BASE + i);
    const evidence = evidenceOf(analysis, { sentence: s, positions });
    const context = {
      negated: false,
      uncertain: f.uncertain,
      historical: false,
      family: false,
      hypothetical: false,
    };
    const base = {
      evidence,
      tabularNotes: done.notes,
      context,
      section: s.section,
      positions,
      confidence: 0.75,
    };
    candidates.push({
      ...base,
      code: done.code,
      title: done.details.title,
      details: done.details,
      indexPath: ['Table of Drugs and Chemicals', ...event.path, DRUG_COLUMN_LABEL[event.kind]],
      guidelines: [DRUG_GUIDELINES[event.kind], ...done.guidelines],
      // An adverse effect follows its manifestation; an underdosing follows the condition.
      offset: evidence[0]!.start + (event.kind === 'poisoning' ? 0 : 0.5),
    });
    const z = event.noncompliance ? lookup(event.noncompliance) : null;
    if (z?.billable) {
      for (let i = candidates.length - 1; i >= 0; i--)
        if (/^Z91\.1[234]/.test(candidates[i]!.code) && candidates[i]!.code !== z.code)
          candidates.splice(i, 1);
      candidates.push({
        ...base,
        code: z.code,
        title: z.title,
        details: z,
        tabularNotes: [],
        indexPath: ['Underdosing', 'noncompliance reason'],
        guidelines: [DRUG_GUIDELINES.underdosing],
        offset: evidence[0]!.start + 0.6,
      });
    }
  }
}

const DRUG_COLUMN_LABEL: Record<DrugEventKind, string> = {
  poisoning: 'poisoning',
  adverseEffect: 'adverse effect',
  underdosing: 'underdosing',
};

/**
 * A main term matched through an inflection ("fitting" → "Fit", R56.9) when the note's word is
 * itself another main term ("Fitting (and adjustment)"): the coder looks the word up as
 * written, so the inflected reading is dropped.
 */
function ownTermsOnly(mentions: Mention[], tree: IndexTree): Mention[] {
  return mentions.filter((m) => {
    const main = m.path[0];
    const first = m.positions[0];
    if (!main || first === undefined || Math.floor(first / POS_BASE) !== m.sentence.index) return true;
    const token = m.sentence.tokens[first % POS_BASE];
    if (!token || token.expandedFrom) return true;
    const heads = main.title.split(',').map((h) =>
      h
        .replace(/\([^)]*\)/g, '')
        .trim()
        .toLowerCase(),
    );
    if (heads.includes(token.norm) || /[\s-]/.test(heads[0]!)) return true;
    const id = tree.byTitle.get(token.norm);
    const other = id === undefined ? undefined : tree.nodes.get(id);
    // Only a main term with entries of its own ("Congestive — see condition" has none).
    return other === undefined || other.id === main.id || (other.children.length === 0 && !other.code);
  });
}

/** Words that state the cause of what precedes them ("from", "due to", "secondary to", ...). */
const CAUSE_WORDS = new Set([
  'from',
  'due',
  'secondary',
  'caused',
  'because',
  'attributed',
  'attributable',
  'related',
  'explained',
]);

/**
 * A symptom the provider's assessment attributes, in the same statement, to a diagnosis coded
 * from that statement ("tachycardia and tremor are from the thyrotoxicosis"): the diagnosis accounts for
 * it, so the symptom is not coded separately (I.B.5; integral-symptoms.ts drops it).
 */
function markAttributedSymptoms(candidates: Candidate[], analysis: NoteAnalysis): void {
  const present = (c: Candidate) => isCurrent(c) && !c.context.uncertain;
  for (const c of candidates) {
    if (!c.code.startsWith('R') || c.positions.length === 0) continue;
    const si = Math.floor(c.positions[0]! / POS_BASE);
    if (!c.positions.every((p) => Math.floor(p / POS_BASE) === si)) continue;
    const sentence = analysis.sentences[si];
    // The provider's diagnostic statement (IV.C): a narrative's "from" tells the story, the
    // assessment draws the conclusion.
    if (!sentence || !isDiagnosticSection(sentence.section)) continue;
    const last = Math.max(...c.positions.map((p) => p % POS_BASE));
    let cause = -1;
    for (let i = last + 1; i < sentence.tokens.length; i++) {
      const w = sentence.tokens[i]!.norm;
      if (w === ';' || w === '.') break;
      if (CAUSE_WORDS.has(w)) {
        cause = i;
        break;
      }
    }
    if (cause < 0) continue;
    const by = candidates.find(
      (d) =>
        // A drug's adverse effect (T36–T50) is coded with its manifestation (I.C.19.e.5.a), and
        // Z/external-cause codes are not diagnoses that account for a symptom.
        !/^[RTV-Z]/.test(d.code) &&
        present(d) &&
        d.positions.some((p) => Math.floor(p / POS_BASE) === si && p % POS_BASE > cause),
    );
    if (by) c.attributedTo = by.code;
  }
}

/**
 * Words the Index lists as a condition that notes mostly use for something else, with the
 * neighbours that show the other use: "Anesthesia" (R20.0, anesthesia of skin: loss of
 * sensation) is the procedure in "under general anesthesia"; "Anomaly" alone (Q89.9,
 * congenital malformation, unspecified) is a finding's abnormality ("laboratory anomalies")
 * unless the statement calls it congenital or names the anomaly (a subterm, kept).
 */
const OTHER_USE: ReadonlyArray<{ head: string; before?: ReadonlySet<string>; unless?: RegExp }> = [
  {
    head: 'anesthesia',
    before: new Set([
      'under',
      'general',
      'local',
      'spinal',
      'epidural',
      'regional',
      'topical',
      'neuraxial',
      'after',
    ]),
  },
  { head: 'anomaly', unless: /^(congenital|malformation|birth|inborn)/ },
];

function otherUse(m: Mention): boolean {
  if (m.path.length !== 1) return false;
  const main = m.path[0]!.title.toLowerCase();
  const rule = OTHER_USE.find((r) => main.startsWith(r.head));
  if (!rule) return false;
  const first = m.positions[0];
  if (first === undefined) return false;
  const i = first % POS_BASE;
  const tokens = m.sentence.tokens;
  if (rule.before) {
    for (let j = i - 1; j >= 0 && j >= i - 3; j--) if (rule.before.has(tokens[j]!.norm)) return true;
    return false;
  }
  return !tokens.some((t) => rule.unless!.test(t.norm));
}

/** C79.9 (secondary, site unspecified) says nothing once a metastatic site is coded. */
function dropUnknownSecondary(candidates: Candidate[]): void {
  const sited = candidates.some((c) => /^C7[7-9]/.test(c.code) && c.code !== 'C79.9' && !c.context.negated);
  if (!sited) return;
  for (let i = candidates.length - 1; i >= 0; i--)
    if (candidates[i]!.code === 'C79.9') candidates.splice(i, 1);
}

/**
 * Sites the Index leaves to the coder: chapter 13 codes group a toe with the foot ("ankle and
 * foot", "foot joint") and a finger with the hand ("hand joint"), so a toe or finger joint
 * reaches the foot or hand entry where the Index has none of its own ("Gout, idiopathic, foot
 * joint" for the great toe). The note's own word still wins where the Index has it ("Fracture,
 * toe").
 */
const MUSCULOSKELETAL_SITES: Readonly<Record<string, string>> = Object.fromEntries([
  ...['toe', 'hallux', 'mtp', 'metatarsophalangeal'].map((w) => [stem(w), stem('foot')]),
  ...['finger', 'thumb', 'knuckle', 'mcp', 'metacarpophalangeal'].map((w) => [stem(w), stem('hand')]),
]);

const BOTH = stem('both');
const BILATERAL = stem('bilateral');

const INJURY = /^(?:S|T0[7-9]|T[12]|T3[0-4])/;

function sentenceSpan(analysis: NoteAnalysis, s: Sentence): EvidenceSpan {
  return { start: s.start, end: s.end, text: analysis.text.slice(s.start, s.end), section: s.section };
}

function termLabel(n: IndexNode): string {
  return n.nemod ? `${n.title} ${n.nemod}` : n.title;
}

/** Stems the mention's statement only ever uses negated ("no status migrainosus"). */
function negatedStems(m: Mention): Set<string> {
  const neg = new Set<string>();
  const pos = new Set<string>();
  m.sentence.tokens.forEach((t, i) => {
    if (isPunct(t)) return;
    (m.sentence.flags[i]!.negated ? neg : pos).add(t.stem);
  });
  for (const s of pos) neg.delete(s);
  return neg;
}

/** Word stems of the mention's sentences, for choosing among Tabular children. */
/**
 * The Index path's own words ("Cellulitis, leg — see Cellulitis, lower limb"): where the note's
 * words leave two Tabular children tied ("leg" supports neither "left axilla" nor "left lower
 * limb"), the path's wording breaks the tie. (Table rows on the path carry no Index words.)
 */
function pathWords(m: Mention): Set<string> {
  const out = new Set<string>();
  for (const n of m.path) for (const s of n.words?.required ?? []) out.add(s);
  return out;
}

function stemsOf(m: Mention): Set<string> {
  const out = new Set<string>();
  for (const s of [m.sentence, ...m.linked])
    s.tokens.forEach((t, i) => {
      // "Open reduction" is the repair, not an open fracture (the 7th character's "open").
      if (isPunct(t) || (t.norm === 'open' && s.tokens[i + 1]?.norm === 'reduction')) return;
      out.add(t.stem);
    });
  // "both knees" documents the Tabular's "bilateral".
  if (out.has(BOTH)) out.add(BILATERAL);
  return out;
}

function evidenceOf(analysis: NoteAnalysis, m: Pick<Mention, 'sentence' | 'positions'>): EvidenceSpan[] {
  const bySentence = new Map<number, number[]>();
  for (const p of m.positions) {
    const s = Math.floor(p / POS_BASE);
    const list = bySentence.get(s) ?? [];
    list.push(p % POS_BASE);
    bySentence.set(s, list);
  }
  const spans: EvidenceSpan[] = [];
  for (const [si, idx] of bySentence) {
    const sentence: Sentence = analysis.sentences[si]!;
    const start = Math.min(...idx.map((i) => sentence.tokens[i]!.start));
    const end = Math.max(...idx.map((i) => sentence.tokens[i]!.end));
    spans.push({ start, end, text: analysis.text.slice(start, end), section: sentence.section });
  }
  return spans.sort((a, b) => (a.start === m.sentence.start ? -1 : a.start - b.start));
}

function confidenceOf(m: Mention, defaulted: number, narrative: boolean): number {
  let c = 0.9;
  if (m.path.length === 1) c -= 0.05;
  if (defaulted > 0) c -= 0.15;
  if (narrative) c -= 0.2;
  if (m.linked.length > 0) c -= 0.05;
  return Math.max(0.1, c);
}

function medicationStems(analysis: NoteAnalysis): Map<string, EvidenceSpan> {
  const out = new Map<string, EvidenceSpan>();
  for (const s of analysis.sentences) {
    if (s.section === 'allergies' || s.section === 'family_history') continue;
    s.tokens.forEach((t, i) => {
      const f = s.flags[i]!;
      if (f.negated || f.hypothetical || f.family || out.has(t.stem)) return;
      out.set(t.stem, {
        start: t.start,
        end: t.end,
        text: analysis.text.slice(t.start, t.end),
        section: s.section,
      });
    });
  }
  return out;
}

/** Evidence without repeats: a span inside another one (or equal to it) adds nothing. */
export function distinctSpans(spans: readonly EvidenceSpan[]): EvidenceSpan[] {
  const sorted = [...spans].sort((a, b) => a.start - b.start || b.end - a.end);
  const out: EvidenceSpan[] = [];
  for (const s of sorted) {
    const last = out[out.length - 1];
    if (last && s.start >= last.start && s.end <= last.end) continue;
    out.push(s);
  }
  return out;
}

function dedupeQueries(queries: PhysicianQuery[]): PhysicianQuery[] {
  const seen = new Set<string>();
  return queries.filter((q) => {
    const key = `${q.element}|${q.affectedCodes[0]}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * The same code said the same way many times (a pasted note, a long problem list) is one
 * candidate with its first few evidence spans; this keeps the pairwise rules cheap.
 */
function collapseRepeats(candidates: Candidate[]): Candidate[] {
  const byKey = new Map<string, Candidate>();
  for (const c of candidates) {
    const f = c.context;
    const key = `${c.code}|${f.negated}|${f.uncertain}|${f.historical}|${f.family}|${f.hypothetical}|${c.section}`;
    const seen = byKey.get(key);
    if (!seen) byKey.set(key, c);
    else if (seen.evidence.length < 10)
      seen.evidence = [...seen.evidence, ...c.evidence.slice(0, 10 - seen.evidence.length)];
  }
  return [...byKey.values()];
}
