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

/** Main-term titles list synonyms separated by commas ("Diabetes, diabetic"). */
export function mainTermVariants(title: string): string[] {
  return title
    .replace(/\([^)]*\)/g, ' ')
    .split(',')
    .map((v) => v.trim())
    .filter((v) => v.length > 0);
}
