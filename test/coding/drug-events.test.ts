/**
 * Table of Drugs and Chemicals events (I.C.19.e.5): what happened with the drug, the intent
 * (accidental by default) and the column it selects, on sentences written for these tests.
 */
import { describe, expect, it } from 'vitest';
import { classifyDrugEvent, drugColumn, noncomplianceCode } from '../../src/coding/icd10cm/drug-events.js';

describe('classifyDrugEvent', () => {
  const cases: Array<[string, string, string | null, string | null, string | null]> = [
    [
      'overdose without stated intent is accidental',
      'took an overdose of her pills',
      'poisoning',
      'accidental',
      'poisoningAccidental',
    ],
    [
      'self-harm intent',
      'suicide attempt by overdose of tablets',
      'poisoning',
      'intentional',
      'poisoningIntentional',
    ],
    [
      '"unintentional" is not intentional',
      'unintentional ingestion of a cleaner',
      'poisoning',
      'accidental',
      'poisoningAccidental',
    ],
    ['assault', 'poisoned by her partner, reported as assault', 'poisoning', 'assault', 'poisoningAssault'],
    [
      'stated undetermined intent',
      'overdose, intent unclear at this time',
      'poisoning',
      'undetermined',
      'poisoningUndetermined',
    ],
    [
      'side effect of a prescribed drug',
      'rash, a side effect of the new antibiotic',
      'adverseEffect',
      'accidental',
      'adverseEffect',
    ],
    ['drug-induced', 'steroid-induced hyperglycemia', 'adverseEffect', 'accidental', 'adverseEffect'],
    [
      'missed doses are underdosing',
      'has been skipping doses of her inhaler',
      'underdosing',
      'accidental',
      'underdosing',
    ],
    [
      'ran out of medication',
      'ran out of his blood pressure pills a week ago',
      'underdosing',
      'accidental',
      'underdosing',
    ],
    ['a drug merely taken is no event', 'well controlled on the current regimen', null, null, null],
  ];
  it.each(cases)('%s', (_n, text, kind, intent, column) => {
    const found = classifyDrugEvent(text);
    expect(found?.kind ?? null).toBe(kind);
    expect(found?.intent ?? null).toBe(intent);
    expect(found ? drugColumn(found.kind, found.intent) : null).toBe(column);
  });
});

describe('noncomplianceCode', () => {
  it.each([
    ['stopped taking it because he cannot afford the copay', 'Z91.120'],
    ['misses doses due to age-related frailty', 'Z91.130'],
    ['keeps forgetting the evening dose', 'Z91.138'],
    ['skipped doses', null],
  ])('%s → %s', (text, code) => expect(noncomplianceCode(text)).toBe(code));
});
