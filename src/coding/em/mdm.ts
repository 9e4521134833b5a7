/**
 * The visit's MDM level: the highest level that two of the three elements (problems, data, risk)
 * meet or exceed, which is the middle of the three levels once sorted.
 */
import type { MdmElement } from '../types.js';
import { type Level, rank } from './levels.js';

export interface MdmGrid {
  problems: MdmElement;
  data: MdmElement;
  risk: MdmElement;
  level: Level;
}

const NAMES = ['problems', 'data', 'risk'] as const;

export function combineMdm(problems: MdmElement, data: MdmElement, risk: MdmElement): MdmGrid {
  const sorted = [problems.level, data.level, risk.level].sort((a, b) => rank(b) - rank(a));
  return { problems, data, risk, level: sorted[1]! };
}

/** "problems moderate, risk moderate": the elements that reach the MDM level, for the rule text. */
export function elementsMeeting(grid: MdmGrid): string[] {
  return NAMES.filter((n) => rank(grid[n].level) >= rank(grid.level)).map((n) => `${n} ${grid[n].level}`);
}
