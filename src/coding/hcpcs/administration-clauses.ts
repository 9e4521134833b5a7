/**
 * Where a note says something was given: the clauses of its sentences ("ketorolac 30 mg IM
 * given", "Tdap administered", "Treatment: epinephrine 0.3 mg IM, IV diphenhydramine") and
 * whether each states an administration on this visit rather than a prescription, a plan, a
 * home medication or a refusal. Drug codes are billed for what was administered, never for
 * what was prescribed.
 */
import type { NoteAnalysis, Sentence } from '../../nlp/index.js';
import { type SectionKind, sectionAt } from '../../nlp/sections.js';
import type { Token } from '../../nlp/tokens.js';

/** Sections that list what the patient takes or took, not what was given today. */
const NOT_TODAY_SECTIONS: ReadonlySet<SectionKind> = new Set([
  'medications',
  'allergies',
  'past_medical_history',
  'past_surgical_history',
  'family_history',
  'social_history',
  'ros',
]);

/** Words that state an administration. */
const GIVEN =
  /\b(given|administered|injected|gave|received|infused|pushed|instilled|treated with|treatment:|injection of|inj\.? of|x ?1|stat|in (?:the )?(?:clinic|office|ed|er|emergency department))\b/i;

/** Section headers under which a list is what was given: "Treatment:", "Medications administered:". */
const GIVEN_HEADER =
  /^(treatments?|tx|medications? (?:given|administered)|meds given|administered|given|procedures?|interventions?|(?:ed|er|emergency department) course|in[- ](?:clinic|office) (?:treatment|medications?))$/i;

/** Words that make a clause a prescription, a plan or a refusal rather than an administration. */
const NOT_GIVEN =
  /\b(will|would|plan(?:ned|s)? to|to be given|recommend(?:ed|s)?|consider(?:ed)?|offered|declined|declines|refused|refuses|deferred|defer|held|hold|due for|next (?:visit|dose)|if needed|prn|as needed|at home|prescribed|prescription|rx|script|refills?|dispensed|takes?|taking|continue[sd]?|start(?:ed)? on|discharged? (?:on|home)|daily|bid|tid|qid|qhs|q ?\d+ ?h(?:ours?)?|every \d+ hours|x ?\d+ ?(?:days?|weeks?)|for \d+ days|previously|prior|last (?:year|month|week|visit)|ago|up to date|utd)\b/i;

export interface Clause {
  sentence: Sentence;
  start: number;
  end: number;
  /** The clause's tokens (a slice of the sentence's). */
  tokens: Token[];
  /** Index of the clause's first token in `sentence.tokens` (for context flags). */
  firstToken: number;
  /** Whether the clause states that something was given on this visit. */
  administered: boolean;
}

const BOUNDARY_WORDS = new Set([';', ',', 'and', 'then', 'plus', 'followed', 'also']);

/**
 * Splits each sentence at `;`, `,`, "and", "then", "plus", so "ketorolac 30 mg IM and
 * ondansetron 4 mg IV" gives one clause per drug; `keep(tokens)` says whether a clause names
 * something (a drug, a vaccine), and a clause that names nothing ("IM", "in the right deltoid")
 * joins the clause before it.
 */
export function administrationClauses(
  analysis: NoteAnalysis,
  keep: (tokens: readonly Token[]) => boolean,
): Clause[] {
  const clauses: Clause[] = [];
  for (const sentence of analysis.sentences) {
    if (NOT_TODAY_SECTIONS.has(sentence.section)) continue;
    const text = analysis.text.slice(sentence.start, sentence.end);
    const header = sectionAt(analysis.sections, sentence.start)?.header.trim() ?? '';
    const sentenceGiven = GIVEN.test(text) || sentence.section === 'procedures' || GIVEN_HEADER.test(header);
    const pieces: Array<{ from: number; to: number }> = [];
    let from = 0;
    sentence.tokens.forEach((t, i) => {
      if (BOUNDARY_WORDS.has(t.norm) && i > from) {
        pieces.push({ from, to: i });
        from = i + 1;
      }
    });
    if (from < sentence.tokens.length) pieces.push({ from, to: sentence.tokens.length });
    const merged: Array<{ from: number; to: number }> = [];
    for (const p of pieces) {
      const last = merged.at(-1);
      if (last && !keep(sentence.tokens.slice(p.from, p.to))) last.to = p.to;
      else if (last && !keep(sentence.tokens.slice(last.from, last.to))) last.to = p.to;
      else merged.push({ ...p });
    }
    for (const p of merged) {
      const tokens = sentence.tokens.slice(p.from, p.to);
      if (!keep(tokens)) continue;
      const first = tokens[0];
      const last = tokens.at(-1);
      if (!first || !last) continue;
      const clauseText = analysis.text.slice(first.start, last.end);
      const clauseGiven = GIVEN.test(clauseText);
      const administered = clauseGiven || (sentenceGiven && !NOT_GIVEN.test(clauseText));
      clauses.push({
        sentence,
        start: first.start,
        end: last.end,
        tokens,
        firstToken: p.from,
        administered: administered && !refused(clauseText),
      });
    }
  }
  return clauses;
}

/**
 * A refusal or a plan stated in the clause itself outweighs "given" elsewhere in it, and so does
 * another day's date ("cycle 8 given 1/3"): that dose is history, not this visit's.
 */
function refused(text: string): boolean {
  return (
    /\b(declined|declines|refused|refuses|deferred|not given|held|will give|to be given)\b/i.test(text) ||
    (/(?<!\b(?:bp|pressure)\s{0,3})\b\d{1,2}\/\d{1,2}(?:\/\d{2,4})?\b/i.test(text) &&
      !/\btoday\b/i.test(text))
  );
}
