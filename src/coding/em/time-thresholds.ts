/**
 * Minutes of total time on the date of the encounter that each time-selectable E/M code needs
 * (met or exceeded), and the prolonged-service add-ons beyond the top office codes. Emergency
 * department codes are never selected by time. Discharge day management is 99238 for 30 minutes
 * or less and 99239 for more than 30.
 */
import type { EmCategory } from './place.js';
import type { SourceKey } from './sources.js';

export interface TimeThreshold {
  code: string;
  category: EmCategory;
  status?: 'new' | 'established';
  minutes: number;
  source: SourceKey;
}

export const TIME_THRESHOLDS: readonly TimeThreshold[] = [
  { code: '99202', category: 'office', status: 'new', minutes: 15, source: 'ama-time' },
  { code: '99203', category: 'office', status: 'new', minutes: 30, source: 'ama-time' },
  { code: '99204', category: 'office', status: 'new', minutes: 45, source: 'ama-time' },
  { code: '99205', category: 'office', status: 'new', minutes: 60, source: 'ama-time' },
  { code: '99212', category: 'office', status: 'established', minutes: 10, source: 'ama-time' },
  { code: '99213', category: 'office', status: 'established', minutes: 20, source: 'ama-time' },
  { code: '99214', category: 'office', status: 'established', minutes: 30, source: 'ama-time' },
  { code: '99215', category: 'office', status: 'established', minutes: 40, source: 'ama-time' },
  { code: '99221', category: 'hospital-initial', minutes: 40, source: 'ama-time' },
  { code: '99222', category: 'hospital-initial', minutes: 55, source: 'ama-time' },
  { code: '99223', category: 'hospital-initial', minutes: 75, source: 'ama-time' },
  { code: '99231', category: 'hospital-subsequent', minutes: 25, source: 'ama-time' },
  { code: '99232', category: 'hospital-subsequent', minutes: 35, source: 'ama-time' },
  { code: '99233', category: 'hospital-subsequent', minutes: 50, source: 'ama-time' },
  { code: '99238', category: 'discharge', minutes: 0, source: 'ama-time' },
  { code: '99239', category: 'discharge', minutes: 31, source: 'ama-time' },
];

/**
 * Prolonged office service beyond a top code's time. CPT's 99417: each full 15 minutes beyond
 * the code's threshold (99205: 60, 99215: 40), so the first unit at 75 / 55 minutes. Medicare's
 * G2212: each full 15 minutes beyond the maximum of the code's 2021 time range (99205: 74,
 * 99215: 54), so the first unit at 89 / 69 minutes.
 */
export const PROLONGED_BASE: Readonly<Record<string, { cpt: number; cms: number }>> = {
  '99205': { cpt: 60, cms: 74 },
  '99215': { cpt: 40, cms: 54 },
};

/** The highest code of the category (and status) whose threshold the minutes meet. */
export function codeForTime(
  category: EmCategory,
  status: 'new' | 'established' | undefined,
  minutes: number,
): TimeThreshold | undefined {
  let best: TimeThreshold | undefined;
  for (const row of TIME_THRESHOLDS) {
    if (row.category !== category || (row.status !== undefined && row.status !== status)) continue;
    if (minutes >= row.minutes && (!best || row.minutes > best.minutes)) best = row;
  }
  return best;
}
