import type { Migration } from 'kysely';
import * as m001 from './001_icd10cm.js';

/**
 * Every migration, in order. Listed statically (not read from disk) so the compiled package,
 * tests and tsx all see the same set. Append new ones; never edit one that has shipped.
 */
export const migrations: Record<string, Migration> = {
  '001_icd10cm': m001,
};
