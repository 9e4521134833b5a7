import { AGE_RANGES, type AgeSexKind } from './age-sex-derive.js';
import { AGE_SEX_TABLE } from './age-sex-table.js';
import { ageOn, type Claim, type ResolvedLine } from './claim.js';
import { dottedDiagnosis, referenceCovers } from './diagnosis-facts.js';
import type { Finding } from './finding.js';

export interface AgeSexCondition {
  kind: AgeSexKind;
  scope: string;
  evidence: string;
}

/** Conditions indexed by 3-character category, so a code is checked against a handful of rows. */
export class AgeSexIndex {
  private readonly byCategory = new Map<string, AgeSexCondition[]>();
  private readonly ranges: Array<AgeSexCondition & { from: string; to: string }> = [];

  constructor(rows: ReadonlyArray<readonly [AgeSexKind, string, string]> = AGE_SEX_TABLE) {
    for (const [kind, scope, evidence] of rows) {
      const range = /^([A-Z]\d[0-9A-Z])-([A-Z]\d[0-9A-Z])$/.exec(scope);
      if (range) this.ranges.push({ kind, scope, evidence, from: range[1]!, to: range[2]! });
      else {
        const category = scope.slice(0, 3);
        const list = this.byCategory.get(category) ?? [];
        list.push({ kind, scope, evidence });
        this.byCategory.set(category, list);
      }
    }
  }

  /** Every condition covering a dotted code. */
  conditions(code: string): AgeSexCondition[] {
    const compact = code.replace('.', '');
    const out: AgeSexCondition[] = [];
    for (const r of this.ranges) if (referenceCovers(r, code)) out.push(r);
    for (const c of this.byCategory.get(compact.slice(0, 3)) ?? []) {
      if (compact.startsWith(c.scope.replace('.', ''))) out.push(c);
    }
    return out;
  }
}

const DEFAULT_INDEX = new AgeSexIndex();

const AGE_RULE: Record<
  'maternity' | 'newborn' | 'pediatric' | 'adult',
  { rule: string; severity: 'error' | 'warning' }
> = {
  maternity: { rule: 'AGE-MATERNITY', severity: 'error' },
  // Perinatal codes may be reported later in life while the condition persists (guideline I.C.16.a.4).
  newborn: { rule: 'AGE-NEWBORN', severity: 'warning' },
  pediatric: { rule: 'AGE-PEDIATRIC', severity: 'warning' },
  adult: { rule: 'AGE-ADULT', severity: 'warning' },
};

/**
 * Diagnoses that conflict with the patient's age or sex on the date of service, from the table
 * derived from the Tabular's chapter notes and titles (./age-sex-table.ts): maternity 12-55,
 * newborn 0, pediatric 0-17, adult 15+, and female-only / male-only codes. Sex conflicts are
 * errors (payers reject them); an unknown sex (U) is not checked.
 */
export function ageSexEdits(
  claim: Claim,
  lines: readonly ResolvedLine[],
  index: AgeSexIndex = DEFAULT_INDEX,
): Finding[] {
  const findings: Finding[] = [];
  const date = lines.map((l) => l.dateOfService).sort()[0]!;
  const age = ageOn(claim.patient.birthDate, date);
  const sex = claim.patient.sex;
  claim.diagnoses.forEach((raw, i) => {
    const code = dottedDiagnosis(raw);
    if (!code) return;
    const position = i + 1;
    const pointing = lines.filter((l) => l.pointers.includes(position)).map((l) => l.line);
    const reported = new Set<string>();
    for (const c of index.conditions(code)) {
      if (reported.has(c.kind)) continue;
      if (c.kind === 'female' || c.kind === 'male') {
        const wanted = c.kind === 'female' ? 'F' : 'M';
        if (sex === 'U' || sex === wanted) continue;
        reported.add(c.kind);
        findings.push({
          rule: c.kind === 'female' ? 'SEX-FEMALE-ONLY' : 'SEX-MALE-ONLY',
          family: 'age-sex',
          severity: 'error',
          lines: pointing,
          codes: [code],
          message: `Diagnosis ${position} (${code}) is for ${c.kind} patients only (ICD-10-CM ${c.scope}: "${short(c.evidence)}"), but the patient's sex is ${sex === 'F' ? 'female' : 'male'}.`,
          fix: `Check the patient's sex in the registration and the diagnosis code; correct whichever is wrong.`,
          data: { scope: c.scope, evidence: c.evidence },
        });
        continue;
      }
      const [min, max] = AGE_RANGES[c.kind];
      if (age >= min && age <= max) continue;
      reported.add(c.kind);
      const { rule, severity } = AGE_RULE[c.kind];
      const range = min === max ? `age ${min}` : max >= 124 ? `ages ${min} and over` : `ages ${min}-${max}`;
      findings.push({
        rule,
        family: 'age-sex',
        severity,
        lines: pointing,
        codes: [code],
        message: `Diagnosis ${position} (${code}) is a ${c.kind} code (${range}; ICD-10-CM ${c.scope}: "${short(c.evidence)}"), but the patient is ${age} on ${date}.`,
        fix:
          c.kind === 'newborn'
            ? `Check the birth date; a perinatal condition still present later in life may keep its code, otherwise choose the code for the patient's age.`
            : `Check the patient's birth date and the diagnosis; choose the code that fits the patient's age.`,
        data: { scope: c.scope, evidence: c.evidence, age },
      });
    }
  });
  return findings;
}

function short(text: string): string {
  return text.length > 90 ? `${text.slice(0, 87)}...` : text;
}
