// `npm run eval`: codes the team's annotated cases and the CodiEsp public set with the coding
// engine and prints precision, recall, F1 (exact and 3-character category), first-listed
// accuracy and speed per set. Flags: --all (every CodiEsp split, not just test), --json [file]
// (machine-readable results; to stdout when no file), --markdown (table for EVALUATION.md), --verbose (per-case misses of the team's
// set), --limit <n> (first n CodiEsp notes per split, for a quick look).
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Command, InvalidArgumentError } from 'commander';
import { createEmFinder } from '../src/coding/em/index.js';
import type { ProcedureFinder } from '../src/coding/procedure-finder.js';
import { openStore } from '../src/store/index.js';
import { loadCases } from './cases.js';
import { CODIESP_SPLITS, type CodiEspSplit, codiEspFile, loadCodiEsp } from './codiesp.js';
import { type EmScore, formatEm, loadEmCases, scoreEm } from './em.js';
import {
  type CaseReport,
  caseReports,
  codeNotes,
  type EngineLike,
  type EvalNote,
  type SetResult,
  summarize,
  summarizeByGroup,
} from './harness.js';
import { formatHcpcs, type HcpcsScore, scoreHcpcs } from './hcpcs.js';
import { casesDir, evalRoot, repoRoot } from './paths.js';
import {
  formatPcsMisses,
  formatPcsTable,
  loadCodiEspProcedures,
  type PcsPrediction,
  type PcsSetScore,
  predictPcs,
  predictTeamPcs,
  scorePcs,
} from './pcs.js';
import { formatMarkdown, formatMisses, formatTable } from './report.js';

/** The release the team's gold codes follow; CodiEsp notes are dated inside it too. */
export const EVAL_FISCAL_YEAR = 2023;

export interface OpenedEngine {
  engine: EngineLike;
  /** Where the engine's data came from, for the report (never credentials). */
  source: string;
  close(): Promise<void>;
}

/** The ICD-10-PCS finder the procedure rows are scored with. */
export interface OpenedPcsFinder {
  finder: ProcedureFinder;
  source: string;
  close(): Promise<void>;
}

export interface RunDeps {
  casesDir: string;
  evalRoot: string;
  openEngine: () => Promise<OpenedEngine>;
  /** When given, CodiEsp's procedure_codes_icd10pcs are scored too (a table of their own). */
  openPcsFinder?: () => Promise<OpenedPcsFinder>;
  /** Runs on the team cases with `em` gold when the engine returns no procedure lines. */
  emFinder?: ProcedureFinder;
  /** The E/M-only cases (eval/cases-em/), scored as a table of their own when given. */
  emCasesDir?: string;
  out: (text: string) => void;
}

export interface EvalResults {
  commit: string;
  generatedAt: string;
  fiscalYear: number;
  engineSource: string;
  codiEspSplits: CodiEspSplit[];
  rows: Array<ReturnType<typeof rowJson>>;
  teamCases: CaseReport[];
  /** HCPCS Level II lines (code+units) on the team cases with `hcpcs` gold. */
  hcpcs: HcpcsScore;
  /** E/M level on the team cases with `em` gold. */
  em: EmScore;
  /** E/M level on the E/M-only cases, when their folder was given. */
  emOnly?: EmScore;
  /** ICD-10-PCS lines of the engine on the team's inpatient cases with `pcs` gold. */
  teamPcs: PcsSetScore;
  /** ICD-10-PCS on CodiEsp, when a PCS finder was given. */
  pcs?: { source: string; rows: PcsSetScore[] };
}

interface Options {
  all: boolean;
  json?: string | true;
  verbose: boolean;
  markdown: boolean;
  limit?: number;
}

function parseOptions(argv: readonly string[]): Options {
  const program = new Command('eval')
    .option('--all', 'score every CodiEsp split (train, dev, test), not just test', false)
    .option('--json [file]', 'write machine-readable results to the file, or to stdout')
    .option('--verbose', "print each of the team's cases that was not coded exactly right", false)
    .option('--markdown', 'print the table as Markdown (for EVALUATION.md)', false)
    .option('--limit <n>', 'score only the first n CodiEsp notes of each split', (v) => {
      const n = Number(v);
      if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('a positive whole number');
      return n;
    })
    .exitOverride()
    .configureOutput({ writeErr: () => {} });
  program.parse([...argv], { from: 'user' });
  return program.opts<Options>();
}

/** Runs the whole evaluation with the given engine; returns the results it printed. */
export async function runEvaluation(argv: readonly string[], deps: RunDeps): Promise<EvalResults> {
  const options = parseOptions(argv);
  // Read every input before the engine starts, so a missing file fails at once, by name.
  const cases = loadCases(deps.casesDir);
  const splits: CodiEspSplit[] = options.all ? [...CODIESP_SPLITS] : ['test'];
  const codiEsp = splits.map((split) => {
    const notes = loadCodiEsp(codiEspFile(deps.evalRoot, split), split);
    return { split, notes: options.limit ? notes.slice(0, options.limit) : notes };
  });
  const emCases = deps.emCasesDir ? loadEmCases(deps.emCasesDir) : [];
  const teamNotes: EvalNote[] = cases.map((c) => ({
    id: c.id,
    group: c.specialty,
    gold: c.gold.map((g) => g.code),
    text: c.text,
    setting: c.setting,
    dateOfService: c.dateOfService,
    age: c.age,
    sex: c.sex,
  }));

  const pcsNotes = deps.openPcsFinder
    ? codiEsp.map(({ split }) => {
        const notes = loadCodiEspProcedures(codiEspFile(deps.evalRoot, split));
        return { split, notes: options.limit ? notes.slice(0, options.limit) : notes };
      })
    : [];

  const opened = await deps.openEngine();
  let rows: SetResult[];
  let teamCases: CaseReport[];
  let hcpcs: HcpcsScore;
  let em: EmScore;
  let emOnly: EmScore | undefined;
  let teamPcs: PcsPrediction[];
  try {
    const team = await codeNotes(opened.engine, teamNotes);
    rows = summarizeByGroup('team (all)', team, { ordered: true });
    teamCases = caseReports(team);
    hcpcs = await scoreHcpcs(opened.engine, cases);
    em = await scoreEm(opened.engine, cases, deps.emFinder);
    teamPcs = await predictTeamPcs(opened.engine, cases);
    if (deps.emCasesDir) emOnly = await scoreEm(opened.engine, emCases, deps.emFinder);
    for (const { split, notes } of codiEsp) {
      const coded = await codeNotes(opened.engine, notes);
      rows.push(summarize(`codiesp-${split}`, coded, { ordered: false }));
      rows.push(summarize(`codiesp-${split} @3-char`, coded, { ordered: false, rollUp: true }));
    }
  } finally {
    await opened.close();
  }

  let pcs: EvalResults['pcs'];
  if (deps.openPcsFinder) {
    const pcsOpened = await deps.openPcsFinder();
    try {
      pcs = {
        source: pcsOpened.source,
        rows: pcsNotes.map(({ split, notes }) =>
          scorePcs(`codiesp-${split}`, predictPcs(pcsOpened.finder, notes)),
        ),
      };
    } finally {
      await pcsOpened.close();
    }
  }

  const results: EvalResults = {
    commit: commitOf(),
    generatedAt: new Date().toISOString(),
    fiscalYear: EVAL_FISCAL_YEAR,
    engineSource: opened.source,
    codiEspSplits: splits,
    rows: rows.map(rowJson),
    teamCases,
    hcpcs,
    em,
    teamPcs: scorePcs('team (inpatient)', teamPcs),
    ...(emOnly ? { emOnly } : {}),
    ...(pcs ? { pcs } : {}),
  };
  if (options.json === true) {
    deps.out(JSON.stringify(results, null, 2));
    return results;
  }
  if (typeof options.json === 'string') writeFileSync(options.json, `${JSON.stringify(results, null, 2)}\n`);
  deps.out(`medcoder evaluation at ${results.commit}, ICD-10-CM FY${EVAL_FISCAL_YEAR}, ${opened.source}`);
  deps.out(options.markdown ? formatMarkdown(rows) : formatTable(rows));
  if (hcpcs.notes > 0) deps.out(`\n${formatHcpcs(hcpcs)}`);
  if (em.notes > 0) deps.out(`\n${formatEm(em, options.markdown)}`);
  if (emOnly) deps.out(`\n${formatEm(emOnly, options.markdown, 'E/M-only cases (eval/cases-em)')}`);
  if (results.teamPcs.notes > 0) {
    deps.out(`\nICD-10-PCS, team inpatient cases with pcs gold (the engine's lines)`);
    deps.out(formatPcsTable([results.teamPcs], options.markdown));
    const misses = formatPcsMisses(teamPcs);
    if (!options.markdown && misses) deps.out(`  not exactly right:\n${misses}`);
  }
  if (pcs) {
    deps.out(`\nICD-10-PCS, CodiEsp procedure_codes_icd10pcs (${pcs.source})`);
    deps.out(formatPcsTable(pcs.rows, options.markdown));
  }
  if (options.verbose) deps.out(`\nteam cases not coded exactly right:\n${formatMisses(teamCases)}`);
  return results;
}

function rowJson(r: SetResult) {
  return {
    set: r.name,
    notes: r.score.notes,
    precision: r.score.exact.precision,
    recall: r.score.exact.recall,
    f1: r.score.exact.f1,
    tp: r.score.exact.tp,
    fp: r.score.exact.fp,
    fn: r.score.exact.fn,
    categoryPrecision: r.score.category.precision,
    categoryRecall: r.score.category.recall,
    categoryF1: r.score.category.f1,
    firstListed: r.score.firstListed,
    seconds: r.seconds,
    notesPerSecond: r.notesPerSecond,
    errors: r.errors,
  };
}

/**
 * The commit the numbers belong to, marked when code under src/ or eval/ differs from it
 * (untracked files included: an engine not yet committed is not the commit's engine).
 */
function commitOf(): string {
  try {
    const git = (...args: string[]) => execFileSync('git', args, { cwd: repoRoot, encoding: 'utf8' }).trim();
    const hash = git('rev-parse', '--short', 'HEAD');
    return git('status', '--porcelain', '--', 'src', 'eval') ? `${hash}+uncommitted` : hash;
  } catch {
    return 'unknown';
  }
}

/** The real engine over the store named by the environment (MEDCODER_DATA or DATABASE_URL). */
async function openRealEngine(): Promise<OpenedEngine> {
  const store = await openStore();
  try {
    // Imported by a computed name so the harness builds before the engine exists.
    const modulePath = '../src/coding/index.js';
    let mod: { createCodingEngine?: unknown };
    try {
      mod = (await import(modulePath)) as { createCodingEngine?: unknown };
    } catch (err) {
      throw new Error(
        `the coding engine (src/coding/index.ts) could not be loaded: ${(err as Error).message}`,
      );
    }
    if (typeof mod.createCodingEngine !== 'function') {
      throw new Error('src/coding/index.ts does not export createCodingEngine(store, options)');
    }
    const create = mod.createCodingEngine as (
      s: typeof store,
      o: { fiscalYear: number },
    ) => Promise<EngineLike>;
    const engine = await create(store, { fiscalYear: EVAL_FISCAL_YEAR });
    return { engine, source: `${store.kind} store`, close: () => store.close() };
  } catch (err) {
    await store.close();
    throw err;
  }
}

/** The PCS finder over the same store: its newest imported PCS release (CodiEsp notes are undated). */
async function openRealPcsFinder(): Promise<OpenedPcsFinder> {
  const store = await openStore();
  try {
    const { createPcsFinder } = await import('../src/coding/pcs/index.js');
    const { choosePcsRelease } = await import('../src/terminology/pcs/index.js');
    const { release } = await choosePcsRelease(store.db);
    const finder = await createPcsFinder(store, { fiscalYear: release.fiscalYear });
    return {
      finder,
      source: `${release.label} tables, ${store.kind} store`,
      close: () => store.close(),
    };
  } catch (err) {
    await store.close();
    throw err;
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  runEvaluation(process.argv.slice(2), {
    casesDir,
    evalRoot: evalRoot(),
    openEngine: openRealEngine,
    openPcsFinder: openRealPcsFinder,
    emFinder: createEmFinder(),
    emCasesDir: join(repoRoot, 'eval', 'cases-em'),
    out: (text) => console.log(text),
  }).catch((err: unknown) => {
    console.error(`eval: ${err instanceof Error ? err.message : String(err)}`);
    process.exitCode = 1;
  });
}
