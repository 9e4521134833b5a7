import { HISTORY_STATUS_QUERY } from '../coding/icd10cm/rules/history-family.js';
import type { PhysicianQuery } from '../coding/types.js';

/**
 * The engine's physician queries as multiple-choice templates. A compliant query (AHIMA/ACDIS,
 * "Guidelines for Achieving a Compliant Query Practice") is non-leading: it lists the clinically
 * reasonable options neutrally, in no suggestive order, never says what any choice would pay,
 * and always lets the provider answer "other" or "clinically undetermined". The engine words the
 * question and names the missing element; the choices for each element it asks about are here.
 * An element not listed still gets the two choices every query has, and "other" takes text.
 */
export const OTHER = 'Other (please specify)';
export const UNDETERMINED = 'Clinically undetermined';

const CHOICES: Record<string, readonly string[]> = {
  'stage of chronic kidney disease': [
    'Stage 1',
    'Stage 2',
    'Stage 3a',
    'Stage 3b',
    'Stage 3, not further specified',
    'Stage 4',
    'Stage 5',
    'End-stage renal disease',
  ],
  'type and acuity of heart failure': [
    'Acute systolic (HFrEF)',
    'Chronic systolic (HFrEF)',
    'Acute on chronic systolic (HFrEF)',
    'Acute diastolic (HFpEF)',
    'Chronic diastolic (HFpEF)',
    'Acute on chronic diastolic (HFpEF)',
    'Acute combined systolic and diastolic',
    'Chronic combined systolic and diastolic',
    'Acute on chronic combined systolic and diastolic',
  ],
  'acuity of heart failure': ['Acute', 'Chronic', 'Acute on chronic'],
  'severity of depression': [
    'Single episode, mild',
    'Single episode, moderate',
    'Single episode, severe',
    'Recurrent, mild',
    'Recurrent, moderate',
    'Recurrent, severe',
  ],
  'type of diabetes': [
    'Type 1',
    'Type 2',
    'Due to an underlying condition',
    'Drug or chemical induced',
    'Other specified type',
  ],
  laterality: ['Right', 'Left', 'Bilateral'],
  'new or established patient': ['New patient', 'Established patient'],
  'hospital visit type': ['Initial hospital visit', 'Subsequent hospital day', 'Discharge day'],
  [HISTORY_STATUS_QUERY]: [
    'Current condition, monitored, evaluated, assessed or treated at this encounter',
    'Resolved: history only',
  ],
};

/** The answer choices of a query about `element`, ending with "other" and "clinically undetermined". */
export function queryChoices(element: string): string[] {
  return [...(CHOICES[element] ?? []), OTHER, UNDETERMINED];
}

export interface QueryTemplate extends PhysicianQuery {
  options: string[];
}

export function templateOf(q: PhysicianQuery): QueryTemplate {
  return { ...q, options: queryChoices(q.element) };
}

/**
 * Checks a provider's answer against a query's choices: a template query is answered by one of
 * its choices ("other" with text saying what), a free-text query by text. Returns what is stored.
 */
export function checkAnswer(
  options: readonly string[],
  answer: { option?: string | undefined; text?: string | undefined },
): { option: string | null; text: string } | { error: string; field: 'option' | 'text' } {
  const text = answer.text?.trim() ?? '';
  if (options.length === 0) {
    if (answer.option !== undefined)
      return { error: 'this query has no choices: answer in words', field: 'option' };
    if (!text) return { error: 'the answer is empty', field: 'text' };
    return { option: null, text };
  }
  if (answer.option === undefined || !options.includes(answer.option))
    return { error: `pick one of the query's choices: ${options.join('; ')}`, field: 'option' };
  if (answer.option === OTHER && !text)
    return { error: 'say what "other" is in the answer text', field: 'text' };
  return { option: answer.option, text: text || answer.option };
}
