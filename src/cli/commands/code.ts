import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { CodingInputError, createCodingEngine, parseNoteInput } from '../../coding/index.js';
import type { CodingResult, NoteInput } from '../../coding/types.js';
import { openStore } from '../../store/index.js';
import { checkedDate, dateOrToday } from '../dates.js';

/** `medcoder code NOTE_FILE`: proposes ICD-10-CM codes for a note (text or FHIR JSON). */
export function register(program: Command): void {
  program
    .command('code')
    .description(
      'propose ICD-10-CM codes for a clinical note (plain text or FHIR DocumentReference/Bundle JSON)',
    )
    .argument('<note-file>', 'the note; "-" reads standard input')
    .option('--setting <setting>', 'outpatient | inpatient', 'outpatient')
    .option('--dos <date>', 'date of service YYYY-MM-DD (default: from the FHIR resource, else today)')
    .option('--age <years>', 'patient age in years', '40')
    .option('--sex <sex>', 'F | M | U', 'U')
    .option('--json', 'print the full result as JSON')
    .action(async (file: string, opts) => {
      let raw: string;
      try {
        raw = readFileSync(file === '-' ? 0 : file, 'utf8');
      } catch (err) {
        throw new CodingInputError(file, `cannot read the note file: ${(err as Error).message}`);
      }
      const parsed = parseNoteInput(raw);
      const input: NoteInput = {
        text: parsed.text,
        setting: opts.setting,
        dateOfService:
          opts.dos !== undefined
            ? checkedDate(opts.dos, '--dos')
            : (parsed.dateOfService ?? dateOrToday(undefined, '--dos')),
        age: Number(opts.age),
        sex: String(opts.sex).toUpperCase() as NoteInput['sex'],
      };
      const store = await openStore();
      let result: CodingResult;
      try {
        const engine = await createCodingEngine(store);
        result = engine.code(input);
      } finally {
        await store.close();
      }
      if (opts.json) {
        console.log(JSON.stringify(result, null, 2));
        return;
      }
      console.log(formatResult(result));
    });
}

export function formatResult(r: CodingResult): string {
  const checked = r.dateOfServiceRelease;
  const lines: string[] = [
    checked && checked.fiscalYear !== r.release.fiscalYear
      ? `ICD-10-CM FY${r.release.fiscalYear} Index and Tabular; codes checked against ${checked.label}, the release of the date of service`
      : `ICD-10-CM FY${r.release.fiscalYear}`,
  ];
  for (const c of r.codes) {
    lines.push(
      `${String(c.sequence).padStart(2)}. ${c.code.padEnd(8)} ${c.title}  (confidence ${c.confidence})`,
    );
    for (const e of c.evidence)
      lines.push(`      evidence [${e.start}-${e.end}${e.section ? ` ${e.section}` : ''}]: "${e.text}"`);
    lines.push(`      index: ${c.rationale.indexPath.join(' > ')}`);
    for (const n of c.rationale.tabularNotes) lines.push(`      tabular: ${n}`);
    for (const g of c.rationale.guidelines) lines.push(`      guideline ${g}`);
  }
  if (r.queries.length > 0) lines.push('', 'Physician queries:');
  for (const q of r.queries)
    lines.push(`  - [${q.element}] ${q.question} (affects ${q.affectedCodes.join(', ')})`);
  for (const w of r.warnings) lines.push(`warning: ${w}`);
  return lines.join('\n');
}
