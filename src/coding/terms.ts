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
}

/** Splits a title into required and optional stems. `nemod` adds optional words. */
export function termWords(title: string, nemod?: string | null): TermWords {
  const optionalText = [...title.matchAll(/\(([^)]*)\)/g)].map((m) => m[1]).join(' ') + ' ' + (nemod ?? '');
  const requiredText = title.replace(/\([^)]*\)/g, ' ');
  return { required: stems(requiredText, true), optional: stems(optionalText, false) };
}

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
 * term ("Hypertriglyceridemia, essential"; "Fracture, traumatic"). A part that shares its stem
 * with the first word is a synonym and can start a match alone; a qualifier cannot.
 */
export function mainTermVariants(title: string): string[] {
  const parts = title
    .replace(/\([^)]*\)/g, ' ')
    .split(',')
    .map((v) => v.trim())
    .filter((v) => v.length > 0);
  const head = parts[0]?.toLowerCase() ?? '';
  const prefix = head.slice(0, Math.min(5, head.length));
  return parts.filter((p, i) => i === 0 || (prefix.length >= 4 && p.toLowerCase().startsWith(prefix)));
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
  ].map((t) => t),
);
