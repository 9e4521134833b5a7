/**
 * Index and Tabular term wording → the stems a note must contain to match it. Nonessential
 * modifiers (in parentheses, or the `nemod` field) are not required but count when present;
 * "NEC", "NOS" and connecting words never decide a match.
 */
import { stem } from '../nlp/stem.js';
import { STOPWORDS } from '../terminology/text.js';

const CONNECTORS: ReadonlySet<string> = new Set([
  ...STOPWORDS,
  'with',
  'without',
  'due',
  'other',
  'specified',
  'classified',
  'elsewhere',
  'mention',
  'involving',
  'type',
  'unspecified',
]);

/** Words that keep their role in a term (they change the meaning of codes). */
const MEANINGFUL_SHORT = new Set(['type']);

export interface TermWords {
  /** Stems the note must contain. */
  required: string[];
  /** Stems of nonessential modifiers. */
  optional: string[];
  /**
   * A title of alternatives ("acute or subacute") is matched by any one of them; `required` is
   * then the first.
   */
  alternatives?: string[][];
  /** "without psychotic features": the note must negate the words; "with …": must affirm them. */
  polarity?: 'with' | 'without';
}

/** Splits a title into required and optional stems. `nemod` adds optional words. */
export function termWords(title: string, nemod?: string | null): TermWords {
  const optionalText = [...title.matchAll(/\(([^)]*)\)/g)].map((m) => m[1]).join(' ') + ' ' + (nemod ?? '');
  const requiredText = title.replace(/\([^)]*\)/g, ' ');
  const optional = stems(optionalText, false);
  const lead = /^\s*(with|without)\s+\S/i.exec(requiredText)?.[1]?.toLowerCase() as TermWords['polarity'];
  const polar = (w: TermWords): TermWords => (lead ? { ...w, polarity: lead } : w);
  const parts = requiredText.split(/\s+or\s+/i);
  if (parts.length > 1) {
    const alternatives = parts.map((p) => anatomical(stems(p, true))).filter((a) => a.length > 0);
    if (alternatives.length > 1) return polar({ required: alternatives[0]!, optional, alternatives });
  }
  return polar({ required: anatomical(stems(requiredText, true)), optional });
}

/**
 * The Index says "lower end" / "upper end" where notes say "distal" / "proximal": the note's
 * words are folded to the Index's (see index-match.ts), and "end" after them is implied.
 */
function anatomical(required: string[]): string[] {
  return required.filter((s, i) => !(s === 'end' && i > 0 && END_OF.has(required[i - 1]!)));
}
const END_OF = new Set(['lower', 'upper', 'distal', 'proximal'].map(stem));

/** "type 2" keeps "type" so "type 1" and "type 2" stay distinct; elsewhere connectors drop. */
function stems(text: string, keepType: boolean): string[] {
  const out: string[] = [];
  const words = text.toLowerCase().match(/[a-z0-9]+(?:'[a-z]+)?/g) ?? [];
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!.replace(/'s$/, '');
    if (CONNECTORS.has(w) && !(keepType && MEANINGFUL_SHORT.has(w) && /^\d/.test(words[i + 1] ?? '')))
      continue;
    const s = stem(w);
    if (!out.includes(s)) out.push(s);
  }
  return out;
}

/**
 * Main-term titles either list synonyms ("Diabetes, diabetic"; "Failure, failed") or qualify the
 * term ("Fracture, pathological"; "Fracture, traumatic"). A part that shares its stem with the
 * first word is a synonym and can start a match alone; a qualifier is required together with
 * the head word, so "fracture" alone never reaches "Fracture, pathological".
 */
export function mainTermVariants(title: string): Array<{ text: string; qualified: boolean }> {
  const parts = title
    .replace(/\([^)]*\)/g, ' ')
    .split(',')
    .map((v) => v.trim())
    .filter((v) => v.length > 0 && !/^(nec|nos)$/i.test(v));
  const head = parts[0]?.toLowerCase() ?? '';
  const prefix = head.slice(0, Math.min(5, head.length));
  const isSynonym = (p: string) => prefix.length >= 4 && p.toLowerCase().startsWith(prefix);
  const synonyms = parts.filter((p, i) => i === 0 || isSynonym(p));
  const qualifiers = parts.filter((p, i) => i > 0 && !isSynonym(p));
  if (qualifiers.length === 0) return synonyms.map((text) => ({ text, qualified: false }));
  return synonyms.map((text) => ({ text: `${text} ${qualifiers.join(' ')}`, qualified: true }));
}

/**
 * Main terms that name a kind of encounter, not a condition (Z-code reasons for visit such as
 * "Follow-up", "Counseling", "Examination"): a note's plan mentions them constantly, and the
 * reason for the encounter cannot be read from a word, so they never start a match.
 */
export const ENCOUNTER_TERMS: ReadonlySet<string> = new Set(
  [
    'admission',
    'aftercare',
    'attention',
    'care',
    'checking',
    'counseling',
    'encounter',
    'examination',
    'follow-up',
    'observation',
    'screening',
    'test',
    'visit',
    'prophylactic',
    'problem',
    'patient',
    'person',
    'status',
    'history',
    'therapy',
    'treatment',
    'increase',
    'increased',
    'start',
    // "Symptoms NEC" (R68.89) names no condition: a note's "warning symptoms" or "her symptoms"
    // is not a diagnosis, and a coder codes the symptom named (I.B.4), never the word.
    'symptoms nec',
    // "Age (old) — see Senility": notes say "age" for the patient's age ("at the age of 50").
    'age',
  ].map((t) => t),
);
