import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { Command } from 'commander';
import { ClaimInputError, parseClaim, resolveLines } from '../../edits/claim.js';
import type { DiagnosisFacts } from '../../edits/diagnosis-facts.js';
import type { Finding } from '../../edits/finding.js';
import { loadScrubTables } from '../../edits/load-tables.js';
import { type ScrubResult, scrubClaim } from '../../edits/scrub.js';
import { terminologyDiagnosisFacts } from '../../edits/terminology-facts.js';
import { openStore } from '../../store/index.js';
import { loadTerminology, TerminologyError } from '../../terminology/index.js';
import { dateOrToday } from '../dates.js';

/** `medcoder scrub CLAIM.json`: runs the claim edits; exit code 1 when any finding is an error. */
export function register(program: Command): void {
  program
    .command('scrub')
    .description('check a claim (scrubber JSON) for what payers deny: NCCI, MUE, ICD-10-CM, age/sex, hygiene')
    .argument('<claim-file>', 'the claim as JSON; "-" reads standard input')
    .option('--json', 'print the findings as JSON')
    .option('--today <date>', 'date the claim is filed (timely filing), YYYY-MM-DD (default: today)')
    .option('--timely-filing-days <n>', 'filing window when the claim names none', '365')
    .action(async (file: string, opts) => {
      const today = dateOrToday(opts.today, '--today');
      let raw: unknown;
      try {
        raw = JSON.parse(readFileSync(file === '-' ? 0 : file, 'utf8'));
      } catch (err) {
        throw new ClaimInputError(file, [
          { path: '', message: `cannot read the claim as JSON: ${(err as Error).message}` },
        ]);
      }
      const claim = parseClaim(raw, file === '-' ? 'stdin' : basename(file));
      const lines = resolveLines(claim);
      const date = lines.map((l) => l.dateOfService).sort()[0]!;
      const store = await openStore();
      let result: ScrubResult;
      let releases: Awaited<ReturnType<typeof loadScrubTables>>['releases'];
      try {
        const loaded = await loadScrubTables(store.db, {
          date,
          codes: [...new Set(lines.map((l) => l.code))],
        });
        releases = loaded.releases;
        let facts: DiagnosisFacts | undefined;
        try {
          facts = terminologyDiagnosisFacts(await loadTerminology(store.db, { date }));
        } catch (err) {
          if (!(err instanceof TerminologyError)) throw err;
        }
        result = scrubClaim(claim, {
          tables: loaded.tables,
          ...(facts ? { facts } : {}),
          today,
          defaultTimelyFilingDays: Number(opts.timelyFilingDays) || 365,
          ...(releases.hcpcs ? { hcpcsEffective: releases.hcpcs } : {}),
        });
      } finally {
        await store.close();
      }
      if (result.errors > 0) process.exitCode = 1;
      if (opts.json) {
        console.log(JSON.stringify({ ...result, releases }, null, 2));
        return;
      }
      console.log(
        formatScrub(
          result,
          lines.map((l) => ({ line: l.line, code: l.code, modifiers: l.modifiers })),
        ),
      );
    });
}

/** Findings grouped by line (claim-level first), most severe first within a line. */
export function formatScrub(
  result: ScrubResult,
  lines: ReadonlyArray<{ line: number; code: string; modifiers: readonly string[] }>,
): string {
  const out: string[] = [
    `${result.claimId ? `claim ${result.claimId}: ` : ''}${result.errors} error(s), ${result.warnings} warning(s), ${result.infos} note(s)`,
  ];
  const show = (f: Finding) => {
    const also = f.lines.length > 1 ? ` (lines ${f.lines.join(', ')})` : '';
    out.push(`  ${f.severity.toUpperCase().padEnd(7)} ${f.rule}${also}: ${f.message}`);
    out.push(`          fix: ${f.fix}`);
  };
  const claimLevel = result.findings.filter((f) => f.lines.length === 0);
  if (claimLevel.length) {
    out.push('claim');
    claimLevel.forEach(show);
  }
  for (const l of lines) {
    const mine = result.findings.filter((f) => f.lines[0] === l.line);
    if (mine.length === 0) continue;
    out.push(`line ${l.line}  ${l.code}${l.modifiers.length ? `-${l.modifiers.join('-')}` : ''}`);
    mine.forEach(show);
  }
  for (const s of result.skipped) out.push(`(not checked: ${s})`);
  return out.join('\n');
}
