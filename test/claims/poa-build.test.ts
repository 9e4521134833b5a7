import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ClaimInput } from '../../src/claims/model.js';
import { poaExemptFileFor } from '../../src/claims/poa-exempt.js';
import { register as registerClaim } from '../../src/cli/commands/claim.js';
import { codesetsDir } from '../../src/config.js';
import { parseX12 } from '../../src/x12/reader.js';
import { codesetFile } from '../support/stores.js';
import { submission } from './fixtures.js';
import { inpatientForPrimary } from './inpatient-fixture.js';
import { cliOnImportedStore, runCli } from './run-cli.js';

/*
 * The CMS POA-exempt list in the claim build: `claim build` checks an inpatient 837I's
 * present-on-admission indicators against it (005010X223A2 2300 HI0x-9): an exempt code is
 * reported blank, every other diagnosis of a type of bill 11x claim needs Y, N, U or W.
 */

const run = (...args: string[]) => runCli([registerClaim], ...args);
const onTime = ['--today', '2024-03-05'];

/** The claim in a claim file, and where `claim build --format 837i` is to write its 837. */
function claimFile(claim: ClaimInput): { file: string; out: string } {
  const dir = mkdtempSync(join(tmpdir(), 'medcoder-poa-build-'));
  const file = join(dir, 'claim.json');
  writeFileSync(
    file,
    JSON.stringify({ submission: { ...submission, timestamp: undefined }, claims: [claim] }),
  );
  return { file, out: join(dir, 'claim.837') };
}

const build = ({ file, out }: { file: string; out: string }) =>
  run('claim', 'build', file, '--format', '837i', '--out', out, ...onTime);

/** Expects `claim build` to refuse the claim with `message`, writing no 837. */
async function refused(claim: ClaimInput, message: RegExp | string): Promise<void> {
  const paths = claimFile(claim);
  await expect(build(paths)).rejects.toThrow(message);
  expect(existsSync(paths.out)).toBe(false);
}

/** The diagnosis code and POA indicator of each HI*ABK/ABF composite of the built claim. */
function poaOf(file: string): Array<[string, string]> {
  const [set] = parseX12(readFileSync(file), { strict: true });
  const d = set!.delimiters;
  return set!.segments
    .filter((s) => s.id === 'HI')
    .flatMap((s) => s.elements.slice(1))
    .map((e) => e.split(d.component))
    .filter((c) => c[0] === 'ABK' || c[0] === 'ABF')
    .map((c) => [c[1]!, c[8] ?? ''] as [string, string]);
}

/** inpatientForPrimary() (type of bill 111, four diagnoses with indicators) plus Z87.891, exempt. */
function withExemptCode(poa: Record<string, 'Y' | 'N' | 'U' | 'W'>): ClaimInput {
  const base = inpatientForPrimary();
  return {
    ...base,
    diagnoses: [...base.diagnoses, 'Z87.891'],
    institutional: { ...base.institutional!, presentOnAdmission: poa },
  };
}

afterEach(() => {
  process.exitCode = undefined;
});

describe('claim build checks an inpatient 837I against the CMS POA-exempt list', () => {
  cliOnImportedStore();
  const list = () => codesetFile('icd10cm/fy2026/POAexemptCodesFY26.zip');

  it('builds the claim with an indicator on every non-exempt diagnosis and none on the exempt one', async () => {
    list();
    const paths = claimFile(withExemptCode({ J189: 'Y', E119: 'Y', I10: 'Y', N179: 'N' }));
    await build(paths);
    expect(poaOf(paths.out)).toEqual([
      ['J189', 'Y'],
      ['E119', 'Y'],
      ['I10', 'Y'],
      ['N179', 'N'],
      ['Z87891', ''],
    ]);
  });

  it('refuses a non-exempt diagnosis without an indicator, and an exempt one with an indicator', async () => {
    list();
    await refused(
      withExemptCode({ J189: 'Y', E119: 'Y', I10: 'Y' }),
      /nothing written: claim PCN-3001: diagnoses\[3\]: N179 needs a present-on-admission indicator \(Y, N, U or W\) on type of bill 11x$/,
    );
    await refused(
      withExemptCode({ J189: 'Y', E119: 'Y', I10: 'Y', N179: 'N', Z87891: 'Y' }),
      /nothing written: claim PCN-3001: institutional\.presentOnAdmission\.Z87891: Z87891 is on the CMS POA-exempt list: its indicator is left blank$/,
    );
  });

  it('uses the list of the discharge fiscal year when the folder has it, else the newest', () => {
    const fy26 = list();
    // 2025-10-01 opens FY2026; a 2024 discharge has no FY2024 list here and falls back to FY2026's.
    expect(poaExemptFileFor(codesetsDir(), '2025-10-01')).toBe(fy26);
    expect(poaExemptFileFor(codesetsDir(), '2024-03-04')).toBe(fy26);
  });

  it('refuses an inpatient claim when the list is missing, naming the file', async () => {
    const saved = process.env.MEDCODER_CODESETS;
    const empty = mkdtempSync(join(tmpdir(), 'medcoder-no-codesets-'));
    process.env.MEDCODER_CODESETS = empty;
    try {
      await refused(
        inpatientForPrimary(),
        `missing code-set file ${join(empty, 'icd10cm', 'fy2024', 'POAexemptCodesFY24.zip')}: the CMS POA-exempt list`,
      );
    } finally {
      if (saved === undefined) delete process.env.MEDCODER_CODESETS;
      else process.env.MEDCODER_CODESETS = saved;
    }
  });
});
