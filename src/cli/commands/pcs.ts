import type { Command } from 'commander';
import { openStore } from '../../store/index.js';
import {
  buildStep,
  choosePcsRelease,
  loadPcsCodeSet,
  type PcsCharacter,
  type PcsCodeSet,
  type PcsReleaseChoice,
  searchPcs,
  validatePcs,
} from '../../terminology/pcs/index.js';
import { dateOrToday, outsideReleasesWarning } from '../dates.js';

interface ReleaseOptions {
  date?: string;
  fy?: string;
}

/** The release asked for (--fy) or in effect on --date (default today), loaded; warns when outside every window. */
async function withCodeSet<T>(opts: ReleaseOptions, fn: (set: PcsCodeSet) => T): Promise<T> {
  if (opts.fy !== undefined && !/^\d{4}$/.test(opts.fy))
    throw new Error(`--fy must be a year like 2026, got "${opts.fy}"`);
  const date = dateOrToday(opts.date, '--date');
  const store = await openStore();
  let choice: PcsReleaseChoice;
  let set: PcsCodeSet;
  try {
    choice = await choosePcsRelease(store.db, opts.fy ? { fiscalYear: Number(opts.fy) } : { date });
    set = await loadPcsCodeSet(store.db, choice.release);
  } finally {
    await store.close();
  }
  if (choice.outsideWindow) {
    console.error(
      outsideReleasesWarning(
        date,
        'ICD-10-PCS',
        choice.release.label,
        `which covers ${choice.release.effectiveFrom} to ${choice.release.effectiveTo}`,
      ),
    );
  }
  return fn(set);
}

const characterLine = (c: PcsCharacter) => `  ${c.position} ${c.name.padEnd(22)} ${c.value}  ${c.label}`;

/** `medcoder pcs build|lookup|search`: the ICD-10-PCS builder and lookups on the command line. */
export function register(program: Command): void {
  const pcs = program
    .command('pcs')
    .description('ICD-10-PCS codes: build one axis at a time, look up, search');
  const releaseOptions = (c: Command) =>
    c
      .option('--date <date>', 'date of service YYYY-MM-DD: the release in effect then (default: today)')
      .option('--fy <year>', 'the fiscal year release to use (e.g. 2026)')
      .option('--json', 'print JSON');

  releaseOptions(
    pcs
      .command('build')
      .description(
        'the valid values of the next character after a prefix (only values that lead to valid codes)',
      )
      .argument('[prefix]', 'the characters chosen so far (e.g. 0FT); none for the sections', ''),
  ).action(async (prefix: string, opts) => {
    const step = await withCodeSet(opts, (set) => buildStep(set, prefix));
    if (opts.json) return void console.log(JSON.stringify(step, null, 2));
    for (const c of step.characters) console.log(characterLine(c));
    if (step.code) {
      console.log(`${step.code.code}  ${step.code.title}`);
      return;
    }
    console.log(`character ${step.position} (${step.axis}):`);
    for (const c of step.choices) {
      const tail = c.title
        ? `  -> ${step.prefix}${c.value} ${c.title}`
        : `  (${c.codes} code${c.codes === 1 ? '' : 's'})`;
      console.log(`  ${c.value}  ${c.label}${tail}`);
    }
  });

  releaseOptions(
    pcs
      .command('lookup')
      .description('check a code and show each character with its label')
      .argument('<code>', 'a 7-character ICD-10-PCS code (e.g. 0FT44ZZ)'),
  ).action(async (code: string, opts) => {
    const result = await withCodeSet(opts, (set) => validatePcs(set, code));
    if (opts.json) {
      console.log(JSON.stringify(result, null, 2));
    } else {
      console.log(
        result.valid ? `${result.code}  ${result.title}` : `${result.code}: not a valid ICD-10-PCS code`,
      );
      for (const c of result.characters) console.log(characterLine(c));
      if (result.problem) {
        console.log(`  ${result.problem.message}`);
        if (result.problem.validValues.length)
          console.log(`  valid there: ${result.problem.validValues.join(' ')}`);
      }
    }
    if (!result.valid) process.exitCode = 1;
  });

  releaseOptions(
    pcs
      .command('search')
      .description(
        'find codes whose long titles contain every word (word starts), or the codes under a prefix',
      )
      .argument('<words...>', 'words to look for, e.g. resection gallbladder')
      .option('--limit <n>', 'most results to show', '20'),
  ).action(async (words: string[], opts) => {
    const limit = Number(opts.limit);
    if (!Number.isInteger(limit) || limit < 1)
      throw new Error(`--limit must be a positive whole number, got "${opts.limit}"`);
    const hits = await withCodeSet(opts, (set) => searchPcs(set, words.join(' '), limit));
    if (opts.json) return void console.log(JSON.stringify(hits, null, 2));
    if (hits.length === 0) console.log('no ICD-10-PCS code matches');
    for (const h of hits) console.log(`${h.code}  ${h.title}`);
  });
}
