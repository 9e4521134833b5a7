import { compactCode, describeMalformed, dotted, normalizeCode } from './code-format.js';
import type { CodeEntry, ReleaseCodes } from './release-codes.js';
import type { CodeRef, CodeValidation, InvalidCode, ReleaseChoice } from './types.js';

/** How many billable descendants / suggestions a validation lists (the count is always exact). */
export const LIST_CAP = 10;
const CLOSEST_CAP = 5;

/**
 * Validates one code against the release chosen for the date of service. Pure: the code tables
 * of the loaded releases in, a verdict with the reason and the fix out. Order of the checks follows
 * what a coder would want to hear first: a code that exists but is a header or lacks its 7th
 * character, then a code valid in another release, then a missing placeholder X, then the
 * closest real codes. Every branch does bounded work (map probes, a capped scan), so an unknown
 * code costs about as much as a known one.
 */
export function validateCode(
  input: string,
  choice: ReleaseChoice,
  codes: ReleaseCodes,
  otherReleases: readonly ReleaseCodes[],
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
  const entry = codes.get(code);
  if (entry) {
    if (entry.billable) return { ...base, valid: true, title: entry.title };
    return { ...base, valid: false, title: entry.title, problem: notBillable(codes, entry) };
  }
  return { ...base, valid: false, title: null, problem: absent(code, codes, otherReleases) };
}

function notBillable(codes: ReleaseCodes, entry: CodeEntry): InvalidCode {
  if (codes.needsSeventhOnly(entry.code)) {
    const options = codes.billableDescendants(entry.code, Number.POSITIVE_INFINITY).codes;
    return {
      reason: 'missing-seventh',
      message: `${entry.code} needs a 7th character: ${options.map((o) => o.code).join(', ')}`,
      options,
    };
  }
  const { codes: list, count } = codes.billableDescendants(entry.code, LIST_CAP);
  return {
    reason: 'header',
    message:
      count > 0
        ? `${entry.code} is a header, not valid for submission; choose one of its ${count} billable codes`
        : `${entry.code} is not valid for submission`,
    billableDescendants: list,
    billableDescendantCount: count,
  };
}

function absent(code: string, codes: ReleaseCodes, others: readonly ReleaseCodes[]): InvalidCode {
  const foundIn: Array<{ fiscalYear: number; label: string; billable: boolean; title: string }> = [];
  for (const set of others) {
    const entry = set.get(code);
    if (entry) {
      foundIn.push({
        fiscalYear: set.release.fiscalYear,
        label: set.release.label,
        billable: entry.billable,
        title: entry.title,
      });
    }
  }
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
  const closest = codes.closest(code, CLOSEST_CAP);
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
export function withPlaceholder(code: string, codes: ReleaseCodes): CodeRef | null {
  const compact = compactCode(code);
  if (compact.length < 4 || compact.length > 6) return null;
  const seventh = compact.slice(-1);
  const body = compact.slice(0, -1);
  const missing = 6 - body.length;
  for (const candidate of insertions(body, missing, 3)) {
    const entry = codes.get(dotted(candidate + seventh));
    if (entry?.billable) return { code: entry.code, title: entry.title, billable: true };
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
