/**
 * The last stage of the ICD-10-CM pipeline: the sequenced candidates become suggestions with
 * their evidence and rationale, and the physician queries worth asking are kept.
 */
import type { CodeSuggestion, EvidenceSpan, PhysicianQuery } from '../types.js';
import type { Candidate } from './candidate.js';
import { HISTORY_STATUS_QUERY } from './rules/history-family.js';

/** The candidates, in the order the rules sequenced them, as numbered suggestions. */
export function suggestionsOf(candidates: readonly Candidate[]): CodeSuggestion[] {
  return candidates.map((c, i) => ({
    code: c.code,
    title: c.title,
    sequence: i + 1,
    evidence: distinctSpans(c.evidence),
    // Copies: the suggestion is the caller's to keep; the candidate's lists stay the engine's.
    rationale: {
      indexPath: [...c.indexPath],
      tabularNotes: [...c.tabularNotes],
      guidelines: [...c.guidelines],
    },
    confidence: Math.round(c.confidence * 100) / 100,
  }));
}

/**
 * The queries about codes that are proposed, each asked once. A query about a code the rules
 * set aside (a chronic disease stated only as history) is asked though the code is not
 * proposed: the answer decides whether it is.
 */
export function relevantQueries(
  queries: readonly PhysicianQuery[],
  codes: readonly CodeSuggestion[],
): PhysicianQuery[] {
  const kept = new Set(codes.map((c) => c.code));
  return dedupeQueries(
    queries.filter((q) => q.element === HISTORY_STATUS_QUERY || q.affectedCodes.some((c) => kept.has(c))),
  );
}

/** Evidence without repeats: a span inside another one (or equal to it) adds nothing. */
export function distinctSpans(spans: readonly EvidenceSpan[]): EvidenceSpan[] {
  const sorted = [...spans].sort((a, b) => a.start - b.start || b.end - a.end);
  const out: EvidenceSpan[] = [];
  for (const s of sorted) {
    const last = out[out.length - 1];
    if (last && s.start >= last.start && s.end <= last.end) continue;
    out.push(s);
  }
  return out;
}

function dedupeQueries(queries: PhysicianQuery[]): PhysicianQuery[] {
  const seen = new Set<string>();
  return queries.filter((q) => {
    const key = `${q.element}|${q.affectedCodes[0]}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
