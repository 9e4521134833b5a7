import type { Claim, ResolvedLine } from './claim.js';
import type { Finding } from './finding.js';
import type { MueEntry, ScrubTables } from './tables.js';

/**
 * Medically Unlikely Edits: the most units of a code one provider reports for one patient on
 * one date of service. MAI 1 is checked per claim line (more units on a separate line with an
 * appropriate modifier may pay); MAI 2 (policy) and 3 (clinical) are checked per date of
 * service over all lines of the code. MAI 2 limits are absolute; MAI 3 denials may be appealed
 * with documentation of medical necessity.
 */
export function mueEdits(claim: Claim, lines: readonly ResolvedLine[], tables: ScrubTables): Finding[] {
  const table = tables.mue[claim.setting];
  if (table.size === 0) return [];
  const effective = tables.mueEffective[claim.setting];
  const findings: Finding[] = [];
  const perDay = new Map<string, { entry: MueEntry; lines: ResolvedLine[]; units: number }>();
  for (const l of lines) {
    const entry = table.get(l.code);
    if (!entry || !(l.units > 0)) continue;
    if (entry.mai === 1) {
      if (l.units > entry.mue) findings.push(lineFinding(entry, l, claim.setting, effective));
      continue;
    }
    const key = `${l.code}|${l.dateOfService}|${l.renderingNpi ?? ''}`;
    const group = perDay.get(key) ?? { entry, lines: [], units: 0 };
    group.lines.push(l);
    group.units += l.units;
    perDay.set(key, group);
  }
  for (const { entry, lines: group, units } of perDay.values()) {
    if (units > entry.mue) findings.push(dayFinding(entry, group, units, claim.setting, effective));
  }
  return findings;
}

function tableName(setting: string, effective: string | undefined): string {
  const name = { practitioner: 'practitioner', outpatient: 'outpatient hospital', dme: 'DME supplier' }[
    setting
  ];
  return `${name} MUE table${effective ? ` effective ${effective}` : ''}`;
}

function dataOf(entry: MueEntry, setting: string, effective: string | undefined) {
  return { mue: entry.mue, mai: entry.mai, rationale: entry.rationale, table: setting, effective };
}

function lineFinding(
  entry: MueEntry,
  l: ResolvedLine,
  setting: string,
  effective: string | undefined,
): Finding {
  const zero = entry.mue === 0;
  return {
    rule: 'MUE-LINE',
    family: 'mue',
    severity: 'error',
    lines: [l.line],
    codes: [l.code],
    message: zero
      ? `${l.code} has an MUE of 0 in the ${tableName(setting, effective)}: it is not payable when billed by this provider type.`
      : `Line ${l.line} bills ${l.units} units of ${l.code}; the ${tableName(setting, effective)} allows ${entry.mue} per line ` +
        `(MAI 1, line edit${entry.rationale ? `: ${entry.rationale}` : ''}). The whole line will be denied.`,
    fix: zero
      ? `Remove ${l.code} or bill it under the provider type whose table lists a value.`
      : `Reduce line ${l.line} to ${entry.mue} units. If more were medically necessary (e.g. another side or site), report the ` +
        `extra units on a separate line with the modifier that shows why (RT/LT, 59, XS, 76/77, 91).`,
    data: dataOf(entry, setting, effective),
  };
}

function dayFinding(
  entry: MueEntry,
  group: ResolvedLine[],
  units: number,
  setting: string,
  effective: string | undefined,
): Finding {
  const where =
    group.length === 1
      ? `Line ${group[0]!.line} bills`
      : `Lines ${group.map((l) => l.line).join(', ')} together bill`;
  const code = group[0]!.code;
  const date = group[0]!.dateOfService;
  const policy = entry.mai === 2;
  return {
    rule: policy ? 'MUE-DOS-POLICY' : 'MUE-DOS-CLINICAL',
    family: 'mue',
    severity: 'error',
    lines: group.map((l) => l.line),
    codes: [code],
    message:
      `${where} ${units} units of ${code} on ${date}; the ${tableName(setting, effective)} allows ${entry.mue} per day ` +
      (policy
        ? `(MAI 2, date-of-service edit: policy${entry.rationale ? `, ${entry.rationale}` : ''}). This limit is absolute: units above it are never paid, and splitting lines or adding modifiers does not help.`
        : `(MAI 3, date-of-service edit: clinical${entry.rationale ? `, ${entry.rationale}` : ''}). Units above it will be denied.`),
    fix: policy
      ? `Reduce the total units of ${code} on ${date} to ${entry.mue}; check for a units-of-measure error (e.g. mg vs. billing units). The denial cannot be appealed.`
      : `Reduce the total units of ${code} on ${date} to ${entry.mue}, or bill the units provided and be ready to appeal with ` +
        `medical records showing they were medically necessary.`,
    data: { ...dataOf(entry, setting, effective), units },
  };
}
