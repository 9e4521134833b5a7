import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { register as registerClaim } from '../../src/cli/commands/claim.js';
import { register as registerRemit } from '../../src/cli/commands/remit.js';
import { openStore } from '../../src/store/index.js';
import { parseX12 } from '../../src/x12/reader.js';
import { remit835 } from '../remits/interchange.js';
import { professionalClaim, submission } from './fixtures.js';
import { cliOnImportedStore, runCli } from './run-cli.js';

/**
 * The CLI's claim paths run the one claim check (code-set diagnoses, scrubber gate) against the
 * store named by the environment; here a private copy of the imported test store (PGlite), so
 * the code sets are there and every write is thrown away.
 */
const run = (...args: string[]) => runCli([registerClaim, registerRemit], ...args);
const dir = mkdtempSync(join(tmpdir(), 'medcoder-cli-gate-'));
const dataDir = cliOnImportedStore();

// Without the other payer: these tests are about the gate, not coordination of benefits.
const claimFor = (patientControlNumber: string, more: Parameters<typeof professionalClaim>[0] = {}) =>
  professionalClaim({ patientControlNumber, otherPayers: undefined, ...more });

function claimFile(name: string, claims: unknown[]): string {
  const path = join(dir, name);
  writeFileSync(path, JSON.stringify({ submission: { ...submission, timestamp: undefined }, claims }));
  return path;
}

/** What the CLI's writes touch, to prove a refusal changed nothing. */
async function snapshot() {
  const store = await openStore({ dataDir });
  try {
    const rows = async (table: 'claim' | 'claim_batch' | 'claim_scrub_override' | 'x12_control_counter') =>
      store.db.selectFrom(table).selectAll().execute();
    return {
      claims: await rows('claim'),
      batches: await rows('claim_batch'),
      overrides: await rows('claim_scrub_override'),
      counters: await rows('x12_control_counter'),
      audit: (await store.db.selectFrom('audit_log').select('id').execute()).length,
    };
  } finally {
    await store.close();
  }
}

async function auditEntries(action: string) {
  const store = await openStore({ dataDir });
  try {
    return await store.db
      .selectFrom('audit_log')
      .select(['username', 'entity_id', 'detail'])
      .where('action', '=', action)
      .orderBy('id')
      .execute();
  } finally {
    await store.close();
  }
}

const onTime = ['--today', '2024-03-05'];

/** The error a command failed with (the test fails if it succeeded). */
async function failure(command: Promise<unknown>): Promise<Error> {
  const outcome = await command.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(outcome).toBeInstanceOf(Error);
  return outcome as Error;
}

describe('medcoder claim build|save|submit: one claim check, the scrubber gate, one control-number counter', () => {
  it('refuses a header code and a code missing its 7th character (HI*ABK:E11*ABF:S52531), writing nothing', async () => {
    const bad = claimFile('header.json', [claimFor('DX-1', { diagnoses: ['E11', 'S52.531'] })]);
    const before = await snapshot();
    const out = join(dir, 'header.837');
    for (const cmd of [
      ['build', bad, '--format', '837p', '--out', out],
      ['save', bad],
    ]) {
      const err = await failure(run('claim', ...cmd, ...onTime));
      expect(err.message).toMatch(/nothing written: claim DX-1: /);
      expect(err.message).not.toContain('\n');
      expect(err.message).toMatch(/diagnoses\[0\]: E11 is not billable on 2024-03-01/);
      expect(err.message).toMatch(
        /diagnoses\[1\]: S52531 is not billable on 2024-03-01: S52.531 needs a 7th character/,
      );
    }
    // Bad flags are named before anything is opened.
    await expect(run('claim', 'save', bad, '--today', '2024-02-30')).rejects.toThrow(
      /--today must be a date \(YYYY-MM-DD\), not 2024-02-30/,
    );
    await expect(run('claim', 'save', bad, '--timely-filing-days', 'soon')).rejects.toThrow(
      /--timely-filing-days must be a number of days, not soon/,
    );
    expect(existsSync(out)).toBe(false);
    expect(await snapshot()).toEqual(before);
  });

  it('refuses a claim filed 644 days after the visit until an override names who and why', async () => {
    const late = claimFile('late.json', [claimFor('LATE-1')]);
    const out = join(dir, 'late.837');
    const before = await snapshot();
    const refused = await failure(
      run('claim', 'build', late, '--format', '837p', '--out', out, '--today', '2025-12-05'),
    );
    expect(refused.message).toMatch(/claim LATE-1 has scrubber errors \(HYG-TIMELY-FILING: /);
    await expect(run('claim', 'save', late, '--today', '2025-12-05')).rejects.toThrow(/HYG-TIMELY-FILING/);
    // An override must name who.
    await expect(
      run('claim', 'save', late, '--today', '2025-12-05', '--override', 'retro eligibility'),
    ).rejects.toThrow(/--override needs --by/);
    expect(existsSync(out)).toBe(false);
    expect(await snapshot()).toEqual(before);

    const [line] = await run(
      'claim',
      'save',
      late,
      '--today',
      '2025-12-05',
      '--override',
      'retroactive eligibility; proof on file',
      '--by',
      'ana',
    );
    const id = /^claim (\d+) LATE-1 validated$/.exec(line!)![1]!;
    const [entry] = await auditEntries('scrub-override');
    expect(entry).toMatchObject({ username: 'ana', entity_id: id });
    expect(JSON.parse(entry!.detail)).toMatchObject({
      stage: 'validate',
      by: 'ana',
      reason: 'retroactive eligibility; proof on file',
      rules: ['HYG-TIMELY-FILING'],
    });
    // Submitting the same claim honours the override; an edited claim would not.
    const sent = join(dir, 'late-sent.837');
    const [batch] = await run(
      'claim',
      'submit',
      id,
      '--out',
      sent,
      '--submission',
      late,
      '--today',
      '2025-12-06',
    );
    expect(batch).toMatch(/^batch \d+: 1 claims/);
  });

  it('refuses to submit a stored claim that has run out of time, until overridden; nothing written', async () => {
    const file = claimFile('stale.json', [claimFor('STALE-1')]);
    const [line] = await run('claim', 'save', file, ...onTime, '--by', 'ana');
    const id = /^claim (\d+)/.exec(line!)![1]!;
    const out = join(dir, 'stale.837');
    const before = await snapshot();
    await expect(
      run('claim', 'submit', id, '--out', out, '--submission', file, '--today', '2025-06-01'),
    ).rejects.toThrow(/claim STALE-1 has scrubber errors \(HYG-TIMELY-FILING/);
    expect(existsSync(out)).toBe(false);
    expect(await snapshot()).toEqual(before);
    await run(
      'claim',
      'submit',
      id,
      '--out',
      out,
      '--submission',
      file,
      '--today',
      '2025-06-01',
      '--override',
      'payer extension letter 2025-05-20',
      '--by',
      'bo',
    );
    expect(readFileSync(out, 'utf8')).toContain('CLM*STALE-1*');
    const after = await snapshot();
    expect(after.overrides.filter((o) => o.claim_id === Number(id))).toMatchObject([
      { stage: 'submit', by_whom: 'bo' },
    ]);
  });

  it('refuses a second claim with a used patient control number, and a file repeating one, writing nothing', async () => {
    await run('claim', 'save', claimFile('first.json', [claimFor('PCN-DUP')]), ...onTime);
    const before = await snapshot();
    const again = await failure(
      run('claim', 'save', claimFile('again.json', [claimFor('PCN-DUP')]), ...onTime),
    );
    expect(again.message).toMatch(
      /nothing written: claim PCN-DUP: patientControlNumber: PCN-DUP is already claim \d+'s/,
    );
    expect(again.message).not.toContain('\n');
    await expect(
      run('claim', 'save', claimFile('twice.json', [claimFor('PCN-NEW'), claimFor('PCN-NEW')]), ...onTime),
    ).rejects.toThrow(/PCN-NEW is already claim/);
    expect(await snapshot()).toEqual(before);
  });

  it('claim build and claim submit draw ISA13 from one store counter; an old counter file is adopted', async () => {
    writeFileSync(join(dataDir, 'x12-control-numbers.json'), JSON.stringify({ SUB123: 500 }));
    const built = join(dir, 'built.837');
    await run(
      'claim',
      'build',
      claimFile('b.json', [claimFor('CTR-1')]),
      '--format',
      '837p',
      '--out',
      built,
      ...onTime,
    );
    const [b] = parseX12(readFileSync(built), { strict: true });
    expect(Number(b!.interchange!.controlNumber)).toBe(501);
    expect(existsSync(join(dataDir, 'x12-control-numbers.json'))).toBe(false);
    expect(existsSync(join(dataDir, 'x12-control-numbers.json.adopted'))).toBe(true);

    const file = claimFile('s.json', [claimFor('CTR-2')]);
    const id = /^claim (\d+)/.exec((await run('claim', 'save', file, ...onTime))[0]!)![1]!;
    const sent = join(dir, 'sent.837');
    const [line] = await run('claim', 'submit', id, '--out', sent, '--submission', file, ...onTime);
    const isa = Number(/ISA13 (\d+)/.exec(line!)![1]);
    expect(isa).toBeGreaterThan(503);
    const built2 = join(dir, 'built2.837');
    await run(
      'claim',
      'build',
      claimFile('b2.json', [claimFor('CTR-3')]),
      '--format',
      '837p',
      '--out',
      built2,
      ...onTime,
    );
    const [b2] = parseX12(readFileSync(built2), { strict: true });
    expect(Number(b2!.interchange!.controlNumber)).toBeGreaterThan(isa);
    const { batches } = await snapshot();
    const isa13s = batches.filter((x) => x.sender_id === 'SUB123').map((x) => x.interchange_control);
    expect(new Set(isa13s).size).toBe(isa13s.length);
  });

  it('lists a held duplicate payment and resolves it from the CLI, audit-logged', async () => {
    const file = claimFile('held.json', [claimFor('HELD-1')]);
    const id = /^claim (\d+)/.exec((await run('claim', 'save', file, ...onTime))[0]!)![1]!;
    await run('claim', 'submit', id, '--out', join(dir, 'held.837'), '--submission', file, ...onTime);
    const pay = (icn: string, trace: string) => {
      const p = join(dir, `${icn}.835`);
      writeFileSync(
        p,
        remit835(
          '250',
          [
            `CLP*HELD-1*1*250*250*0*12*${icn}`,
            'SVC*HC:99214:25*150*150**1',
            'REF*6R*L1',
            'SVC*HC:87880:QW:59*100*100**2',
            'REF*6R*L2',
          ],
          trace,
        ),
      );
      return p;
    };
    await run('remit', 'post', pay('ICN-1', 'T1'));
    await run('remit', 'post', pay('ICN-2', 'T2'));
    const held = await run('claim', 'held');
    expect(held).toHaveLength(1);
    expect(held[0]).toMatch(
      new RegExp(`^posting (\\d+): claim ${id} HELD-1, 250 under ICN-2: .*may be a duplicate`),
    );
    const postingId = /^posting (\d+)/.exec(held[0]!)![1]!;
    expect((await run('claim', 'show', id)).at(-1)).toMatch(`held payment ${postingId}`);
    await expect(
      run('claim', 'resolve-payment', postingId, '--decision', 'maybe', '--reason', 'x', '--by', 'bo'),
    ).rejects.toThrow(/accept or reject/);
    expect(
      await run(
        'claim',
        'resolve-payment',
        postingId,
        '--decision',
        'reject',
        '--reason',
        'paid twice',
        '--by',
        'bo',
      ),
    ).toEqual([`posting ${postingId} (claim ${id}) rejected`]);
    expect(await run('claim', 'held')).toEqual(['no held payments']);
    await expect(
      run('claim', 'resolve-payment', postingId, '--decision', 'accept', '--reason', 'x', '--by', 'bo'),
    ).rejects.toThrow(/only a held payment can be resolved/);
    expect(await auditEntries('reject-held-payment')).toMatchObject([{ username: 'bo', entity_id: id }]);
  });
});
