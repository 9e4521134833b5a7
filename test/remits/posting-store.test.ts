import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { claimHistory, getClaim, saveClaim } from '../../src/claims/store.js';
import { submitClaims } from '../../src/claims/submit.js';
import { applyAckFile } from '../../src/remits/ack-store.js';
import { denialsWorklist } from '../../src/remits/denials.js';
import { PostingRefused } from '../../src/remits/posting.js';
import { postRemittanceFile } from '../../src/remits/posting-store.js';
import type { Store } from '../../src/store/index.js';
import { X12Error } from '../../src/x12/errors.js';
import { professionalClaim, submission } from '../claims/fixtures.js';
import { openScratch, scratchStores } from '../support/stores.js';
import { interchange, remit835 } from './interchange.js';

const by = 'poster';

/** 835 claim loop for professionalClaim(): line 1 99214-25 $150 (L1), line 2 87880 QW 59 $100 x2 (L2). */
function paidClaim(pcn: string, payerNumber: string): string[] {
  return [
    `CLP*${pcn}*1*250*170*30*12*${payerNumber}`,
    'SVC*HC:99214:25*150*120**1',
    'DTM*472*20240301',
    'CAS*CO*45*30',
    'REF*6R*L1',
    // The payer dropped both modifiers: REF*6R still finds our line 2.
    'SVC*HC:87880*100*50**2',
    'DTM*472*20240301',
    'CAS*PR*2*30',
    'CAS*CO*97*20',
    'REF*6R*L2',
    'LQ*HE*M80',
  ];
}

function deniedClaim(pcn: string, payerNumber: string): string[] {
  return [
    `CLP*${pcn}*4*250*0*0*12*${payerNumber}`,
    'SVC*HC:99214:25*150*0**1',
    'CAS*CO*50*150',
    'REF*6R*L1',
    'LQ*HE*N115',
    'SVC*HC:87880:QW:59*100*0**2',
    'CAS*CO*50*100',
    'REF*6R*L2',
  ];
}

describe.each(scratchStores())('posting and acknowledgements ($name)', (spec) => {
  let store: Store;
  const dir = mkdtempSync(join(tmpdir(), 'medcoder-post-'));
  const file = (name: string, text: string) => {
    const p = join(dir, name);
    writeFileSync(p, text);
    return p;
  };
  const submitted = async (pcn: string) => {
    const c = await saveClaim(store.db, professionalClaim({ patientControlNumber: pcn }), by);
    const batch = await submitClaims(store.db, [c.id], submission, { by });
    return { id: c.id, batch };
  };
  beforeAll(async () => {
    store = await openScratch(spec);
  });
  afterAll(async () => {
    await store?.close();
  });

  it('posts an 835 in one go: lines matched, amounts split, state moved; twice changes nothing', async () => {
    const { id } = await submitted('P-1');
    const path = file(
      'pay.835',
      remit835('170', [...paidClaim('P-1', 'PCN-PAY-1'), ...deniedClaim('NOT-OURS', 'X')]),
    );
    const report = await postRemittanceFile(store.db, path, by);
    expect(report).toMatchObject({
      alreadyPosted: false,
      claimsPosted: 1,
      claimsSkipped: 0,
      unknownClaims: ['NOT-OURS'],
      paidCents: 17000,
      denials: 1,
      warnings: [],
    });
    const claim = await getClaim(store.db, id);
    expect(claim).toMatchObject({ status: 'partially_paid', payerClaimNumber: 'PCN-PAY-1' });
    const lines = await store.db
      .selectFrom('line_posting')
      .select(['line_number', 'match_method', 'paid_cents', 'contractual_cents', 'patient_cents', 'denied'])
      .where('claim_id', '=', id)
      .orderBy('line_number')
      .execute();
    expect(lines).toEqual([
      {
        line_number: 1,
        match_method: 'line-control-number',
        paid_cents: 12000,
        contractual_cents: 3000,
        patient_cents: 0,
        denied: false,
      },
      {
        line_number: 2,
        match_method: 'line-control-number',
        paid_cents: 5000,
        contractual_cents: 0,
        patient_cents: 3000,
        denied: true,
      },
    ]);
    const before = await store.db.selectFrom('claim_posting').select('id').execute();
    const again = await postRemittanceFile(store.db, path, by);
    expect(again).toMatchObject({ alreadyPosted: true, claimsPosted: 0 });
    // Same content in a different file (another trace line ending): posting keys skip it.
    const resent = await postRemittanceFile(
      store.db,
      file('pay-again.835', remit835('170', paidClaim('P-1', 'PCN-PAY-1')).replaceAll('~\n', '~\r\n')),
      by,
    );
    expect(resent).toMatchObject({ alreadyPosted: false, claimsPosted: 0, claimsSkipped: 1 });
    expect(await store.db.selectFrom('claim_posting').select('id').execute()).toEqual(before);
    expect((await claimHistory(store.db, id)).filter((h) => h.event === 'adjudicate')).toHaveLength(1);
  });

  it('posts nothing from a file that does not balance or cannot be read', async () => {
    const { id } = await submitted('P-2');
    const unbalanced = paidClaim('P-2', 'PCN-PAY-2').map((s) => (s === 'CAS*CO*45*30' ? 'CAS*CO*45*25' : s));
    // Two claims: the first (ours, balanced) would post; the second's imbalance must stop both.
    const { id: id3 } = await submitted('P-3');
    const text = remit835('340', [...paidClaim('P-3', 'PCN-PAY-3'), ...unbalanced]);
    const err = await postRemittanceFile(store.db, file('bad.835', text), by).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PostingRefused);
    expect((err as PostingRefused).reasons.join('\n')).toMatch(/P-2/);
    const good = remit835('170', paidClaim('P-2', 'PCN-PAY-2'));
    // A wrong SE count is an envelope problem: refused. A file cut short cannot be read: X12Error.
    const miscounted = file('miscounted.835', good.replace(/SE\*\d+/, 'SE*99'));
    await expect(postRemittanceFile(store.db, miscounted, by)).rejects.toThrow(/SE/);
    const truncated = file('broken.835', good.slice(0, good.indexOf('SE*')));
    await expect(postRemittanceFile(store.db, truncated, by)).rejects.toBeInstanceOf(X12Error);
    for (const c of [id, id3]) expect((await getClaim(store.db, c)).status).toBe('submitted');
    expect(
      await store.db.selectFrom('claim_posting').select('id').where('claim_id', 'in', [id, id3]).execute(),
    ).toEqual([]);
    expect(
      await store.db
        .selectFrom('remittance')
        .select('id')
        .where('file_name', 'in', ['bad.835', 'miscounted.835', 'broken.835'])
        .execute(),
    ).toEqual([]);
  });

  it('lists denials on the worklist by group and CARC, and a reversal takes the claim off it', async () => {
    const { id } = await submitted('P-4');
    await postRemittanceFile(
      store.db,
      file('deny.835', remit835('0', deniedClaim('P-4', 'PCN-PAY-4'), 'T-DENY')),
      by,
    );
    expect((await getClaim(store.db, id)).status).toBe('denied');
    const worklist = await denialsWorklist(store.db);
    const co50 = worklist.find((g) => g.group === 'CO' && g.carc === '50')!;
    expect(co50).toMatchObject({
      category: 'medical-necessity',
      groupLabel: 'Contractual obligation',
      count: 2,
      amountCents: 25000,
    });
    expect(co50.items.map((i) => [i.patientControlNumber, i.lineNumber, i.procedureCode, i.rarcs])).toEqual([
      ['P-4', 1, '99214', ['N115']],
      ['P-4', 2, '87880', []],
    ]);
    // P-1's CO 97 (bundled) line from the first test is there too, in its own group.
    expect(worklist.find((g) => g.carc === '97')).toMatchObject({ group: 'CO', count: 1, amountCents: 2000 });
    const reversal = [
      'CLP*P-4*22*-250*0*0*12*PCN-PAY-4',
      'SVC*HC:99214:25*-150*0**-1',
      'CAS*CO*50*-150',
      'REF*6R*L1',
      'SVC*HC:87880:QW:59*-100*0**-2',
      'CAS*CO*50*-100',
      'REF*6R*L2',
    ];
    const r = await postRemittanceFile(store.db, file('reverse.835', remit835('0', reversal, 'T-REV')), by);
    expect(r).toMatchObject({ claimsPosted: 1, denials: 0 });
    expect((await getClaim(store.db, id)).status).toBe('acknowledged');
    expect((await denialsWorklist(store.db)).some((g) => g.items.some((i) => i.claimId === id))).toBe(false);
  });

  it('applies 999 and 277CA acknowledgements to claim states, with reasons, once', async () => {
    const { id: ok, batch } = await submitted('A-1');
    const { id: bad, batch: badBatch } = await submitted('A-2');
    const setNo = (n: number) => String(n).padStart(4, '0');
    const ack999 = (group: number, set: number, code: string, extra: string[] = []) => [
      `AK1*HC*${group}*005010X222A1`,
      `AK2*837*${setNo(set)}*005010X222A1`,
      ...extra,
      `IK5*${code}${code === 'R' ? '*5' : ''}`,
    ];
    const text = interchange(
      '999',
      'FA',
      '005010X231A1',
      [...ack999(batch.group, batch.set, 'A'), 'AK9*A*1*1*1'],
      { sender: 'RCV456' },
    );
    const first = await applyAckFile(store.db, file('ok.999', text), by);
    expect(first.outcomes).toMatchObject([{ kind: '999', claimId: ok, status: 'accepted', applied: true }]);
    expect((await getClaim(store.db, ok)).status).toBe('acknowledged');
    expect(await applyAckFile(store.db, file('ok-again.999', text), by)).toEqual({
      alreadyApplied: true,
      outcomes: [],
    });
    const rejected = interchange(
      '999',
      'FA',
      '005010X231A1',
      [
        ...ack999(badBatch.group, badBatch.set, 'R', ['IK3*CLM*22**8', 'CTX*CLM01:A-2', 'IK4*2*782*1']),
        'AK9*R*1*1*0',
      ],
      { sender: 'RCV456', control: 2 },
    );
    const r = await applyAckFile(store.db, file('bad.999', rejected), by);
    expect(r.outcomes[0]).toMatchObject({ claimId: bad, status: 'rejected', applied: true });
    expect(r.outcomes[0]!.reasons.join(' ')).toMatch(/IK5 5.*CLM at position 22.*IK3 8.*IK4 1.*CLM01:A-2/);
    const bh = await claimHistory(store.db, bad);
    expect(bh.at(-1)).toMatchObject({ from: 'submitted', to: 'rejected', by });
    // 277CA: A-1 accepted into adjudication with the payer's number; an unknown claim is noted.
    const ca = interchange(
      '277',
      'HN',
      '005010X214',
      [
        'BHT*0085*08*B1*20240316*1000*TH',
        'HL*1**20*1',
        'NM1*PR*2*ACME HEALTH*****PI*12345',
        'HL*2*1*21*1',
        'NM1*41*2*GOOD CLINIC BILLING*****46*SUB123',
        'HL*3*2*19*1',
        'NM1*85*2*GOOD CLINIC*****XX*1234567893',
        'HL*4*3*PT',
        'NM1*QC*1*DOE*JILL****MI*W1234567',
        'TRN*2*A-1',
        'STC*A2:20*20240316*WQ*250',
        'REF*1K*PAYER-A1',
        'HL*5*3*PT',
        'NM1*QC*1*ROE*RAY****MI*W7654321',
        'TRN*2*NOPE-9',
        'STC*A7:562:85*20240316*U*100',
      ],
      { sender: 'RCV456', control: 3 },
    );
    const c = await applyAckFile(store.db, file('claims.277', ca), by);
    expect(c.outcomes).toMatchObject([
      { kind: '277CA', reference: 'A-1', claimId: ok, status: 'accepted', applied: true },
      { kind: '277CA', reference: 'NOPE-9', status: 'rejected', applied: false },
    ]);
    expect(c.outcomes[1]!.note).toMatch(/no submitted claim/);
    expect(await getClaim(store.db, ok)).toMatchObject({
      status: 'acknowledged',
      payerClaimNumber: 'PAYER-A1',
    });
    const rows = await store.db
      .selectFrom('acknowledgement')
      .select(['kind', 'status', 'applied'])
      .orderBy('id')
      .execute();
    expect(rows).toEqual([
      { kind: '999', status: 'accepted', applied: true },
      { kind: '999', status: 'rejected', applied: true },
      { kind: '277CA', status: 'accepted', applied: true },
      { kind: '277CA', status: 'rejected', applied: false },
    ]);
  });
});
