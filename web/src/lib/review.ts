/**
 * The coder's working list for one encounter: what the engine proposed, merged with what the
 * coder has saved so far, and the pure moves (accept, reject, replace, add, reorder) the view
 * applies before saving. Keeping the engine's code in `proposed` on every row is what lets the
 * server measure acceptance per code.
 */
import type { CodeRationale, CodeSave, CodingResult, EvidenceSpan, SavedCode } from '../api/types.js';

export type RowStatus = 'pending' | 'accepted' | 'rejected' | 'replaced' | 'added';

export interface ReviewRow {
  /** Stable identity across edits: the engine's code, or `+CODE` for a code the coder added. */
  key: string;
  code: string;
  title: string;
  sequence: number;
  status: RowStatus;
  /** The engine's code for this row; null for codes the coder added. */
  proposed: string | null;
  evidence: EvidenceSpan[];
  rationale: CodeRationale | null;
  confidence: number | null;
}

/** Engine suggestions first matched to saved decisions; saved codes the engine never proposed follow. */
export function mergeReview(suggestion: CodingResult | null, saved: readonly SavedCode[]): ReviewRow[] {
  const used = new Set<number>();
  const rows: ReviewRow[] = [];
  const suggested = [...(suggestion?.codes ?? [])].sort((a, b) => a.sequence - b.sequence);
  for (const s of suggested) {
    const i = saved.findIndex(
      (c, idx) =>
        !used.has(idx) &&
        (c.proposed === s.code || (c.proposed === null && c.status !== 'added' && c.code === s.code)),
    );
    const match = i >= 0 ? saved[i] : undefined;
    if (match) used.add(i);
    rows.push({
      key: s.code,
      code: match?.code ?? s.code,
      title: match?.title || s.title,
      sequence: match?.sequence ?? s.sequence,
      status: match?.status ?? 'pending',
      proposed: s.code,
      evidence: match?.evidence?.length ? match.evidence : s.evidence,
      rationale: s.rationale,
      confidence: s.confidence,
    });
  }
  saved.forEach((c, idx) => {
    if (used.has(idx)) return;
    rows.push({
      key: c.proposed ?? `+${c.code}`,
      code: c.code,
      title: c.title,
      sequence: c.sequence,
      status: c.status,
      proposed: c.proposed,
      evidence: c.evidence ?? [],
      rationale: null,
      confidence: null,
    });
  });
  return rows.sort((a, b) => rank(a) - rank(b) || a.sequence - b.sequence);
}

/** Rejected codes sink to the bottom; everything else keeps the coder's sequence. */
function rank(row: ReviewRow): number {
  return row.status === 'rejected' ? 1 : 0;
}

/** Sequence 1..n over the codes that will be reported, in list order. */
function renumber(rows: ReviewRow[]): ReviewRow[] {
  let n = 0;
  return rows.map((r) => (r.status === 'rejected' ? r : { ...r, sequence: ++n }));
}

function update(
  rows: readonly ReviewRow[],
  key: string,
  change: (row: ReviewRow) => ReviewRow | null,
): ReviewRow[] {
  const out: ReviewRow[] = [];
  for (const row of rows) {
    if (row.key !== key) {
      out.push(row);
      continue;
    }
    const next = change(row);
    if (next) out.push(next);
  }
  return renumber(out.sort((a, b) => rank(a) - rank(b)));
}

/** Accepting an engine row restores the engine's code (undoing a replacement); added codes stay added. */
export function acceptRow(
  rows: readonly ReviewRow[],
  key: string,
  titleOf?: (code: string) => string,
): ReviewRow[] {
  return update(rows, key, (r) =>
    r.proposed === null
      ? r
      : {
          ...r,
          code: r.proposed,
          title: r.code === r.proposed ? r.title : (titleOf?.(r.proposed) ?? r.title),
          status: 'accepted',
        },
  );
}

/**
 * Where the selection goes after a decision on `key`: the next row still to review, after it in
 * the list and then from the top; the row itself when none is left (the coder sees it decided).
 */
export function nextToReview(rows: readonly ReviewRow[], key: string): string {
  const at = rows.findIndex((r) => r.key === key);
  const order = [...rows.slice(at + 1), ...rows.slice(0, Math.max(at, 0))];
  return order.find((r) => r.status === 'pending')?.key ?? key;
}

/** Rejecting an engine row keeps it (so the rejection is recorded); a coder-added code is simply removed. */
export function rejectRow(rows: readonly ReviewRow[], key: string): ReviewRow[] {
  return update(rows, key, (r) =>
    r.proposed === null ? null : { ...r, code: r.proposed, status: 'rejected' },
  );
}

export function replaceRow(
  rows: readonly ReviewRow[],
  key: string,
  code: string,
  title: string,
): ReviewRow[] {
  return update(rows, key, (r) => {
    if (r.proposed === null) return { ...r, code, title, key: `+${code}` };
    return { ...r, code, title, status: code === r.proposed ? 'accepted' : 'replaced' };
  });
}

/** Adds a code the engine missed at the end of the reported codes; adding one already listed is a no-op. */
export function addRow(rows: readonly ReviewRow[], code: string, title: string): ReviewRow[] {
  if (rows.some((r) => r.code === code && r.status !== 'rejected')) return [...rows];
  const row: ReviewRow = {
    key: `+${code}`,
    code,
    title,
    sequence: 0,
    status: 'added',
    proposed: null,
    evidence: [],
    rationale: null,
    confidence: null,
  };
  const reported = rows.filter((r) => r.status !== 'rejected');
  const rejected = rows.filter((r) => r.status === 'rejected');
  return renumber([...reported, row, ...rejected]);
}

/** Moves a reported code up (-1) or down (+1) in the sequence. */
export function moveRow(rows: readonly ReviewRow[], key: string, delta: -1 | 1): ReviewRow[] {
  const list = [...rows];
  const i = list.findIndex((r) => r.key === key);
  const j = i + delta;
  if (
    i < 0 ||
    j < 0 ||
    j >= list.length ||
    list[i]!.status === 'rejected' ||
    list[j]!.status === 'rejected'
  ) {
    return list;
  }
  [list[i], list[j]] = [list[j]!, list[i]!];
  return renumber(list);
}

/** What `PUT /codes` receives: every decided row; undecided ones stay the engine's proposals. */
export function toSave(rows: readonly ReviewRow[]): CodeSave[] {
  return rows
    .filter((r): r is ReviewRow & { status: Exclude<RowStatus, 'pending'> } => r.status !== 'pending')
    .map((r) => ({ code: r.code, sequence: r.sequence, status: r.status, proposed: r.proposed }));
}

/** The diagnoses that go on the claim, in sequence: pointer n on a claim line means the n-th. */
export function reportedCodes(rows: readonly ReviewRow[]): ReviewRow[] {
  return rows
    .filter((r) => r.status === 'accepted' || r.status === 'replaced' || r.status === 'added')
    .sort((a, b) => a.sequence - b.sequence);
}

export const STATUS_LABEL: Record<RowStatus, string> = {
  pending: 'To review',
  accepted: 'Accepted',
  rejected: 'Rejected',
  replaced: 'Replaced',
  added: 'Added',
};
