import type { ReleaseCodes } from './release-codes.js';
import type { CodeRef } from './types.js';

/**
 * What changed between two releases' lists of codes valid for submission, as the CDC's addenda
 * describe an annual update: codes added, codes deleted (with what the code became: a header
 * whose new codes are listed, or gone), and codes whose title was revised. Pure: two code lists
 * in, the changes out, in the newer release's Tabular order (deletions in the older's).
 */
export interface DeletedCode {
  code: string;
  title: string;
  /** In the newer release: a header (its valid codes follow), or absent. */
  becomes: 'header' | 'absent';
  replacements: CodeRef[];
}

export interface RevisedTitle {
  code: string;
  from: string;
  to: string;
}

export interface ReleaseDiff {
  from: { fiscalYear: number; label: string };
  to: { fiscalYear: number; label: string };
  added: CodeRef[];
  deleted: DeletedCode[];
  revised: RevisedTitle[];
}

// Replacement codes listed per deleted code; a header can hide hundreds of injury codes.
const REPLACEMENTS_SHOWN = 20;

/**
 * Titles compare without case, spacing or accents: the Tabular XML writes "Charcôt", "Sézary"
 * where the plain-ASCII codes file writes "Charcot", "Sezary", which is no revision.
 */
function titleKey(title: string): string {
  return title
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
}

function sameTitle(a: string, b: string): boolean {
  return titleKey(a) === titleKey(b);
}

export function diffReleases(older: ReleaseCodes, newer: ReleaseCodes): ReleaseDiff {
  const added: CodeRef[] = [];
  const revised: RevisedTitle[] = [];
  for (const e of newer.entries()) {
    if (!e.billable) continue;
    const before = older.get(e.code);
    if (!before?.billable) added.push({ code: e.code, title: e.title, billable: true });
    else if (!sameTitle(before.title, e.title))
      revised.push({ code: e.code, from: before.title, to: e.title });
  }
  const deleted: DeletedCode[] = [];
  for (const e of older.entries()) {
    if (!e.billable) continue;
    const now = newer.get(e.code);
    if (now?.billable) continue;
    deleted.push({
      code: e.code,
      title: e.title,
      becomes: now ? 'header' : 'absent',
      replacements: now ? newer.billableDescendants(e.code, REPLACEMENTS_SHOWN).codes : [],
    });
  }
  const tag = (r: ReleaseCodes) => ({ fiscalYear: r.release.fiscalYear, label: r.release.label });
  return { from: tag(older), to: tag(newer), added, deleted, revised };
}
