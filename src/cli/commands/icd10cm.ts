import type { Command } from 'commander';
import { openStore } from '../../store/index.js';
import { type AddendaEntry, loadAddenda } from '../../terminology/addenda.js';
import { listReleases, loadTerminology } from '../../terminology/index.js';
import type { ReleaseDiff } from '../../terminology/release-diff.js';
import type { CodeRef, CodeValidation, Icd10cmTerminology } from '../../terminology/types.js';
import { dateOrToday, outsideReleasesWarning } from '../dates.js';

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
    .description(
      'a code with its hierarchy, notes (own and inherited) and 7th characters, and its validity on a date of service',
    )
    .option('--dos <YYYY-MM-DD>', 'date of service to check the code against (default: today)')
    .option('--json', 'print JSON')
    .action(async (code: string, opts: { dos?: string; json?: boolean }) =>
      withTerminology({}, (t) => {
        const dos = dateOrToday(opts.dos, '--dos');
        const [validity] = t.validate([code], { date: dos });
        const d = t.lookup(code);
        if (!d) {
          // A code newer than the Tabular (E11.A in the FY2026 codes file): its title and validity.
          if (!validity?.title) {
            throw new Error(
              validity?.problem?.message ?? `${code}: not in ${t.selection.codes.release.label}`,
            );
          }
          if (opts.json) return print({ code: validity.code, title: validity.title, validity });
          console.log(`${validity.code}  ${validity.title}`);
          console.log(
            `  not in the ${t.selection.codes.release.label} Tabular: no notes or hierarchy to show`,
          );
          printValidity(validity, dos);
          return;
        }
        if (opts.json) return print({ ...d, validity });
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
        if (validity) printValidity(validity, dos);
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
    .option('--dos <YYYY-MM-DD>', 'date of service (default: today)')
    .option('--date <YYYY-MM-DD>', 'the same as --dos')
    .option('--json', 'print JSON')
    .action(async (codes: string[], opts: { dos?: string; date?: string; json?: boolean }) =>
      withTerminology({}, (t) => {
        const dos = dateOrToday(opts.dos ?? opts.date, opts.dos ? '--dos' : '--date');
        const results = t.validate(codes, { date: dos });
        const choice = results[0]?.release;
        if (choice?.outsideWindow) {
          const r = choice.release;
          console.error(
            outsideReleasesWarning(dos, 'ICD-10-CM', r.label, `${r.effectiveFrom} to ${r.effectiveTo}`),
          );
        }
        if (opts.json) print(results);
        else printValidation(results);
        if (results.some((r) => !r.valid)) process.exitCode = 1;
      }),
    );

  cmd
    .command('diff <from> <to>')
    .description(
      'codes added, deleted and retitled between two fiscal years\' releases: "diff FY2023 FY2026"',
    )
    .option('--only <changes>', 'comma-separated: added, deleted, revised (default: all)')
    .option('--json', 'print JSON')
    .action(async (from: string, to: string, opts: { only?: string; json?: boolean }) => {
      const a = fiscalYearArg(from);
      const b = fiscalYearArg(to);
      const only = new Set((opts.only ?? 'added,deleted,revised').split(',').map((s) => s.trim()));
      for (const k of only) {
        if (!['added', 'deleted', 'revised'].includes(k))
          throw new Error(`--only: "${k}" is not one of added, deleted, revised`);
      }
      const store = await openStore();
      try {
        const t = await loadTerminology(store.db);
        const diff = t.diff(a, b);
        const addenda = await loadAddenda(store.db, Math.min(a, b), Math.max(a, b));
        if (opts.json) {
          return print({
            from: diff.from,
            to: diff.to,
            ...(only.has('added') ? { added: diff.added } : {}),
            ...(only.has('deleted') ? { deleted: diff.deleted } : {}),
            ...(only.has('revised') ? { revised: diff.revised } : {}),
            addenda: Object.fromEntries(addenda),
          });
        }
        printDiff(diff, only, addenda);
      } finally {
        await store.close();
      }
    });

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

/** "FY2023", "fy2023" or "2023". */
function fiscalYearArg(value: string): number {
  const m = /^(?:fy)?(\d{4})$/i.exec(value.trim());
  if (!m) throw new Error(`"${value}" is not a fiscal year (FY2023 or 2023)`);
  return Number(m[1]);
}

function printDiff(
  diff: ReleaseDiff,
  only: ReadonlySet<string>,
  addenda: ReadonlyMap<string, AddendaEntry[]>,
): void {
  const when = (code: string) => {
    const e = addenda.get(code);
    return e?.length ? `  [FY${e.map((x) => x.fiscalYear).join(', FY')} addenda]` : '';
  };
  console.log(
    `${diff.from.label} → ${diff.to.label}: ${diff.added.length} added, ${diff.deleted.length} deleted, ${diff.revised.length} retitled`,
  );
  if (only.has('added')) {
    console.log(`\nadded (${diff.added.length}):`);
    for (const c of diff.added) console.log(`  + ${c.code.padEnd(8)} ${c.title}${when(c.code)}`);
  }
  if (only.has('deleted')) {
    console.log(`\ndeleted (${diff.deleted.length}):`);
    for (const d of diff.deleted) {
      const now =
        d.becomes === 'header'
          ? `now a header: ${d.replacements.map((r) => r.code).join(', ')}`
          : 'no longer a code';
      console.log(`  - ${d.code.padEnd(8)} ${d.title} (${now})${when(d.code)}`);
    }
  }
  if (only.has('revised')) {
    console.log(`\nretitled (${diff.revised.length}):`);
    for (const r of diff.revised)
      console.log(`  ~ ${r.code.padEnd(8)} "${r.from}" → "${r.to}"${when(r.code)}`);
  }
}

function printValidity(v: CodeValidation, dos: string): void {
  const r = v.release.release;
  const where = `${r.label}${v.release.outsideWindow ? `; no imported release covers ${dos}` : ''}`;
  console.log(
    v.valid
      ? `  valid on ${dos} (${where})`
      : `  NOT valid on ${dos} (${where}): ${v.problem?.message ?? 'not billable'}`,
  );
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
