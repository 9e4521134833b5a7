// ICD-10-PCS scoring on CodiEsp: the notes' `procedure_codes_icd10pcs` against the PCS finder's
// codes. CodiEsp's annotators wrote a code only as far as the report documents it ("BW20": CT of
// the abdomen, contrast not stated), so three figures are kept apart:
//   exact   the finder's whole codes against the gold strings (a partial gold code is never hit);
//   asked   the same plus, for each physician query, the code as far as the note decides it (the
//           characters shared by the codes the answer would choose between): CodiEsp's convention;
//   table   both rolled up to the table (first 3 characters: section, body system, operation).
// The team's inpatient cases with `pcs` gold are scored the same way from the engine's own
// ICD-10-PCS lines (their gold codes are whole, so `exact` is the figure to read there).
import { performance } from 'node:perf_hooks';
import { z } from 'zod';
import type { ProcedureFinder } from '../src/coding/procedure-finder.js';
import { analyzeNote } from '../src/nlp/index.js';
import type { EvalCase } from './cases.js';
import { CODIESP_DATE_OF_SERVICE, CodiEspError, demographicsFromText, readJsonLines } from './codiesp.js';
import { caseInput, type EngineLike } from './harness.js';
import { type Prf, prf } from './score.js';

export interface PcsNote {
  id: string;
  text: string;
  gold: string[];
}

const lineSchema = z.object({
  id: z.string().min(1),
  text: z.string(),
  procedure_codes_icd10pcs: z.array(z.string()).optional(),
});

/** The notes of a split that carry `procedure_codes_icd10pcs` (an empty list counts: nothing to find). */
export function loadCodiEspProcedures(file: string): PcsNote[] {
  const notes: PcsNote[] = [];
  for (const { value } of readJsonLines(file, lineSchema)) {
    const { id, text, procedure_codes_icd10pcs: codes } = value;
    if (codes === undefined) continue;
    notes.push({ id, text, gold: [...new Set(codes.map((c) => c.trim().toUpperCase()))] });
  }
  if (notes.length === 0) throw new CodiEspError(file, 1, 'no note carries procedure_codes_icd10pcs');
  return notes;
}

export interface PcsPrediction {
  id: string;
  gold: string[];
  codes: string[];
  /** For each query: the code as far as the note decides it. */
  asked: string[];
  seconds: number;
  error?: string;
}

export interface PcsSetScore {
  name: string;
  notes: number;
  goldCodes: number;
  exact: Prf;
  asked: Prf;
  table: Prf;
  queries: number;
  notesPerSecond: number;
  errors: number;
}

function commonPrefix(codes: readonly string[]): string {
  if (codes.length === 0) return '';
  let n = 0;
  while (codes.every((c) => c[n] !== undefined && c[n] === codes[0]![n])) n++;
  return codes[0]!.slice(0, n);
}

/** Runs the finder on every note as an inpatient stay dated like the CodiEsp ICD-10-CM run. */
export function predictPcs(finder: ProcedureFinder, notes: readonly PcsNote[]): PcsPrediction[] {
  return notes.map((note) => {
    const start = performance.now();
    const { age, sex } = demographicsFromText(note.text);
    try {
      const found = finder.find({
        input: { text: note.text, setting: 'inpatient', dateOfService: CODIESP_DATE_OF_SERVICE, age, sex },
        analysis: analyzeNote(note.text),
        diagnoses: [],
      });
      return {
        id: note.id,
        gold: note.gold,
        codes: found.procedures.map((p) => p.code),
        asked: found.queries.map((q) => commonPrefix(q.affectedCodes)).filter((p) => p.length >= 3),
        seconds: (performance.now() - start) / 1000,
      };
    } catch (err) {
      return {
        id: note.id,
        gold: note.gold,
        codes: [],
        asked: [],
        seconds: (performance.now() - start) / 1000,
        error: (err as Error).message,
      };
    }
  });
}

const PCS_CODE = /^[0-9A-HJ-NP-Z]{7}$/;

interface EngineProcedures {
  procedures?: ReadonlyArray<{ system: string; code: string }>;
  queries?: ReadonlyArray<{ affectedCodes: readonly string[] }>;
}

/**
 * Codes the team cases with `pcs` gold through the engine and keeps its ICD-10-PCS lines (and,
 * as "asked", its PCS queries); an engine error is an empty prediction.
 */
export async function predictTeamPcs(
  engine: EngineLike,
  cases: readonly EvalCase[],
): Promise<PcsPrediction[]> {
  const predictions: PcsPrediction[] = [];
  for (const c of cases) {
    if (!c.pcs) continue;
    const gold = c.pcs.map((l) => l.code);
    const input = caseInput(c);
    const start = performance.now();
    try {
      const out = (await engine.code(input)) as EngineProcedures;
      predictions.push({
        id: c.id,
        gold,
        codes: [
          ...new Set((out.procedures ?? []).filter((p) => p.system === 'ICD-10-PCS').map((p) => p.code)),
        ],
        asked: (out.queries ?? [])
          .filter((q) => q.affectedCodes.length > 0 && q.affectedCodes.every((a) => PCS_CODE.test(a)))
          .map((q) => commonPrefix(q.affectedCodes))
          .filter((p) => p.length >= 3),
        seconds: (performance.now() - start) / 1000,
      });
    } catch (err) {
      predictions.push({
        id: c.id,
        gold,
        codes: [],
        asked: [],
        seconds: (performance.now() - start) / 1000,
        error: err instanceof Error ? err.message : String(err),
      });
    }
  }
  return predictions;
}

/** The team cases whose PCS codes were not exactly the gold, one line each. */
export function formatPcsMisses(predictions: readonly PcsPrediction[]): string {
  const show = (codes: readonly string[]) => codes.join(' ') || '-';
  return predictions
    .filter((p) => p.error !== undefined || show([...p.gold].sort()) !== show([...new Set(p.codes)].sort()))
    .map(
      (p) =>
        `  ${p.id}: gold ${show(p.gold)}, predicted ${show(p.codes)}${p.error ? ` (error: ${p.error})` : ''}`,
    )
    .join('\n');
}

function micro(cases: ReadonlyArray<{ gold: readonly string[]; predicted: readonly string[] }>): Prf {
  const sum = { tp: 0, fp: 0, fn: 0 };
  for (const c of cases) {
    const g = new Set(c.gold);
    const p = new Set(c.predicted);
    let tp = 0;
    for (const code of p) if (g.has(code)) tp++;
    sum.tp += tp;
    sum.fp += p.size - tp;
    sum.fn += g.size - tp;
  }
  return prf(sum);
}

const table = (codes: readonly string[]) => codes.map((c) => c.slice(0, 3));

export function scorePcs(name: string, predictions: readonly PcsPrediction[]): PcsSetScore {
  const seconds = predictions.reduce((s, p) => s + p.seconds, 0);
  return {
    name,
    notes: predictions.length,
    goldCodes: predictions.reduce((n, p) => n + p.gold.length, 0),
    exact: micro(predictions.map((p) => ({ gold: p.gold, predicted: p.codes }))),
    asked: micro(predictions.map((p) => ({ gold: p.gold, predicted: [...p.codes, ...p.asked] }))),
    table: micro(
      predictions.map((p) => ({ gold: table(p.gold), predicted: table([...p.codes, ...p.asked]) })),
    ),
    queries: predictions.reduce((n, p) => n + p.asked.length, 0),
    notesPerSecond: seconds > 0 ? predictions.length / seconds : 0,
    errors: predictions.filter((p) => p.error !== undefined).length,
  };
}

const HEADERS = [
  'set',
  'notes',
  'gold',
  'P exact',
  'R exact',
  'F1 exact',
  'F1 with queries',
  'F1 table',
  'queries',
  'notes/s',
];
const f = (x: number) => x.toFixed(3);
const cells = (s: PcsSetScore) => [
  s.errors > 0 ? `${s.name} (${s.errors} errors)` : s.name,
  String(s.notes),
  String(s.goldCodes),
  f(s.exact.precision),
  f(s.exact.recall),
  f(s.exact.f1),
  f(s.asked.f1),
  f(s.table.f1),
  String(s.queries),
  s.notesPerSecond.toFixed(1),
];

export function formatPcsTable(rows: readonly PcsSetScore[], markdown: boolean): string {
  const body = rows.map(cells);
  if (markdown) {
    const head = `| ${HEADERS.join(' | ')} |\n|${HEADERS.map((_, i) => (i === 0 ? ' --- ' : ' ---: ')).join('|')}|`;
    return [head, ...body.map((r) => `| ${r.join(' | ')} |`)].join('\n');
  }
  const widths = HEADERS.map((h, i) => Math.max(h.length, ...body.map((r) => r[i]!.length)));
  const line = (r: readonly string[]) =>
    r.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  return [line(HEADERS), widths.map((w) => '-'.repeat(w)).join('  '), ...body.map(line)].join('\n');
}
