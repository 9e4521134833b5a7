import { performance } from 'node:perf_hooks';
import { dotted } from './code-form.js';
import { missesOf, rolledUp, type ScoredCase, type SetScore, scoreSet } from './score.js';

/** What the engine is given for a note (the engine's NoteInput). */
export interface EngineInput {
  text: string;
  setting: 'outpatient' | 'inpatient';
  dateOfService: string;
  age: number;
  sex: 'F' | 'M' | 'U';
}

/** The engine input of a case: its note and encounter facts, nothing of its gold. */
export function caseInput(c: EngineInput): EngineInput {
  return { text: c.text, setting: c.setting, dateOfService: c.dateOfService, age: c.age, sex: c.sex };
}

/**
 * The part of the coding engine the evaluation relies on. Kept structural, so the harness
 * neither imports the engine's internals nor breaks while the engine's other fields change.
 */
export interface EngineLike {
  code(input: EngineInput): EngineOutput | Promise<EngineOutput>;
}

export interface EngineOutput {
  codes: ReadonlyArray<{ code: string; sequence: number }>;
}

/** A note to code, with its gold codes; `group` is the row it is reported under. */
export interface EvalNote extends EngineInput {
  id: string;
  group: string;
  gold: readonly string[];
}

export interface CodedNote extends ScoredCase {
  group: string;
  seconds: number;
  /** Set when the engine threw on this note; its prediction is then empty. */
  error?: string;
}

export interface SetResult {
  name: string;
  score: SetScore;
  seconds: number;
  notesPerSecond: number;
  errors: number;
}

/**
 * Codes every note once, timing each call. An engine error on one note is recorded (and counted
 * as predicting nothing) rather than ending the run, so one bad note cannot hide the rest.
 */
export async function codeNotes(engine: EngineLike, notes: readonly EvalNote[]): Promise<CodedNote[]> {
  const coded: CodedNote[] = [];
  for (const note of notes) {
    const { id, group, gold, ...input } = note;
    const start = performance.now();
    try {
      const out = await engine.code(input);
      const predicted = [...out.codes].sort((a, b) => a.sequence - b.sequence).map((c) => c.code);
      coded.push({ id, group, gold, predicted, seconds: (performance.now() - start) / 1000 });
    } catch (err) {
      const error = err instanceof Error ? err.message : String(err);
      coded.push({ id, group, gold, predicted: [], seconds: (performance.now() - start) / 1000, error });
    }
  }
  return coded;
}

/** Scores coded notes as one reported row. `rollUp` scores at the category level only. */
export function summarize(
  name: string,
  coded: readonly CodedNote[],
  options: { ordered: boolean; rollUp?: boolean },
): SetResult {
  const seconds = coded.reduce((s, c) => s + c.seconds, 0);
  const cases = options.rollUp ? rolledUp(coded) : coded;
  return {
    name,
    score: scoreSet(cases, { ordered: options.ordered }),
    seconds,
    notesPerSecond: seconds > 0 ? coded.length / seconds : 0,
    errors: coded.filter((c) => c.error !== undefined).length,
  };
}

/** One row per group (in first-seen order) followed by an overall row named `overall`. */
export function summarizeByGroup(
  overall: string,
  coded: readonly CodedNote[],
  options: { ordered: boolean; rollUp?: boolean },
): SetResult[] {
  const groups = new Map<string, CodedNote[]>();
  for (const c of coded) groups.set(c.group, [...(groups.get(c.group) ?? []), c]);
  const rows = [...groups].map(([name, members]) => summarize(name, members, options));
  return [...rows, summarize(overall, coded, options)];
}

export interface CaseReport {
  id: string;
  falsePositives: string[];
  falseNegatives: string[];
  firstListedRight: boolean;
  error?: string;
}

/** Per-note misses, for `--verbose` and the JSON output; codes only, never note text. */
export function caseReports(coded: readonly CodedNote[]): CaseReport[] {
  return coded.map((c) => ({
    id: c.id,
    ...missesOf(c),
    firstListedRight:
      c.gold[0] !== undefined && c.predicted[0] !== undefined && dotted(c.gold[0]) === dotted(c.predicted[0]),
    ...(c.error !== undefined ? { error: c.error } : {}),
  }));
}
