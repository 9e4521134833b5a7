// E/M level scoring on the team's cases that carry `em` gold. Each case's E/M code (the first
// 99xxx E/M line: 99202-99499 or 99024) is compared with the gold code, and the add-ons (G2211,
// 99417, G2212) are scored as lines:
//   exact level  share of cases whose E/M code equals the gold (a gold null, "no E/M level",
//                is right only when no code is proposed; a physician query is no code);
//   add-ons      micro precision / recall / F1 of the add-on codes over the cases;
//   modifiers    share of cases with a gold and a predicted E/M line whose modifier sets are
//                equal (gold `modifiers`, absent meaning none: 25 beside a same-day minor
//                procedure, 57 for a decision for major surgery).
// The E/M lines come from the engine's `procedures` when it returns them; until the engine runs
// the E/M finder itself, the eval runs the finder on the note with the engine's diagnoses.
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { ProcedureFinder } from '../src/coding/procedure-finder.js';
import type { CodeSuggestion, NoteInput } from '../src/coding/types.js';
import { analyzeNote } from '../src/nlp/index.js';
import { type EvalCase, EvalCaseError, evalCaseSchema } from './cases.js';
import type { EngineInput, EngineLike } from './harness.js';
import { type Prf, prf } from './score.js';

/**
 * A case of the E/M-only set (eval/cases-em/): a note and its E/M gold, no ICD-10-CM gold, so the
 * diagnosis figures are not touched by it. Written after the finder, to be scored, not studied.
 */
export const emCaseSchema = evalCaseSchema
  .pick({ id: true, setting: true, dateOfService: true, age: true, sex: true, text: true })
  .extend({ em: evalCaseSchema.shape.em.unwrap() });

export type EmCase = Pick<EvalCase, 'id' | 'setting' | 'dateOfService' | 'age' | 'sex' | 'text' | 'em'>;

/** Loads every `*.json` E/M case of a folder, sorted by id; fails on the first bad file, by name. */
export function loadEmCases(dir: string): EmCase[] {
  let names: string[];
  try {
    names = readdirSync(dir).filter((n) => n.endsWith('.json'));
  } catch {
    throw new EvalCaseError(dir, 'cannot read the E/M cases folder');
  }
  if (names.length === 0) throw new EvalCaseError(dir, 'no *.json case files');
  return names.sort().map((name) => {
    const file = join(dir, name);
    let json: unknown;
    try {
      json = JSON.parse(readFileSync(file, 'utf8'));
    } catch (err) {
      throw new EvalCaseError(file, `not valid JSON: ${(err as Error).message}`);
    }
    const result = emCaseSchema.safeParse(json);
    if (!result.success) {
      const issue = result.error.issues[0];
      throw new EvalCaseError(file, `${issue?.path.join('.') || '(root)'}: ${issue?.message ?? 'invalid'}`);
    }
    if (`${result.data.id}.json` !== basename(file)) {
      throw new EvalCaseError(file, `id "${result.data.id}" does not match the file name`);
    }
    return result.data;
  });
}

const EM_CODE = /^99(?:024|2\d\d|4[0-9]\d)$/;
const ADD_ONS = new Set(['99417', 'G2211', 'G2212']);

export interface EmLevelCase {
  id: string;
  group: string;
  gold: { code: string | null; addOns: string[]; modifiers: string[] };
  predicted: { code: string | null; addOns: string[]; modifiers: string[] };
  queries: number;
  error?: string;
}

export interface EmGroupScore {
  group: string;
  notes: number;
  exact: number;
}

export interface EmScore {
  notes: number;
  /** Where the predicted lines came from. */
  source: 'engine' | 'finder' | 'none';
  exact: number;
  groups: EmGroupScore[];
  addOns: Prf;
  modifiers: EmModifierScore;
  cases: EmLevelCase[];
}

/** E/M modifier agreement: exact set match on the E/M line, where gold and prediction both have one. */
export interface EmModifierScore {
  /** Cases with a gold E/M code and a predicted one. */
  lines: number;
  agree: number;
  rate: number;
  /** Of those, the lines whose gold carries a modifier, and how many of them agree. */
  withModifier: number;
  withModifierAgree: number;
}

interface ProcedureOutput {
  codes: ReadonlyArray<{ code: string; sequence: number }>;
  procedures?: ReadonlyArray<ProcedureLine>;
}

/** The row a gold code is reported under. */
export function emGroup(code: string | null): string {
  if (code === null) return 'no E/M level';
  if (/^9920[2-5]$/.test(code)) return 'office, new';
  if (/^992(?:1[1-5])$/.test(code)) return 'office, established';
  if (/^9928[1-5]$/.test(code)) return 'emergency';
  if (/^9922[1-3]$|^9923[1-3]$/.test(code)) return 'hospital';
  if (/^9923[89]$/.test(code)) return 'discharge';
  return 'other';
}

interface ProcedureLine {
  system: string;
  code: string;
  modifiers?: ReadonlyArray<{ code: string }>;
}

/** The E/M code, its modifiers and the add-ons among a result's procedure lines. */
export function emLines(lines: readonly ProcedureLine[]): EmLevelCase['predicted'] {
  const em = lines.find((l) => EM_CODE.test(l.code) && !ADD_ONS.has(l.code));
  return {
    code: em?.code ?? null,
    addOns: [...new Set(lines.filter((l) => ADD_ONS.has(l.code)).map((l) => l.code))].sort(),
    modifiers: [...new Set((em?.modifiers ?? []).map((m) => m.code))].sort(),
  };
}

const sameSet = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((x, i) => x === b[i]);

/** Modifier agreement over the cases where gold and prediction both have an E/M line. */
export function scoreEmModifiers(cases: readonly EmLevelCase[]): EmModifierScore {
  const lines = cases.filter((c) => c.gold.code !== null && c.predicted.code !== null);
  const agrees = (c: EmLevelCase) => sameSet(c.gold.modifiers, c.predicted.modifiers);
  const withModifier = lines.filter((c) => c.gold.modifiers.length > 0);
  const agree = lines.filter(agrees).length;
  return {
    lines: lines.length,
    agree,
    rate: lines.length ? agree / lines.length : 0,
    withModifier: withModifier.length,
    withModifierAgree: withModifier.filter(agrees).length,
  };
}

export function scoreEmCases(cases: readonly EmLevelCase[], source: EmScore['source']): EmScore {
  const right = (c: EmLevelCase) => c.predicted.code === c.gold.code;
  const groups = new Map<string, EmLevelCase[]>();
  for (const c of cases) groups.set(c.group, [...(groups.get(c.group) ?? []), c]);
  const sum = { tp: 0, fp: 0, fn: 0 };
  for (const c of cases) {
    const gold = new Set(c.gold.addOns);
    const predicted = new Set(c.predicted.addOns);
    for (const a of predicted) if (gold.has(a)) sum.tp++;
    sum.fp += [...predicted].filter((a) => !gold.has(a)).length;
    sum.fn += [...gold].filter((a) => !predicted.has(a)).length;
  }
  return {
    notes: cases.length,
    source,
    exact: cases.length ? cases.filter(right).length / cases.length : 0,
    groups: [...groups]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([group, members]) => ({
        group,
        notes: members.length,
        exact: members.filter(right).length / members.length,
      })),
    addOns: prf(sum),
    modifiers: scoreEmModifiers(cases),
    cases: [...cases],
  };
}

/**
 * Codes each case with `em` gold (with the encounter facts the gold gives) and scores its E/M
 * lines. An engine error is an empty prediction.
 */
export async function scoreEm(
  engine: EngineLike,
  cases: readonly EmCase[],
  finder: ProcedureFinder | undefined,
): Promise<EmScore> {
  const results: EmLevelCase[] = [];
  let source: EmScore['source'] = 'none';
  for (const c of cases) {
    if (!c.em) continue;
    const input: NoteInput = {
      text: c.text,
      setting: c.setting,
      dateOfService: c.dateOfService,
      age: c.age,
      sex: c.sex,
      ...(c.em.visit ? { visit: c.em.visit } : {}),
    };
    const gold = {
      code: c.em.code,
      addOns: [...c.em.addOns].sort(),
      modifiers: [...new Set(c.em.modifiers ?? [])].sort(),
    };
    const group = emGroup(c.em.code);
    try {
      const out = (await engine.code(input as EngineInput)) as ProcedureOutput;
      let lines: readonly ProcedureLine[] = [];
      let queries = 0;
      if (out.procedures) {
        source = 'engine';
        lines = out.procedures;
      } else if (finder) {
        source = 'finder';
        const found = finder.find({
          input,
          analysis: analyzeNote(c.text),
          diagnoses: out.codes as unknown as readonly CodeSuggestion[],
        });
        lines = found.procedures;
        queries = found.queries.length;
      }
      results.push({ id: c.id, group, gold, predicted: emLines(lines), queries });
    } catch (err) {
      const error = err instanceof Error ? err.message : String(err);
      results.push({
        id: c.id,
        group,
        gold,
        predicted: { code: null, addOns: [], modifiers: [] },
        queries: 0,
        error,
      });
    }
  }
  return scoreEmCases(results, source);
}

const pct = (n: number) => n.toFixed(3);

/** The E/M table (text or Markdown) and, in text, the cases not levelled exactly. */
export function formatEm(score: EmScore, markdown: boolean, set = 'team cases with em gold'): string {
  const from =
    score.source === 'engine'
      ? "the engine's procedure lines"
      : score.source === 'finder'
        ? "the E/M finder run by the eval on the engine's diagnoses"
        : 'no E/M lines';
  const rows: string[][] = [
    ...score.groups.map((g) => [g.group, String(g.notes), pct(g.exact)]),
    ['all', String(score.notes), pct(score.exact)],
  ];
  const addOns = `add-ons (G2211, 99417, G2212): P ${pct(score.addOns.precision)}  R ${pct(score.addOns.recall)}  F1 ${pct(score.addOns.f1)}  (tp ${score.addOns.tp}, fp ${score.addOns.fp}, fn ${score.addOns.fn})`;
  const m = score.modifiers;
  const modifiers = `modifiers (exact set on the E/M line, ${m.lines} lines with gold and predicted E/M): ${pct(m.rate)} (${m.agree}/${m.lines}; gold with a modifier ${m.withModifierAgree}/${m.withModifier})`;
  const title = `E/M level, ${set} (${score.notes} notes; from ${from})`;
  if (markdown) {
    return [
      title,
      '',
      '| E/M gold | notes | exact level |',
      '| --- | ---: | ---: |',
      ...rows.map((r) => `| ${r.join(' | ')} |`),
      '',
      addOns,
      '',
      modifiers,
    ].join('\n');
  }
  const width = Math.max(...rows.map((r) => r[0]!.length), 8);
  const misses = score.cases
    .filter((c) => c.predicted.code !== c.gold.code || c.error)
    .map(
      (c) =>
        `  ${c.id}: gold ${c.gold.code ?? 'none'}, predicted ${c.predicted.code ?? (c.queries ? 'query' : 'none')}${c.error ? ` (error: ${c.error})` : ''}`,
    );
  return [
    title,
    `  ${'E/M gold'.padEnd(width)}  notes  exact level`,
    ...rows.map((r) => `  ${r[0]!.padEnd(width)}  ${r[1]!.padStart(5)}  ${r[2]!.padStart(11)}`),
    `  ${addOns}`,
    `  ${modifiers}`,
    ...(misses.length ? ['  not levelled exactly:', ...misses] : []),
  ].join('\n');
}
