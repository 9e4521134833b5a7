import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { EngineInput, EngineLike } from '../../eval/harness.js';
import { type RunDeps, runEvaluation } from '../../eval/run.js';

// A stand-in engine: codes a keyword wherever it appears, in text order. It lets the harness be
// run end to end without a database, with results that can be worked out by hand.
const KEYWORDS: Record<string, string> = {
  hypertension: 'I10',
  hyperlipidemia: 'E78.5',
  asthma: 'J45.909',
  diabetes: 'E11.9',
};

function keywordEngine(seen: EngineInput[]): EngineLike {
  return {
    code(input) {
      seen.push(input);
      if (input.text.includes('EXPLODE')) throw new Error('engine failure on purpose');
      const found = Object.entries(KEYWORDS)
        .map(([word, code]) => ({ at: input.text.toLowerCase().indexOf(word), code }))
        .filter((f) => f.at >= 0)
        .sort((a, b) => a.at - b.at);
      return { codes: found.map((f, i) => ({ code: f.code, sequence: i + 1 })) };
    },
  };
}

const root = mkdtempSync(join(tmpdir(), 'medcoder-eval-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** A valid case file's content; the gold justifications are placeholders for the test. */
function caseJson(id: string, specialty: string, text: string, gold: string[]) {
  const justified = gold.map((code) => ({ code, justification: `gold code ${code}` }));
  return {
    id,
    specialty,
    setting: 'outpatient',
    dateOfService: '2023-03-01',
    age: 50,
    sex: 'F',
    text,
    gold: justified,
  };
}

function fixture(name: string, extraCase?: object): { cases: string; evalRoot: string } {
  const cases = join(root, name, 'cases');
  const evalRoot = join(root, name, 'eval');
  mkdirSync(cases, { recursive: true });
  mkdirSync(join(evalRoot, 'icd10', 'codiesp'), { recursive: true });
  const write = (c: { id: string }) => writeFileSync(join(cases, `${c.id}.json`), JSON.stringify(c));
  write(
    caseJson(
      'pc-001',
      'primary-care',
      'Follow-up of essential hypertension and hyperlipidemia, both controlled on medication.',
      ['I10', 'E78.5'],
    ),
  );
  write(
    caseJson(
      'pu-001',
      'pulmonology',
      'Mild persistent asthma with acute exacerbation; allergic rhinitis due to pollen.',
      ['J45.31', 'J30.1'],
    ),
  );
  if (extraCase) write(extraCase as { id: string });
  const lines = [
    { id: 'S1', text: 'A 62-year-old woman with diabetes and hypertension.', codes: ['E11.9', 'I10', 'R52'] },
    { id: 'S2', text: 'Male patient, 40 years old, with asthma.', codes: ['j45909'] },
  ];
  writeFileSync(
    join(evalRoot, 'icd10', 'codiesp', 'codiesp_en_test.jsonl'),
    lines.map((l) => JSON.stringify(l)).join('\n'),
  );
  return { cases, evalRoot };
}

function deps(paths: { cases: string; evalRoot: string }, seen: EngineInput[], out: string[]): RunDeps {
  return {
    casesDir: paths.cases,
    evalRoot: paths.evalRoot,
    openEngine: async () => ({ engine: keywordEngine(seen), source: 'fake engine', close: async () => {} }),
    out: (t) => out.push(t),
  };
}

describe('npm run eval, end to end with a fake engine', () => {
  it('scores the team cases per specialty and overall, and CodiEsp as-is and rolled up', async () => {
    const seen: EngineInput[] = [];
    const out: string[] = [];
    const jsonFile = join(root, 'results.json');
    const results = await runEvaluation(['--json', jsonFile, '--verbose'], deps(fixture('basic'), seen, out));

    const row = (name: string) => results.rows.find((r) => r.set === name);
    // pc-001: perfect. pu-001: predicted J45.909 only -> exact tp 0 fp 1 fn 2, category J45 hit, J30 missed.
    expect(row('primary-care')).toMatchObject({ notes: 1, precision: 1, recall: 1, f1: 1, firstListed: 1 });
    expect(row('pulmonology')).toMatchObject({
      notes: 1,
      tp: 0,
      fp: 1,
      fn: 2,
      f1: 0,
      categoryF1: 2 / 3,
      firstListed: 0,
    });
    const team = row('team (all)');
    expect(team).toMatchObject({ notes: 2, tp: 2, fp: 1, fn: 2, firstListed: 0.5, errors: 0 });
    expect(team?.f1).toBeCloseTo(4 / 7, 12);
    expect(team?.categoryF1).toBeCloseTo(6 / 7, 12);
    // CodiEsp: S1 gets E11.9 and I10 of E11.9/I10/R52; S2's undotted gold J45909 matches J45.909.
    expect(row('codiesp-test')).toMatchObject({
      notes: 2,
      tp: 3,
      fp: 0,
      fn: 1,
      precision: 1,
      recall: 0.75,
      firstListed: null,
    });
    expect(row('codiesp-test @3-char')).toMatchObject({ tp: 3, fp: 0, fn: 1 });

    // The engine sees only the note input, never ids or gold; CodiEsp demographics come from the text.
    expect(seen).toHaveLength(4);
    for (const input of seen)
      expect(Object.keys(input).sort()).toEqual(['age', 'dateOfService', 'setting', 'sex', 'text']);
    expect(seen[2]).toMatchObject({ age: 62, sex: 'F', setting: 'inpatient', dateOfService: '2023-04-01' });
    expect(seen[3]).toMatchObject({ age: 40, sex: 'M' });

    const printed = out.join('\n');
    expect(printed).toMatch(/team \(all\)\s+2\s+0\.667\s+0\.500\s+0\.571\s+0\.857\s+0\.500/);
    expect(printed).toContain('pu-001   first-listed wrong; missed J45.31 J30.1; extra J45.909');
    expect(printed).not.toContain('pc-001 ');
    expect(printed).not.toContain('allergic rhinitis'); // never note text
    expect(JSON.parse(readFileSync(jsonFile, 'utf8')).rows).toEqual(results.rows);
  });

  it('records an engine error on one note and goes on with the rest', async () => {
    const broken = caseJson(
      'ed-001',
      'emergency',
      'EXPLODE: a note the fake engine refuses to code, hypertension.',
      ['I10'],
    );
    const out: string[] = [];
    const results = await runEvaluation(['--json'], deps(fixture('broken', broken), [], out));
    expect(results.rows.find((r) => r.set === 'emergency')).toMatchObject({ errors: 1, tp: 0, fn: 1 });
    expect(results.rows.find((r) => r.set === 'team (all)')).toMatchObject({ notes: 3, errors: 1 });
    expect(JSON.parse(out.join('\n')).teamCases.find((c: { id: string }) => c.id === 'ed-001').error).toBe(
      'engine failure on purpose',
    );
  });

  it('fails naming a missing CodiEsp split, before the engine is opened', async () => {
    const paths = fixture('missing');
    let opened = false;
    const d = deps(paths, [], []);
    const run = runEvaluation(['--all'], {
      ...d,
      openEngine: async () => {
        opened = true;
        return d.openEngine();
      },
    });
    await expect(run).rejects.toThrow(/codiesp_en_train\.jsonl.*MEDCODER_EVAL/);
    expect(opened).toBe(false);
  });

  it('prints the table as Markdown on request', async () => {
    const out: string[] = [];
    await runEvaluation(['--markdown'], deps(fixture('markdown'), [], out));
    expect(out.join('\n')).toContain('| team (all) | 2 | 0.667 | 0.500 | 0.571 | 0.857 | 0.500 |');
  });

  it('rejects a bad flag value', async () => {
    await expect(runEvaluation(['--limit', 'zero'], deps(fixture('flags'), [], []))).rejects.toThrow(
      /positive whole number/,
    );
  });
});
