import { antineoplasticEncounter } from './antineoplastic-encounter.js';
import { bloodAlcohol } from './blood-alcohol.js';
import { bmi } from './bmi.js';
import { deliveryOutcome } from './delivery.js';
import { encounterReason } from './encounter-reason.js';
import { gestation } from './gestation.js';
import { immunization } from './immunization.js';
import { longTermDrugs } from './long-term-drugs.js';
import { obstetricLaceration } from './obstetric-laceration.js';
import { status } from './status.js';
import { tobacco } from './tobacco.js';
import type { Fact, FactInput } from './types.js';

export type { Fact, FactInput } from './types.js';

/**
 * Every fact finder, in the order their codes are listed after the Index-driven codes (the
 * pipeline runs them all as one DiagnosisFinder, finders/facts.ts). A fact finder sees the codes
 * of the ones before it too: an obstetric laceration read from the wording is a chapter 15 code
 * that the weeks of gestation and the outcome of delivery go with.
 */
export function findFacts(input: FactInput): Fact[] {
  const out: Fact[] = [];
  for (const finder of FINDERS)
    out.push(...finder({ ...input, codes: [...input.codes, ...out.map((f) => f.code)] }));
  return out;
}

const FINDERS = [
  antineoplasticEncounter,
  obstetricLaceration,
  encounterReason,
  gestation,
  deliveryOutcome,
  bmi,
  tobacco,
  status,
  longTermDrugs,
  immunization,
  bloodAlcohol,
];
