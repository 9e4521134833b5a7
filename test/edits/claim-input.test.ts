import { describe, expect, it } from 'vitest';
import { ClaimInputError, parseClaim, resolveLines } from '../../src/edits/claim.js';

const valid = {
  patient: { birthDate: '1970-01-01', sex: 'F' },
  dateOfService: '2023-03-15',
  placeOfService: '11',
  diagnoses: ['e11.9', 'I10'],
  lines: [{ code: '99213', chargeCents: 12500, pointers: ['A', 2], modifiers: ['25'] }],
};

describe('claim input', () => {
  it('fills defaults, upper-cases codes and turns pointer letters into numbers', () => {
    const claim = parseClaim(valid);
    expect(claim.setting).toBe('practitioner');
    expect(claim.diagnoses).toEqual(['E11.9', 'I10']);
    const [l] = resolveLines(claim);
    expect(l).toMatchObject({
      line: 1,
      units: 1,
      pointers: [1, 2],
      dateOfService: '2023-03-15',
      placeOfService: '11',
    });
  });

  it.each([
    ['a bad date', { ...valid, dateOfService: '2023-02-30' }, /dateOfService: not a real calendar date/],
    [
      'fractional cents',
      { ...valid, lines: [{ code: '99213', chargeCents: 125.5 }] },
      /lines\.0\.chargeCents: charges are integer cents/,
    ],
    ['no lines', { ...valid, lines: [] }, /lines: a claim needs at least one service line/],
    [
      'five modifiers',
      { ...valid, lines: [{ code: '99213', chargeCents: 1, modifiers: ['1', '2', '3', '4', '5'] }] },
      /at most 4 modifiers/,
    ],
    ['a bad sex', { ...valid, patient: { birthDate: '1970-01-01', sex: 'X' } }, /patient\.sex/],
    [
      'a bad pointer letter',
      { ...valid, lines: [{ code: '99213', chargeCents: 1, pointers: ['Q'] }] },
      /lines\.0\.pointers\.0/,
    ],
    [
      'no date of service anywhere',
      { ...valid, dateOfService: undefined },
      /lines\.0\.dateOfService: no date of service/,
    ],
    ['not an object', 'hello', /\(root\)/],
  ])('rejects %s with the field path', (_name, input, message) => {
    expect(() => parseClaim(input, 'c.json')).toThrow(ClaimInputError);
    expect(() => parseClaim(input, 'c.json')).toThrow(message);
  });
});
