import type { Command } from 'commander';
import { openStore } from '../../store/index.js';
import { listReleases, loadTerminology } from '../../terminology/index.js';
import type { CodeRef, CodeValidation, Icd10cmTerminology } from '../../terminology/types.js';

/**
 * `medcoder icd10cm …`: lookup, browse, search, index, validate and releases over the store
 * chosen by the environment (DATABASE_URL, else MEDCODER_DATA or ./data). Each prints aligned
 * text, or the library's result as JSON with --json.
 */
export function register(program: Command): void {
  const cmd = program
    .command('icd10cm')
    .description('ICD-10-CM lookup, search, validation and the Alphabetic Index');

  cmd
    .command('lookup <code>')
    .description('a code with its hierarchy, notes (own and inherited) and 7th characters')
    .option('--json', 'print JSON')
    .action(async (code: string, opts: { json?: boolean }) =>
      withTerminology({}, (t) => {
        const d = t.lookup(code);
        if (!d) throw new Error(`${code}: not in ${t.selection.codes.release.label}`);
        if (opts.json) return print(d);
        console.log(`${d.code}  ${d.title}`);
        console.log(
          `  ${d.billable ? 'billable' : d.header ? 'header (not billable)' : 'not billable'} · ${d.release.label}`,
        );
        console.log(`  chapter ${d.chapter.num}: ${d.chapter.title}`);
        console.log(`  section ${d.section.id}: ${d.section.title}`);
        for (const a of d.ancestors) console.log(`  ↳ ${a.code.padEnd(8)} ${a.title}`);
        if (d.seventh) {
          console.log(`  7th characters (from ${d.seventh.definedOn}):`);
          for (const n of d.seventh.notes ?? []) console.log(`    ${n}`);
          for (const c of d.seventh.characters) {
            console.log(`    ${c.char}  ${c.meaning}`);
            for (const n of c.notes ?? []) console.log(`         ${n}`);
          }
        }
        if (d.children.length > 0) console.log('  children:');
        printRefs(d.children, '    ');
        if (d.notes.length > 0) console.log('  notes:');
        for (const n of d.notes) {
          const from = n.inherited ? ` (from ${n.from.type} ${n.from.id})` : '';
          console.log(`    ${n.kind.padEnd(17)} ${n.text}${from}`);
        }
      }),
    );

  cmd
    .command('browse [target]')
    .description(
      'children of a code, chapter number or section id (no target: the chapters); ' +
        'chapter:N, section:ID or code:CODE when an id is both (C50)',
    )
    .option('--json', 'print JSON')
    .action(async (target: string | undefined, opts: { json?: boolean }) =>
      withTerminology({}, (t) => {
        const r = t.browse(target);
        if (!r) throw new Error(`${target}: no such code, chapter or section`);
        if (opts.json) return print(r);
        console.log(`${r.node.id ? `${r.node.id}  ` : ''}${r.node.title}`);
        // A section whose id is also a code is shown with its prefix, as browse needs it.
        const label = (c: { type: string; id: string; ref: string }) =>
          c.type === 'section' && t.browse(c.id)?.node.type !== 'section' ? c.ref : c.id;
        const labels = r.children.map(label);
        const width = Math.max(0, ...labels.map((l) => l.length));
        r.children.forEach((c, i) => {
          const flag = c.billable ? ' *' : c.hasChildren ? ' +' : '';
          console.log(`  ${(labels[i] as string).padEnd(width)}  ${c.title}${flag}`);
        });
      }),
    );

  cmd
    .command('search <text>')
    .description('ranked codes for free text (typos, abbreviations and word order tolerated)')
    .option('--limit <n>', 'maximum results', '20')
    .option('--billable', 'billable codes only')
    .option('--json', 'print JSON')
    .action(async (text: string, opts: { limit: string; billable?: boolean; json?: boolean }) =>
      withTerminology({}, (t) => {
        const limit = Number(opts.limit);
        if (!Number.isInteger(limit) || limit < 1)
          throw new Error(`--limit: "${opts.limit}" is not a positive integer`);
        const hits = t.search(text, { limit, billableOnly: opts.billable === true });
        if (opts.json) return print(hits);
        if (hits.length === 0) console.log('no match');
        for (const h of hits) {
          console.log(`${h.code.padEnd(8)} ${h.score.toFixed(3)} ${h.billable ? '*' : ' '} ${h.title}`);
          if (h.path) console.log(`${' '.repeat(17)}Index: ${h.path}`);
          if (h.matched !== h.title && h.matched !== h.path) {
            console.log(`${' '.repeat(17)}via ${h.source}: ${h.matched}`);
          }
        }
      }),
    );

  cmd
    .command('index <path>')
    .description('walk the Alphabetic Index: "Main term, subterm, subterm"')
    .option('--external', 'walk the External Cause Index instead ("Fall, from, bed")')
    .option('--json', 'print JSON')
    .action(async (path: string, opts: { external?: boolean; json?: boolean }) =>
      withTerminology({}, (t) => {
        const r = opts.external ? t.eindexLookup(path) : t.indexLookup(path);
        if (opts.json) return print(r);
        if (r.path.length === 0) console.log(`no main term matches "${path}"`);
        for (const s of r.path) {
          const via = s.via ? `(${s.via}) ` : '';
          const nemod = s.nemod ? ` ${s.nemod}` : '';
          console.log(`${'  '.repeat(s.level)}${via}${s.title}${nemod}${s.code ? `  ${s.code}` : ''}`);
        }
        if (r.unmatched.length > 0) console.log(`not matched: ${r.unmatched.join(', ')}`);
        for (const c of r.codes) {
          console.log(
            `→ ${c.code}${c.manif ? ` [${c.manif}]` : ''} ${c.complete ? '(complete)' : '(incomplete: choose in the Tabular)'}`,
          );
          printRefs(c.completions, '    ');
          if (c.completionCount > c.completions.length) console.log(`    … ${c.completionCount} in all`);
        }
        for (const s of r.seeAlso) console.log(`  ${s}`);
      }),
    );

  cmd
    .command('validate <codes...>')
    .description('check codes are billable on a date of service; exit code 1 when any is not')
    .option('--date <YYYY-MM-DD>', 'date of service')
    .option('--json', 'print JSON')
    .action(async (codes: string[], opts: { date?: string; json?: boolean }) =>
      withTerminology({}, (t) => {
        const results = t.validate(codes, opts.date ? { date: opts.date } : {});
        if (opts.json) print(results);
        else printValidation(results);
        if (results.some((r) => !r.valid)) process.exitCode = 1;
      }),
    );

  cmd
    .command('releases')
    .description('imported releases and the files each holds')
    .option('--json', 'print JSON')
    .action(async (opts: { json?: boolean }) => {
      const store = await openStore();
      try {
        const releases = await listReleases(store.db);
        if (opts.json) return print(releases);
        if (releases.length === 0) console.log('no ICD-10-CM release imported');
        for (const r of releases) {
          console.log(`FY${r.fiscalYear}  ${r.effectiveFrom} … ${r.effectiveTo}  ${r.files.join(', ')}`);
        }
      } finally {
        await store.close();
      }
    });
}

async function withTerminology(
  options: { date?: string },
  run: (t: Icd10cmTerminology) => void,
): Promise<void> {
  const store = await openStore();
  try {
    run(await loadTerminology(store.db, options));
  } finally {
    await store.close();
  }
}

function print(value: unknown): void {
  console.log(JSON.stringify(value, null, 2));
}

function printRefs(refs: readonly CodeRef[], indent: string): void {
  for (const r of refs) console.log(`${indent}${r.code.padEnd(8)} ${r.billable ? '*' : ' '} ${r.title}`);
}

function printValidation(results: readonly CodeValidation[]): void {
  const width = Math.max(...results.map((r) => r.input.length));
  for (const r of results) {
    const release = `FY${r.release.release.fiscalYear}${r.release.outsideWindow ? ' (date outside every release)' : ''}`;
    if (r.valid) {
      console.log(`${r.input.padEnd(width)}  valid    ${r.code}  ${r.title}  [${release}]`);
      continue;
    }
    console.log(
      `${r.input.padEnd(width)}  INVALID  ${r.problem?.reason}: ${r.problem?.message}  [${release}]`,
    );
    const p = r.problem;
    if (p?.reason === 'missing-seventh') printRefs(p.options, '    ');
    if (p?.reason === 'header') {
      printRefs(p.billableDescendants, '    ');
      const more = p.billableDescendantCount - p.billableDescendants.length;
      if (more > 0) console.log(`    … and ${more} more`);
    }
    if (p?.reason === 'unknown') printRefs(p.closest, '    ');
  }
}
