/**
 * Tokens with character offsets into the original note, so every concept found later can be
 * quoted back as evidence. Hyphens and slashes split words ("non-ST", "s/p" is handled by the
 * abbreviation table before splitting), digits stay whole ("3a", "250").
 */
import { stem } from './stem.js';

export interface Token {
  /** Offsets into the note text, end exclusive. */
  start: number;
  end: number;
  /** Lower-cased surface form. */
  norm: string;
  /** Stem used for matching. */
  stem: string;
  /** Set when the token came from expanding an abbreviation (the surface form). */
  expandedFrom?: string;
}

// Words: letters/digits with inner apostrophes (Crohn's), or single punctuation marks that
// matter to context (; : ? , .). Linear-time regex: no nested quantifiers.
const WORD = /[0-9]+\.[0-9]+|[A-Za-z0-9\u00C0-\u024F]+(?:'[A-Za-z]+)?|[;:?,.()/]/g;

/** Tokenizes text[start, end) and returns tokens with absolute offsets. */
export function tokenize(text: string, start = 0, end = text.length): Token[] {
  const slice = text.slice(start, end);
  const out: Token[] = [];
  WORD.lastIndex = 0;
  for (let m = WORD.exec(slice); m !== null; m = WORD.exec(slice)) {
    const raw = m[0];
    const norm = raw.toLowerCase().replace(/'s$/, '');
    out.push({ start: start + m.index, end: start + m.index + raw.length, norm, stem: stem(norm) });
  }
  return out;
}

/** True for tokens that are punctuation rather than words. */
export function isPunct(t: Token): boolean {
  return t.norm.length === 1 && ';:?,.()/'.includes(t.norm);
}
