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
      'propose ICD-10-CM codes and procedure lines (E/M level, HCPCS Level II with units and modifiers, ICD-10-PCS for inpatient) for a clinical note (plain text or FHIR DocumentReference/Bundle JSON)',
    )
    .argument('<note-file>', 'the note; "-" reads standard input')
    .option('--setting <setting>', 'outpatient | inpatient', 'outpatient')
    .option('--dos <date>', 'date of service YYYY-MM-DD (default: from the FHIR resource, else today)')
    .option('--age <years>', 'patient age in years', '40')
    .option('--sex <sex>', 'F | M | U', 'U')
    .option('--place <place>', 'office | emergency | hospital | observation (default: read from the note)')
    .option('--patient <status>', 'new | established (default: read from the note)')
    .option('--no-procedures', 'diagnoses only')
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
        ...visitOption(opts),
      };
      const store = await openStore();
      let result: CodingResult;
      try {
        const engine = await createCodingEngine(store, { procedures: opts.procedures !== false });
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

const PLACES = ['office', 'emergency', 'hospital', 'observation'] as const;
const STATUSES = ['new', 'established'] as const;

/** --place / --patient, checked: a typo is an error, not a silently different E/M category. */
function visitOption(opts: { place?: string; patient?: string }): Pick<NoteInput, 'visit'> {
  const visit: NonNullable<NoteInput['visit']> = {};
  if (opts.place !== undefined) {
    if (!(PLACES as readonly string[]).includes(opts.place))
      throw new CodingInputError('--place', `must be one of ${PLACES.join(', ')}, got "${opts.place}"`);
    visit.place = opts.place as (typeof PLACES)[number];
  }
  if (opts.patient !== undefined) {
    if (!(STATUSES as readonly string[]).includes(opts.patient))
      throw new CodingInputError('--patient', `must be one of ${STATUSES.join(', ')}, got "${opts.patient}"`);
    visit.patientStatus = opts.patient as (typeof STATUSES)[number];
  }
  return Object.keys(visit).length > 0 ? { visit } : {};
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
  if (r.procedures && r.procedures.length > 0) lines.push('', 'Procedures:');
  for (const p of r.procedures ?? []) {
    const mods = p.modifiers.length > 0 ? `-${p.modifiers.map((m) => m.code).join('-')}` : '';
    // CPT lines carry no descriptor (AMA copyright): the rule that chose them says what they are.
    lines.push(
      `  ${p.system.padEnd(10)} ${`${p.code}${mods}`.padEnd(14)} x${p.units}  ${p.title ?? p.rationale.rule}  (confidence ${p.confidence})`,
    );
    if (p.title) lines.push(`      rule: ${p.rationale.rule}`);
    if (p.rationale.units) lines.push(`      units: ${p.rationale.units.arithmetic}`);
    for (const d of p.rationale.details) lines.push(`      ${d}`);
    for (const m of p.modifiers) lines.push(`      modifier ${m.code}: ${m.reason}`);
    if (p.diagnosisPointers.length > 0) lines.push(`      diagnoses: ${p.diagnosisPointers.join(', ')}`);
    for (const e of p.evidence)
      lines.push(`      evidence [${e.start}-${e.end}${e.section ? ` ${e.section}` : ''}]: "${e.text}"`);
  }
  if (r.queries.length > 0) lines.push('', 'Physician queries:');
  for (const q of r.queries)
    lines.push(`  - [${q.element}] ${q.question} (affects ${q.affectedCodes.join(', ')})`);
  for (const w of r.warnings) lines.push(`warning: ${w}`);
  return lines.join('\n');
}
