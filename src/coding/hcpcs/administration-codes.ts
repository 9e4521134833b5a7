/**
 * The CPT administration codes that go with administered drugs, as code numbers only (CPT
 * descriptors are the AMA's): 96372 for each intramuscular or subcutaneous injection; 96374
 * for the first intravenous push and 96375 for each further drug pushed; 96365 for the first
 * intravenous infusion of more than 15 minutes (with 96366 for each further hour beyond 90
 * minutes) and 96367 for each further drug infused; 20600/20605/20610 (20604/20606/20611 with
 * ultrasound guidance) for an injection into a small, intermediate or major joint, one per joint.
 *
 * Not derived here, for the coder: hydration (96360/96361; IV fluids are billed by their J-code
 * only), chemotherapy administration (96401-96549), concurrent infusions (96368), and the
 * facility/professional split (in the emergency department the facility bills these).
 */
import type { EvidenceSpan, PhysicianQuery } from '../types.js';
import type { DrugAdministration } from './drug-administrations.js';
import { JOINT_INJECTION_CODE, jointIn } from './joint-size.js';

export interface AdministrationLine {
  code: string;
  units: number;
  evidence: EvidenceSpan[];
  rule: string;
  details: string[];
}

/**
 * Every CPT number `administrationLines` can suggest, for callers that load data per code once
 * (the modifier stage's NCCI pairs).
 */
export const ADMINISTRATION_CODES: readonly string[] = [
  '96365',
  '96366',
  '96367',
  '96372',
  '96374',
  '96375',
  ...Object.values(JOINT_INJECTION_CODE).flatMap((c) => [c.plain, c.ultrasound]),
];

/** IV fluids (normal saline, dextrose, Ringer's): their administration is hydration, not derived here. */
const FLUID = /^J7(0[3-9]|1[0-3])\d$/;

/** Chemotherapy drugs (J9000-J9999): their administration is 96401-96549, not derived here. */
const ANTINEOPLASTIC = /^J9\d{3}$/;

/** An infusion of 15 minutes or less is a push (CPT, intravenous push definition). */
const PUSH_MINUTES = 15;

export function administrationLines(
  administrations: readonly DrugAdministration[],
  text: string,
): { lines: AdministrationLine[]; queries: PhysicianQuery[] } {
  const lines: AdministrationLine[] = [];
  const queries: PhysicianQuery[] = [];
  const add = (
    code: string,
    units: number,
    evidence: EvidenceSpan[],
    rule: string,
    details: string[] = [],
  ) => {
    const same = lines.find((l) => l.code === code && l.rule === rule);
    if (same) {
      same.units += units;
      same.evidence.push(...evidence);
      same.details.push(...details);
    } else lines.push({ code, units, evidence: [...evidence], rule, details: [...details] });
  };
  const pushes: DrugAdministration[] = [];
  const infusions: DrugAdministration[] = [];
  const joints = new Map<string, AdministrationLine>();
  for (const a of administrations) {
    if (FLUID.test(a.code.code) || ANTINEOPLASTIC.test(a.code.code)) continue;
    const ev = [a.mention, a.route.span];
    switch (a.route.value) {
      case 'intramuscular':
      case 'subcutaneous':
        add('96372', 1, ev, 'one unit per intramuscular or subcutaneous injection', [
          `${a.code.code}: ${a.route.span.text}`,
        ]);
        break;
      case 'intravenous-push':
        pushes.push(a);
        break;
      case 'intravenous-infusion':
        if (!a.minutes) {
          queries.push({
            element: 'infusion time',
            question: `What were the start and stop times of the ${a.mention.text} infusion? The infusion administration code depends on its duration.`,
            affectedCodes: ['96365', '96366', '96367', '96374'],
            evidence: [a.clause],
          });
        } else if (a.minutes.value <= PUSH_MINUTES) pushes.push(a);
        else infusions.push(a);
        break;
      case 'intravenous':
        queries.push({
          element: 'route',
          question: `Was ${a.mention.text} given by intravenous push or by infusion (with start and stop times)? The administration code depends on it.`,
          affectedCodes: ['96365', '96374', '96375'],
          evidence: [a.clause],
        });
        break;
      case 'intra-articular': {
        const sentence = text.slice(a.clause.start, a.clause.end);
        const joint = jointIn(sentence);
        if (!joint) {
          queries.push({
            element: 'joint',
            question: `Which joint or bursa was injected with ${a.mention.text}? The injection code depends on the joint's size.`,
            affectedCodes: ['20600', '20605', '20610'],
            evidence: [a.clause],
          });
          break;
        }
        const guided = /\b(ultrasound|us)[- ]guid/i.test(sentence) || /\bunder ultrasound\b/i.test(sentence);
        const code = guided
          ? JOINT_INJECTION_CODE[joint.size].ultrasound
          : JOINT_INJECTION_CODE[joint.size].plain;
        const side =
          /\b(bilateral(?:ly)?|both)\b/i.exec(sentence)?.[0] ?? /\b(right|left)\b/i.exec(sentence)?.[0] ?? '';
        const key = `${code}|${joint.joint}|${side.toLowerCase()}`;
        const start = a.clause.start + joint.index;
        const jointSpan = {
          start,
          end: start + joint.joint.length,
          text: text.slice(start, start + joint.joint.length),
        };
        const existing = joints.get(key);
        if (existing) existing.evidence.push(a.mention);
        else {
          const line: AdministrationLine = {
            code,
            units: 1,
            evidence: [a.clause, jointSpan],
            rule: `injection of a ${joint.size} joint or bursa (${joint.joint})${guided ? ' with ultrasound guidance' : ''}: one per joint`,
            details: [`drugs injected: ${a.code.code}`],
          };
          joints.set(key, line);
          lines.push(line);
        }
        break;
      }
      default:
        break;
    }
  }
  const firstInfusion = infusions[0];
  if (firstInfusion?.minutes) {
    const minutes = firstInfusion.minutes.value;
    add(
      '96365',
      1,
      [firstInfusion.mention, firstInfusion.minutes.span],
      'initial intravenous infusion, more than 15 minutes',
      [`${firstInfusion.code.code}: ${minutes} minutes`],
    );
    // Each further hour counts when more than 30 minutes of it were infused (91 minutes or more).
    const extraHours = minutes > 90 ? Math.floor((minutes - 31) / 60) : 0;
    if (extraHours > 0)
      add(
        '96366',
        extraHours,
        [firstInfusion.minutes.span],
        'each additional hour of the same infusion (over 30 minutes into the hour)',
        [`${minutes} minutes: ${extraHours} additional hour${extraHours === 1 ? '' : 's'}`],
      );
  }
  for (const a of infusions.slice(1)) {
    add('96367', 1, [a.mention, a.route.span], 'each additional sequential infusion of a new drug', [
      a.code.code,
    ]);
  }
  pushes.forEach((a, i) => {
    const initial = i === 0 && infusions.length === 0;
    add(
      initial ? '96374' : '96375',
      1,
      [a.mention, a.route.span],
      initial ? 'initial intravenous push' : 'each additional sequential intravenous push of a new drug',
      [a.code.code],
    );
  });
  return { lines, queries };
}
