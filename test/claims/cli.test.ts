import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { register as registerClaim } from '../../src/cli/commands/claim.js';
import { register as registerX12 } from '../../src/cli/commands/x12.js';
import { parseX12 } from '../../src/x12/reader.js';
import { evalX12 } from '../remits/support.js';
import { institutionalClaim, professionalClaim, submission } from './fixtures.js';
import { cliOnImportedStore, runCli } from './run-cli.js';

const run = (...args: string[]) => runCli([registerX12, registerClaim], ...args);

afterEach(() => {
  process.exitCode = undefined;
});

describe('medcoder x12 parse', () => {
  it('summarises a file and reports 835 imbalances with exit code 2', async () => {
    const bcbs = evalX12('edi-835-parser/blue_cross_nc_sample.txt');
    // Its SE01 is off by one: an error by default, listed as a problem with --lenient.
    await expect(run('x12', 'parse', bcbs)).rejects.toThrow(
      /SE01 says "33" segments, the transaction set has 32$/,
    );
    const out = await run('x12', 'parse', '--lenient', bcbs);
    expect(out[0]).toBe(
      '835 1234 (no implementation reference): 0 claims, 0 service lines, 0 PLB adjustments, paid 1922.86',
    );
    expect(out.slice(1)).toEqual([
      expect.stringMatching(/! .*segment 32 SE \(SE01\), char 692: SE01 says "33" segments/),
      '  ! segment 28 SVC (SVC02), char 623: SVC02 charge is missing',
      '  ! segment 2: claims paid 0 − provider adjustments 0 = 0, but BPR02 total is 1922.86',
      '1 transaction sets, 3 problems',
    ]);
    expect(process.exitCode).toBe(2);
    // 4010 is refused, naming the version.
    await expect(
      run(
        'x12',
        'parse',
        evalX12(
          'oopfactory-x12parser/OopFactory.X12.Tests.Unit/Parsing/_SampleEdiFiles/INS/_835/_4010/Example1_GripElements.txt',
        ),
      ),
    ).rejects.toThrow(/GS08 version "004010X091A1" is not X12 005010/);
  });

  it('prints one JSON object per transaction set', async () => {
    const out = await run(
      'x12',
      'parse',
      '--json',
      evalX12('imsweb-x12-parser/837_5010/x12_999_rejected.txt'),
    );
    expect(out).toHaveLength(1);
    expect(JSON.parse(out[0]!)).toMatchObject({
      type: '999',
      data: { status: 'rejected', groupControlNumber: '28' },
    });
  });
});

describe('medcoder claim build', () => {
  // The claim check needs the code sets.
  cliOnImportedStore();

  it('writes 837P and 837I files with control numbers from the store, and refuses invalid claims', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'medcoder-claim-'));
    const sub = { ...submission, timestamp: undefined };
    writeFileSync(join(dir, 'p.json'), JSON.stringify({ submission: sub, claims: [professionalClaim()] }));
    writeFileSync(join(dir, 'i.json'), JSON.stringify({ submission: sub, claims: [institutionalClaim()] }));
    const onTime = ['--today', '2024-03-05'];
    await run(
      'claim',
      'build',
      join(dir, 'p.json'),
      '--format',
      '837p',
      '--out',
      join(dir, 'p.837'),
      ...onTime,
    );
    await run(
      'claim',
      'build',
      join(dir, 'i.json'),
      '--format',
      '837I',
      '--out',
      join(dir, 'i.837'),
      ...onTime,
    );
    const [p] = parseX12(readFileSync(join(dir, 'p.837')), { strict: true });
    const [i] = parseX12(readFileSync(join(dir, 'i.837')), { strict: true });
    expect([p!.implementation, i!.implementation]).toEqual(['005010X222A1', '005010X223A2']);
    expect(Number(i!.interchange!.controlNumber)).toBeGreaterThan(Number(p!.interchange!.controlNumber));
    await expect(run('claim', 'build', join(dir, 'p.json'), '--format', '837i', ...onTime)).rejects.toThrow(
      /claim PCN-1001 is professional; --format 837i needs institutional/,
    );
    writeFileSync(join(dir, 'bad.json'), JSON.stringify(professionalClaim({ totalChargeCents: 1 })));
    await expect(run('claim', 'build', join(dir, 'bad.json'), '--format', '837p', ...onTime)).rejects.toThrow(
      /totalChargeCents: is 1 but the lines add up to 25000/,
    );
  });
});
