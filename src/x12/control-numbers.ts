import { X12Error } from './errors.js';
import type { EnvelopeNumbers } from './writer.js';

/**
 * Hands out ISA13/GS06/ST02 control numbers. Payers reject an interchange whose ISA13 they have
 * already seen from the sender, so numbers must survive restarts: the store-backed source
 * (store-control-numbers.ts) keeps the one counter every 837 draws from, `claim build` and
 * `claim submit` alike; the in-memory one is for tests.
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
