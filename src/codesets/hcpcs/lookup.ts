import type { Kysely } from 'kysely';
import type { Database } from '../../store/schema.js';
import { hcpcsReleaseOn } from '../ncci/releases.js';

export interface HcpcsHit {
  kind: 'code' | 'modifier';
  code: string;
  shortDescription: string;
  longDescription: string;
  addedDate: string | null;
  terminationDate: string | null;
  actionCode: string | null;
  /** Whether the code is in effect on the date asked about. */
  inEffect: boolean;
  release: string;
}

/** A HCPCS code or modifier is in effect from its added date through its termination date. */
export const inEffect = (date: string, added: string | null, terminated: string | null) =>
  (added === null || added <= date) && (terminated === null || date <= terminated);

interface HcpcsRow {
  short_description: string;
  long_description: string;
  added_date: string | null;
  termination_date: string | null;
  action_code: string | null;
}

function hit(kind: HcpcsHit['kind'], code: string, r: HcpcsRow, date: string, release: string): HcpcsHit {
  return {
    kind,
    code,
    shortDescription: r.short_description,
    longDescription: r.long_description,
    addedDate: r.added_date,
    terminationDate: r.termination_date,
    actionCode: r.action_code,
    inEffect: inEffect(date, r.added_date, r.termination_date),
    release,
  };
}

/** A HCPCS Level II code (5 characters) or modifier (2 characters); null when unknown. */
export async function lookupHcpcs(
  db: Kysely<Database>,
  input: string,
  date: string,
): Promise<HcpcsHit | null> {
  const release = await hcpcsReleaseOn(db, date);
  if (!release) return null;
  const code = input.trim().toUpperCase();
  if (code.length === 2) {
    const m = await db
      .selectFrom('hcpcs_modifier')
      .selectAll()
      .where('release_id', '=', release.id)
      .where('modifier', '=', code)
      .executeTakeFirst();
    return m ? hit('modifier', m.modifier, m, date, release.effective_from) : null;
  }
  const c = await db
    .selectFrom('hcpcs_code')
    .selectAll()
    .where('release_id', '=', release.id)
    .where('code', '=', code)
    .executeTakeFirst();
  return c ? hit('code', c.code, c, date, release.effective_from) : null;
}

/**
 * Codes whose descriptions contain every word of the query (case-insensitive), codes in effect
 * first, then those matching in the short description, then by code.
 */
export async function searchHcpcs(
  db: Kysely<Database>,
  text: string,
  date: string,
  limit = 20,
): Promise<HcpcsHit[]> {
  const release = await hcpcsReleaseOn(db, date);
  const words = text.toLowerCase().split(/\s+/).filter(Boolean);
  if (!release || words.length === 0) return [];
  let q = db.selectFrom('hcpcs_code').selectAll().where('release_id', '=', release.id);
  for (const w of words) {
    const like = `%${w.replace(/[%_\\]/g, (c) => `\\${c}`)}%`;
    q = q.where((eb) =>
      eb.or([eb('long_description', 'ilike', like), eb('short_description', 'ilike', like)]),
    );
  }
  const rows = await q.execute();
  const hits = rows.map((c) => hit('code', c.code, c, date, release.effective_from));
  const inShort = (h: HcpcsHit) => words.every((w) => h.shortDescription.toLowerCase().includes(w));
  return hits
    .sort(
      (a, b) =>
        Number(b.inEffect) - Number(a.inEffect) ||
        Number(inShort(b)) - Number(inShort(a)) ||
        a.code.localeCompare(b.code),
    )
    .slice(0, limit);
}
