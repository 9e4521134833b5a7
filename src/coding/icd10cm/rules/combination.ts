/**
 * Combination codes (I.B.9): when one code fully describes two conditions (or a condition and
 * its complication), the separate code is not reported — unless the combination code's
 * Tabular note asks for it ("use additional code to identify ..."). A candidate whose evidence
 * words are all part of another candidate's evidence is the separate code.
 */
import { stem } from '../../../text/index.js';
import { type Candidate, codeRefs, inRange, type Rule } from '../candidate.js';
import { POS_BASE } from '../index-match.js';

export const GUIDELINE = 'I.B.9: combination code preferred over separate codes';

export function asksFor(a: Readonly<Candidate>, b: Readonly<Candidate>): boolean {
  return a.details.notes.some(
    (n) =>
      (n.kind === 'useAdditionalCode' || n.kind === 'codeAlso') &&
      codeRefs(n.text).some((r) => inRange(b.code, r)),
  );
}

function covers(a: Readonly<Candidate>, b: Readonly<Candidate>): boolean {
  if (b.positions.length === 0 || a.positions.length <= b.positions.length) return false;
  const mine = new Set(a.positions);
  return b.positions.every((p) => mine.has(p));
}

const GENERIC = new Set(
  [
    'and',
    'or',
    'of',
    'the',
    'in',
    'to',
    'with',
    'by',
    'due',
    'other',
    'specified',
    'unspecified',
    'disorders',
    'disorder',
    'diseases',
    'disease',
    'conditions',
    'nec',
    'nos',
  ].map(stem),
);

function stemsOf(text: string): string[] {
  return (text.toLowerCase().match(/[a-z0-9]+/g) ?? []).map(stem).filter((s) => !GENERIC.has(s));
}

/**
 * The combination code's title names the other condition of the same statement: by its own
 * words ("Spinal stenosis, lumbar region with neurogenic claudication" names the claudication)
 * or by its class ("Hyperemesis gravidarum with metabolic disturbance" names the ketosis and
 * hypokalemia of block E70-E88 "Metabolic disorders"). What the title says the condition is
 * "without" is not named.
 */
function titleNames(a: Readonly<Candidate>, b: Readonly<Candidate>): boolean {
  if (a.positions.length === 0 || b.positions.length === 0 || b.evidence.length === 0) return false;
  // Two codes of one category are two readings of one condition, not a combination.
  if (a.code.slice(0, 3) === b.code.slice(0, 3)) return false;
  const sentence = (p: number) => Math.floor(p / POS_BASE);
  const statements = new Set(a.positions.map(sentence));
  if (!b.positions.every((p) => statements.has(sentence(p)))) return false;
  const named = new Set(stemsOf(a.title.split(/\bwithout\b/i)[0]!));
  const words = b.evidence.flatMap((e) => stemsOf(e.text));
  if (words.length > 0 && words.every((w) => named.has(w))) return true;
  const block = b.details.section;
  if (!block?.id || inRange(a.code, block.id)) return false;
  const kind = stemsOf(block.title.replace(/\([^)]*\)/g, ' '));
  return kind.length > 0 && kind.every((w) => named.has(w));
}

/**
 * `a` is the combination code that makes `b` redundant. Titles that name each other's words are
 * two conditions said in the same words ("malignant neoplasm of breast, metastatic to liver" is
 * a primary and a secondary site, both titled "… malignant neoplasm of …"): neither replaces
 * the other.
 */
function combines(a: Readonly<Candidate>, b: Readonly<Candidate>): boolean {
  if (a === b || a.code === b.code || asksFor(a, b)) return false;
  return covers(a, b) || (titleNames(a, b) && !titleNames(b, a));
}

export const combination: Rule = (candidates) => {
  const kept: Readonly<Candidate>[] = [];
  const combos = new Set<Readonly<Candidate>>();
  for (const b of candidates) {
    const combo = candidates.find((a) => combines(a, b));
    if (combo) {
      combos.add(combo);
      continue;
    }
    kept.push(b);
  }
  // A combination code that made another redundant cites the guideline (a new object, once).
  const cited = new Map(
    [...combos]
      .filter((c) => !c.guidelines.includes(GUIDELINE))
      .map((c) => [c, { ...c, guidelines: [...c.guidelines, GUIDELINE] }]),
  );
  return { candidates: kept.map((c) => cited.get(c) ?? c) };
};
