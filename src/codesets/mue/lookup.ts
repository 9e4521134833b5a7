import type { Kysely } from 'kysely';
import type { Database } from '../../store/schema.js';
import type { MueService } from '../../store/schema-procedures.js';
import { mueReleaseOn } from '../ncci/releases.js';

export interface MueAnswer {
  service: MueService;
  /** Effective date of the table answered from. */
  release: string;
  mue: number;
  mai: number;
  rationale: string;
}

/** A code's MUE in each service table in effect on the date (practitioner, outpatient, DME). */
export async function lookupMue(db: Kysely<Database>, code: string, date: string): Promise<MueAnswer[]> {
  const out: MueAnswer[] = [];
  for (const service of ['practitioner', 'outpatient', 'dme'] as const) {
    const release = await mueReleaseOn(db, service, date);
    if (!release) continue;
    const row = await db
      .selectFrom('mue_value')
      .select(['mue', 'mai', 'rationale'])
      .where('release_id', '=', release.id)
      .where('code', '=', code.trim().toUpperCase())
      .executeTakeFirst();
    if (row) out.push({ service, release: release.effective_from, ...row });
  }
  return out;
}
