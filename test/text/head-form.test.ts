import { describe, expect, it } from 'vitest';
import { startsLikeHead } from '../../src/text/index.js';

describe('a title part that is a form of its head word', () => {
  it('starts with the head word’s first five letters, whatever the case', () => {
    expect(startsLikeHead('Diabetes', 'diabetic')).toBe(true);
    expect(startsLikeHead('pharynx', 'Pharyngeal')).toBe(true);
    expect(startsLikeHead('Infection', 'infective')).toBe(true);
    expect(startsLikeHead('Fracture', 'traumatic')).toBe(false);
    expect(startsLikeHead('Diabetes', 'diab')).toBe(false);
  });

  it('needs all four letters of a four-letter head, and a shorter head has no forms', () => {
    expect(startsLikeHead('Lump', 'lumpy')).toBe(true);
    expect(startsLikeHead('Lump', 'lum')).toBe(false);
    expect(startsLikeHead('Eye', 'eyes')).toBe(false);
  });
});
