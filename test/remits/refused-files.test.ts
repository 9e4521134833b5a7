import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getClaim, saveClaim } from '../../src/claims/store.js';
import { submitClaims } from '../../src/claims/submit.js';
import { AckRefused, applyAckFile } from '../../src/remits/ack-store.js';
import { postRemittanceFile } from '../../src/remits/posting-store.js';
import type { Store } from '../../src/store/index.js';
import { X12Error } from '../../src/x12/errors.js';
import { professionalClaim, submission } from '../claims/fixtures.js';
import { openScratch, scratchStores } from '../support/stores.js';
import { ack999, ca277 } from './ack-fixtures.js';
import { remit835 } from './interchange.js';

const by = 'reader';

/** The 835 claim loop for professionalClaim(), balanced: $250 billed, $170 paid. */
const paid = (pcn: string) => [
  `CLP*${pcn}*1*250*170*30*12*PAYER-${pcn}`,
  'SVC*HC:99214:25*150*120**1',
  'CAS*CO*45*30',
  'REF*6R*L1',
  'SVC*HC:87880*100*50**2',
  'CAS*PR*2*30',
  'CAS*CO*97*20',
  'REF*6R*L2',
];

/**
 * Files that are bad only in their envelope, version or completeness: each is refused with one
 * line, and the store is exactly as it was (no remittance or ack_file row, no claim moved).
 */
describe.each(scratchStores())('refused X12 files change nothing ($name)', (spec) => {
  let store: Store;
  const dir = mkdtempSync(join(tmpdir(), 'medcoder-refused-'));
  const file = (name: string, text: string) => {
    const p = join(dir, name);
    writeFileSync(p, text);
    return p;
  };
  const snapshot = async () => {
    const count = async (table: 'remittance' | 'claim_posting' | 'ack_file' | 'acknowledgement') =>
      Number(
        (
          await store.db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const claims = await store.db.selectFrom('claim').select(['id', 'status']).orderBy('id').execute();
    return {
      remittances: await count('remittance'),
      postings: await count('claim_posting'),
      ackFiles: await count('ack_file'),
      acks: await count('acknowledgement'),
      claims,
    };
  };
  let batch: { group: number; set: number };
  beforeAll(async () => {
    store = await openScratch(spec);
    for (const pcn of ['R-1', 'R-2']) {
      const c = await saveClaim(store.db, professionalClaim({ patientControlNumber: pcn }), by);
      batch = await submitClaims(store.db, [c.id], submission, { by });
    }
  });
  afterAll(async () => {
    await store?.close();
  });

  const good835 = () => remit835('170', paid('R-1'));
  it.each([
    ['no IEA', () => good835().replace(/IEA\*[^~]*~\n$/, ''), /interchange 000000001 has no IEA$/],
    [
      'no GE and no IEA',
      () => good835().replace(/GE\*[^~]*~\nIEA\*[^~]*~\n$/, ''),
      /functional group 1 has no GE$/,
    ],
    [
      'a wrong GE01 count',
      () => good835().replace('GE*1*1', 'GE*2*1'),
      /GE01 says "2" transaction sets, found 1$/,
    ],
    [
      'a wrong IEA01 count',
      () => good835().replace('IEA*1*', 'IEA*3*'),
      /IEA01 says "3" functional groups, found 1$/,
    ],
    [
      'a 4010 version',
      () =>
        good835()
          .replace('*X*005010X221A1', '*X*004010X091A1')
          .replace('ST*835*0001*005010X221A1', 'ST*835*0001'),
      /GS08 version "004010X091A1" is not X12 005010: transaction set 0001 \(835\) cannot be read, only 5010 is supported$/,
    ],
  ])('remit post refuses an 835 with %s', async (_name, text, message) => {
    const before = await snapshot();
    const path = file('bad.835', text());
    const refused = postRemittanceFile(store.db, path, by);
    await expect(refused).rejects.toThrow(X12Error);
    await expect(postRemittanceFile(store.db, path, by)).rejects.toThrow(message);
    expect(await snapshot()).toEqual(before);
  });

  it('ack read refuses a truncated 999 (cut after IK5): error, no ack_file row', async () => {
    const whole = ack999(
      [
        `AK1*HC*${batch.group}*005010X222A1`,
        `AK2*837*${String(batch.set).padStart(4, '0')}`,
        'IK5*A',
        'AK9*A*1*1*1',
      ],
      { sender: 'RCV456' },
    );
    const before = await snapshot();
    const cut = whole.slice(0, whole.indexOf('AK9'));
    await expect(applyAckFile(store.db, file('cut.999', cut), by)).rejects.toThrow(
      /cut\.999, segment \d+, char \d+: transaction set 0001 has no SE$/,
    );
    // Cut after SE: the group and interchange never close.
    const afterSe = whole.slice(0, whole.indexOf('GE*'));
    await expect(applyAckFile(store.db, file('after-se.999', afterSe), by)).rejects.toThrow(
      /functional group 1 has no GE$/,
    );
    // A complete envelope around a 999 that lost its AK9.
    const noAk9 = ack999([`AK1*HC*${batch.group}*005010X222A1`, 'AK2*837*0001', 'IK5*A'], {
      sender: 'RCV456',
    });
    const refused = applyAckFile(store.db, file('no-ak9.999', noAk9), by);
    await expect(refused).rejects.toThrow(AckRefused);
    await expect(applyAckFile(store.db, file('no-ak9.999', noAk9), by)).rejects.toThrow(
      /no-ak9\.999: acknowledgements not applied: 999 0001: no AK9 functional group response \(truncated acknowledgment\?\)$/,
    );
    expect(await snapshot()).toEqual(before);
    // The whole file applies.
    const applied = await applyAckFile(store.db, file('whole.999', whole), by);
    expect(applied.outcomes).toMatchObject([{ kind: '999', status: 'accepted', applied: true }]);
  });

  it('ack read refuses a 277CA with a bad STC02 date in one claim, naming it; nothing applied', async () => {
    const before = await snapshot();
    const text = ca277(
      [
        ['R-1', 'STC*A2:20*20240316*WQ*250'],
        ['R-2', 'STC*A2:20*2024031*WQ*250'],
      ],
      { sender: 'RCV456', control: 5 },
    );
    await expect(applyAckFile(store.db, file('bad-date.277', text), by)).rejects.toThrow(
      /bad-date\.277: acknowledgements not applied: claim R-2: segment \d+ STC \(STC02\), char \d+: date "2024031" is not a valid CCYYMMDD date$/,
    );
    expect(await snapshot()).toEqual(before);
    const claims = await store.db.selectFrom('claim').select('id').orderBy('id').execute();
    for (const c of claims) expect((await getClaim(store.db, c.id)).status).not.toBe('rejected');
  });
});
