import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/main.js';
import { codesetFile } from '../support/stores.js';

const fixtures = resolve(import.meta.dirname, '..', 'fixtures', 'ncci');

/** Runs the CLI in-process and returns what it printed and its exit code. */
async function run(...args: string[]): Promise<{ out: string; err: string; code: number }> {
  const out: string[] = [];
  const err: string[] = [];
  const log = vi.spyOn(console, 'log').mockImplementation((...a) => void out.push(a.join(' ')));
  const error = vi.spyOn(console, 'error').mockImplementation((...a) => void err.push(a.join(' ')));
  process.exitCode = 0;
  try {
    await main(['node', 'medcoder', ...args]);
  } finally {
    log.mockRestore();
    error.mockRestore();
  }
  const code = Number(process.exitCode ?? 0);
  process.exitCode = 0;
  return { out: out.join('\n'), err: err.join('\n'), code };
}

describe('medcoder procedure-side commands and scrub', () => {
  const dir = mkdtempSync(join(tmpdir(), 'medcoder-cli-'));
  const saved = { data: process.env.MEDCODER_DATA, url: process.env.DATABASE_URL };
  beforeAll(() => {
    process.env.MEDCODER_DATA = join(dir, 'data');
    delete process.env.DATABASE_URL;
  });
  afterAll(() => {
    if (saved.data === undefined) delete process.env.MEDCODER_DATA;
    else process.env.MEDCODER_DATA = saved.data;
    if (saved.url !== undefined) process.env.DATABASE_URL = saved.url;
  });

  it('imports files through `medcoder import <system> FILE`', async () => {
    const ncci = await run(
      'import',
      'ncci',
      join(fixtures, 'SYNTHETIC-ccipra-v311r0-f1.txt'),
      '--effective',
      '2023-01-01',
    );
    expect(ncci).toMatchObject({ code: 0, out: 'NCCI PTP practitioner v311r0 f1 (2023-01-01): 21 edits' });
    const mue = await run(
      'import',
      'mue',
      codesetFile('mue/2024-07-01-derived/MCR_MUE_PractitionerServices_Eff_07-01-2024.DERIVED.csv'),
      '--effective',
      '2023-01-01',
      '--json',
    );
    expect(JSON.parse(mue.out)).toMatchObject({
      service: 'practitioner',
      effectiveFrom: '2023-01-01',
      rows: 14677,
    });
  });

  it('answers ncci check and mue', async () => {
    const pair = await run('ncci', 'check', '97597', '11042', '--date', '2023-03-15');
    expect(pair.out).toContain('column 1 11042, column 2 97597: modifier indicator 1');
    const none = await run('ncci', 'check', '99213', '99214', '--date', '2023-03-15');
    expect(none.out).toContain('no PTP edit in effect');
    const mue = await run('mue', '96372', '--date', '2023-03-15', '--json');
    expect(JSON.parse(mue.out)).toEqual([
      { service: 'practitioner', release: '2023-01-01', mue: 4, mai: 3, rationale: 'Clinical: Data' },
    ]);
  });

  it('scrubs a claim: findings by line, exit code 1 on errors, 0 when clean', async () => {
    const claim = {
      id: 'C-1',
      patient: { birthDate: '1960-01-01', sex: 'F' },
      dateOfService: '2023-03-15',
      placeOfService: '11',
      diagnoses: ['L97.412'],
      lines: [
        { code: '11042', chargeCents: 30000, pointers: [1] },
        { code: '97597', chargeCents: 15000, pointers: [1] },
        { code: '96372', chargeCents: 5000, pointers: [1], units: 5 },
      ],
    };
    const file = join(dir, 'claim.json');
    writeFileSync(file, JSON.stringify(claim));
    const text = await run('scrub', file, '--today', '2023-03-20');
    expect(text.code).toBe(1);
    expect(text.out).toMatch(/^claim C-1: 2 error\(s\)/);
    expect(text.out).toContain('line 1  11042\n  ERROR   NCCI-PTP-1 (lines 1, 2)');
    expect(text.out).toContain('line 3  96372\n  ERROR   MUE-DOS-CLINICAL');
    const json = await run('scrub', file, '--today', '2023-03-20', '--json');
    expect(JSON.parse(json.out).findings.map((f: { rule: string }) => f.rule)).toEqual([
      'NCCI-PTP-1',
      'MUE-DOS-CLINICAL',
    ]);
    writeFileSync(file, JSON.stringify({ ...claim, lines: [claim.lines[0]] }));
    expect((await run('scrub', file, '--today', '2023-03-20')).code).toBe(0);
  });

  it('reports a bad claim file with the field that is wrong', async () => {
    const file = join(dir, 'bad.json');
    writeFileSync(
      file,
      JSON.stringify({ patient: { birthDate: '1960-13-01', sex: 'F' }, diagnoses: [], lines: [] }),
    );
    const r = await run('scrub', file);
    expect(r.code).toBe(1);
    expect(r.err).toContain(
      'bad.json: invalid claim: patient.birthDate: not a real calendar date; lines: a claim needs at least one service line',
    );
  });
});
