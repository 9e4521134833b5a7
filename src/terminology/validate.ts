import { compactCode, describeMalformed, dotted, normalizeCode } from './code-format.js';
import { type CodeNode, type CodeSet, ref } from './code-set.js';
import { editDistance } from './edit-distance.js';
import type { CodeRef, CodeValidation, InvalidCode, ReleaseChoice } from './types.js';

/** How many billable descendants / suggestions a validation lists (the count is always exact). */
export const LIST_CAP = 10;
const CLOSEST_CAP = 5;

/**
 * Validates one code against the release chosen for the date of service. Pure: the code sets of
 * the loaded releases in, a verdict with the reason and the fix out. Order of the checks follows
 * what a coder would want to hear first: a code that exists but is a header or lacks its 7th
 * character, then a code valid in another release, then a missing placeholder X, then the
 * closest real codes.
 */
export function validateCode(
  input: string,
  choice: ReleaseChoice,
  codes: CodeSet,
  otherReleases: readonly CodeSet[],
): CodeValidation {
  const code = normalizeCode(input);
  const base = { input, code, release: choice };
  if (!code) {
    return {
      ...base,
      valid: false,
      title: null,
      problem: { reason: 'malformed', message: describeMalformed(input) },
    };
  }
  const node = codes.get(code);
  if (node) {
    if (node.billable) return { ...base, valid: true, title: node.title };
    return { ...base, valid: false, title: node.title, problem: notBillable(codes, node) };
  }
  return { ...base, valid: false, title: null, problem: absent(code, codes, otherReleases) };
}

function notBillable(codes: CodeSet, node: CodeNode): InvalidCode {
  if (codes.needsSeventhOnly(node)) {
    const options = node.children.filter((c) => c.billable).map(ref);
    return {
      reason: 'missing-seventh',
      message: `${node.code} needs a 7th character: ${options.map((o) => o.code).join(', ')}`,
      options,
    };
  }
  const { codes: list, count } = codes.billableDescendants(node, LIST_CAP);
  return {
    reason: 'header',
    message:
      count > 0
        ? `${node.code} is a header, not valid for submission; choose one of its ${count} billable codes`
        : `${node.code} is not valid for submission`,
    billableDescendants: list,
    billableDescendantCount: count,
  };
}

function absent(code: string, codes: CodeSet, others: readonly CodeSet[]): InvalidCode {
  const foundIn = others
    .map((set) => ({ set, node: set.get(code) }))
    .filter((x): x is { set: CodeSet; node: CodeNode } => x.node !== undefined)
    .map(({ set, node }) => ({
      fiscalYear: set.release.fiscalYear,
      label: set.release.label,
      billable: node.billable,
      title: node.title,
    }));
  if (foundIn.length > 0) {
    return {
      reason: 'not-in-release',
      message: `${code} is not in ${codes.release.label} (effective ${codes.release.effectiveFrom} to ${codes.release.effectiveTo}); it exists in ${foundIn.map((f) => f.label).join(', ')}`,
      foundIn,
    };
  }
  const placeholder = withPlaceholder(code, codes);
  if (placeholder) {
    return {
      reason: 'missing-placeholder',
      message: `${code} lacks the placeholder X: report ${placeholder.code}`,
      suggestion: placeholder,
    };
  }
  const closest = closestCodes(code, codes);
  return {
    reason: 'unknown',
    message:
      closest.length > 0
        ? `${code} does not exist in ${codes.release.label}; closest: ${closest.map((c) => c.code).join(', ')}`
        : `${code} does not exist in ${codes.release.label}`,
    closest,
  };
}

/**
 * A code that needs a 7th character but is shorter than 6 characters before it gets placeholder
 * X's (S02.0A → S02.0XXA, T51.31A → T51.3X1A). Tries every way of inserting the missing X's
 * after the category and returns the billable one, if any.
 */
export function withPlaceholder(code: string, codes: CodeSet): CodeRef | null {
  const compact = compactCode(code);
  if (compact.length < 4 || compact.length > 6) return null;
  const seventh = compact.slice(-1);
  const body = compact.slice(0, -1);
  const missing = 6 - body.length;
  for (const candidate of insertions(body, missing, 3)) {
    const node = codes.get(dotted(candidate + seventh));
    if (node?.billable) return ref(node);
  }
  return null;
}

function* insertions(body: string, count: number, from: number): Generator<string> {
  if (count === 0) {
    yield body;
    return;
  }
  for (let i = from; i <= body.length; i++) {
    yield* insertions(`${body.slice(0, i)}X${body.slice(i)}`, count - 1, i + 1);
  }
}

/**
 * Closest codes by edit distance on the compact code, among the codes of the same category and
 * of categories one edit away (a mistyped category letter or digit). Bounded so an unknown code
 * costs a few hundred comparisons, not a scan of the release.
 */
export function closestCodes(code: string, codes: CodeSet): CodeRef[] {
  const compact = compactCode(code);
  const category = compact.slice(0, 3);
  const scored: Array<{ node: CodeNode; d: number; same: boolean }> = [];
  for (const [cat, list] of codes.byCategory) {
    const same = cat === category;
    if (!same && editDistance(cat, category, 1) > 1) continue;
    for (const node of list) {
      const d = editDistance(compactCode(node.code), compact, 3);
      if (d <= 3) scored.push({ node, d, same });
    }
  }
  scored.sort(
    (a, b) =>
      a.d - b.d ||
      Number(b.same) - Number(a.same) ||
      Number(b.node.billable) - Number(a.node.billable) ||
      a.node.seq - b.node.seq,
  );
  return scored.slice(0, CLOSEST_CAP).map((s) => ref(s.node));
}
