import { CATEGORY_PATTERN } from '../terminology/code-format.js';
/**
 * What the ICD-10-CM edits need to know about a diagnosis code, behind a small interface so the
 * edits stay pure and testable with fixtures: the terminology service (src/terminology), a
 * Tabular List parsed in memory (./tabular-facts.ts) or a hand-written table can answer it.
 */
export type DiagnosisStatus = 'billable' | 'header' | 'needs-seventh';

export interface DiagnosisFact {
  /** Dotted, upper-case: "E11.65". */
  code: string;
  title: string;
  status: DiagnosisStatus;
  /** ICD-10-CM chapter number (1-22): 15 pregnancy, 16 perinatal, 20 external causes. */
  chapter: number;
  /** Allowed 7th characters when the code's subtree takes one. */
  seventhCharacters?: readonly string[];
  /** Excludes1 notes in effect (own and inherited), verbatim. */
  excludes1: readonly string[];
  /** "Code first" notes in effect (own and inherited), verbatim. */
  codeFirst: readonly string[];
  /** A manifestation code ("in diseases classified elsewhere"): never first-listed. */
  manifestation: boolean;
}

export type DiagnosisLookup =
  | { status: 'no-release' }
  | { status: 'unknown' }
  | { status: DiagnosisStatus; fact: DiagnosisFact };

export interface DiagnosisFacts {
  /** The code as of a date of service (the release whose window contains it). */
  lookup(code: string, dateOfService: string): DiagnosisLookup;
}

const DIAGNOSIS_SHAPE = new RegExp(`^${CATEGORY_PATTERN}[0-9A-Z]{0,4}$`);

/** "E1165" or "e11.65" → "E11.65" (null when not shaped like an ICD-10-CM code). */
export function dottedDiagnosis(input: string): string | null {
  const compact = input.trim().toUpperCase().replace('.', '');
  if (!DIAGNOSIS_SHAPE.test(compact)) return null;
  return compact.length > 3 ? `${compact.slice(0, 3)}.${compact.slice(3)}` : compact;
}

/** A code reference inside a note: a code or category (with its subtree), or a range of them. */
export interface CodeReference {
  from: string;
  to: string;
  /** "(E08-E13 with .42)": only the codes with these characters after the category. */
  withSuffix?: string;
}

const CODE = '[A-Z]\\d[0-9A-Z](?:\\.[0-9A-Z]{1,4})?';
const REF = new RegExp(
  `\\b(${CODE})(?:\\.-|-(?!\\s*[A-Z]\\d))?(?:\\s*-\\s*(${CODE})(?:\\.?-)?)?(\\s+with\\s+(?:\\.([0-9A-Z]+)|\\w+))?`,
  'g',
);

/**
 * The codes a note names: "(E10.-)" → E10 subtree; "(E08-E13)" → categories E08 to E13;
 * "(R40.2-)" → R40.2 subtree; "(Z20.1)" → Z20.1 and anything below it; "(E08-E13 with .42)" →
 * E08.42 ... E13.42. Qualifiers it cannot read ("with fifth character 1") drop the reference
 * rather than widen it. Only parenthesised text is read: prose holds code-like words ("vitamin B12").
 */
export function codeReferences(note: string): readonly CodeReference[] {
  // Notes come from a fixed Tabular, so each is parsed once (the claim edits ask in hot loops).
  let refs = parsedNotes.get(note);
  if (!refs) {
    refs = parseReferences(note);
    if (parsedNotes.size < 200_000) parsedNotes.set(note, refs);
  }
  return refs;
}

const parsedNotes = new Map<string, readonly CodeReference[]>();

function parseReferences(note: string): CodeReference[] {
  const refs: CodeReference[] = [];
  const inParens = [...note.matchAll(/\(([^()]*)\)/g)].map((p) => p[1]).join(' ; ');
  for (const m of inParens.matchAll(REF)) {
    if (m[3] && !m[4]) continue;
    const from = m[1]!.replace('.', '');
    const to = (m[2] ?? m[1]!).replace('.', '');
    refs.push(m[4] ? { from, to, withSuffix: m[4] } : { from, to });
  }
  return refs;
}

/** Whether a dotted code falls under a reference (prefix match against each end of the range). */
export function referenceCovers(ref: CodeReference, code: string): boolean {
  const c = code.replace('.', '');
  if (ref.withSuffix && !c.slice(3).startsWith(ref.withSuffix)) return false;
  return c.slice(0, ref.from.length) >= ref.from && c.slice(0, ref.to.length) <= ref.to;
}
