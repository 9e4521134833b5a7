/**
 * ICD-10-CM code shape: a letter, a digit, a letter or digit (the category), then up to four
 * more characters. Users type codes with or without the dot, in any case, with stray spaces;
 * everything inside the service uses the dotted upper-case form the Tabular prints.
 */
const CODE_SHAPE = /^[A-Z](?:[0-9][0-9A-Z]|[A-Z][0-9])(?:\.?[0-9A-Z]{1,4})?$/;

/**
 * The 3-character category: a letter, then a digit and a letter or digit, or (from FY2026, the
 * QA0 category) a letter and a digit. As a regular expression source, for the parsers.
 */
export const CATEGORY_PATTERN = '[A-Z](?:[0-9][0-9A-Z]|[A-Z][0-9])';

/** Dotted upper-case code (`e1165` → `E11.65`), or null when the input is not shaped like a code. */
export function normalizeCode(input: string): string | null {
  const s = input.trim().toUpperCase();
  if (!CODE_SHAPE.test(s)) return null;
  const compact = s.replace('.', '');
  return compact.length > 3 ? `${compact.slice(0, 3)}.${compact.slice(3)}` : compact;
}

/** The code without its dot (`E11.65` → `E1165`). */
export function compactCode(code: string): string {
  return code.replace('.', '');
}

/** Dotted form of a compact code known to be well shaped. */
export function dotted(compact: string): string {
  return compact.length > 3 ? `${compact.slice(0, 3)}.${compact.slice(3)}` : compact;
}

/** Why an input is not a code, for the `malformed` validation message. */
export function describeMalformed(input: string): string {
  const s = input.trim();
  if (s === '') return 'empty code';
  const up = s.toUpperCase();
  if (!/^[A-Z]/.test(up)) return `"${s}" does not start with a letter`;
  if ((up.match(/\./g) ?? []).length > 1) return `"${s}" has more than one dot`;
  const compact = up.replace('.', '');
  if (compact.length < 3) return `"${s}" is shorter than a 3-character category`;
  if (compact.length > 7) return `"${s}" is longer than 7 characters`;
  if (!new RegExp(`^${CATEGORY_PATTERN}`).test(compact)) {
    return `"${s}": a category is a letter, a digit and a letter or digit (or a letter, a letter and a digit)`;
  }
  if (/\./.test(up) && up.indexOf('.') !== 3) return `"${s}": the dot belongs after the 3rd character`;
  return `"${s}" contains characters other than letters and digits`;
}
