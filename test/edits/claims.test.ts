import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { DiagnosisFacts } from '../../src/edits/diagnosis-facts.js';
import { scrubJson } from '../../src/edits/scrub.js';
import type { ScrubTables } from '../../src/edits/tables.js';
import { realTables } from './support.js';

/**
 * Hand-checked claims (test/edits/claims/*.json): each names what it tests and why the expected
 * findings follow from the data (real HCPCS 2019, MUE 2024-07-01 and ICD-10-CM FY2023 files;
 * the synthetic NCCI PTP fixtures). The scrubber must produce exactly the expected rule,
 * severity and lines, no more and no fewer.
 */
const dir = resolve(import.meta.dirname, 'claims');
const cases = readdirSync(dir)
  .filter((f) => f.endsWith('.json'))
  .sort()
  .map((f) => ({ file: f, ...JSON.parse(readFileSync(join(dir, f), 'utf8')) }));

describe('hand-checked claims', () => {
  let tables: ScrubTables;
  let facts: DiagnosisFacts;
  beforeAll(async () => {
    ({ tables, facts } = await realTables());
  });

  it('has at least 30 claims', () => expect(cases.length).toBeGreaterThanOrEqual(30));

  it.each(cases)('$file: $title', ({ claim, expected, file }) => {
    const result = scrubJson(
      claim,
      { tables, facts, today: '2023-03-20', hcpcsEffective: '2019-01-01' },
      file,
    );
    const got = result.findings.map((f) => ({ rule: f.rule, severity: f.severity, lines: f.lines }));
    const key = (x: { rule: string; severity: string; lines: number[] }) =>
      `${x.rule}|${x.severity}|${x.lines.join(',')}`;
    expect(got.map(key).sort()).toEqual(expected.map(key).sort());
    for (const f of result.findings) {
      expect(f.message.length).toBeGreaterThan(20);
      expect(f.fix.length).toBeGreaterThan(10);
    }
  });
});
