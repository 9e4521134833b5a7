import { describe, expect, it } from 'vitest';
import { saysNotManaged } from '../../src/coding/icd10cm/rules/not-managed.js';

describe('saysNotManaged', () => {
  it.each([
    ['Osteoarthritis - stable, not treated this admission.', true],
    ['Gout, not addressed today.', true],
    ['Hyperlipidemia per PCP.', true],
    ['Atrial fibrillation, managed by her cardiologist.', true],
    ['Hypothyroidism - continue levothyroxine, per PCP.', false],
    ['Hypertension on lisinopril, followed by PCP.', false],
    ['Type 2 diabetes, A1c 7.1; increase metformin.', false],
    ['Community acquired pneumonia, treated with ceftriaxone.', false],
  ])('%s → %s', (statement, expected) => {
    expect(saysNotManaged(statement)).toBe(expected);
  });
});
