/**
 * The E/M finder: reads the visit's category and the patient's status, the three MDM elements
 * and the documented time, chooses the code, and adds what goes with it (modifier 25 or 57 for a
 * same-day procedure, prolonged service, G2211). A note that supports no level gets a physician
 * query naming what is missing instead of a code. CPT codes carry numbers and our own rationale,
 * never a descriptor.
 */

import type { ProcedureContext, ProcedureFinder, ProcedureFindings } from '../procedure-finder.js';
import type {
  CodeSuggestion,
  EmRationale,
  EvidenceSpan,
  ProcedureModifier,
  ProcedureSuggestion,
} from '../types.js';
import { POSTOP_CODE, STAFF_ONLY_CODES } from './code-table.js';
import { readData } from './data.js';
import { readG2211 } from './g2211.js';
import { combineMdm, type MdmGrid } from './mdm.js';
import { withTitle } from './note-parts.js';
import { readPatientStatus, type StatusReading } from './patient-status.js';
import { type EmCategory, readCategory } from './place.js';
import { isProblemCode } from './problem-codes.js';
import { type Problem, readProblems } from './problems.js';
import { isProcedureReport } from './procedure-report.js';
import { type ProlongedRule, prolongedFor } from './prolonged.js';
import { hospitalVisitQuery, levelQuery, statusQuery } from './query.js';
import { readRisk } from './risk.js';
import { findSameDayProcedure, type SameDayProcedure } from './same-day-procedure.js';
import { selectCode } from './select.js';
import { findSpecialVisit } from './special-visits.js';
import { readTime } from './time.js';

export interface EmFinderOptions {
  /**
   * How to choose between 99417 (CPT) and G2212 (Medicare) for prolonged office time. Default
   * 'by-age': Medicare when the note names it or the patient is 65 or older. Pass 'cpt' or 'cms'
   * when the claim's payer is known.
   */
  prolonged?: ProlongedRule;
  /** The CMS title of a HCPCS code (G2211, G2212), when the caller has the HCPCS file loaded. */
  hcpcsTitle?: (code: string) => string | undefined;
}

/** The first date of service each category's current rules apply to. */
const RULES_FROM: Record<EmCategory, string> = {
  office: '2021-01-01',
  emergency: '2023-01-01',
  'hospital-initial': '2023-01-01',
  'hospital-subsequent': '2023-01-01',
  discharge: '2023-01-01',
};

const OFFICE_LEVELS = /^992(?:0[2-5]|1[1-5])$/;

function dedupe(spans: EvidenceSpan[]): EvidenceSpan[] {
  const seen = new Set<string>();
  return spans
    .filter((s) => {
      const key = `${s.start}:${s.end}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .sort((a, b) => a.start - b.start);
}

/** Dotted codes of the problems addressed, in the diagnoses' sequence order, at most four. */
function pointers(diagnoses: readonly CodeSuggestion[], problems: readonly Problem[]): string[] {
  const addressed = new Set(problems.flatMap((p) => p.codes));
  const ordered = [...diagnoses].sort((a, b) => a.sequence - b.sequence);
  const chosen = ordered.filter((d) => addressed.has(d.code));
  const list = chosen.length > 0 ? chosen : ordered.filter((d) => isProblemCode(d.code));
  return list.slice(0, 4).map((d) => d.code);
}

function modifierFor(procedure: SameDayProcedure | undefined): ProcedureModifier | undefined {
  if (!procedure) return undefined;
  return procedure.global === 'major'
    ? {
        code: '57',
        reason: 'decision for a major (90-day global) procedure done at this visit',
        evidence: [procedure.evidence],
      }
    : {
        code: '25',
        reason: 'significant, separately identifiable E/M on the day of a minor procedure (0/10-day global)',
        evidence: [procedure.evidence],
      };
}

function line(
  code: string,
  rule: string,
  details: string[],
  evidence: EvidenceSpan[],
  diagnosisPointers: string[],
  confidence: number,
  extra: Partial<ProcedureSuggestion> = {},
): ProcedureSuggestion {
  return {
    system: 'CPT',
    code,
    units: 1,
    modifiers: [],
    diagnosisPointers,
    evidence: dedupe(evidence),
    rationale: { rule, details },
    confidence: Math.max(0.1, Math.min(1, Math.round(confidence * 100) / 100)),
    ...extra,
  };
}

function statusDetails(status: StatusReading | undefined): string[] {
  if (!status) return [];
  const out = [`patient status: ${status.from}`];
  if (status.status === 'new' && !status.from.startsWith('encounter record'))
    out.push('a patient seen by the same group and specialty within 3 years is established: check');
  return out;
}

function findEm(context: ProcedureContext, options: EmFinderOptions): ProcedureFindings {
  const { input, diagnoses } = context;
  if (context.analysis.sentences.length === 0) return { procedures: [], queries: [] };
  if (isProcedureReport(context.analysis)) return { procedures: [], queries: [] };
  const analysis = withTitle(context.analysis);
  const place = readCategory(input, analysis);
  if (!place.category) return { procedures: [], queries: [hospitalVisitQuery(place.from)] };
  const category = place.category;
  const details = [`category: ${category}, from ${place.from}`];
  let confidence = place.from.startsWith('outpatient setting') ? 0.75 : 0.8;
  const dated = input.dateOfService < RULES_FROM[category];
  if (dated) {
    details.push(
      `date of service ${input.dateOfService} is before ${RULES_FROM[category]}, when these rules began for this category; the level is read by them`,
    );
    confidence -= 0.2;
  }

  const special = category === 'office' || category === 'emergency' ? findSpecialVisit(analysis) : undefined;
  // Preventive visits have their own age-banded codes, outside this finder.
  if (special?.kind === 'preventive' && category === 'office') return { procedures: [], queries: [] };
  const status = category === 'office' ? readPatientStatus(input, analysis) : undefined;
  if (status && /^the note \(implied/.test(status.from)) confidence -= 0.1;
  const dx = pointers(diagnoses, []);

  if (special?.kind === 'postop' && category === 'office') {
    return {
      procedures: [
        line(
          POSTOP_CODE,
          'CMS global surgery: a routine post-operative visit inside the global period is reported with 99024, not an E/M level',
          [
            ...details,
            'if a problem unrelated to the surgery was addressed, an E/M with modifier 24 may apply instead: check',
          ],
          [special.evidence],
          dx,
          0.7,
        ),
      ],
      queries: [],
    };
  }
  if (special?.kind === 'staff-only') {
    const code = category === 'office' ? STAFF_ONLY_CODES.office : STAFF_ONLY_CODES.emergency;
    if (category === 'office' && status?.status !== 'established') {
      return {
        procedures: [],
        queries: [
          statusQuery(`${code} is for established patients only; ${status?.from}`, [special.evidence]),
        ],
      };
    }
    return {
      procedures: [
        line(
          code,
          `AMA E/M: a visit by clinical staff that may not need the practitioner is ${code}, which has no MDM or time requirement`,
          [...details, ...statusDetails(status)],
          [special.evidence],
          dx,
          0.6,
        ),
      ],
      queries: [],
    };
  }

  const data = readData({ analysis, age: input.age, dateOfService: input.dateOfService });
  const problems = readProblems({ analysis, diagnoses, category, workedUp: data.tests > 0 });
  const risk = readRisk({ analysis, category });
  const grid: MdmGrid = combineMdm(problems.element, data.element, risk);
  const time = readTime(analysis);
  const selection = selectCode({
    category,
    status: status?.status,
    grid,
    mdmSupported: problems.problems.length > 0,
    time,
  });
  const groundEvidence = [...place.evidence, ...(status?.evidence ?? [])];
  if (selection.code === undefined) {
    const queries =
      category === 'office' && !status?.status
        ? [statusQuery(status?.from ?? 'the note does not say', status?.evidence ?? [])]
        : [levelQuery(category, selection.missing, groundEvidence)];
    return { procedures: [], queries };
  }

  if (problems.problems.some((p) => p.kind === 'unread')) confidence -= 0.15;
  const procedure =
    category === 'office' || category === 'emergency' ? findSameDayProcedure(analysis) : undefined;
  const modifier = modifierFor(procedure);
  if (modifier?.code === '25') {
    confidence -= 0.1;
    details.push('modifier 25: the E/M must go beyond the procedure’s own pre-procedure evaluation: check');
  }
  const em: EmRationale = {
    category,
    ...(status?.status ? { patientStatus: status.status } : {}),
    method: selection.method,
    ...(category !== 'discharge'
      ? { mdm: { problems: grid.problems, data: grid.data, risk: grid.risk, level: grid.level } }
      : {}),
    ...(time ? { minutes: { value: time.minutes, evidence: time.evidence } } : {}),
  };
  const gridEvidence =
    category === 'discharge'
      ? []
      : [grid.problems, grid.data, grid.risk].flatMap((e) => e.items.flatMap((i) => i.evidence));
  const primaryPointers = pointers(diagnoses, problems.problems);
  const allDetails = [...details, ...statusDetails(status), ...selection.details];
  if (selection.method === 'time' && time && category !== 'discharge') confidence += 0.05;
  if (category === 'discharge' && !time) confidence = Math.min(confidence, 0.7);

  const addOns: ProcedureSuggestion[] = [];
  if (category === 'office' && selection.method === 'time' && time) {
    const prolonged = prolongedFor(
      selection.code,
      time.minutes,
      options.prolonged ?? 'by-age',
      input.age,
      analysis,
    );
    if (prolonged) {
      addOns.push(
        line(
          prolonged.code,
          `Prolonged office service by time: ${prolonged.why}`,
          [],
          time.evidence,
          primaryPointers,
          0.7,
          {
            system: prolonged.code === 'G2212' ? 'HCPCS' : 'CPT',
            units: prolonged.units,
            ...titleOf(prolonged.code, options),
          },
        ),
      );
    }
  }
  if (category === 'office' && OFFICE_LEVELS.test(selection.code)) {
    const g2211 = readG2211(analysis, problems.problems, modifier?.code as '25' | '57' | undefined);
    allDetails.push(`G2211: ${g2211.applies ? 'reported' : g2211.why}`);
    if (g2211.applies) {
      addOns.push(
        line(
          'G2211',
          `CMS G2211 visit complexity add-on: ${g2211.why}`,
          [],
          g2211.evidence,
          primaryPointers,
          0.65,
          {
            system: 'HCPCS',
            ...titleOf('G2211', options),
          },
        ),
      );
    }
  }

  const primary = line(
    selection.code,
    selection.rule,
    allDetails,
    [...groundEvidence, ...(time?.evidence ?? []), ...gridEvidence],
    primaryPointers,
    confidence,
    { modifiers: modifier ? [modifier] : [], rationale: { rule: selection.rule, details: allDetails, em } },
  );
  return { procedures: [primary, ...addOns], queries: [] };
}

function titleOf(code: string, options: EmFinderOptions): { title?: string } {
  if (!code.startsWith('G')) return {};
  const title = options.hcpcsTitle?.(code);
  return title ? { title } : {};
}

/** The E/M finder, for the engine to run beside the diagnosis coder. */
export function createEmFinder(options: EmFinderOptions = {}): ProcedureFinder {
  return { system: 'CPT', name: 'em', find: (context) => findEm(context, options) };
}
