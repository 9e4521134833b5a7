import { type Comparison, categoryOf } from './comparison.js';

/**
 * Agreement scores of coders against auditors, from audited records (blind re-codings compared
 * with the coder's codes). Two measures, as coding audits report them:
 * - code level: the auditor's codes are the reference; precision = agreed / codes the coder
 *   listed, recall = agreed / codes the auditor listed, F1 their harmonic mean
 *   (2·agreed / (2·agreed + coder-only + auditor-only));
 * - record level: the share of records with no variance at all (every code agrees and the
 *   first-listed code is the same) — the "record accuracy" coding audits hold to a 95%
 *   benchmark (the figure AHIMA-style compliance programs and most coding contracts use).
 * By code family a record counts for each family it touches (on either list); it has a variance
 * in a family when a code of that family disagrees or its first-listed code disagrees and either
 * first-listed code is of that family. Pure: the report module loads records and calls these.
 */

export const RECORD_ACCURACY_BENCHMARK = 0.95;

/** How codes are grouped into families: the 3-character category (E11) or the first letter (E). */
export type FamilyLevel = 'category' | 'letter';

export function familyOf(code: string, level: FamilyLevel): string {
  return level === 'category' ? categoryOf(code) : code.slice(0, 1).toUpperCase();
}

export interface AuditedRecord {
  itemId: number;
  sampleId: number;
  encounterId: number;
  coder: { id: number; username: string };
  auditor: { id: number; username: string };
  dateOfService: string;
  submittedAt: string;
  comparison: Comparison;
}

export interface Agreement {
  /** The coder's username, the family, or `all`. */
  key: string;
  records: number;
  recordsWithoutVariance: number;
  /** recordsWithoutVariance / records; null with no records. */
  recordAccuracy: number | null;
  /** recordAccuracy ≥ RECORD_ACCURACY_BENCHMARK; null with no records. */
  meetsBenchmark: boolean | null;
  agree: number;
  coderOnly: number;
  auditorOnly: number;
  precision: number | null;
  recall: number | null;
  f1: number | null;
  /** Records whose first-listed code was compared (in a family: either one is of it), and agreed. */
  principalRecords: number;
  principalAgree: number;
  principalAgreement: number | null;
}

class Tally {
  records = 0;
  clean = 0;
  agree = 0;
  coderOnly = 0;
  auditorOnly = 0;
  principalRecords = 0;
  principalAgree = 0;

  result(key: string): Agreement {
    const ratio = (a: number, b: number) => (b === 0 ? null : a / b);
    const accuracy = ratio(this.clean, this.records);
    return {
      key,
      records: this.records,
      recordsWithoutVariance: this.clean,
      recordAccuracy: accuracy,
      meetsBenchmark: accuracy === null ? null : accuracy >= RECORD_ACCURACY_BENCHMARK,
      agree: this.agree,
      coderOnly: this.coderOnly,
      auditorOnly: this.auditorOnly,
      precision: ratio(this.agree, this.agree + this.coderOnly),
      recall: ratio(this.agree, this.agree + this.auditorOnly),
      f1: ratio(2 * this.agree, 2 * this.agree + this.coderOnly + this.auditorOnly),
      principalRecords: this.principalRecords,
      principalAgree: this.principalAgree,
      principalAgreement: ratio(this.principalAgree, this.principalRecords),
    };
  }
}

function tallyOf(map: Map<string, Tally>, key: string): Tally {
  let t = map.get(key);
  if (!t) {
    t = new Tally();
    map.set(key, t);
  }
  return t;
}

function addRecord(t: Tally, c: Comparison): void {
  t.records++;
  if (c.noVariance) t.clean++;
  t.agree += c.counts.agree;
  t.coderOnly += c.counts.coderOnly;
  t.auditorOnly += c.counts.auditorOnly;
  t.principalRecords++;
  if (c.principal.agree) t.principalAgree++;
}

const byKey = (a: Agreement, b: Agreement) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);

export function scoreOverall(records: readonly AuditedRecord[]): Agreement {
  const t = new Tally();
  for (const r of records) addRecord(t, r.comparison);
  return t.result('all');
}

export function scoreByCoder(records: readonly AuditedRecord[]): Agreement[] {
  const tallies = new Map<string, Tally>();
  for (const r of records) addRecord(tallyOf(tallies, r.coder.username), r.comparison);
  return [...tallies].map(([key, t]) => t.result(key)).sort(byKey);
}

export function scoreByFamily(records: readonly AuditedRecord[], level: FamilyLevel): Agreement[] {
  const tallies = new Map<string, Tally>();
  for (const { comparison: c } of records) {
    const principalFamilies = new Set(
      [c.principal.coder, c.principal.auditor]
        .filter((code): code is string => code !== null)
        .map((code) => familyOf(code, level)),
    );
    const families = new Set([...c.codes.map((x) => familyOf(x.code, level)), ...principalFamilies]);
    for (const family of families) {
      const t = tallyOf(tallies, family);
      const mine = c.codes.filter((x) => familyOf(x.code, level) === family);
      const agree = mine.filter((x) => x.result === 'agree').length;
      const coderOnly = mine.filter((x) => x.result === 'coder-only').length;
      const auditorOnly = mine.filter((x) => x.result === 'auditor-only').length;
      const principalHere = principalFamilies.has(family);
      t.records++;
      t.agree += agree;
      t.coderOnly += coderOnly;
      t.auditorOnly += auditorOnly;
      if (principalHere) {
        t.principalRecords++;
        if (c.principal.agree) t.principalAgree++;
      }
      if (coderOnly + auditorOnly === 0 && !(principalHere && !c.principal.agree)) t.clean++;
    }
  }
  return [...tallies].map(([key, t]) => t.result(key)).sort(byKey);
}
