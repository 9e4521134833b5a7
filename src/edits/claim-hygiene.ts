import { type Claim, daysBetween, type ResolvedLine } from './claim.js';
import { type DiagnosisFacts, dottedDiagnosis } from './diagnosis-facts.js';
import type { Finding } from './finding.js';
import { PLACE_OF_SERVICE } from './place-of-service.js';

export interface HygieneOptions {
  /** Today, or the planned submission date (ISO); the claim's submissionDate wins. */
  today: string;
  /** Timely-filing window when the payer gives none (Medicare: 365 days from the date of service). */
  defaultTimelyFilingDays?: number;
  /** Diagnosis titles for the laterality check; skipped without. */
  facts?: DiagnosisFacts;
}

/** Warn this many days before the timely-filing limit. */
const FILING_WARNING_DAYS = 30;
/** 837P SV107 carries at most four diagnosis pointers per line. */
const MAX_POINTERS = 4;

/**
 * Claim-level bookkeeping that front-end edits reject before any coding edit runs: duplicate
 * lines, missing or invalid diagnosis pointers, units and charges, place of service, laterality
 * modifiers against the diagnosis, and the timely-filing window.
 */
export function claimHygieneEdits(
  claim: Claim,
  lines: readonly ResolvedLine[],
  options: HygieneOptions,
): Finding[] {
  const findings: Finding[] = [];
  const f = (x: Omit<Finding, 'family'>) => findings.push({ family: 'claim-hygiene', ...x });
  const diagnosisCount = claim.diagnoses.length;

  const seen = new Map<string, number>();
  for (const l of lines) {
    const key = [l.code, [...l.modifiers].sort().join(','), l.dateOfService, l.renderingNpi ?? ''].join('|');
    const first = seen.get(key);
    if (first !== undefined) {
      f({
        rule: 'HYG-DUPLICATE-LINE',
        severity: 'error',
        lines: [first, l.line],
        codes: [l.code],
        message: `Line ${l.line} repeats line ${first}: same code ${l.code}, modifiers and date of service. The payer will deny it as a duplicate.`,
        fix: `Combine the units on line ${first} and remove line ${l.line}; if the service really was repeated, add the modifier that says so (76/77 repeat procedure, 91 repeat lab, 59/XS distinct site).`,
      });
    } else seen.set(key, l.line);

    // Line pointers are a professional-claim field (837P SV107, CMS-1500 24E): an institutional
    // claim's lines carry none, and its diagnoses apply to every line.
    if (claim.setting !== 'outpatient') pointerEdits(l, diagnosisCount, f);
    if (!(l.units > 0)) {
      f({
        rule: 'HYG-UNITS',
        severity: 'error',
        lines: [l.line],
        codes: [l.code],
        message: `Line ${l.line} (${l.code}) bills ${l.units} units; units must be greater than zero.`,
        fix: `Enter the units actually provided on line ${l.line}, or remove the line.`,
      });
    }
    if (!(l.chargeCents > 0)) {
      f({
        rule: 'HYG-CHARGE',
        severity: 'error',
        lines: [l.line],
        codes: [l.code],
        message: `Line ${l.line} (${l.code}) has a charge of ${(l.chargeCents / 100).toFixed(2)}; charges must be greater than zero.`,
        fix: `Enter the billed charge from the fee schedule on line ${l.line}.`,
      });
    }
    if (claim.setting !== 'outpatient') {
      if (!l.placeOfService) {
        f({
          rule: 'HYG-POS',
          severity: 'error',
          lines: [l.line],
          codes: [l.code],
          message: `Line ${l.line} has no place of service; professional and supplier claims require one.`,
          fix: 'Enter the two-digit CMS place-of-service code (e.g. 11 office, 22 outpatient hospital).',
        });
      } else if (!PLACE_OF_SERVICE.has(l.placeOfService)) {
        f({
          rule: 'HYG-POS',
          severity: 'error',
          lines: [l.line],
          codes: [l.code, l.placeOfService],
          message: `Place of service "${l.placeOfService}" on line ${l.line} is not a CMS place-of-service code.`,
          fix: 'Use a two-digit code from the CMS Place of Service code set (e.g. 11 office, 22 on-campus outpatient hospital).',
        });
      }
    }
    if (options.facts) laterality(claim, l, options.facts, f);
  }

  const filed = claim.submissionDate ?? options.today;
  const limit = claim.payer.timelyFilingDays ?? options.defaultTimelyFilingDays ?? 365;
  const oldest = lines.reduce((a, l) => (l.dateOfService < a.dateOfService ? l : a));
  const age = daysBetween(oldest.dateOfService, filed);
  const payer = claim.payer.name ?? claim.payer.id ?? 'the payer';
  if (age > limit) {
    f({
      rule: 'HYG-TIMELY-FILING',
      severity: 'error',
      lines: lines.filter((l) => daysBetween(l.dateOfService, filed) > limit).map((l) => l.line),
      codes: [],
      message: `The claim is filed ${age} days after the date of service ${oldest.dateOfService}; ${payer} accepts claims up to ${limit} days after it.`,
      fix: 'Do not submit as a new claim; if the delay qualifies for an exception (retroactive eligibility, payer error), submit with proof of timely filing.',
      data: { days: age, limit },
    });
  } else if (age > limit - FILING_WARNING_DAYS) {
    f({
      rule: 'HYG-TIMELY-FILING',
      severity: 'warning',
      lines: [],
      codes: [],
      message: `Only ${limit - age} days remain to file for the date of service ${oldest.dateOfService} (${payer}: ${limit} days).`,
      fix: 'Submit this claim now.',
      data: { days: age, limit },
    });
  }
  return findings;
}

const SIDE = { RT: 'right', LT: 'left' } as const;

/** RT/LT on a line whose diagnoses all name the other side (or 50 with a one-sided diagnosis). */
function laterality(
  claim: Claim,
  l: ResolvedLine,
  facts: DiagnosisFacts,
  f: (x: Omit<Finding, 'family'>) => void,
): void {
  const mods = l.modifiers.filter((m): m is 'RT' | 'LT' | '50' => m === 'RT' || m === 'LT' || m === '50');
  if (mods.length === 0) return;
  const pointed = l.pointers
    .map((p) => claim.diagnoses[p - 1])
    .filter((c): c is string => c !== undefined)
    .map((raw) => {
      const code = dottedDiagnosis(raw) ?? raw;
      const hit = facts.lookup(code, l.dateOfService);
      const title = 'fact' in hit ? hit.fact.title.toLowerCase() : '';
      const side = /\bbilateral\b/.test(title)
        ? 'bilateral'
        : /\bright\b/.test(title)
          ? 'right'
          : /\bleft\b/.test(title)
            ? 'left'
            : 'unspecified';
      return { code, side };
    });
  if (pointed.length === 0) return;
  for (const m of mods) {
    if (m === '50') {
      if (pointed.every((d) => d.side === 'right' || d.side === 'left')) {
        f({
          rule: 'HYG-LATERALITY',
          severity: 'error',
          lines: [l.line],
          codes: [l.code, m, ...pointed.map((d) => d.code)],
          message: `Line ${l.line} bills ${l.code}-50 (bilateral), but its diagnoses (${pointed.map((d) => `${d.code} ${d.side}`).join(', ')}) name one side only.`,
          fix: `Use RT or LT to match the diagnosis, or add the diagnosis for the other side (or the bilateral code).`,
        });
      }
      continue;
    }
    const side = SIDE[m];
    const other = side === 'right' ? 'left' : 'right';
    if (pointed.every((d) => d.side === other)) {
      f({
        rule: 'HYG-LATERALITY',
        severity: 'error',
        lines: [l.line],
        codes: [l.code, m, ...pointed.map((d) => d.code)],
        message: `Line ${l.line} bills ${l.code} on the ${side} side (${m}), but its diagnoses (${pointed.map((d) => d.code).join(', ')}) are for the ${other} side.`,
        fix: `Correct the modifier to ${m === 'RT' ? 'LT' : 'RT'} or point the line to the ${side}-side diagnosis, whichever the record supports.`,
      });
    }
  }
}

/** A professional line's diagnosis pointers: at least one, each naming a diagnosis, at most four, no repeats. */
function pointerEdits(
  l: ResolvedLine,
  diagnosisCount: number,
  f: (x: Omit<Finding, 'family'>) => void,
): void {
  if (l.pointers.length === 0) {
    f({
      rule: 'HYG-NO-POINTER',
      severity: 'error',
      lines: [l.line],
      codes: [l.code],
      message: `Line ${l.line} (${l.code}) points to no diagnosis; every service line needs at least one.`,
      fix: `Add the pointer(s) of the diagnoses that justify ${l.code} on line ${l.line}.`,
    });
  }
  const bad = l.pointers.filter((p) => !Number.isInteger(p) || p < 1 || p > diagnosisCount);
  if (bad.length) {
    f({
      rule: 'HYG-POINTER-INVALID',
      severity: 'error',
      lines: [l.line],
      codes: [l.code],
      message: `Line ${l.line} points to diagnosis ${bad.join(', ')}, but the claim lists ${diagnosisCount} diagnos${diagnosisCount === 1 ? 'is' : 'es'}.`,
      fix: `Point line ${l.line} to diagnoses 1-${diagnosisCount}, or add the missing diagnosis.`,
    });
  }
  if (l.pointers.length > MAX_POINTERS || new Set(l.pointers).size !== l.pointers.length) {
    f({
      rule: 'HYG-POINTER-INVALID',
      severity: 'error',
      lines: [l.line],
      codes: [l.code],
      message: `Line ${l.line} has ${l.pointers.length > MAX_POINTERS ? `${l.pointers.length} diagnosis pointers (at most ${MAX_POINTERS} allowed)` : 'a repeated diagnosis pointer'}.`,
      fix: `Keep up to ${MAX_POINTERS} distinct pointers on line ${l.line}, most relevant first.`,
    });
  }
}
