import type { Command } from 'commander';
import { type CptImportReport, importCpt } from '../../codesets/cpt/import.js';
import { type HcpcsImportReport, importHcpcs } from '../../codesets/hcpcs/import.js';
import { lookupHcpcs, searchHcpcs } from '../../codesets/hcpcs/lookup.js';
import { importMue, type MueImportReport } from '../../codesets/mue/import.js';
import { lookupMue } from '../../codesets/mue/lookup.js';
import { importPtp, type PtpImportReport } from '../../codesets/ncci/ptp-import.js';
import { checkPtpPair } from '../../codesets/ncci/ptp-lookup.js';
import { hcpcsCoverage } from '../../codesets/ncci/releases.js';
import { openStore, type Store } from '../../store/index.js';
import type { PtpSetting } from '../../store/schema-procedures.js';
import { dateOrToday, outsideReleasesWarning } from '../dates.js';

const MAI_TEXT: Record<number, string> = {
  1: 'line edit',
  2: 'date of service edit: policy',
  3: 'date of service edit: clinical',
};
const INDICATOR_TEXT: Record<number, string> = {
  0: '0 = no modifier can bypass it',
  1: '1 = allowed with an NCCI-associated modifier',
  9: '9 = not applicable (edit not applied)',
};

/** The --date option, checked, or today. */
function dateOption(opts: { date?: string }): string {
  return dateOrToday(opts.date, '--date');
}

/** The HCPCS coverage warning for a date, on stderr (never silent, never in --json output). */
async function warnHcpcsCoverage(store: Store, date: string): Promise<void> {
  const c = await hcpcsCoverage(store.db, date);
  if (!c.outsideWindow) return;
  const used = c.release ? `the HCPCS release effective ${c.release}` : null;
  console.error(
    outsideReleasesWarning(
      date,
      'HCPCS Level II',
      used,
      c.coveredTo ? `which covers ${c.release} to ${c.coveredTo}` : null,
    ),
  );
}

async function withStore<T>(fn: (store: Store) => Promise<T>): Promise<T> {
  const store = await openStore();
  try {
    return await fn(store);
  } finally {
    await store.close();
  }
}

/**
 * Procedure-side code sets on the command line: `medcoder hcpcs lookup|search`,
 * `medcoder ncci check`, `medcoder mue`, and `medcoder import hcpcs|mue|ncci|cpt FILE`.
 */
export function register(program: Command): void {
  const hcpcs = program.command('hcpcs').description('HCPCS Level II codes and modifiers');
  hcpcs
    .command('lookup')
    .description('show a HCPCS Level II code or modifier')
    .argument('<code>', 'code (J1100) or modifier (RT)')
    .option('--date <date>', 'date of service YYYY-MM-DD (default: today)')
    .option('--json', 'print JSON')
    .action(async (code: string, opts) => {
      const date = dateOption(opts);
      const hit = await withStore(async (s) => {
        await warnHcpcsCoverage(s, date);
        return lookupHcpcs(s.db, code, date);
      });
      if (opts.json) return void console.log(JSON.stringify(hit, null, 2));
      if (!hit) {
        console.log(
          `${code.toUpperCase()}: not found in the imported HCPCS releases (medcoder import hcpcs FILE)`,
        );
        process.exitCode = 1;
        return;
      }
      console.log(`${hit.code}  ${hit.shortDescription}  (${hit.kind}, HCPCS release ${hit.release})`);
      console.log(`  ${hit.longDescription}`);
      console.log(
        `  added ${hit.addedDate ?? '-'}, terminated ${hit.terminationDate ?? '-'}, action code ${hit.actionCode ?? '-'}; ` +
          `${hit.inEffect ? 'in effect' : 'NOT in effect'} on ${date}`,
      );
    });
  hcpcs
    .command('search')
    .description('find HCPCS Level II codes whose descriptions contain every word')
    .argument('<text...>', 'words to look for')
    .option('--date <date>', 'date of service YYYY-MM-DD (default: today)')
    .option('--limit <n>', 'most results to show', '20')
    .option('--json', 'print JSON')
    .action(async (words: string[], opts) => {
      const date = dateOption(opts);
      const hits = await withStore(async (s) => {
        await warnHcpcsCoverage(s, date);
        return searchHcpcs(s.db, words.join(' '), date, Number(opts.limit) || 20);
      });
      if (opts.json) return void console.log(JSON.stringify(hits, null, 2));
      if (hits.length === 0) console.log('no HCPCS code matches');
      for (const h of hits) {
        console.log(
          `${h.code}  ${h.shortDescription.padEnd(28)}  ${h.longDescription}${h.inEffect ? '' : ' [not in effect]'}`,
        );
      }
    });

  program
    .command('ncci')
    .description('NCCI procedure-to-procedure edits')
    .command('check')
    .description('show the PTP edit between two codes, if any')
    .argument('<code1>')
    .argument('<code2>')
    .option('--date <date>', 'date of service YYYY-MM-DD (default: today)')
    .option('--setting <setting>', 'practitioner | outpatient', 'practitioner')
    .option('--json', 'print JSON')
    .action(async (a: string, b: string, opts) => {
      const date = dateOption(opts);
      if (opts.setting !== 'practitioner' && opts.setting !== 'outpatient') {
        throw new Error(`--setting must be practitioner or outpatient, got "${opts.setting}"`);
      }
      const check = await withStore((s) => checkPtpPair(s.db, a, b, date, opts.setting));
      if (opts.json) return void console.log(JSON.stringify(check, null, 2));
      if (!check.release) {
        console.log(
          `no ${check.setting} NCCI PTP release in effect on ${date} is imported (medcoder import ncci FILE)`,
        );
        process.exitCode = 1;
        return;
      }
      const active = check.edits.filter((e) => e.active);
      if (active.length === 0)
        console.log(
          `${a} + ${b}: no PTP edit in effect on ${date} (${check.setting}, release ${check.release})`,
        );
      for (const e of check.edits) {
        console.log(
          `column 1 ${e.column1}, column 2 ${e.column2}: modifier indicator ${INDICATOR_TEXT[e.modifierIndicator]}; ` +
            `effective ${e.effectiveDate}${e.deletionDate ? `, deleted ${e.deletionDate}` : ''}; ${e.rationale}` +
            `${e.active ? '' : ` [not in effect on ${date}]`}`,
        );
      }
    });

  program
    .command('mue')
    .description('medically unlikely edit values for a code')
    .argument('<code>')
    .option('--date <date>', 'date of service YYYY-MM-DD (default: today)')
    .option('--json', 'print JSON')
    .action(async (code: string, opts) => {
      const date = dateOption(opts);
      const answers = await withStore((s) => lookupMue(s.db, code, date));
      if (opts.json) return void console.log(JSON.stringify(answers, null, 2));
      if (answers.length === 0) {
        console.log(`${code.toUpperCase()}: no MUE in the tables in effect on ${date}`);
        return;
      }
      for (const m of answers) {
        console.log(
          `${code.toUpperCase()} ${m.service.padEnd(12)} MUE ${String(m.mue).padStart(5)}  MAI ${m.mai} (${MAI_TEXT[m.mai]})  ${m.rationale}  [table ${m.release}]`,
        );
      }
    });

  // `medcoder import` is the code-set import command; the procedure-side files are added to it as
  // subcommands taking one file each (they are not found by folder scanning). The parent defines
  // --effective and --json too, and commander gives shared options to the parent, so the actions
  // read them with optsWithGlobals().
  const importCommand =
    program.commands.find((c) => c.name() === 'import') ??
    program.command('import').description('import code-set files');
  type Opts = { effective?: string; setting?: PtpSetting; json?: boolean };
  const importers: Array<{
    name: string;
    description: string;
    setting?: boolean;
    run(store: Store, file: string, opts: Opts): Promise<{ upToDate: boolean }>;
    summary(report: never): string;
  }> = [
    {
      name: 'hcpcs',
      description: 'import a HCPCS Level II release (CMS alpha-numeric zip or its ANWEB .txt)',
      run: (s, f, o) => importHcpcs(s, f, { effective: o.effective }),
      summary: (r: HcpcsImportReport) =>
        `HCPCS ${r.effectiveFrom}: ${r.codes} codes, ${r.modifiers} modifiers`,
    },
    {
      name: 'mue',
      description: 'import a Medicare MUE table (CMS CSV or zip; practitioner, outpatient hospital or DME)',
      run: (s, f, o) => importMue(s, f, { effective: o.effective }),
      summary: (r: MueImportReport) => `MUE ${r.service} ${r.effectiveFrom}: ${r.rows} codes`,
    },
    {
      name: 'ncci',
      description: 'import one NCCI PTP file (ccipra-v3xxr0-fN / ccioph-..., .txt or .zip)',
      setting: true,
      run: (s, f, o) => importPtp(s, f, { effective: o.effective, setting: o.setting }),
      summary: (r: PtpImportReport) =>
        `NCCI PTP ${r.setting} ${r.version} ${r.part} (${r.effectiveFrom}): ${r.rows} edits`,
    },
    {
      name: 'cpt',
      description: 'import your licensed CPT file (CSV: code,short_descriptor,long_descriptor)',
      run: (s, f, o) => importCpt(s, f, { effective: o.effective }),
      summary: (r: CptImportReport) => `CPT ${r.effectiveFrom}: ${r.codes} codes`,
    },
  ];
  for (const imp of importers) {
    const sub = importCommand
      .command(imp.name)
      .description(imp.description)
      .argument('<file>')
      .option('--effective <date>', 'effective date YYYY-MM-DD when the file name does not give it')
      .option('--json', 'print the report as JSON');
    if (imp.setting)
      sub.option('--setting <setting>', 'practitioner | outpatient when the file name does not say');
    sub.action(async (file: string, _local, cmd: Command) => {
      const opts = cmd.optsWithGlobals<Opts>();
      const r = await withStore((s) => imp.run(s, file, opts));
      console.log(
        opts.json
          ? JSON.stringify(r, null, 2)
          : `${imp.summary(r as never)}${r.upToDate ? ' (already imported)' : ''}`,
      );
    });
  }
}
