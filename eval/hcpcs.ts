// HCPCS Level II scoring on the team's cases that carry `hcpcs` gold: the engine's HCPCS lines
// (system 'HCPCS': drug J/Q codes, vaccine administration G-codes) against the gold, as
//   code+units  a line is right only with the right code and the right number of units;
//   code        the code alone (units ignored), to tell a wrong code from a wrong count.
// A case whose gold is an empty list scores the lines predicted for it as false positives
// (prescriptions, plans, doses not documented). CPT lines (administration codes) are not scored
// here, nor HCPCS E/M add-ons (G2211, G2212: the `em` gold's `addOns`).
import type { EvalCase } from './cases.js';
import { caseInput, type EngineLike } from './harness.js';
import { type Prf, prf } from './score.js';

export interface HcpcsLine {
  code: string;
  units: number;
}

export interface HcpcsCaseResult {
  id: string;
  gold: HcpcsLine[];
  predicted: HcpcsLine[];
  error?: string;
}

export interface HcpcsScore {
  notes: number;
  codeUnits: Prf;
  code: Prf;
  cases: HcpcsCaseResult[];
}

interface ProcedureOutput {
  procedures?: ReadonlyArray<{ system: string; code: string; units: number }>;
}

/** The HCPCS lines the `hcpcs` gold covers: drugs (J, Q) and the Part B vaccine administrations. */
const SCORED = /^(?:[JQ]\d{4}|G00(?:08|09|10))$/;

const key = (l: HcpcsLine, withUnits: boolean) => (withUnits ? `${l.code}x${l.units}` : l.code);

/** Micro-averaged counts over the cases; a line listed twice counts once. */
export function scoreHcpcsLines(cases: readonly HcpcsCaseResult[]): { codeUnits: Prf; code: Prf } {
  const count = (withUnits: boolean) => {
    const sum = { tp: 0, fp: 0, fn: 0 };
    for (const c of cases) {
      const gold = new Set(c.gold.map((l) => key(l, withUnits)));
      const predicted = new Set(c.predicted.map((l) => key(l, withUnits)));
      for (const k of predicted) if (gold.has(k)) sum.tp++;
      sum.fp += [...predicted].filter((k) => !gold.has(k)).length;
      sum.fn += [...gold].filter((k) => !predicted.has(k)).length;
    }
    return prf(sum);
  };
  return { codeUnits: count(true), code: count(false) };
}

/** Codes the cases with `hcpcs` gold and scores the engine's HCPCS lines; an engine error is an empty prediction. */
export async function scoreHcpcs(engine: EngineLike, cases: readonly EvalCase[]): Promise<HcpcsScore> {
  const results: HcpcsCaseResult[] = [];
  for (const c of cases) {
    if (!c.hcpcs) continue;
    const input = caseInput(c);
    const gold = c.hcpcs.map(({ code, units }) => ({ code, units }));
    try {
      const out = (await engine.code(input)) as ProcedureOutput;
      const predicted = (out.procedures ?? [])
        .filter((p) => p.system === 'HCPCS' && SCORED.test(p.code))
        .map(({ code, units }) => ({ code, units }));
      results.push({ id: c.id, gold, predicted });
    } catch (err) {
      results.push({
        id: c.id,
        gold,
        predicted: [],
        error: err instanceof Error ? err.message : String(err),
      });
    }
  }
  return { notes: results.length, ...scoreHcpcsLines(results), cases: results };
}

const pct = (n: number) => n.toFixed(3);

/** One line per figure, for the console and EVALUATION.md. */
export function formatHcpcs(score: HcpcsScore): string {
  const row = (name: string, p: Prf) =>
    `  ${name.padEnd(11)} P ${pct(p.precision)}  R ${pct(p.recall)}  F1 ${pct(p.f1)}  (tp ${p.tp}, fp ${p.fp}, fn ${p.fn})`;
  const misses = score.cases
    .filter((c) => scoreHcpcsLines([c]).codeUnits.f1 < 1 || c.error)
    .map((c) => {
      const show = (ls: HcpcsLine[]) => ls.map((l) => `${l.code}x${l.units}`).join(' ') || '-';
      return `  ${c.id}: gold ${show(c.gold)}, predicted ${show(c.predicted)}${c.error ? ` (error: ${c.error})` : ''}`;
    });
  return [
    `HCPCS Level II lines, team cases with hcpcs gold (${score.notes} notes):`,
    row('code+units', score.codeUnits),
    row('code', score.code),
    ...(misses.length ? ['  not exactly right:', ...misses] : []),
  ].join('\n');
}
