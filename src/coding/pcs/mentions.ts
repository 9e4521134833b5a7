/**
 * Procedure mentions in a note: a procedure word ("cholecystectomy", "CT", "biopsy") with what
 * the words around it say about the code's axes — the body part (from the word's own stem and
 * the anatomy words near it), laterality, whether only part was taken, and the approach, device
 * and qualifier words of its sentence. Mentions that are negated, hypothetical, historical or
 * about a family member, or that sit in a past-surgical-history, family-history or plan section,
 * are not procedures of this stay and are left out.
 */
import type { NoteAnalysis, Sentence, Token } from '../../nlp/index.js';
import { stem } from '../../nlp/index.js';
import type { EvidenceSpan } from '../types.js';
import { AXIS_TERMS, type AxisTerm } from './axis-terms.js';
import { BODY_PART_TERMS, type BodyPartTerm, LESION_WORDS, PARTIAL_WORDS } from './body-part-terms.js';
import { IMAGING_TERMS } from './imaging-terms.js';
import { OPERATION_TERMS, type OperationTerm } from './operation-terms.js';

export interface AxisWant {
  axis: string;
  /** Acceptable labels, best first. */
  labels: string[];
  evidence: EvidenceSpan[];
  source: string;
}

export interface BodyWant {
  /** Body-part entries named by the procedure word or the words near it. */
  terms: BodyPartTerm[];
  /** Stems of the words near the procedure word (modifiers like "sigmoid", "common bile"). */
  nearby: Set<string>;
  /** Stems of body words the procedure word itself implies (an ECG is "cardiac"). */
  bodyWords: Set<string>;
  laterality?: 'right' | 'left' | 'bilateral';
  evidence: EvidenceSpan[];
}

export interface ProcedureMention {
  term: OperationTerm;
  /** The operation to look for: the term's, or its partial one when the note says part. */
  operation: string;
  partial: boolean;
  body: BodyWant;
  axes: AxisWant[];
  evidence: EvidenceSpan;
}

/** How a "-scopy" reaches what it looks at, as an approach label. */
const SCOPE_APPROACH: Record<NonNullable<BodyPartTerm['scope']>, { label: string; why: string }> = {
  natural: {
    label: 'Via Natural or Artificial Opening Endoscopic',
    why: 'an endoscope reaches it through a natural opening',
  },
  percutaneous: { label: 'Percutaneous Endoscopic', why: 'an endoscope reaches it through the skin' },
  external: { label: 'External', why: 'it is looked at from outside the body, nothing cut or entered' },
};

const SKIP_SECTIONS = new Set([
  'past_surgical_history',
  'family_history',
  'plan',
  'medications',
  'allergies',
]);

/** Words that end the body-part window around a procedure word: the study's findings follow. */
const WINDOW_STOP = new Set([
  'was',
  'were',
  'is',
  'are',
  'showed',
  'shows',
  'show',
  'revealed',
  'reveals',
  'performed',
  'which',
  'that',
  'with',
  'without',
  'due',
  'for',
  'in',
  'because',
  'after',
  'under',
  'demonstrated',
  'found',
  'confirmed',
]);

const span = (text: string, sentence: Sentence, from: Token, to: Token = from): EvidenceSpan => ({
  start: from.start,
  end: to.end,
  text: text.slice(from.start, to.end),
  section: sentence.section,
});

function matchWords(tokens: readonly Token[], i: number, words: readonly string[]): boolean {
  return words.every((w, n) => tokens[i + n]?.norm === w);
}

const ALL_TERMS: readonly OperationTerm[] = [...OPERATION_TERMS, ...IMAGING_TERMS];
// Whole-word terms by their longest way of saying it, longest first ("exploratory laparotomy"
// before approach words), then endings.
const longest = (t: OperationTerm) =>
  'words' in t.match ? Math.max(...t.match.words.map((w) => w.length)) : 0;
const WORD_TERMS = ALL_TERMS.filter((t) => 'words' in t.match).sort((a, b) => longest(b) - longest(a));
const SUFFIX_TERMS = ALL_TERMS.filter((t) => 'suffix' in t.match);

/** The operation term at token i, and how many tokens it spans. */
function termAt(
  tokens: readonly Token[],
  i: number,
): { term: OperationTerm; length: number; stem?: string } | undefined {
  let best: { term: OperationTerm; length: number } | undefined;
  for (const t of WORD_TERMS) {
    for (const words of (t.match as { words: string[][] }).words) {
      if (words.length > (best?.length ?? 0) && matchWords(tokens, i, words))
        best = { term: t, length: words.length };
    }
  }
  if (best) return best;
  const norm = tokens[i]!.norm;
  for (const t of SUFFIX_TERMS) {
    const suffix = (t.match as { suffix: string }).suffix;
    if (norm.length > suffix.length + 2 && norm.endsWith(suffix)) {
      return { term: t, length: 1, stem: norm.slice(0, -suffix.length) };
    }
  }
  return undefined;
}

/** The body-part entry a procedure word's stem names (longest combining form that starts it). */
function bodyFromStem(word: string): { term: BodyPartTerm; partial: boolean } | undefined {
  const partial = /^(hemi|partial)/.test(word);
  const bare = word.replace(/^(hemi|partial|sub|total|pan)/, '');
  let best: { term: BodyPartTerm; length: number } | undefined;
  for (const term of BODY_PART_TERMS) {
    for (const s of term.stems ?? []) {
      if ((bare.startsWith(s) || word.startsWith(s)) && s.length > (best?.length ?? 0))
        best = { term, length: s.length };
    }
  }
  return best ? { term: best.term, partial } : undefined;
}

/** The body-part entry a plain word names ("renal", "abdomen", "gallbladder"). */
function bodyFromPlainWord(norm: string): BodyPartTerm | undefined {
  for (const term of BODY_PART_TERMS) {
    if (term.words?.includes(norm)) return term;
    if (term.stems?.some((s) => s.length >= 5 && norm.startsWith(s))) return term;
  }
  return undefined;
}

/**
 * The body-part entries a word names: itself, or the parts of a compound joined by "o" as
 * anatomical compounds are ("thoracoabdominal" = thorac-o-abdominal, "abdominopelvic").
 */
function bodyFromWord(norm: string): BodyPartTerm[] {
  const exact = BODY_PART_TERMS.find((t) => t.words?.includes(norm));
  if (exact) return [exact];
  for (let i = 4; i < norm.length - 4; i++) {
    if (norm[i] !== 'o') continue;
    const head = norm.slice(0, i);
    const left = BODY_PART_TERMS.find((t) => t.stems?.some((s) => s.length >= 4 && head.startsWith(s)));
    const right = bodyFromPlainWord(norm.slice(i + 1));
    if (left && right) return [left, right];
  }
  const whole = bodyFromPlainWord(norm);
  return whole ? [whole] : [];
}

/** Axis words in a sentence (whole words, as the tokens spell them). */
function axisWords(text: string, sentence: Sentence): Array<{ term: AxisTerm; evidence: EvidenceSpan }> {
  const out: Array<{ term: AxisTerm; evidence: EvidenceSpan }> = [];
  const { tokens } = sentence;
  for (let i = 0; i < tokens.length; i++) {
    for (const term of AXIS_TERMS) {
      if (matchWords(tokens, i, term.words)) {
        out.push({ term, evidence: span(text, sentence, tokens[i]!, tokens[i + term.words.length - 1]) });
      }
    }
  }
  return out;
}

const APPROACH_WORDS: ReadonlySet<string> = new Set(
  AXIS_TERMS.filter((t) => t.axis === 'Approach' && t.words.length === 1).map((t) => t.words[0]!),
);

const affirmed = (s: Sentence, i: number) => {
  const f = s.flags[i];
  return !f || !(f.negated || f.hypothetical || f.historical || f.family);
};

/** Every procedure mention of the note, in text order. */
export function findMentions(analysis: NoteAnalysis): ProcedureMention[] {
  const out: ProcedureMention[] = [];
  const { text } = analysis;
  for (const sentence of analysis.sentences) {
    if (SKIP_SECTIONS.has(sentence.section)) continue;
    const { tokens } = sentence;
    const axisHits = axisWords(text, sentence);
    for (let i = 0; i < tokens.length; i++) {
      const hit = termAt(tokens, i);
      if (!hit) continue;
      if (!affirmed(sentence, i)) {
        i += hit.length - 1;
        continue;
      }
      const last = i + hit.length - 1;
      out.push(mentionAt(text, sentence, i, last, hit, axisHits));
      i = last;
    }
  }
  return out;
}

function mentionAt(
  text: string,
  sentence: Sentence,
  first: number,
  last: number,
  hit: { term: OperationTerm; stem?: string },
  axisHits: ReadonlyArray<{ term: AxisTerm; evidence: EvidenceSpan }>,
): ProcedureMention {
  const { tokens } = sentence;
  const { term } = hit;
  const body: BodyWant = { terms: [], nearby: new Set(), bodyWords: new Set(), evidence: [] };
  let partial = false;
  let lesion = false;
  const axes: AxisWant[] = [];
  const evidence = span(text, sentence, tokens[first]!, tokens[last]);

  if (term.bodyFromStem && hit.stem) {
    const named = bodyFromStem(hit.stem);
    if (named) {
      body.terms.push(named.term);
      body.evidence.push(evidence);
      partial ||= named.partial;
      // An endoscope's way in follows from where it looks (cystoscopy: through the urethra).
      const scope = named.term.scope;
      if (term.operation === 'Inspection' && scope) {
        axes.push({
          axis: 'Approach',
          labels: [SCOPE_APPROACH[scope].label],
          evidence: [evidence],
          source: `${named.term.source}; ${SCOPE_APPROACH[scope].why}`,
        });
      }
    }
  }
  for (const w of term.bodyWords ?? []) {
    body.nearby.add(stem(w));
    body.bodyWords.add(stem(w));
  }

  // The words around the procedure word: up to 3 before, 7 after, up to a stop word or mark.
  const window: Token[] = [];
  for (let j = first - 1; j >= Math.max(0, first - 3); j--) {
    const t = tokens[j]!;
    if (WINDOW_STOP.has(t.norm) || /^[;:?,.()]$/.test(t.norm)) break;
    window.push(t);
  }
  for (let j = last + 1; j <= Math.min(tokens.length - 1, last + 7); j++) {
    const t = tokens[j]!;
    if (WINDOW_STOP.has(t.norm) || /^[;:?,.()]$/.test(t.norm)) break;
    window.push(t);
  }
  for (const t of window) {
    if (PARTIAL_WORDS.has(t.norm)) partial = true;
    if (LESION_WORDS.has(t.norm)) lesion = true;
    if (t.norm === 'right' || t.norm === 'left') body.laterality ??= t.norm;
    if (t.norm === 'bilateral' || t.norm === 'both') body.laterality = 'bilateral';
    // "Laparoscopic" says how, not where: approach words are not body words.
    const named = APPROACH_WORDS.has(t.norm) ? [] : bodyFromWord(t.norm);
    for (const n of named) if (!body.terms.includes(n)) body.terms.push(n);
    if (named.length > 0) body.evidence.push(span(text, sentence, t));
    body.nearby.add(t.stem);
  }
  if (body.laterality) {
    const t = window.find(
      (x) => x.norm === body.laterality || (body.laterality === 'bilateral' && x.norm === 'both'),
    );
    if (t) body.evidence.push(span(text, sentence, t));
  }
  // Cutting out a tumour takes part of the organ it is in: Excision, not Resection (B3.8).
  const takesPart = (partial || lesion) && term.partialOperation !== undefined;

  for (const [axis, label] of Object.entries(term.axes ?? {})) {
    axes.push({ axis, labels: [label], evidence: [evidence], source: term.source });
  }
  // The procedure's own words are not axis words ("vaginal delivery" is a delivery, not an
  // approach through the vagina).
  const own = (e: EvidenceSpan) => e.start >= evidence.start && e.end <= evidence.end;
  for (const { term: a, evidence: e } of axisHits) {
    if (own(e)) continue;
    const existing = axes.find((x) => x.axis === a.axis);
    if (existing) {
      if (!existing.labels.includes(a.label)) existing.labels.push(a.label);
      existing.evidence.push(e);
    } else axes.push({ axis: a.axis, labels: [a.label], evidence: [e], source: a.source });
  }
  return {
    term,
    operation: takesPart ? term.partialOperation! : term.operation,
    partial: takesPart,
    body,
    axes,
    evidence,
  };
}
