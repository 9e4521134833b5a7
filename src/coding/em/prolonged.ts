/**
 * Prolonged office service: an add-on to 99205 or 99215 chosen by time, in units of full 15
 * minutes beyond the base (time-thresholds.ts). Which code depends on the payer: CPT's 99417
 * for most payers, Medicare's G2212 for Medicare. The finder does not know the payer, so it
 * follows a documented rule: the note naming Medicare, or a patient 65 or older (the age of
 * Medicare eligibility), reads as Medicare; anyone else as a CPT payer. The caller can override
 * the rule when the claim's payer is known.
 */
import type { NoteAnalysis } from '../../nlp/index.js';
import { PROLONGED_BASE } from './time-thresholds.js';

export type ProlongedRule = 'by-age' | 'cpt' | 'cms';

export interface Prolonged {
  code: '99417' | 'G2212';
  units: number;
  /** Why this code, in our words. */
  why: string;
}

const MEDICARE = /\bmedicare\b/i;

export function prolongedFor(
  code: string,
  minutes: number,
  rule: ProlongedRule,
  age: number,
  analysis: NoteAnalysis,
): Prolonged | undefined {
  const base = PROLONGED_BASE[code];
  if (!base) return undefined;
  let cms: boolean;
  let payer: string;
  if (rule === 'cpt' || rule === 'cms') {
    cms = rule === 'cms';
    payer = `payer rule given by the caller (${rule.toUpperCase()})`;
  } else if (MEDICARE.test(analysis.text)) {
    cms = true;
    payer = 'the note names Medicare';
  } else {
    cms = age >= 65;
    payer = cms
      ? `patient is ${age}, Medicare age: payer assumed Medicare (unknown to the finder)`
      : `patient is ${age}, under Medicare age: payer assumed to follow CPT (unknown to the finder)`;
  }
  const over = minutes - (cms ? base.cms : base.cpt);
  const units = Math.floor(over / 15);
  if (units < 1) return undefined;
  const why = cms
    ? `G2212: ${minutes} minutes is ${over} beyond ${code}'s 2021 range maximum of ${base.cms}; one unit per full 15 minutes (${payer})`
    : `99417: ${minutes} minutes is ${over} beyond ${code}'s ${base.cpt} minutes; one unit per full 15 minutes (${payer})`;
  return { code: cms ? 'G2212' : '99417', units, why };
}
