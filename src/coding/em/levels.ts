/**
 * The four levels of medical decision making, in order. Each MDM element reaches one of them
 * (its own names, "minimal", "limited", "extensive", map onto these), and the visit's MDM is the
 * level two of the three elements meet or exceed.
 */
import type { MdmElement } from '../types.js';

export type Level = MdmElement['level'];

export const LEVELS: readonly Level[] = ['straightforward', 'low', 'moderate', 'high'];

export function rank(level: Level): number {
  return LEVELS.indexOf(level);
}

export function highest(levels: readonly Level[]): Level {
  return levels.reduce<Level>((a, b) => (rank(b) > rank(a) ? b : a), 'straightforward');
}
