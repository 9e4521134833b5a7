import { createHash, randomBytes } from 'node:crypto';

/**
 * The random draw of an audit sample, reproducible from its seed alone. Every candidate
 * encounter gets the rank sha256(`seed:id`) and the sample is the `size` lowest ranks. So:
 * - the same seed over the same population always draws the same encounters, in the same order,
 *   whatever order the database returned them in;
 * - anyone can re-check a draw with the recorded seed and a shell (`sha256sum` of "seed:id");
 * - a draw is not shifted wholesale by one more encounter in the population: a newcomer joins
 *   the sample only if its own rank is low enough, pushing out at most one other.
 * The seed is chosen by the auditor or, when none is given, 64 random bits from the OS.
 */

export const MAX_SAMPLE = 500;

export function newSeed(): string {
  return randomBytes(8).toString('hex');
}

export function drawRank(seed: string, id: number): string {
  return createHash('sha256').update(`${seed}:${id}`).digest('hex');
}

/** The `size` ids with the lowest ranks, lowest first (all of them when there are fewer). */
export function drawSample(ids: readonly number[], size: number, seed: string): number[] {
  return ids
    .map((id) => ({ id, rank: drawRank(seed, id) }))
    .sort((a, b) => (a.rank < b.rank ? -1 : a.rank > b.rank ? 1 : a.id - b.id))
    .slice(0, Math.max(0, size))
    .map((r) => r.id);
}

/**
 * How many to draw: a count, or a percentage of the population rounded up (an audit of 5% of
 * 30 charts looks at 2, not 1), never more than the population or MAX_SAMPLE.
 */
export function sampleSize(population: number, want: { size?: number; percent?: number }): number {
  const n = want.size ?? Math.ceil((population * (want.percent ?? 0)) / 100 - 1e-9);
  return Math.min(population, n, MAX_SAMPLE);
}

/** A fingerprint of the population drawn from (its ids, sorted), recorded with the sample. */
export function populationHash(ids: readonly number[]): string {
  return createHash('sha256')
    .update([...ids].sort((a, b) => a - b).join(','))
    .digest('hex');
}
