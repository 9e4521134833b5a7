import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCodingEngine } from '../../src/coding/engine.js';
import {
  type EngineThreads,
  engineThreadsFromEnv,
  startEngineThreads,
} from '../../src/coding/engine-threads.js';
import { CodingInputError } from '../../src/coding/errors.js';
import type { CodingEngine, NoteInput } from '../../src/coding/types.js';
import { openStore, type Store } from '../../src/store/index.js';
import { importedStores } from '../support/stores.js';

const NOTES = [
  'Assessment:\n1. Type 2 diabetes mellitus with stage 3 chronic kidney disease.\n2. Essential hypertension.',
  'CC: cough\nAssessment: Community-acquired pneumonia, right lower lobe. COPD.',
  'Assessment: Closed fracture of the left distal radius, initial encounter. Fell from a ladder at home.',
  'FH: Mother had breast cancer.\nAssessment: Major depressive disorder, recurrent, moderate.',
];
const input = (text: string): NoteInput => ({
  text,
  setting: 'outpatient',
  dateOfService: '2023-03-02',
  age: 58,
  sex: 'F',
});

describe.each(importedStores())('coding engine threads on $name', (spec) => {
  let store: Store;
  let threads: EngineThreads;
  let inline: CodingEngine;

  beforeAll(async () => {
    store = await openStore(spec.options);
    [threads, inline] = await Promise.all([
      startEngineThreads(store, { threads: 2 }),
      createCodingEngine(store),
    ]);
  }, 120_000);
  afterAll(async () => {
    await threads?.close();
    await store?.close();
  });

  it('codes exactly as the engine on the calling thread, many notes at once', async () => {
    expect(threads.threads).toBe(2);
    const notes = Array.from({ length: 24 }, (_, i) => NOTES[i % NOTES.length]!);
    const results = await Promise.all(notes.map((n) => threads.code(input(n))));
    for (const [i, r] of results.entries()) {
      const expected = inline.code(input(notes[i]!));
      expect(r.codes.length).toBeGreaterThan(0);
      expect(r).toEqual(expected);
    }
  });

  it('sends one note at a time to each thread in turn, so every thread warms up', async () => {
    const before = threads.sent();
    for (let i = 0; i < 6; i++) await threads.code(input(NOTES[i % NOTES.length]!));
    const after = threads.sent().map((n, i) => n - before[i]!);
    // With the first thread always taking a tie, this was [6, 0].
    expect(after).toEqual([3, 3]);
  });

  it('returns the engine’s input errors as CodingInputError, naming the field', async () => {
    const bad = { ...input('Assessment: asthma'), setting: 'ambulance' } as unknown as NoteInput;
    const err = await threads.code(bad).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CodingInputError);
    expect((err as CodingInputError).field).toBe('setting');
    // The thread is still serving after a bad note.
    expect((await threads.code(input(NOTES[0]!))).codes.length).toBeGreaterThan(0);
  });

  it('refuses notes once closed, and closing twice is harmless', async () => {
    const own = await startEngineThreads(store, { threads: 1 });
    await own.close();
    await own.close();
    await expect(own.code(input(NOTES[1]!))).rejects.toThrow(/no coding engine thread/);
  }, 60_000);
});

describe('MEDCODER_ENGINE_THREADS', () => {
  it('reads a count, defaults to one per core (1-4), and names a bad value', () => {
    expect(engineThreadsFromEnv({ MEDCODER_ENGINE_THREADS: '0' })).toBe(0);
    expect(engineThreadsFromEnv({ MEDCODER_ENGINE_THREADS: '3' })).toBe(3);
    const d = engineThreadsFromEnv({});
    expect(d).toBeGreaterThanOrEqual(1);
    expect(d).toBeLessThanOrEqual(4);
    expect(() => engineThreadsFromEnv({ MEDCODER_ENGINE_THREADS: 'many' })).toThrow(
      /MEDCODER_ENGINE_THREADS.*"many"/,
    );
  });
});
