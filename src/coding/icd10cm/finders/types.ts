/**
 * One interface for every source of ICD-10-CM candidates: the Alphabetic Index mentions, the
 * External Cause Index, the facts read from the note's wording and the Table of Drugs and
 * Chemicals. A finder reads the prepared note and the candidates the finders before it found,
 * and returns new values; it never changes what it is given. The engine (icd10cm/engine.ts)
 * runs the finders as an ordered list, the way it runs RULES.
 */
import type { Sentence } from '../../../nlp/analyze.js';
import type { CodeDetails } from '../../../terminology/types.js';
import type { PreparedNote } from '../../prepare-note.js';
import type { Candidate } from '../candidate.js';
import type { Episode } from '../specificity.js';

/** What every finder knows about the note besides its analysis (computed once per note). */
export interface FindContext {
  /** The sentences diagnoses are coded from (not the exam, results, medications, plan...). */
  readonly sources: readonly Sentence[];
  /** The note has a diagnostic statement (assessment, diagnoses): it decides what is coded. */
  readonly hasDiagnoses: boolean;
  /** The encounter's episode of care, for the 7th character of injuries and drug events. */
  readonly episode: Episode;
  /** Looks a code up in the loaded Tabular (pure, in-memory, remembered). */
  readonly lookup: (code: string) => CodeDetails | null;
  /**
   * Whether the release in effect on the date of service has a code reporting this code's
   * condition "in remission" (date-of-service.ts hasRemissionSibling); absent when the
   * terminology knows no releases.
   */
  readonly remissionCodedOnDate?: (code: string, title: string) => boolean;
}

/** One candidate a finder proposes, with the earlier candidates it replaces. */
export interface Finding {
  readonly candidate: Candidate;
  /**
   * The codes this finding supersedes among those found before it (a former smoker's Z87.891
   * replaces "smoker" F17.200): they leave the list when the finding joins it.
   */
  readonly supersedes?: (code: string) => boolean;
}

export interface DiagnosisFinder {
  /** A short name for rationale, tests and benchmarks: "index-mentions", "facts"... */
  readonly name: string;
  find(note: PreparedNote, ctx: FindContext, found: readonly Candidate[]): Finding[];
}

/**
 * Runs the finders in order: each sees the candidates of the finders before it, and each of its
 * findings first removes what it supersedes, then joins the list (in the order found).
 */
export function runFinders(
  finders: readonly DiagnosisFinder[],
  note: PreparedNote,
  ctx: FindContext,
): Candidate[] {
  let found: Candidate[] = [];
  for (const finder of finders) found = withFindings(found, finder.find(note, ctx, found));
  return found;
}

/** The list with the findings applied one after the other; `found` itself is left as it was. */
export function withFindings(found: readonly Candidate[], findings: readonly Finding[]): Candidate[] {
  let out = [...found];
  for (const { candidate, supersedes } of findings) {
    if (supersedes) out = out.filter((c) => !supersedes(c.code));
    out.push(candidate);
  }
  return out;
}

/** Affirmed and present-day context, for candidates a finder reads without context words. */
export function plainContext(): Candidate['context'] {
  return { negated: false, uncertain: false, historical: false, family: false, hypothetical: false };
}
