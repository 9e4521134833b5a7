/**
 * Is this text a clinical note we can read? Binary garbage and non-English text get an empty
 * result with a reason instead of nonsense codes; very long input is cut to a cap so the work
 * per note stays bounded.
 */

export const MAX_NOTE_CHARS = 200_000;

const ENGLISH = new Set(
  'the and with of to is in for no not patient pt denies history on at has was he she his her pain left right mg daily a an or by as be are this that without'.split(
    ' ',
  ),
);

/** Function words of the languages most often mistaken for English notes (es, de, fr, it, pt). */
const FOREIGN = new Set(
  'el la los las de del que y en por para con una un es se le les et des du une est der die das und mit nicht ist ein eine auf seit keine kein nach bei wird wurde sind il di che per non não com uma'.split(
    ' ',
  ),
);

const NOT_ENGLISH = 'the note does not appear to be in English; only English notes are coded';

/** A reason the text cannot be coded, or null when it reads as an English note. */
export function unreadableReason(text: string): string | null {
  if (text.trim().length === 0) return 'the note is empty';
  const sample = text.slice(0, 20_000);
  let control = 0;
  for (let i = 0; i < sample.length; i++) {
    const c = sample.charCodeAt(i);
    if ((c < 32 && c !== 9 && c !== 10 && c !== 13) || c === 0xfffd) control++;
  }
  if (control / sample.length > 0.05) return 'the note looks like binary data, not text';
  const { letters, asciiLetters } = countLetters(sample);
  if (letters === 0) return 'the note has no words';
  if (asciiLetters / letters < 0.7) return NOT_ENGLISH;
  const words = sample.toLowerCase().match(/\p{L}+/gu) ?? [];
  if (words.length >= 12) {
    const english = words.filter((w) => ENGLISH.has(w)).length;
    const foreign = words.filter((w) => FOREIGN.has(w)).length;
    // Terse English notes ("PMH: HTN, CKD 3. Assessment: hypertensive CKD") have no function
    // words at all, so only other languages' function words decide.
    if (foreign >= 2 && foreign > english) return NOT_ENGLISH;
  }
  return null;
}

const LETTER = /^\p{L}$/u;

/**
 * The letters (code points in \p{L}) and the ASCII letters of a text, counted as the matches of
 * /\p{L}/gu and /[A-Za-z]/g would be, without an array of one-letter strings per note.
 */
function countLetters(text: string): { letters: number; asciiLetters: number } {
  let letters = 0;
  let asciiLetters = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122)) {
      letters++;
      asciiLetters++;
    } else if (c >= 128) {
      const cp = text.codePointAt(i) as number;
      if (LETTER.test(String.fromCodePoint(cp))) letters++;
      if (cp > 0xffff) i++;
    }
  }
  return { letters, asciiLetters };
}
