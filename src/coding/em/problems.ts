/**
 * The first MDM element: the number and complexity of problems addressed at the encounter.
 *
 * A problem is a coded diagnosis (from the coding engine) that the note addresses: its evidence
 * lies in an assessment, plan, diagnosis or MDM section, or the same words appear again there
 * ("HLD" in the history, "continue statin for hyperlipidemia" in the plan). A note without any such
 * section is read whole. Diagnoses stated in one assessment sentence are one problem (a
 * combination code and its "use additional" partner). Z codes and external causes are never
 * problems; a problem another clinician manages ("per PCP") is not addressed here.
 *
 * Each problem's complexity comes from the code (chronic by category, a threat to life, an
 * injury, a symptom) and from the words of its assessment item (stable, worse, severe, work-up).
 * Without coded diagnoses the assessment lines are read on their words alone.
 */
import type { NoteAnalysis, Sentence } from '../../nlp/index.js';
import type { CodeSuggestion, EvidenceSpan, MdmElement, MdmItem } from '../types.js';
import type { Level } from './levels.js';
import { hasDecisionSections, isDecisionSection, lineAround } from './note-parts.js';
import type { EmCategory } from './place.js';
import { isInjuryCode, isProblemCode, isSymptomCode, naturesOf } from './problem-codes.js';
import { PROBLEM_TERMS, type ProblemWord } from './problem-terms.js';
import { findTerms, spanIn, type TermHit } from './terms.js';

export type ProblemKind =
  | 'unread'
  | 'self-limited'
  | 'acute-uncomplicated'
  | 'stable-chronic'
  | 'chronic-worse'
  | 'undiagnosed-uncertain'
  | 'acute-systemic'
  | 'acute-complicated-injury'
  | 'chronic-severe'
  | 'threat';

export const PROBLEM_LABEL: Record<ProblemKind, string> = {
  unread: 'problem addressed (its nature not read without a coded diagnosis)',
  'self-limited': 'self-limited or minor problem',
  'acute-uncomplicated': 'acute, uncomplicated illness or injury',
  'stable-chronic': 'stable chronic illness',
  'chronic-worse': 'chronic illness with exacerbation, progression or treatment side effects',
  'undiagnosed-uncertain': 'undiagnosed new problem with uncertain prognosis',
  'acute-systemic': 'acute illness with systemic symptoms',
  'acute-complicated-injury': 'acute complicated injury',
  'chronic-severe': 'chronic illness with severe exacerbation, progression or treatment side effects',
  threat: 'illness or injury posing a threat to life or bodily function',
};

export interface Problem {
  kind: ProblemKind;
  codes: string[];
  /** Why this kind: the word or code nature that decided it. */
  reason: string;
  evidence: EvidenceSpan[];
}

export interface ProblemsReading {
  element: MdmElement;
  problems: Problem[];
}

export interface ProblemsInput {
  analysis: NoteAnalysis;
  diagnoses: readonly CodeSuggestion[];
  category: EmCategory;
  /** The note orders or reviews tests, or words a work-up: a symptom is being worked up. */
  workedUp: boolean;
}

const RULE_OUT = /\b(?:rul(?:e|ed|es) out|r\/o|to exclude|excluded|evaluat(?:e|ed|ion) for|work-?up for)\b/i;

function sentenceAt(analysis: NoteAnalysis, offset: number): Sentence | undefined {
  return analysis.sentences.find((s) => s.start <= offset && offset < s.end);
}

/** Content words of a span, as the analysis read them (abbreviations expanded). */
function contentWords(sentence: Sentence, span: EvidenceSpan): string[] {
  return sentence.tokens
    .filter((t) => t.start < span.end && t.end > span.start && /^[a-z][a-z0-9]{2,}$/.test(t.norm))
    .map((t) => t.norm);
}

interface Addressed {
  sentence: Sentence;
  span: EvidenceSpan;
}

/** Where the note addresses a diagnosis: its own evidence in a decision section, or its words again there. */
function addressedAt(
  analysis: NoteAnalysis,
  dx: CodeSuggestion,
  decisionNote: boolean,
): Addressed | undefined {
  const located = dx.evidence
    .map((span) => ({ span, sentence: sentenceAt(analysis, span.start) }))
    .filter((x): x is Addressed => x.sentence !== undefined);
  if (!decisionNote) return located[0];
  const direct = located.find((x) => isDecisionSection(x.sentence.section));
  if (direct) return direct;
  for (const { sentence, span } of located) {
    const words = contentWords(sentence, span);
    if (words.length === 0) continue;
    for (const s of analysis.sentences) {
      if (!isDecisionSection(s.section)) continue;
      const matched = s.tokens.filter((t) => words.includes(t.norm));
      if (words.every((w) => matched.some((t) => t.norm === w))) {
        const start = Math.min(...matched.map((t) => t.start));
        const end = Math.max(...matched.map((t) => t.end));
        return { sentence: s, span: spanIn(analysis, start, end, s.section) };
      }
    }
  }
  return undefined;
}

/** The words of an item that count: stated for this patient, or a threat being ruled out. */
function wordsIn(
  text: string,
  hits: readonly TermHit<ProblemWord>[],
  from: number,
  to: number,
): Map<ProblemWord, TermHit<ProblemWord>> {
  const found = new Map<ProblemWord, TermHit<ProblemWord>>();
  for (const h of hits) {
    if (h.span.start < from || h.span.end > to) continue;
    if (h.context.family || h.context.hypothetical) continue;
    const ruledOut = h.term.kind === 'threat' && RULE_OUT.test(text.slice(h.sentence.start, h.sentence.end));
    if (h.context.negated && !ruledOut && h.term.kind !== 'uncertain') continue;
    if (h.context.historical && h.term.kind !== 'chronic') continue;
    if (!found.has(h.term.kind)) found.set(h.term.kind, h);
  }
  return found;
}

function classify(
  codes: readonly CodeSuggestion[],
  words: Map<ProblemWord, TermHit<ProblemWord>>,
  workedUp: boolean,
): { kind: ProblemKind; reason: string; wordSpan?: EvidenceSpan } {
  const natures = new Set(codes.flatMap((c) => [...naturesOf(c.code)]));
  const titles = codes.map((c) => c.title.toLowerCase()).join(' | ');
  const said = (w: ProblemWord) => words.get(w);
  const byWord = (kind: ProblemKind, w: ProblemWord) => ({
    kind,
    reason: `"${said(w)!.span.text}"`,
    wordSpan: said(w)!.span,
  });
  if (natures.has('threat'))
    return { kind: 'threat', reason: 'diagnosis is a threat to life or bodily function' };
  if (said('threat')) return byWord('threat', 'threat');
  const chronic =
    natures.has('chronic') || natures.has('side-effect') || /\bchronic\b/.test(titles) || !!said('chronic');
  if (codes.length === 0 && !chronic) {
    if (said('systemic')) return byWord('acute-systemic', 'systemic');
    if (said('uncertain')) return byWord('undiagnosed-uncertain', 'uncertain');
    return { kind: 'unread', reason: 'no coded diagnosis for this assessment line' };
  }
  if (chronic) {
    if (said('severe')) return byWord('chronic-severe', 'severe');
    if (said('worse')) return byWord('chronic-worse', 'worse');
    if (natures.has('side-effect'))
      return { kind: 'chronic-worse', reason: 'diagnosis is a side effect of treatment' };
    if (/exacerbation|hyperglycemia|intractable|progressi|flare|decompensat/.test(titles))
      return { kind: 'chronic-worse', reason: 'diagnosis states an exacerbation or progression' };
    if (said('escalated')) return byWord('chronic-worse', 'escalated');
    return said('stable')
      ? byWord('stable-chronic', 'stable')
      : { kind: 'stable-chronic', reason: 'chronic, no change in status documented' };
  }
  if (codes.some((c) => isInjuryCode(c.code))) {
    if (said('self-limited')) return byWord('self-limited', 'self-limited');
    if (said('complicated-injury')) return byWord('acute-complicated-injury', 'complicated-injury');
    if (/fracture|dislocation|concussion|intracranial/.test(titles))
      return {
        kind: 'acute-complicated-injury',
        reason: 'injury diagnosis: fracture, dislocation or brain injury',
      };
    return { kind: 'acute-uncomplicated', reason: 'injury without complicating features' };
  }
  if (natures.has('systemic')) return { kind: 'acute-systemic', reason: 'diagnosis with systemic effects' };
  if (said('systemic')) return byWord('acute-systemic', 'systemic');
  if (said('uncertain')) return byWord('undiagnosed-uncertain', 'uncertain');
  if (codes.every((c) => isSymptomCode(c.code))) {
    return workedUp
      ? { kind: 'undiagnosed-uncertain', reason: 'a symptom worked up with tests' }
      : { kind: 'acute-uncomplicated', reason: 'a symptom treated without work-up' };
  }
  if (said('self-limited')) return byWord('self-limited', 'self-limited');
  return { kind: 'acute-uncomplicated', reason: 'acute diagnosis without systemic or complicating features' };
}

/** Level of the problems element from the problems' kinds and how many of each. */
export function problemsLevel(problems: readonly Problem[]): Level {
  const count = (k: ProblemKind) => problems.filter((p) => p.kind === k).length;
  const high = count('threat') + count('chronic-severe') > 0;
  const moderate =
    count('chronic-worse') +
      count('undiagnosed-uncertain') +
      count('acute-systemic') +
      count('acute-complicated-injury') >
      0 || count('stable-chronic') >= 2;
  const low = count('stable-chronic') + count('acute-uncomplicated') > 0 || count('self-limited') >= 2;
  return high ? 'high' : moderate ? 'moderate' : low ? 'low' : 'straightforward';
}

export function readProblems(input: ProblemsInput): ProblemsReading {
  const { analysis } = input;
  const decisionNote = hasDecisionSections(analysis);
  const hits = findTerms(analysis, PROBLEM_TERMS);
  const groups = new Map<number, { at: Addressed; codes: CodeSuggestion[]; spans: EvidenceSpan[] }>();
  for (const dx of input.diagnoses) {
    if (!isProblemCode(dx.code)) continue;
    const at = addressedAt(analysis, dx, decisionNote);
    if (!at) continue;
    const group = groups.get(at.sentence.index) ?? { at, codes: [], spans: [] };
    group.codes.push(dx);
    if (!group.spans.some((s) => s.start === at.span.start && s.end === at.span.end))
      group.spans.push(at.span);
    groups.set(at.sentence.index, group);
  }
  // Without coded diagnoses, each assessment line is a problem read on its words alone.
  if (input.diagnoses.length === 0) {
    const seen = new Set<number>();
    for (const s of analysis.sentences) {
      if (!['assessment', 'assessment_plan', 'diagnoses'].includes(s.section)) continue;
      const line = lineAround(analysis.text, s.start);
      if (seen.has(line.start)) continue;
      seen.add(line.start);
      groups.set(s.index, {
        at: { sentence: s, span: spanIn(analysis, s.start, s.end, s.section) },
        codes: [],
        spans: [],
      });
    }
  }
  const problems: Problem[] = [];
  const threatSentences = new Set<number>();
  for (const { at, codes, spans } of groups.values()) {
    const line = lineAround(analysis.text, at.sentence.start);
    const words = wordsIn(analysis.text, hits, line.start, line.end);
    if (words.has('managed-elsewhere')) continue;
    const { kind, reason, wordSpan } = classify(codes, words, input.workedUp);
    if (kind === 'threat') threatSentences.add(at.sentence.index);
    problems.push({
      kind,
      codes: codes.map((c) => c.code),
      reason,
      evidence: codes.length > 0 ? [...spans, ...(wordSpan ? [wordSpan] : [])] : [at.span],
    });
  }
  // A threat ruled out in the MDM or impression without a coded diagnosis of its own.
  for (const h of hits) {
    if (h.term.kind !== 'threat' || !isDecisionSection(h.sentence.section)) continue;
    if (
      threatSentences.has(h.sentence.index) ||
      problems.some((p) => p.evidence.some((e) => e.start === h.span.start))
    )
      continue;
    const words = wordsIn(analysis.text, [h], h.span.start, h.span.end);
    if (!words.has('threat')) continue;
    threatSentences.add(h.sentence.index);
    problems.push({ kind: 'threat', codes: [], reason: `"${h.span.text}" evaluated`, evidence: [h.span] });
  }
  // With one problem, a treatment change written in a separate plan is that problem's.
  const only = problems.length === 1 ? problems[0]! : undefined;
  if (only?.kind === 'stable-chronic' && only.reason.startsWith('chronic, no change')) {
    const escalation = hits.find(
      (h) =>
        h.term.kind === 'escalated' &&
        h.sentence.section === 'plan' &&
        !h.context.negated &&
        !h.context.hypothetical &&
        !h.context.historical,
    );
    if (escalation) {
      only.kind = 'chronic-worse';
      only.reason = `"${escalation.span.text}" (the plan's treatment change for the one problem addressed)`;
      only.evidence.push(escalation.span);
    }
  }
  const items: MdmItem[] = problems.map((p) => ({
    label: `${PROBLEM_LABEL[p.kind]}${p.codes.length ? ` (${p.codes.join(', ')})` : ''}: ${p.reason}`,
    evidence: p.evidence,
  }));
  return { element: { level: problemsLevel(problems), items }, problems };
}
