/**
 * Chooses the E/M code from the MDM grid and the documented time. Where the category allows
 * time (office, hospital initial and subsequent), the higher of the two codes is reported, and
 * the rule says which carried it; emergency department levels are MDM only; discharge day
 * management is time only (99239 needs documented time over 30 minutes, so a discharge without
 * documented time is 99238). An MDM level needs at least one problem addressed.
 */
import type { EmRationale } from '../types.js';
import { MDM_CODES, type MdmTable } from './code-table.js';
import { elementsMeeting, type MdmGrid } from './mdm.js';
import type { EmCategory } from './place.js';
import type { DocumentedTime } from './time.js';
import { codeForTime, TIME_THRESHOLDS } from './time-thresholds.js';

export interface SelectInput {
  category: EmCategory;
  status?: 'new' | 'established';
  grid: MdmGrid;
  /** At least one problem addressed: without one, no MDM level is supported. */
  mdmSupported: boolean;
  time?: DocumentedTime;
}

export type Selection =
  | { code: string; method: EmRationale['method']; rule: string; details: string[] }
  | { code?: undefined; missing: string[]; details: string[] };

const RULESET: Record<EmCategory, string> = {
  office: 'AMA 2021 office/outpatient E/M',
  emergency: 'AMA 2023 emergency department E/M',
  'hospital-initial': 'AMA 2023 initial hospital inpatient/observation care',
  'hospital-subsequent': 'AMA 2023 subsequent hospital inpatient/observation care',
  discharge: 'AMA 2023 hospital discharge day management',
};

function tableOf(category: EmCategory, status?: 'new' | 'established'): MdmTable | undefined {
  if (category === 'office') return status ? `office-${status}` : undefined;
  if (category === 'discharge') return undefined;
  return category;
}

function order(code: string): number {
  return Number(code);
}

export function selectCode(input: SelectInput): Selection {
  const { category, status, grid, time } = input;
  const ruleset = RULESET[category];
  const statusText = category === 'office' && status ? `, ${status} patient` : '';
  const details: string[] = [];

  if (category === 'discharge') {
    if (!time) {
      return {
        code: '99238',
        method: 'time',
        rule: `${ruleset}: no discharge time documented, so 99238 (99239 needs documented time over 30 minutes)`,
        details,
      };
    }
    const code = time.minutes > 30 ? '99239' : '99238';
    return {
      code,
      method: 'time',
      rule: `${ruleset}: ${time.minutes} minutes documented, ${time.minutes > 30 ? 'more than 30' : '30 or less'}`,
      details: [time.how],
    };
  }

  if (category === 'office' && !status) {
    return { missing: ['whether the patient is new or established'], details };
  }
  const table = tableOf(category, status)!;
  const mdmCode = input.mdmSupported ? MDM_CODES[table][grid.level] : undefined;
  const timeAllowed = category !== 'emergency';
  const timeRow = timeAllowed && time ? codeForTime(category, status, time.minutes) : undefined;
  if (time && !timeAllowed)
    details.push('time is documented but emergency department levels are chosen by MDM only');
  if (time && timeAllowed && !timeRow) {
    const lowest = TIME_THRESHOLDS.find((r) => r.category === category && (!r.status || r.status === status));
    details.push(
      `${time.minutes} minutes documented, below the ${lowest?.minutes ?? '?'} minutes of the lowest time level`,
    );
  }

  const mdmRule = () =>
    `${ruleset}: MDM ${grid.level} (${elementsMeeting(grid).join(', ')}; 2 of 3 elements)${statusText}`;
  if (mdmCode && (!timeRow || order(mdmCode) >= order(timeRow.code))) {
    if (timeRow)
      details.push(`time (${time!.minutes} minutes) supports ${timeRow.code}, not higher than MDM`);
    return { code: mdmCode, method: 'mdm', rule: mdmRule(), details };
  }
  if (timeRow) {
    if (mdmCode)
      details.push(`MDM ${grid.level} supports ${mdmCode}; time supports the higher ${timeRow.code}`);
    return {
      code: timeRow.code,
      method: 'time',
      rule: `${ruleset}: total time ${time!.minutes} minutes on the date of the encounter meets ${timeRow.code} (${timeRow.minutes} minutes or more)${statusText}`,
      details: [time!.how, ...details],
    };
  }
  const missing: string[] = [];
  if (!input.mdmSupported) missing.push('the problems addressed at this visit and their status');
  if (grid.data.level === 'straightforward') missing.push('tests or records reviewed or ordered');
  if (grid.risk.level === 'straightforward')
    missing.push('the management decided (treatment, drugs, procedures)');
  if (timeAllowed && !time) missing.push('the total time spent on the date of the encounter');
  return { missing, details };
}
