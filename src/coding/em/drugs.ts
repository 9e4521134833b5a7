/**
 * Drug mentions and whether each is a prescription drug: by name or USAN stem, an OTC drug above
 * its OTC strength, or any drug given by injection or infusion.
 */
import type { NoteAnalysis, Sentence } from '../../nlp/index.js';
import { DOSE_AFTER, DRUG_TERMS, DUAL_NAMES, NOT_DRUGS, OTC_STRENGTH, PARENTERAL } from './drug-terms.js';
import { findTerms, outermost, type TermHit } from './terms.js';

export interface DrugMention {
  hit: TermHit;
  name: string;
  prescription: boolean;
  /** Named only generically ("meds"): counts only where the line manages it. */
  generic: boolean;
  /** Why it reads as prescription or OTC, for the rationale. */
  reason: string;
}

export function findDrugs(analysis: NoteAnalysis, keep: (s: Sentence) => boolean): DrugMention[] {
  const mentions: DrugMention[] = [];
  for (const hit of outermost(findTerms(analysis, DRUG_TERMS, keep))) {
    const name = hit.span.text.toLowerCase();
    if (NOT_DRUGS.has(name)) continue;
    const after = analysis.text.slice(hit.span.end, hit.sentence.end);
    const dose = DOSE_AFTER.exec(after);
    const window = analysis.text.slice(
      Math.max(hit.sentence.start, hit.span.start - 15),
      Math.min(hit.sentence.end, hit.span.end + 25),
    );
    if (PARENTERAL.test(window)) {
      mentions.push({
        hit,
        name,
        prescription: true,
        generic: false,
        reason: 'given by injection or infusion',
      });
      continue;
    }
    if (hit.term.kind === 'otc') {
      mentions.push({ hit, name, prescription: false, generic: false, reason: 'sold over the counter' });
      continue;
    }
    if (DUAL_NAMES.has(name)) {
      const strength = OTC_STRENGTH[name]!;
      const mg = dose ? Number(dose[1]) : undefined;
      const prescription = mg !== undefined && mg > strength;
      mentions.push({
        hit,
        name,
        prescription,
        generic: false,
        reason: prescription ? `${mg} mg is above the OTC strength (${strength} mg)` : 'at OTC strength',
      });
      continue;
    }
    const generic = hit.term.kind === 'generic';
    mentions.push({
      hit,
      name,
      prescription: true,
      generic,
      reason: generic ? "the patient's prescriptions" : 'prescription drug',
    });
  }
  return mentions;
}
