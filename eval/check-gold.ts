// Verifies every gold code of the team's cases against the FY2023 Tabular List: the code must
// exist and be reportable (a leaf, with a valid 7th character where one applies). Run with
// `npx tsx eval/check-gold.ts [--list]`; exits 1 listing each bad code. `--list` also prints
// every gold code with its Tabular title, for a reviewer to read against the note.
import { pathToFileURL } from 'node:url';
import { type EvalCase, loadCases } from './cases.js';
import { casesDir, tabularFile } from './paths.js';
import { checkCode, loadTabularIndex, type TabularIndex } from './tabular-validity.js';

export interface GoldProblem {
  caseId: string;
  code: string;
  reason: string;
}

/** Every gold code that the Tabular List does not allow, in case order. */
export function goldProblems(cases: readonly EvalCase[], index: TabularIndex): GoldProblem[] {
  const problems: GoldProblem[] = [];
  for (const c of cases) {
    for (const g of c.gold) {
      const check = checkCode(index, g.code);
      if (!check.ok) problems.push({ caseId: c.id, code: g.code, reason: check.reason });
      else if (check.code !== g.code)
        problems.push({ caseId: c.id, code: g.code, reason: `write it as ${check.code}` });
    }
  }
  return problems;
}

async function main(argv: string[]): Promise<number> {
  const cases = loadCases(casesDir);
  const index = await loadTabularIndex(tabularFile());
  if (argv.includes('--list')) {
    for (const c of cases) {
      console.log(`${c.id} (${c.setting})`);
      for (const g of c.gold) {
        const check = checkCode(index, g.code);
        console.log(`  ${g.code.padEnd(9)} ${check.ok ? check.title : `!! ${check.reason}`}`);
      }
    }
  }
  const problems = goldProblems(cases, index);
  for (const p of problems) console.error(`${p.caseId}: ${p.code}: ${p.reason}`);
  const codes = cases.reduce((n, c) => n + c.gold.length, 0);
  console.log(`${cases.length} cases, ${codes} gold codes, ${problems.length} not reportable in FY2023`);
  return problems.length === 0 ? 0 : 1;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      console.error(err instanceof Error ? err.message : err);
      process.exitCode = 2;
    },
  );
}
