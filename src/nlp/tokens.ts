/**
 * Tokens with character offsets into the original note, so every concept found later can be
 * quoted back as evidence. Hyphens and slashes split words ("non-ST", "s/p" is handled by the
 * abbreviation table before splitting), digits stay whole ("3a", "250").
 */
import { stem } from '../text/index.js';

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
  /**
   * A capital "A" naming a type after a word ("influenza A", "vitamin A", "group A"), not the
   * article: it is a word to match, where the article "a" is not.
   */
  designation?: true;
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
    const token: Token = {
      start: start + m.index,
      end: start + m.index + raw.length,
      norm,
      stem: stem(norm),
    };
    if (raw === 'A' && namesAType(slice, out.at(-1), start)) token.designation = true;
    out.push(token);
  }
  return out;
}

/**
 * A capital "A" right after a word written in mixed or lower case names a type ("Influenza A");
 * at the start of a sentence, after punctuation, or in text written all in capitals ("PATIENT
 * IS A") it is the article.
 */
function namesAType(slice: string, previous: Token | undefined, start: number): boolean {
  if (!previous || isPunct(previous)) return false;
  const raw = slice.slice(previous.start - start, previous.end - start);
  return /[a-z]/.test(raw);
}

/** True for tokens that are punctuation rather than words. */
export function isPunct(t: Token): boolean {
  return t.norm.length === 1 && ';:?,.()/'.includes(t.norm);
}
