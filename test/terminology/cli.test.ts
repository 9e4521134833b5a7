import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { register as registerCode } from '../../src/cli/commands/code.js';
import { register as registerIcd10cm } from '../../src/cli/commands/icd10cm.js';
import { register as registerProcedures } from '../../src/cli/commands/procedures.js';
import { register as registerScrub } from '../../src/cli/commands/scrub.js';
import { cliOnImportedStore, runCli } from '../claims/run-cli.js';

/**
 * The encoder on the command line over the imported code sets: search by code and by Index,
 * validity by date of service from the release in effect (FY2026 from its codes file), the
 * transitions report, and one-line errors for dates that are not calendar dates.
 */
const run = (...args: string[]) =>
  runCli([registerIcd10cm, registerCode, registerProcedures, registerScrub], ...args);
cliOnImportedStore();
const dir = mkdtempSync(join(tmpdir(), 'medcoder-encoder-cli-'));

afterEach(() => {
  process.exitCode = undefined;
});

describe('medcoder icd10cm search', () => {
  it.each([
    ['E11.22', 'E11.22'],
    ['I10', 'I10'],
    ['J18.9', 'J18.9'],
    ['e11', 'E11'],
    ['heart attack', 'I21.9'],
    ['broken hip', 'S72.00'],
    ['acquired absence of colon', 'Z90.49'],
  ])('"%s" lists %s first', async (q, code) => {
    const out = await run('icd10cm', 'search', q, '--limit', '5');
    expect(out[0]?.split(/\s+/)[0]).toBe(code);
  });

  it('shows the Index path a word search followed', async () => {
    const out = await run('icd10cm', 'search', 'heart attack', '--limit', '1');
    expect(out[1]).toMatch(/Index: Attack, attacks › heart › see infarct, myocardium/i);
  });
});

describe('validity by date of service', () => {
  it('answers a FY2026 date from the FY2026 codes file', async () => {
    const out = await run('icd10cm', 'validate', 'E11.A', 'C83.39', '--dos', '2026-03-01');
    expect(out[0]).toMatch(/^E11\.A\s+valid\s+E11\.A .*in remission\s+\[FY2026\]$/);
    expect(out[1]).toMatch(/^C83\.39\s+INVALID\s+header: .*\[FY2026\]$/);
    expect(out.join('\n')).toContain('C83.390');
    expect(process.exitCode).toBe(1);
  });

  it('warns when no imported release covers the date, never silently', async () => {
    const out = await run('icd10cm', 'validate', 'I10', '--dos', '2026-12-06');
    expect(out[0]).toMatch(
      /^warning: no imported ICD-10-CM release covers 2026-12-06; answered from ICD-10-CM FY2026/,
    );
    expect(out[1]).toMatch(/^I10\s+valid/);
  });

  it("looks up a code newer than the Tabular, and a code's validity on the date", async () => {
    const ea = await run('icd10cm', 'lookup', 'E11.A', '--dos', '2026-03-01');
    expect(ea[0]).toBe('E11.A  Type 2 diabetes mellitus without complications in remission');
    expect(ea.join('\n')).toContain('valid on 2026-03-01 (ICD-10-CM FY2026)');
    await expect(run('icd10cm', 'lookup', 'E11.A', '--dos', '2023-03-01')).rejects.toThrow(
      /E11\.A is not in ICD-10-CM FY2023 .* it exists in ICD-10-CM FY2026/,
    );
    const c = await run('icd10cm', 'lookup', 'C83.39', '--dos', '2026-03-01');
    expect(c.join('\n')).toMatch(/NOT valid on 2026-03-01 \(ICD-10-CM FY2026\): C83\.39 is a header/);
  });

  it.each([
    ['icd10cm', 'validate', 'I10', '--dos', '2023-02-30'],
    ['icd10cm', 'lookup', 'I10', '--dos', '2023-02-30'],
    ['hcpcs', 'lookup', 'J3490', '--date', '2024-02-30'],
  ])('refuses a date that is not a calendar date: %s %s', async (...args) => {
    await expect(run(...args)).rejects.toThrow(/"20\d\d-02-30" is not a calendar date \(YYYY-MM-DD\)/);
  });

  it('refuses --dos and --today that are not calendar dates in code and scrub', async () => {
    const note = join(dir, 'note.txt');
    writeFileSync(note, 'Assessment: Essential hypertension.');
    await expect(run('code', note, '--dos', '2023-02-30')).rejects.toThrow(
      /--dos: "2023-02-30" is not a calendar date/,
    );
    const claim = join(dir, 'claim.json');
    writeFileSync(claim, '{}');
    await expect(run('scrub', claim, '--today', '2024-02-30')).rejects.toThrow(
      /--today: "2024-02-30" is not a calendar date/,
    );
  });

  it('codes a FY2026 visit against the FY2026 codes, asking for the new specificity', async () => {
    const note = join(dir, 'carcinoid.txt');
    writeFileSync(note, 'Assessment:\n1. Carcinoid syndrome.\n2. Essential hypertension.');
    const out = (await run('code', note, '--dos', '2026-03-01')).join('\n');
    expect(out).toMatch(/codes checked against ICD-10-CM FY2026, the release of the date of service/);
    expect(out).toMatch(/1\. E34\.00 +Carcinoid syndrome, unspecified/);
    expect(out).toMatch(/E34\.0 is not valid on 2026-03-01 .*E34\.01 Carcinoid heart syndrome/);
  });

  it('says which HCPCS release answered a date it does not cover', async () => {
    const out = await run('hcpcs', 'lookup', 'J3490', '--date', '2027-06-01');
    expect(out[0]).toMatch(
      /^warning: no imported HCPCS Level II release covers 2027-06-01; answered from the HCPCS release effective 2026-01-01 \(which covers 2026-01-01 to 2026-12-31\)/,
    );
    // A code the January 2026 file lists as terminated on 2025-12-31.
    const ended = await run('hcpcs', 'lookup', 'C5271', '--date', '2026-03-01');
    expect(ended.join('\n')).toMatch(/terminated 2025-12-31, .*NOT in effect on 2026-03-01/);
    const inYear = await run('hcpcs', 'lookup', 'J3490', '--date', '2026-06-01');
    expect(inYear[0]).toMatch(/^J3490 .*HCPCS release 2026-01-01/);
    const old = await run('hcpcs', 'lookup', 'J3490', '--date', '2022-06-01');
    expect(old[0]).toMatch(
      /covers 2022-06-01; answered from the HCPCS release effective 2019-01-01 \(which covers 2019-01-01 to 2019-12-31\)/,
    );
  });
});

describe('medcoder icd10cm diff', () => {
  it('lists what FY2026 added, deleted and retitled since FY2023, with the addenda that published it', async () => {
    const out = await run('icd10cm', 'diff', 'FY2023', 'FY2026');
    expect(out[0]).toMatch(/^ICD-10-CM FY2023 → ICD-10-CM FY2026: \d+ added, \d+ deleted, \d+ retitled$/);
    const text = out.join('\n');
    expect(text).toMatch(/\+ E11\.A +Type 2 diabetes mellitus without complications in remission/);
    expect(text).toMatch(/\+ C83\.390 +Primary central nervous system lymphoma +\[FY2025 addenda\]/);
    expect(text).toMatch(/- C83\.39 .*\(now a header: C83\.390, C83\.398\) +\[FY2025 addenda\]/);
    expect(text).toMatch(
      /~ A77\.41 +"Ehrlichiosis chafeensis \[E\. chafeensis\]" → "Ehrlichiosis chaffeensis \[E\. chaffeensis\]"/,
    );
    // Accents the plain-ASCII codes file drops are not revisions.
    expect(text).not.toMatch(/~ A52\.16/);
  });

  it('gives JSON, and a one-line error for a year with no codes or a bad argument', async () => {
    const out = await run('icd10cm', 'diff', '2023', '2026', '--only', 'deleted', '--json');
    const json = JSON.parse(out.join('\n'));
    expect(json.added).toBeUndefined();
    expect(json.deleted.find((d: { code: string }) => d.code === 'E34.0')).toMatchObject({
      becomes: 'header',
    });
    await expect(run('icd10cm', 'diff', 'FY2019', 'FY2026')).rejects.toThrow(
      /FY2019: no imported release of that year lists codes/,
    );
    await expect(run('icd10cm', 'diff', 'last-year', 'FY2026')).rejects.toThrow(
      /"last-year" is not a fiscal year/,
    );
    await expect(run('icd10cm', 'diff', 'FY2023', 'FY2026', '--only', 'moved')).rejects.toThrow(
      /--only: "moved"/,
    );
  });
});
