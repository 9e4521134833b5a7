/**
 * A worker thread's main: builds a coding engine from the parent's store (statements forwarded
 * over the parent port, see store/forwarded.ts) and codes the notes the parent sends, one at a
 * time. An engine asked to load procedure code sets on demand loads them on the first note that
 * needs each, so the store stays open for the thread's life. Started by engine-threads.ts; never
 * imported by anything else.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { StoreKind } from '../store/db.js';
import { forwardedStore } from '../store/forwarded.js';
import { createCodingEngine } from './engine.js';
import type { EngineThreadData, ToEngineThread } from './engine-threads.js';
import type { CodingEngine } from './types.js';

const port = parentPort!;
const data = workerData as EngineThreadData;
const store = forwardedStore(port, { kind: data.kind as StoreKind, location: data.location });

let engine: CodingEngine;
try {
  engine = await createCodingEngine(store, {
    procedureData: data.procedureData ?? 'eager',
    ...(data.fiscalYear ? { fiscalYear: data.fiscalYear } : {}),
  });
  // Everything loaded: the store is no longer needed.
  if (data.procedureData !== 'on-demand') await store.close();
  port.postMessage({ type: 'ready' });
} catch (err) {
  port.postMessage({ type: 'failed', message: (err as Error).message ?? String(err) });
  await store.close();
  process.exit(1);
}

port.on('message', async (message: ToEngineThread) => {
  if (message.type !== 'code') return;
  try {
    await engine.prepare?.(message.input);
    port.postMessage({ type: 'coded', id: message.id, result: engine.code(message.input) });
  } catch (err) {
    const e = err as Error & { field?: string; reason?: string };
    port.postMessage({
      type: 'coded',
      id: message.id,
      error: { name: e.name, message: e.message, field: e.field, reason: e.reason },
    });
  }
});
