import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { Store } from '../store/db.js';
import { answerForwardedQueries } from '../store/forwarded.js';
import { CodingInputError } from './errors.js';
import type { CodingEngine, CodingResult, NoteInput } from './types.js';

/**
 * Coding a note costs milliseconds of CPU. A server that ran the engine on its event loop would
 * stall every other request (searches, saves, page loads) for that long and would use one core
 * however many it has. `startEngineThreads` runs engines in worker threads instead, each built
 * from the server's store; `inlineCoder` keeps the engine on the calling thread (tests, CLI).
 */
export interface NoteCoder {
  code(input: NoteInput): Promise<CodingResult>;
  /** Worker threads in use (0: the engine runs on the calling thread). */
  readonly threads: number;
  close(): Promise<void>;
}

/** Engine threads: a NoteCoder that also tells how the notes were spread. */
export interface EngineThreads extends NoteCoder {
  /** Notes sent to each running thread since it started, in thread order. */
  sent(): number[];
}

export function inlineCoder(engine: CodingEngine): NoteCoder {
  return {
    threads: 0,
    code: async (input) => {
      await engine.prepare?.(input);
      return engine.code(input);
    },
    close: async () => {},
  };
}

/** The default: one thread per core beyond the event loop's own, at least one, at most four. */
// One per core (1-4), not one per core beyond the event loop's: the event loop mostly waits on
// the database, and on 2 cores with PostgreSQL beside it a second engine thread took suggest
// from 178 to 302 requests/s at 50 coders (p99 540 → 238 ms); a third thrashed (104/s).
export const defaultEngineThreads = () => Math.max(1, Math.min(4, availableParallelism()));

/** `MEDCODER_ENGINE_THREADS` (0: the engine on the event loop), else the default. */
export function engineThreadsFromEnv(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.MEDCODER_ENGINE_THREADS;
  if (raw === undefined || raw === '') return defaultEngineThreads();
  if (!/^\d{1,2}$/.test(raw))
    throw new RangeError(`MEDCODER_ENGINE_THREADS must be a whole number 0-99, not "${raw}"`);
  return Number(raw);
}

export interface EngineThreadData {
  kind: string;
  location: string;
  fiscalYear?: number;
  procedureData?: 'eager' | 'on-demand';
}
export type ToEngineThread = { type: 'code'; id: number; input: NoteInput };
type FromEngineThread =
  | { type: 'ready' }
  | { type: 'failed'; message: string }
  | { type: 'coded'; id: number; result?: CodingResult; error?: ThreadError };
interface ThreadError {
  name: string;
  message: string;
  field?: string;
  reason?: string;
}

interface Slot {
  worker: Worker;
  ready: Promise<void>;
  /** Notes sent to this thread since it started. */
  sent: number;
  inflight: Map<number, { resolve: (r: CodingResult) => void; reject: (e: Error) => void }>;
}

/**
 * An engine thread's young generation: 96 MB (64 MB of new space) instead of V8's 32 MB. Coding
 * a note allocates a few megabytes that are garbage once the result is posted, so a larger
 * nursery is scavenged half as often for the same survivors. In a thread coding the five demo
 * notes in a loop, 0.87-1.05 ms a note against 1.03-1.22 ms with the default (two interleaved
 * pairs, 1,250 notes a round after warm-up; 192 MB was no better, 48 MB worse). The price is
 * 32 MB more per engine thread, next to the hundreds its code sets take.
 */
const ENGINE_HEAP = { maxYoungGenerationSizeMb: 96 };

// Under tsx or Vitest this module is TypeScript source and so is the thread's main.
const HERE = import.meta.url;
const FROM_SOURCE = HERE.endsWith('.ts');
const MAIN = new URL(FROM_SOURCE ? './engine-thread-main.ts' : './engine-thread-main.js', HERE);
// A worker does not inherit the parent's module loader hooks (and ignores --import), so from
// source a tiny bootstrap registers tsx (a dev dependency) before importing the TypeScript main.
const FROM_SOURCE_BOOTSTRAP = `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(MAIN.href)}); })`;

/**
 * Starts `threads` engine threads and resolves once every one has loaded (with `procedureData:
 * 'on-demand'`, each thread loads procedure code sets on the first note that needs them, through
 * `store`, which must then stay open). Notes go to the thread
 * with the fewest in flight, ties taken in turn. A thread that dies fails its notes in flight with an error and is
 * replaced, so one bad note cannot take suggestions down for everyone.
 */
export async function startEngineThreads(
  store: Store,
  options: { threads?: number; fiscalYear?: number; procedureData?: 'eager' | 'on-demand' } = {},
): Promise<EngineThreads> {
  const count = options.threads ?? defaultEngineThreads();
  if (count < 1) throw new RangeError('engine threads: at least one');
  const data: EngineThreadData = {
    kind: store.kind,
    location: store.location,
    ...(options.fiscalYear ? { fiscalYear: options.fiscalYear } : {}),
    ...(options.procedureData ? { procedureData: options.procedureData } : {}),
  };
  const slots: Slot[] = [];
  let closing = false;
  let nextId = 1;
  let turn = 0;

  const spawn = (): Slot => {
    const worker = FROM_SOURCE
      ? new Worker(FROM_SOURCE_BOOTSTRAP, { eval: true, workerData: data, resourceLimits: ENGINE_HEAP })
      : new Worker(MAIN, { workerData: data, resourceLimits: ENGINE_HEAP });
    answerForwardedQueries(store, worker);
    const slot: Slot = { worker, inflight: new Map(), ready: Promise.resolve(), sent: 0 };
    slot.ready = new Promise<void>((resolve, reject) => {
      worker.on('message', (m: FromEngineThread) => {
        if (m.type === 'ready') {
          // An idle thread must not keep the process alive; it is ref'd while notes are in flight.
          worker.unref();
          resolve();
        } else if (m.type === 'failed')
          reject(new Error(`coding engine thread could not load: ${m.message}`));
        else if (m.type === 'coded') {
          const waiting = slot.inflight.get(m.id);
          slot.inflight.delete(m.id);
          if (slot.inflight.size === 0) worker.unref();
          if (!waiting) return;
          if (m.result) waiting.resolve(m.result);
          else waiting.reject(rebuildError(m.error!));
        }
      });
      worker.once('error', reject);
      worker.once('exit', (code) => {
        reject(new Error(`coding engine thread exited with code ${code} while loading`));
        const lost = new Error(`the coding engine thread stopped (exit code ${code})`);
        for (const w of slot.inflight.values()) w.reject(lost);
        slot.inflight.clear();
        const i = slots.indexOf(slot);
        if (i >= 0) slots.splice(i, 1);
        // Replace a thread that died once it had loaded; a thread that cannot load is not retried.
        if (!closing && code !== 0)
          slot.ready.then(
            () => slots.push(spawn()),
            () => {},
          );
      });
    });
    return slot;
  };

  for (let i = 0; i < count; i++) slots.push(spawn());
  try {
    await Promise.all(slots.map((s) => s.ready));
  } catch (err) {
    closing = true;
    await Promise.all(slots.map((s) => s.worker.terminate()));
    throw err;
  }

  return {
    threads: count,
    async code(input) {
      // The fewest in flight; ties go round the threads, so that under light load (one note at a
      // time) every thread meets the notes and warms up, not only the first one.
      let slot: Slot | undefined;
      const n = slots.length;
      const from = turn++ % Math.max(n, 1);
      for (let k = 0; k < n; k++) {
        const s = slots[(from + k) % n]!;
        if (!slot || s.inflight.size < slot.inflight.size) slot = s;
      }
      if (!slot) throw new Error('no coding engine thread is running');
      await slot.ready;
      const id = nextId++;
      slot.sent++;
      return new Promise<CodingResult>((resolve, reject) => {
        slot.inflight.set(id, { resolve, reject });
        slot.worker.ref();
        slot.worker.postMessage({ type: 'code', id, input } satisfies ToEngineThread);
      });
    },
    sent: () => slots.map((s) => s.sent),
    async close() {
      closing = true;
      await Promise.all(slots.map((s) => s.worker.terminate()));
    },
  };
}

function rebuildError(e: ThreadError): Error {
  if (e.name === 'CodingInputError' && e.field !== undefined && e.reason !== undefined)
    return new CodingInputError(e.field, e.reason);
  const err = new Error(e.message);
  err.name = e.name;
  return err;
}
