import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { register as registerAck } from '../../src/cli/commands/ack.js';
import { register as registerClaim } from '../../src/cli/commands/claim.js';
import { register as registerRemit } from '../../src/cli/commands/remit.js';
import { interchange, remit835 } from '../remits/interchange.js';
import { institutionalClaim, professionalClaim, submission } from './fixtures.js';
import { cliOnImportedStore, runCli } from './run-cli.js';

const run = (...args: string[]) => runCli([registerClaim, registerRemit, registerAck], ...args);

// The CLI opens the store named by the environment; the claim check needs the code sets.
const dir = mkdtempSync(join(tmpdir(), 'medcoder-cli-billing-'));
const onTime = ['--today', '2024-03-05'];
cliOnImportedStore();

describe('medcoder claim save|submit|show, ack read, remit post|denials, claim build --format pdf', () => {
  it('takes a claim from JSON to a posted 835 and the denials worklist', async () => {
    const claimFile = join(dir, 'claim.json');
    writeFileSync(
      claimFile,
      JSON.stringify({ submission, claims: [professionalClaim({ patientControlNumber: 'CLI-1' })] }),
    );
    const [savedLine] = await run('claim', 'save', claimFile, '--by', 'ana', ...onTime);
    expect(savedLine).toMatch(/^claim (\d+) CLI-1 validated$/);
    const id = /^claim (\d+)/.exec(savedLine!)![1]!;
    const out837 = join(dir, 'batch.837');
    const [batchLine] = await run(
      'claim',
      'submit',
      id,
      '--out',
      out837,
      '--submission',
      claimFile,
      '--by',
      'ana',
      ...onTime,
    );
    const group = /GS06 (\d+)/.exec(batchLine!)![1]!;
    const set = /ST02 (\d+)/.exec(batchLine!)![1]!;
    expect(readFileSync(out837, 'utf8')).toContain('CLM*CLI-1*250***11:B:1*');
    const ack = join(dir, 'ack.999');
    writeFileSync(
      ack,
      interchange('999', 'FA', '005010X231A1', [
        `AK1*HC*${group}*005010X222A1`,
        `AK2*837*${set.padStart(4, '0')}*005010X222A1`,
        'IK5*A',
        'AK9*A*1*1*1',
      ]),
    );
    expect(await run('ack', 'read', ack)).toEqual([`999 GS06 ${group} ST02 ${set}: claim ${id} accepted`]);
    const remit = join(dir, 'pay.835');
    writeFileSync(
      remit,
      remit835('150', [
        'CLP*CLI-1*1*250*150*0*12*PAYER-CLI-1',
        'SVC*HC:99214:25*150*150**1',
        'REF*6R*L1',
        'SVC*HC:87880:QW:59*100*0**2',
        'CAS*CO*16*100',
        'REF*6R*L2',
        'LQ*HE*M51',
      ]),
    );
    const [posted] = await run('remit', 'post', remit);
    expect(posted).toMatch(/1 claims posted, 0 already posted, paid 150, 1 denied line adjustments/);
    expect(await run('remit', 'post', remit)).toEqual([`${remit}: already posted; nothing changed`]);
    const worklist = await run('remit', 'denials');
    expect(worklist[0]).toMatch(
      /^CO-16 \(missing-information\) 1 lines, 100: Claim\/service lacks information/,
    );
    expect(worklist[1]).toMatch(new RegExp(`claim ${id} CLI-1 line 2 87880 100 \\[M51\\]`));
    const show = await run('claim', 'show', id);
    expect(show[0]).toBe(`claim ${id} CLI-1 (frequency 1) partially_paid, payer claim PAYER-CLI-1`);
    expect(show.slice(1).map((l) => l.replace(/^\s+\S+ /, ''))).toEqual([
      '- → draft (create) by ana',
      'draft → validated (validate) by ana',
      'validated → submitted (submit) by ana',
      `submitted → acknowledged (accept) by cli:${userInfo().username}`,
      expect.stringMatching(
        /^acknowledged → partially_paid \(adjudicate\) by cli:.*: 835 claim PAYER-CLI-1$/,
      ),
    ]);
  }, 60_000);

  it('writes a CMS-1500 PDF and refuses an institutional claim for it', async () => {
    const claimFile = join(dir, 'pdf.json');
    writeFileSync(
      claimFile,
      JSON.stringify([professionalClaim(), professionalClaim({ patientControlNumber: 'P2' })]),
    );
    const pdf = join(dir, 'claims.pdf');
    await run('claim', 'build', claimFile, '--format', 'pdf', '--out', pdf, ...onTime);
    expect((await PDFDocument.load(readFileSync(pdf))).getPageCount()).toBe(2);
    writeFileSync(claimFile, JSON.stringify(institutionalClaim()));
    await expect(run('claim', 'build', claimFile, '--format', 'pdf', ...onTime)).rejects.toThrow(
      /needs professional/,
    );
  });

  it('exports FHIR Claim JSON and posts a FHIR EOB with remit post', async () => {
    const claimFile = join(dir, 'fhir.json');
    writeFileSync(claimFile, JSON.stringify(professionalClaim({ patientControlNumber: 'CLI-1' })));
    const out = join(dir, 'claim.fhir.json');
    await run('claim', 'build', claimFile, '--format', 'fhir', '--out', out, ...onTime);
    const resource = JSON.parse(readFileSync(out, 'utf8'));
    expect(resource).toMatchObject({
      resourceType: 'Claim',
      id: 'CLI-1',
      total: { value: 250, currency: 'USD' },
    });
    const eob = join(dir, 'eob.json');
    const adj = (code: string, value: number) => ({ category: { coding: [{ code }] }, amount: { value } });
    writeFileSync(
      eob,
      JSON.stringify({
        resourceType: 'ExplanationOfBenefit',
        id: 'EOB-CLI',
        identifier: [{ value: 'PAYER-CLI-1' }],
        claim: { reference: 'Claim/CLI-1' },
        insurer: { display: 'ACME HEALTH' },
        item: [
          {
            sequence: 1,
            productOrService: { coding: [{ code: '99214' }] },
            servicedDate: '2024-03-01',
            adjudication: [adj('submitted', 150), adj('benefit', 150)],
          },
          {
            sequence: 2,
            productOrService: { coding: [{ code: '87880' }] },
            servicedDate: '2024-03-01',
            adjudication: [adj('submitted', 100), adj('benefit', 100)],
          },
        ],
      }),
    );
    const [posted] = await run('remit', 'post', eob);
    expect(posted).toMatch(/1 claims posted, 0 already posted, paid 250, 0 denied/);
  }, 30_000);
});
