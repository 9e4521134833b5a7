import type { Kysely } from 'kysely';
import { buildCodingEngine } from '../coding/engine.js';
import { CodingDataError } from '../coding/errors.js';
import { buildIndexTree, loadIndexRows } from '../coding/index-tree.js';
import type { CodingEngine } from '../coding/types.js';
import type { DiagnosisFacts } from '../edits/diagnosis-facts.js';
import { terminologyDiagnosisFacts } from '../edits/terminology-facts.js';
import type { ReasonCodeLists } from '../remits/carc-rarc.js';
import type { Store } from '../store/index.js';
import type { Database } from '../store/schema.js';
import { listReleases, loadTerminology } from '../terminology/load.js';
import { selectReleases } from '../terminology/release-selection.js';
import type { Icd10cmTerminology } from '../terminology/types.js';
import type { PublicUser } from './accounts.js';
import { DEMO_PRACTICE, type Practice } from './practice.js';

/**
 * What every workflow function needs: the database and the engines, loaded once per process
 * and shared by all requests (they are immutable after loading).
 */
export interface WorkflowContext {
  db: Kysely<Database>;
  terminology: Icd10cmTerminology;
  engine: CodingEngine;
  facts: DiagnosisFacts;
  practice: Practice;
  reasonCodes?: ReasonCodeLists;
  /** Today as YYYY-MM-DD (injectable for tests). */
  today(): string;
}

/** Who is acting, from where: every change and read is attributed to one. */
export interface Actor {
  user: PublicUser;
  ip: string | null;
}

export interface Engines {
  terminology: Icd10cmTerminology;
  engine: CodingEngine;
  facts: DiagnosisFacts;
  loadMs: number;
}

/**
 * Loads the terminology (with its search index, for search-as-you-type) and builds the coding
 * engine over the same terminology, so the server holds one copy of the code set.
 */
export async function loadEngines(store: Store): Promise<Engines> {
  const started = performance.now();
  const indexRelease = selectReleases(await listReleases(store.db), {}).index?.release;
  if (!indexRelease)
    throw new CodingDataError('no ICD-10-CM Alphabetic Index is imported: run "medcoder import" first');
  const [terminology, rows] = await Promise.all([
    loadTerminology(store.db, { searchIndex: 'load' }),
    loadIndexRows(store, indexRelease.id),
  ]);
  const engine = buildCodingEngine(terminology, buildIndexTree(rows));
  return {
    terminology,
    engine,
    facts: terminologyDiagnosisFacts(terminology),
    loadMs: Math.round(performance.now() - started),
  };
}

export function workflowContext(
  store: Store,
  engines: Engines,
  options: { practice?: Practice; reasonCodes?: ReasonCodeLists; today?: () => string } = {},
): WorkflowContext {
  return {
    db: store.db,
    terminology: engines.terminology,
    engine: engines.engine,
    facts: engines.facts,
    practice: options.practice ?? DEMO_PRACTICE,
    ...(options.reasonCodes ? { reasonCodes: options.reasonCodes } : {}),
    today: options.today ?? (() => new Date().toISOString().slice(0, 10)),
  };
}
