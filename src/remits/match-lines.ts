import type { RemitProcedure, RemitServiceLine } from './model.js';

/** A service line as we billed it (from the claim we sent). */
export interface BilledLine {
  /** 1-based LX number on the claim. */
  lineNumber: number;
  procedureCode: string;
  modifiers: readonly string[];
  chargeCents: number;
  units: number;
  serviceDate: string;
  lineControlNumber?: string;
}

export type MatchMethod = 'original-procedure' | 'line-control-number' | 'best-match' | 'unmatched';

export interface LineMatch {
  /** 0-based index of the 835 service line within its claim. */
  remitLine: number;
  /** lineNumber of the billed line, absent when unmatched. */
  billedLine?: number;
  method: MatchMethod;
  /** Why: what agreed (for best-match) or which identifier matched. */
  evidence: string[];
}

const sameProcedure = (p: RemitProcedure, b: BilledLine) =>
  p.code === b.procedureCode &&
  p.modifiers.length === b.modifiers.length &&
  p.modifiers.every((m, i) => m === b.modifiers[i]);

/**
 * Matches an 835 claim's service lines to the lines we billed, so payments, adjustments and
 * denials post to the right line even when the payer changed the code or dropped modifiers:
 *  1. SVC06 (the procedure as originally submitted) equal to exactly one open billed line;
 *  2. REF*6R equal to a billed line's control number;
 *  3. best match on what agrees — code, modifiers, charge, date, units — requiring the code
 *     or the charge to agree, highest score first, each billed line used once.
 * Pure: the result says for every remittance line how it was matched.
 */
export function matchLines(billed: readonly BilledLine[], remit: readonly RemitServiceLine[]): LineMatch[] {
  const taken = new Set<number>();
  const result: LineMatch[] = remit.map((_, i) => ({ remitLine: i, method: 'unmatched', evidence: [] }));
  const take = (i: number, b: BilledLine, method: MatchMethod, evidence: string[]) => {
    taken.add(b.lineNumber);
    result[i] = { remitLine: i, billedLine: b.lineNumber, method, evidence };
  };
  remit.forEach((line, i) => {
    if (!line.original) return;
    const candidates = billed.filter((b) => !taken.has(b.lineNumber) && sameProcedure(line.original!, b));
    if (candidates.length === 1) {
      take(i, candidates[0]!, 'original-procedure', [
        `SVC06 ${[line.original.code, ...line.original.modifiers].join(':')}`,
      ]);
    }
  });
  remit.forEach((line, i) => {
    if (result[i]!.billedLine !== undefined || !line.lineControlNumber) return;
    const b = billed.find((x) => !taken.has(x.lineNumber) && x.lineControlNumber === line.lineControlNumber);
    if (b) take(i, b, 'line-control-number', [`REF*6R ${line.lineControlNumber}`]);
  });
  const scored: Array<{ i: number; b: BilledLine; score: number; evidence: string[] }> = [];
  remit.forEach((line, i) => {
    if (result[i]!.billedLine !== undefined) return;
    const proc = line.original ?? line.procedure;
    for (const b of billed) {
      if (taken.has(b.lineNumber)) continue;
      const evidence: string[] = [];
      let score = 0;
      const codeAgrees = proc.code === b.procedureCode || line.procedure.code === b.procedureCode;
      // Reversals carry negative amounts; compare magnitudes.
      const chargeAgrees = Math.abs(line.chargeCents) === b.chargeCents;
      if (!codeAgrees && !chargeAgrees) continue;
      if (codeAgrees) {
        score += 4;
        evidence.push('procedure code');
      }
      if (chargeAgrees) {
        score += 3;
        evidence.push('charge');
      }
      const shared = proc.modifiers.filter((m) => b.modifiers.includes(m)).length;
      if (shared) {
        score += shared;
        evidence.push(`${shared} modifier${shared > 1 ? 's' : ''}`);
      }
      if (line.serviceDate && line.serviceDate === b.serviceDate) {
        score += 2;
        evidence.push('date of service');
      }
      if (Math.abs(line.originalUnits ?? line.units) === b.units) {
        score += 1;
        evidence.push('units');
      }
      scored.push({ i, b, score, evidence });
    }
  });
  // Greedy by score, then by remittance order, so ties resolve the same way every time.
  scored.sort((x, y) => y.score - x.score || x.i - y.i || x.b.lineNumber - y.b.lineNumber);
  for (const s of scored) {
    if (result[s.i]!.billedLine !== undefined || taken.has(s.b.lineNumber)) continue;
    take(s.i, s.b, 'best-match', s.evidence);
  }
  return result;
}
