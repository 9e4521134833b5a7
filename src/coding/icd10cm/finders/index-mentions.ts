/**
 * The Alphabetic Index mentions of the note as candidates: each mention's code (or the Table of
 * Neoplasms' codes) completed in the Tabular (specificity.ts) and, where the Index stopped short,
 * refined by the Tabular entry the statement documents (tabular-match.ts); with the history and
 * family-history alternatives the rules choose from, the other side of a bilateral condition and
 * the manifestation of an etiology/manifestation pair.
 */
import type { Sentence } from '../../../nlp/analyze.js';
import type { ContextFlags } from '../../../nlp/context.js';
import { isDiagnosticSection, type SectionKind } from '../../../nlp/sections.js';
import { isPunct } from '../../../nlp/tokens.js';
import type { CodeDetails, Icd10cmTerminology } from '../../../terminology/types.js';
import { stem } from '../../../text/index.js';
import type { PreparedNote } from '../../prepare-note.js';
import type { Alternative, Candidate } from '../candidate.js';
import { isChronic } from '../chronic.js';
import { substanceNamed } from '../drug-events.js';
import { statedWeeks, trimesterOf } from '../facts/gestation.js';
import { IndexMatcher, type Mention, NEOPLASM_PREFIX } from '../index-match.js';
import type { IndexNode, IndexTree } from '../index-tree.js';
import { familyHistoryOfNeoplasm, neoplasmCodes, withSpread } from '../neoplasm.js';
import { saysNotManaged } from '../rules/not-managed.js';
import { BILATERAL_GUIDELINE, completeCode, type Episode } from '../specificity.js';
import { isTherapeuticDrugUse } from '../therapeutic-use.js';
import { evidenceOf } from './evidence.js';
import {
  confidenceOf,
  MUSCULOSKELETAL_SITES,
  negatedStems,
  otherUse,
  ownTermsOnly,
  pathWords,
  stemsOf,
  tabularEntries,
  tabularEntry,
  termLabel,
} from './mentions.js';
import type { DiagnosisFinder, FindContext, Finding } from './types.js';

export interface IndexMentionData {
  readonly terminology: Pick<Icd10cmTerminology, 'neoplasmLookup'>;
  /** The Table of Neoplasms, remembered per key. */
  readonly neoplasmTable: Pick<Icd10cmTerminology, 'neoplasmLookup'>;
  /** The Table of Drugs and Chemicals (remembered), to tell a chronic disease stated with its treatment. */
  readonly drugLookup: Icd10cmTerminology['drugLookup'] | null;
  /** The Alphabetic Index (disease). */
  readonly tree: IndexTree;
}

/** Narrative sections a chronic disease may be stated in with its treatment. */
export const NARRATIVE: ReadonlySet<SectionKind> = new Set(['preamble', 'chief_complaint', 'hpi', 'other']);

export function indexMentionFinder(data: IndexMentionData): DiagnosisFinder {
  const { terminology, neoplasmTable, drugLookup, tree } = data;
  const matcher = new IndexMatcher(tree, MUSCULOSKELETAL_SITES);
  const entriesOf = tabularEntries();
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

  /** The history code the Index gives under "History, personal/family" for the mention's words. */
  function alternative(
    root: IndexNode,
    m: Mention,
    episode: Episode,
    lookup: FindContext['lookup'],
  ): Alternative | undefined {
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

  /**
   * The mention's status as coded from its statement: a past-medical-history entry is history,
   * except a chronic disease stated without "history of": it persists and affects care, so it
   * is coded as current (IV.I, IV.J). Likewise in the narrative, a chronic disease stated with
   * its current treatment ("has type 2 diabetes on metformin", "HTN on lisinopril") coexists and
   * is being managed (IV.J), so it is coded even though the assessment is about something else;
   * so is one introduced as "history of" with its treatment ("history of hypertension under
   * medical treatment"): a disease still treated has not ended, unless the statement says it has.
   *
   * `context` is the mention's, shared by the candidates of all its codes: what is settled for
   * one code (a PMH entry is history) holds for the codes after it.
   */
  function statusOf(m: Mention, code: string, context: ContextFlags, text: string) {
    const pmh = m.sentence.section === 'past_medical_history';
    const chronic = isChronic(code);
    const treated = chronic && !pmh && NARRATIVE.has(m.sentence.section) && treatedIn(m.sentence, text);
    if (treated && context.historical && !ENDED.test(text.slice(m.sentence.start, m.sentence.end)))
      context.historical = false;
    const chronicCurrent = (pmh || treated) && !context.historical && chronic;
    if (pmh && !chronicCurrent) context.historical = true;
    return { fromNarrative: !isDiagnosticSection(m.sentence.section) && !chronicCurrent };
  }

  /** The history and family-history codes the rules may put in the mention's place. */
  function alternativesOf(
    m: Mention,
    base: Candidate,
    context: ContextFlags,
    ctx: FindContext,
  ): Candidate['alternatives'] {
    if (context.family && family) {
      const viaTable = familyHistoryOfNeoplasm(base.code);
      const details = viaTable ? ctx.lookup(viaTable) : null;
      return {
        familyHistory:
          alternative(family, m, ctx.episode, ctx.lookup) ??
          (details
            ? {
                code: details.code,
                title: details.title,
                details,
                indexPath: ['History', 'family', 'malignant neoplasm', base.indexPath.at(-1) ?? ''],
              }
            : undefined),
      };
    }
    if (context.historical && personal)
      return { personalHistory: alternative(personal, m, ctx.episode, ctx.lookup) };
    return undefined;
  }

  return {
    name: 'index-mentions',
    find(note: PreparedNote, ctx: FindContext): Finding[] {
      const { input, text, analysis } = note;
      const { episode, lookup, hasDiagnoses, sources } = ctx;
      const linkable = analysis.sentences.filter(
        (s) => s.section !== 'family_history' && s.section !== 'allergies',
      );
      const mentions = ownTermsOnly(matcher.find(analysis, sources, linkable), tree).filter(
        (m) => !otherUse(m) && !isTherapeuticDrugUse(m.path, m.sentence),
      );
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
      /** The Index codes of the mention: its own, the Table of Neoplasms' rows, or with the spread. */
      const codesOf = (m: Mention): string[] => {
        if (!m.code.startsWith(NEOPLASM_PREFIX)) return withSpread(terminology, m) ?? [m.code];
        const key = `${m.sentence.index}|${m.code}`;
        let codes = neoplasmCache.get(key);
        if (!codes) {
          codes = neoplasmCodes(neoplasmTable, m).map((n) => n.code);
          neoplasmCache.set(key, codes);
        }
        return codes;
      };

      /** One Index code of the mention completed in the Tabular, with what goes with it. */
      const candidatesFor = (m: Mention, raw: string, context: ContextFlags): Candidate[] => {
        let completion = completeCode(raw, wordsOf(m, raw), episode, lookup, negatedStems(m), pathWords(m));
        if (!completion) return [];
        const tabular = context.family ? null : tabularEntry(entriesOf, m, raw, completion, lookup);
        if (tabular) completion = tabular;
        // A code that reports remission itself (C90.01, F33.40, F10.21), or one the release in
        // effect on the date of service has beside it (FY2026 E11.A for E11.9), makes the
        // statement's "in remission" the disease's current state, not its end: it is coded.
        if (
          m.remissionContext &&
          (REMISSION_CODE.test(completion.details.title) ||
            ctx.remissionCodedOnDate?.(completion.code, completion.details.title))
        )
          context.historical = m.remissionContext.historical;
        const { fromNarrative } = statusOf(m, completion.code, context, text);
        // With an assessment, the provider's diagnostic statement decides what is coded (IV.C,
        // IV.D): the narrative supplies history and family history, and its symptoms only when
        // the assessment concludes nothing (IV.H: an uncertain diagnosis is coded by its signs).
        const narrativeSymptom = hasDiagnoses && fromNarrative && !context.family && !context.historical;
        if (narrativeSymptom && !completion.code.startsWith('R')) return [];
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
        const alternatives = alternativesOf(m, base, context, ctx);
        if (alternatives) base.alternatives = alternatives;
        const out = [base];
        // A bilateral condition with no bilateral code: the left side's code beside the right's.
        const left = completion.otherSide;
        if (left)
          out.push({
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
        const manif = m.manif ? completeCode(m.manif, stemsOf(m), episode, lookup) : null;
        if (manif)
          out.push({
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
        return out;
      };

      const candidates: Candidate[] = [];
      for (const m of mentions) {
        const context = { ...m.context };
        if (m.sentence.section === 'family_history') context.family = true;
        for (const raw of codesOf(m)) candidates.push(...candidatesFor(m, raw, context));
      }
      return withoutRestatedChronic(withoutUnknownSecondary(candidates)).map((candidate) => ({ candidate }));
    },
  };
}

/** A title reporting remission ("Multiple myeloma in remission"), not "not having achieved remission". */
const REMISSION_CODE = /(?<!achieved )\bin remission\b/i;

/** Words after the treatment word that may name the drug ("on metformin 500 mg", "on low-dose aspirin"). */
const TREATMENT_WINDOW = 4;
/** "under medical treatment", "on medication": a current treatment whose drug is not named. */
const UNDER_TREATMENT =
  /\b(?:under|in|on|receiving)\s+(?:(?:medical|pharmacological|drug|oral|current)\s+)?(?:treatment|therapy|medication)\b/;
/** The statement says the disease ended: it stays history, treated once or not. */
const ENDED = /\b(?:resolved|remission|cured|no longer|discontinued|stopped|former)\b/i;
/** "on metformin", "takes lisinopril", "controlled with insulin": a treatment now, not once. */
const TREATMENT =
  /\b(?:on|takes|taking|uses|using|controlled with|managed with|treated with|maintained on)\b/;

/** C79.9 (secondary, site unspecified) says nothing once a metastatic site is coded. */
export function withoutUnknownSecondary(candidates: readonly Candidate[]): Candidate[] {
  const sited = candidates.some((c) => /^C7[7-9]/.test(c.code) && c.code !== 'C79.9' && !c.context.negated);
  return sited ? candidates.filter((c) => c.code !== 'C79.9') : [...candidates];
}

/**
 * A chronic disease listed in the history (or stated with its treatment in the narrative) and
 * stated again in the assessment is coded once, as the assessment says it ("CKD 3" in the PMH,
 * "CKD stage 3a" in the assessment → N18.31 only).
 */
export function withoutRestatedChronic(candidates: readonly Candidate[]): Candidate[] {
  const assessed = new Set(
    candidates.filter((c) => isDiagnosticSection(c.section)).map((c) => c.code.slice(0, 3)),
  );
  return candidates.filter((c) => {
    const restatable =
      c.section === 'past_medical_history' || (NARRATIVE.has(c.section) && isChronic(c.code));
    return !(restatable && !c.context.historical && !c.context.family && assessed.has(c.code.slice(0, 3)));
  });
}
