import { antineoplasticEncounter } from './antineoplastic-encounter.js';
import { bloodAlcohol } from './blood-alcohol.js';
import { bmi } from './bmi.js';
import { deliveryOutcome } from './delivery.js';
import { encounterReason } from './encounter-reason.js';
import { gestation } from './gestation.js';
import { immunization } from './immunization.js';
import { longTermDrugs } from './long-term-drugs.js';
import { status } from './status.js';
import { tobacco } from './tobacco.js';
import type { Fact, FactInput } from './types.js';

export type { Fact, FactInput } from './types.js';

/** Every finder, in the order their codes are listed after the Index-driven codes. */
export function findFacts(input: FactInput): Fact[] {
  return [
    antineoplasticEncounter,
    encounterReason,
    gestation,
    deliveryOutcome,
    bmi,
    tobacco,
    status,
    longTermDrugs,
    immunization,
    bloodAlcohol,
  ].flatMap((f) => f(input));
}
