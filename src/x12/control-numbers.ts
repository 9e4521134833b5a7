import { X12Error } from './errors.js';
import type { EnvelopeNumbers } from './writer.js';

/**
 * Hands out ISA13/GS06/ST02 control numbers. Payers reject an interchange whose ISA13 they have
 * already seen from the sender, so numbers must survive restarts: the store-backed source keeps
 * them in the database; the in-memory one is for tests and one-off files.
 */
export interface ControlNumberSource {
  /** Allocates the numbers for one interchange holding `sets` transaction sets. */
  allocate(sender: string, sets: number): Promise<EnvelopeNumbers>;
}

/** Control numbers cycle within 1..999,999,999 (9 digits). */
export const MAX_CONTROL_NUMBER = 999_999_999;

/** In-memory counters per sender, starting after `start`. */
export class MemoryControlNumbers implements ControlNumberSource {
  private readonly last = new Map<string, number>();
  constructor(private readonly start = 0) {}

  async allocate(sender: string, sets: number): Promise<EnvelopeNumbers> {
    if (!Number.isInteger(sets) || sets < 1)
      throw new X12Error(`cannot allocate control numbers for ${sets} sets`);
    const base = this.last.get(sender) ?? this.start;
    // Interchange, group and sets draw from one sequence so every number in a file is distinct.
    const numbers = Array.from({ length: sets + 2 }, (_, i) => ((base + i) % MAX_CONTROL_NUMBER) + 1);
    this.last.set(sender, (base + sets + 2) % MAX_CONTROL_NUMBER);
    return { interchange: numbers[0]!, group: numbers[1]!, sets: numbers.slice(2) };
  }
}

/**
 * Control numbers kept in a small JSON file ({ sender: last number }), so files written by the
 * CLI on one machine never repeat an ISA13. A lock file (created exclusively) serialises
 * concurrent writers; the state is replaced atomically by rename.
 */
export class FileControlNumbers implements ControlNumberSource {
  constructor(private readonly path: string) {}

  async allocate(sender: string, sets: number): Promise<EnvelopeNumbers> {
    const { mkdir, open, readFile, rename, rm, writeFile } = await import('node:fs/promises');
    const { dirname } = await import('node:path');
    await mkdir(dirname(this.path), { recursive: true });
    const lock = `${this.path}.lock`;
    for (let attempt = 0; ; attempt++) {
      try {
        await (await open(lock, 'wx')).close();
        break;
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EEXIST' || attempt >= 100) {
          throw new X12Error(`cannot lock ${lock} for control numbers: ${(e as Error).message}`);
        }
        await new Promise((r) => setTimeout(r, 20));
      }
    }
    try {
      let state: Record<string, number> = {};
      try {
        state = JSON.parse(await readFile(this.path, 'utf8')) as Record<string, number>;
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'ENOENT') {
          throw new X12Error(`control number file ${this.path} is unreadable: ${(e as Error).message}`);
        }
      }
      const memory = new MemoryControlNumbers(Number(state[sender] ?? 0));
      const numbers = await memory.allocate(sender, sets);
      state[sender] = numbers.sets[numbers.sets.length - 1]!;
      await writeFile(`${this.path}.tmp`, JSON.stringify(state, null, 2));
      await rename(`${this.path}.tmp`, this.path);
      return numbers;
    } finally {
      await rm(lock, { force: true });
    }
  }
}
