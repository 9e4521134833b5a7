/**
 * A worker thread's main: builds a coding engine from the parent's store (statements forwarded
 * over the parent port, see store/forwarded.ts) and codes the notes the parent sends, one at a
 * time. Started by engine-threads.ts; never imported by anything else.
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
  engine = await createCodingEngine(store, data.fiscalYear ? { fiscalYear: data.fiscalYear } : {});
  port.postMessage({ type: 'ready' });
} catch (err) {
  port.postMessage({ type: 'failed', message: (err as Error).message ?? String(err) });
  process.exit(1);
} finally {
  await store.close();
}

port.on('message', (message: ToEngineThread) => {
  if (message.type !== 'code') return;
  try {
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
