import { MessageChannel } from 'node:worker_threads';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answerForwardedQueries, forwardedStore } from '../../src/store/forwarded.js';
import type { Store } from '../../src/store/index.js';
import { openScratch, scratchStores } from '../support/stores.js';

describe.each(scratchStores())('forwarded store on $name', (spec) => {
  let owner: Store;
  let channel: MessageChannel;
  let forwarded: Store;

  beforeAll(async () => {
    owner = await openScratch(spec);
    await sql`CREATE TABLE fwd_t (id int PRIMARY KEY, day date, n bigint, doc jsonb)`.execute(owner.db);
    await sql`INSERT INTO fwd_t VALUES (1, '2024-02-29', 12, '{"a":[1,2]}'), (2, NULL, NULL, NULL)`.execute(
      owner.db,
    );
    channel = new MessageChannel();
    answerForwardedQueries(owner, channel.port1);
    forwarded = forwardedStore(channel.port2, { kind: owner.kind, location: owner.location });
  });
  afterAll(async () => {
    await forwarded?.close();
    channel?.port1.close();
    await owner?.close();
  });

  it('answers statements with the owner store’s rows and value types', async () => {
    const { rows } = await sql<{ id: number; day: string | null; n: number | null; doc: unknown }>`
      SELECT * FROM fwd_t WHERE id >= ${1} ORDER BY id`.execute(forwarded.db);
    expect(rows).toEqual([
      { id: 1, day: '2024-02-29', n: 12, doc: { a: [1, 2] } },
      { id: 2, day: null, n: null, doc: null },
    ]);
    expect(forwarded.location).toMatch(/forwarded/);
  });

  it('passes the owner’s errors back, and refuses transactions', async () => {
    await expect(sql`SELECT * FROM fwd_missing`.execute(forwarded.db)).rejects.toThrow(/fwd_missing/);
    await expect(forwarded.db.transaction().execute(async () => 1)).rejects.toThrow(
      /transactions are not supported/,
    );
    // The owner's store is untouched and still answers.
    const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM fwd_t`.execute(forwarded.db);
    expect(rows[0]!.n).toBe(2);
  });
});
