import type { ReleaseCodes } from '../../terminology/release-codes.js';
import type { CodeRef, ReleaseChoice } from '../../terminology/types.js';
import { stems } from '../../text/index.js';
import type { CodeSuggestion, PhysicianQuery } from '../types.js';

/**
 * The engine reads the newest Alphabetic Index and Tabular it has; the claim is paid on the code
 * set in effect on the date of service (Official Guidelines, Section I.A / HIPAA code set rule:
 * the codes valid on the date of service are reported). This step checks each proposed code
 * against that release and adjusts it the way a coder does after an annual update:
 *
 * - a code that became a header (C83.39 expanded in FY2025) is replaced by the one valid child
 *   the documentation supports; when none is supported, a physician query names the new
 *   specificity (and an "unspecified" child is kept where one exists, so the claim stays valid);
 * - a code added since the Tabular the engine read, under the same category, is taken when the
 *   documentation says what sets it apart ("type 2 diabetes, in remission" is FY2026 E11.A, not
 *   E11.9);
 * - a code not in the release at all is dropped with a query;
 * - a date outside every imported release is a warning, never silent.
 *
 * Pure: suggestions, the release's code list and the note's statements in, new values out.
 */
export const DOS_GUIDELINE =
  'I.A: report the codes valid on the date of service (code set of that fiscal year)';

export interface DateOfServiceInput {
  dateOfService: string;
  choice: ReleaseChoice;
  codes: ReleaseCodes;
  /** Whether the Tabular the engine read has the code (new codes are not in it). */
  inTree: (code: string) => boolean;
  /** The note's text of the statement(s) holding the evidence span. */
  statementAround: (start: number, end: number) => string;
}

export interface DateOfServiceResult {
  codes: CodeSuggestion[];
  queries: PhysicianQuery[];
  warnings: string[];
}

// New sibling codes worth comparing: a category has at most a few hundred billable codes.
const NEW_CODE_SCAN = 500;

export function applyDateOfService(
  suggestions: readonly CodeSuggestion[],
  input: DateOfServiceInput,
): DateOfServiceResult {
  const { choice, codes } = input;
  const release = choice.release;
  const warnings: string[] = [];
  if (choice.outsideWindow) {
    warnings.push(
      `the date of service ${input.dateOfService} is outside every imported ICD-10-CM release; the codes were checked against ${release.label} (${release.effectiveFrom} to ${release.effectiveTo}): import the release in effect on that date`,
    );
  }
  const out: CodeSuggestion[] = [];
  const queries: PhysicianQuery[] = [];
  for (const s of suggestions) {
    // The statement's words are read only for a code that has candidates to replace it.
    let stemsSaid: Set<string> | undefined;
    const said = () => {
      stemsSaid ??= statementStems(s, input);
      return stemsSaid;
    };
    const entry = codes.get(s.code);
    if (entry?.billable) {
      out.push(newerSibling(s, said, input) ?? s);
      continue;
    }
    const children = entry ? codes.billableDescendants(s.code, NEW_CODE_SCAN).codes : [];
    if (children.length === 0) {
      queries.push(
        query(
          s,
          `${s.code} is not a code in ${release.label}, in effect on ${input.dateOfService}: which condition should be reported?`,
        ),
      );
      continue;
    }
    const supported = supportedChildren(s.title, children, said());
    if (supported.length === 1) {
      const child = supported[0] as CodeRef;
      out.push(
        replaced(
          s,
          child,
          `${s.code} is a header in ${release.label}; the documentation supports ${child.code}`,
        ),
      );
      continue;
    }
    const names = children.map((c) => `${c.code} ${c.title}`).join('; ');
    queries.push(
      query(
        s,
        `${s.code} is not valid on ${input.dateOfService} (${release.label} divides it). Please document which applies: ${names}.`,
      ),
    );
    const unspecified = children.find((c) => /\bunspecified\b/i.test(c.title));
    if (unspecified)
      out.push(
        replaced(
          s,
          unspecified,
          `${s.code} is a header in ${release.label}; unspecified until the query is answered`,
        ),
      );
  }
  return { codes: out.map((c, i) => ({ ...c, sequence: i + 1 })), queries, warnings };
}

/** Stems the statement says, less those it negates ("not in remission" does not say remission). */
function statementStems(s: CodeSuggestion, input: DateOfServiceInput): Set<string> {
  const text = s.evidence.map((e) => input.statementAround(e.start, e.end)).join(' ');
  const said = new Set(stems(text));
  for (const m of text.toLowerCase().matchAll(NEGATED)) for (const w of stems(m[1] ?? '')) said.delete(w);
  return said;
}

// A negation and the few words it governs.
const NEGATED = /\b(?:not|no|never|denies|negative for)\b((?:\s+[a-z0-9-]+){1,3})/g;

/**
 * A billable code of `code`'s category in the release `codes` that reports remission of what
 * `code` reports: its title adds the words "in remission" and nothing else (FY2026 E11.A beside
 * E11.9). It tells the finders that a statement's "in remission" is a state this release codes,
 * not the end of the disease; newerSibling then takes the code where the statement says it.
 */
export function hasRemissionSibling(codes: ReleaseCodes, code: string, title: string): boolean {
  return codes
    .billableDescendants(code.slice(0, 3), NEW_CODE_SCAN)
    .codes.some(
      (c) =>
        c.code !== code &&
        /\bin remission\b/i.test(c.title) &&
        extraStems(c.title, title).join(' ') === REMISSION_STEM &&
        extraStems(title, c.title).length === 0,
    );
}
const REMISSION_STEM = stems('remission').join(' ');

/** Stems a code's title adds to another title's. */
function extraStems(title: string, than: string): string[] {
  const base = new Set(stems(than));
  return [...new Set(stems(title))].filter((w) => !base.has(w));
}

/** Children whose own words (beyond the parent's title) the statement says, the most specific only. */
function supportedChildren(
  parentTitle: string,
  children: readonly CodeRef[],
  said: ReadonlySet<string>,
): CodeRef[] {
  const scored = children
    .map((c) => ({ c, extra: extraStems(c.title, parentTitle) }))
    .filter(
      ({ c, extra }) =>
        extra.length > 0 && !/\b(unspecified|other)\b/i.test(c.title) && extra.every((w) => said.has(w)),
    );
  const most = Math.max(0, ...scored.map((x) => x.extra.length));
  return scored.filter((x) => x.extra.length === most).map((x) => x.c);
}

/**
 * A billable code of the same category that is new in the date-of-service release (absent from
 * the Tabular the engine read) and that the statement supports word for word beyond this code's
 * own title; taken only when exactly one such code is supported.
 */
function newerSibling(
  s: CodeSuggestion,
  said: () => ReadonlySet<string>,
  input: DateOfServiceInput,
): CodeSuggestion | null {
  const fresh = newInCategory(s.code.slice(0, 3), input).filter((c) => c.code !== s.code);
  if (fresh.length === 0) return null;
  const supported = fresh.filter((c) => {
    const extra = extraStems(c.title, s.title);
    const dropped = extraStems(s.title, c.title);
    // Adds words the note says and drops none the code stood for.
    return extra.length > 0 && extra.length <= 3 && dropped.length === 0 && extra.every((w) => said().has(w));
  });
  if (supported.length !== 1) return null;
  const c = supported[0] as CodeRef;
  return replaced(
    s,
    c,
    `${c.code} is new in ${input.choice.release.label}, in effect on ${input.dateOfService}, and the documentation supports it`,
  );
}

/**
 * The category's billable codes in the release that the engine's Tabular lacks, remembered per
 * release and tree (both fixed for an engine): every suggestion asked, scanning the category
 * and looking each code up, note after note.
 */
const newCodes = new WeakMap<
  ReleaseCodes,
  WeakMap<DateOfServiceInput['inTree'], Map<string, readonly CodeRef[]>>
>();

function newInCategory(category: string, input: DateOfServiceInput): readonly CodeRef[] {
  let byTree = newCodes.get(input.codes);
  if (!byTree) {
    byTree = new WeakMap();
    newCodes.set(input.codes, byTree);
  }
  let byCategory = byTree.get(input.inTree);
  if (!byCategory) {
    byCategory = new Map();
    byTree.set(input.inTree, byCategory);
  }
  let list = byCategory.get(category);
  if (!list) {
    list = input.codes
      .billableDescendants(category, NEW_CODE_SCAN)
      .codes.filter((c) => !input.inTree(c.code));
    byCategory.set(category, list);
  }
  return list;
}

function replaced(s: CodeSuggestion, to: CodeRef, why: string): CodeSuggestion {
  return {
    ...s,
    code: to.code,
    title: to.title,
    rationale: {
      ...s.rationale,
      tabularNotes: [...s.rationale.tabularNotes, why],
      guidelines: [...s.rationale.guidelines, DOS_GUIDELINE],
    },
  };
}

function query(s: CodeSuggestion, question: string): PhysicianQuery {
  return {
    element: 'code set of the date of service',
    question,
    affectedCodes: [s.code],
    evidence: s.evidence,
  };
}
