/**
 * The steps between the finders and the rules, each pure: a new list out, the one given left as
 * it was. A symptom the assessment attributes to a diagnosis is marked, the narrative's symptoms
 * leave once a diagnosis is concluded, and repeats of one code said the same way become one.
 */
import type { NoteAnalysis } from '../../nlp/analyze.js';
import { isDiagnosticSection } from '../../nlp/sections.js';
import type { EvidenceSpan } from '../types.js';
import { type Candidate, isCurrent } from './candidate.js';
import { POS_BASE } from './index-match.js';

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
 * it, so the symptom is not coded separately (I.B.5; integral-symptoms.ts drops it). The symptom
 * comes back as a copy with `attributedTo` set.
 */
export function withAttributedSymptoms(
  candidates: readonly Candidate[],
  analysis: NoteAnalysis,
): Candidate[] {
  const present = (c: Candidate) => isCurrent(c) && !c.context.uncertain;
  return candidates.map((c) => {
    if (!c.code.startsWith('R') || c.positions.length === 0) return c;
    const si = Math.floor(c.positions[0]! / POS_BASE);
    if (!c.positions.every((p) => Math.floor(p / POS_BASE) === si)) return c;
    const sentence = analysis.sentences[si];
    // The provider's diagnostic statement (IV.C): a narrative's "from" tells the story, the
    // assessment draws the conclusion.
    if (!sentence || !isDiagnosticSection(sentence.section)) return c;
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
    if (cause < 0) return c;
    const by = candidates.find(
      (d) =>
        // A drug's adverse effect (T36–T50) is coded with its manifestation (I.C.19.e.5.a), and
        // Z/external-cause codes are not diagnoses that account for a symptom.
        !/^[RTV-Z]/.test(d.code) &&
        present(d) &&
        d.positions.some((p) => Math.floor(p / POS_BASE) === si && p % POS_BASE > cause),
    );
    return by ? { ...c, attributedTo: by.code } : c;
  });
}

/** Narrative symptoms stay only when no confirmed diagnosis was stated. */
export function withoutNarrativeSymptoms(candidates: readonly Candidate[]): Candidate[] {
  const concluded = candidates.some(
    (c) =>
      isDiagnosticSection(c.section) &&
      !c.context.uncertain &&
      !c.context.negated &&
      !c.context.hypothetical &&
      !c.context.historical &&
      !c.code.startsWith('Z'),
  );
  return concluded ? candidates.filter((c) => !c.narrativeSymptom) : [...candidates];
}

/** Evidence spans kept for one candidate that stands for repeats of itself. */
const MAX_REPEAT_EVIDENCE = 10;

/**
 * The same code said the same way many times (a pasted note, a long problem list) is one
 * candidate with its first few evidence spans; this keeps the pairwise rules cheap. The first
 * of the repeats stands for them (a copy, when it gains their evidence).
 */
export function collapseRepeats(candidates: readonly Candidate[]): Candidate[] {
  const byKey = new Map<string, Candidate>();
  for (const c of candidates) {
    const f = c.context;
    const key = `${c.code}|${f.negated}|${f.uncertain}|${f.historical}|${f.family}|${f.hypothetical}|${c.section}`;
    const seen = byKey.get(key);
    if (!seen) byKey.set(key, c);
    else if (seen.evidence.length < MAX_REPEAT_EVIDENCE)
      byKey.set(key, {
        ...seen,
        evidence: [...seen.evidence, ...c.evidence.slice(0, MAX_REPEAT_EVIDENCE - seen.evidence.length)],
      });
  }
  return [...byKey.values()];
}

/**
 * Affirmative words of the note by stem with where they were first said, for the rules'
 * medication evidence (not from allergies or family history).
 */
export function medicationStems(analysis: NoteAnalysis): Map<string, EvidenceSpan> {
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
