import { afterEach, describe, expect, it } from 'vitest';
import { register as registerPcs } from '../../src/cli/commands/pcs.js';
import { cliOnImportedStore, runCli } from '../claims/run-cli.js';

/**
 * `medcoder pcs build|lookup|search` over the imported FY2026 ICD-10-PCS release: each builder
 * step lists only values that lead to valid codes, a wrong code is named at its first wrong
 * character, dates outside every release warn.
 */
const run = (...args: string[]) => runCli([registerPcs], ...args);
cliOnImportedStore();

afterEach(() => {
  process.exitCode = undefined;
});

describe('medcoder pcs', () => {
  it('build 0FT: the body parts a resection in the hepatobiliary system can have', async () => {
    const out = await run('pcs', 'build', '0FT', '--date', '2026-03-01');
    expect(out.slice(0, 4)).toEqual([
      '  1 Section                0  Medical and Surgical',
      '  2 Body System            F  Hepatobiliary System and Pancreas',
      '  3 Operation              T  Resection',
      'character 4 (Body Part):',
    ]);
    expect(out).toContain('  4  Gallbladder  (3 codes)');
    expect(out.some((l) => /^ {2}[0-9A-Z] {2}/.test(l) && l.includes('Kidney'))).toBe(false);
  });

  it('build 0FT4: only the approaches a gallbladder resection has', async () => {
    const out = await run('pcs', 'build', '0FT4', '--date', '2026-03-01', '--json');
    const step = JSON.parse(out.join('\n'));
    expect(step.choices.map((c: { value: string; label: string }) => `${c.value} ${c.label}`)).toEqual([
      '0 Open',
      '4 Percutaneous Endoscopic',
    ]);
  });

  it('lookup 0FT44ZZ shows every character; a wrong code names its first wrong character', async () => {
    const ok = await run('pcs', 'lookup', '0FT44ZZ', '--date', '2026-03-01');
    expect(ok[0]).toBe('0FT44ZZ  Resection of Gallbladder, Percutaneous Endoscopic Approach');
    expect(ok).toContain('  5 Approach               4  Percutaneous Endoscopic');
    expect(ok).toContain('  6 Device                 Z  No Device');
    expect(ok).toContain('  7 Qualifier              Z  No Qualifier');
    const bad = await run('pcs', 'lookup', '0DTJ3ZZ', '--date', '2026-03-01');
    expect(bad[0]).toBe('0DTJ3ZZ: not a valid ICD-10-PCS code');
    expect(bad).toContain('  character 5 (approach): no valid code has approach "3" after 0DTJ');
    expect(process.exitCode).toBe(1);
  });

  it('search finds titles by word starts, and warns outside the release window', async () => {
    const out = await run('pcs', 'search', 'resect', 'appendix', '--date', '2027-01-05');
    expect(out[0]).toMatch(
      /^warning: no imported ICD-10-PCS release covers 2027-01-05; answered from ICD-10-PCS FY2026/,
    );
    expect(out.slice(1)).toEqual([
      '0DTJ0ZZ  Resection of Appendix, Open Approach',
      '0DTJ4ZZ  Resection of Appendix, Percutaneous Endoscopic Approach',
      '0DTJ4ZG  Resection of Appendix, Percutaneous Endoscopic Approach, Hand-Assisted',
      '0DTJ7ZZ  Resection of Appendix, Via Natural or Artificial Opening',
      '0DTJ8ZZ  Resection of Appendix, Via Natural or Artificial Opening Endoscopic',
    ]);
  });

  it('refuses a date that is not a calendar date', async () => {
    await expect(run('pcs', 'build', '0F', '--date', '2026-02-30')).rejects.toThrow(
      '--date: "2026-02-30" is not a calendar date (YYYY-MM-DD)',
    );
  });
});
