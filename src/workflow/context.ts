import type { Kysely } from 'kysely';
import { createCodingEngine } from '../coding/engine.js';
import { inlineCoder, type NoteCoder, startEngineThreads } from '../coding/engine-threads.js';
import type { DiagnosisFacts } from '../edits/diagnosis-facts.js';
import { terminologyDiagnosisFacts } from '../edits/terminology-facts.js';
import type { ReasonCodeLists } from '../remits/carc-rarc.js';
import type { Store } from '../store/index.js';
import type { Database } from '../store/schema.js';
import { IndexBrowser } from '../terminology/index-browse.js';
import { loadTerminology } from '../terminology/load.js';
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
  /** The Alphabetic Index as a book to page through (the workbench's Index browser). */
  indexBrowser: IndexBrowser;
  /** The coding engine, on worker threads or inline (see coding/engine-threads.ts). */
  coder: NoteCoder;
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
  indexBrowser: IndexBrowser;
  coder: NoteCoder;
  facts: DiagnosisFacts;
  loadMs: number;
  /** Stops the engine threads, if any. */
  close(): Promise<void>;
}

/**
 * Loads the terminology (with its search index, for search-as-you-type) and the coding engine.
 * With `engineThreads` > 0 the engine runs on that many worker threads, each loading its own
 * copy of what it needs (a server: suggestions never stall the event loop and use every core);
 * with 0 (the default) it is built here over the same terminology, so one copy is held. Either
 * way it is the engine the CLI and the evaluation use (with the External Cause Index). With
 * `procedureData: 'on-demand'` the engine loads the ICD-10-PCS tables and each HCPCS release's
 * drug catalog on the first note that needs them rather than before the server starts: the store
 * must then stay open while the engines serve (the default, 'eager', loads everything now, so the
 * store may be closed once this resolves). The Index browser pages through the terminology's own
 * Index.
 */
export async function loadEngines(
  store: Store,
  options: { engineThreads?: number; procedureData?: 'eager' | 'on-demand' } = {},
): Promise<Engines> {
  const started = performance.now();
  const threads = options.engineThreads ?? 0;
  const procedureData = options.procedureData ?? 'eager';
  const loading = loadTerminology(store.db, { searchIndex: 'load' });
  const [terminology, coder] = await Promise.all([
    loading,
    threads > 0
      ? startEngineThreads(store, { threads, procedureData })
      : createCodingEngine(store, { terminology: loading, procedureData }).then(inlineCoder),
  ]);
  return {
    terminology,
    indexBrowser: IndexBrowser.of(terminology),
    coder,
    facts: terminologyDiagnosisFacts(terminology),
    loadMs: Math.round(performance.now() - started),
    close: () => coder.close(),
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
    indexBrowser: engines.indexBrowser,
    coder: engines.coder,
    facts: engines.facts,
    practice: options.practice ?? DEMO_PRACTICE,
    ...(options.reasonCodes ? { reasonCodes: options.reasonCodes } : {}),
    today: options.today ?? (() => new Date().toISOString().slice(0, 10)),
  };
}
