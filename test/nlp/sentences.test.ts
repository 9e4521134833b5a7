import { describe, expect, it } from 'vitest';
import { splitSentences } from '../../src/nlp/sentences.js';

const split = (t: string) => splitSentences(t).map((s) => t.slice(s.start, s.end));

describe('splitSentences', () => {
  it.each([
    ['Cough for 3 days. Denies fever.', ['Cough for 3 days.', 'Denies fever.']],
    ['A1c 8.1 today. Seen by Dr. Smith today.', ['A1c 8.1 today.', 'Seen by Dr. Smith today.']],
    ['1. HTN\n2. DM2, on metformin\n- CKD 3', ['HTN', 'DM2, on metformin', 'CKD 3']],
    ['1. Pneumonia. 2. COPD. 3. HTN', ['Pneumonia.', 'COPD.', 'HTN']],
    ['CKD stage 3. Denies pain.', ['CKD stage 3.', 'Denies pain.']],
    ['pain in the right\nknee since a fall', ['pain in the right\nknee since a fall']],
    ['Fever\n\nCough', ['Fever', 'Cough']],
    ['is it pneumonia? maybe', ['is it pneumonia? maybe']],
  ])('%j', (text, expected) => {
    expect(split(text)).toEqual(expected);
  });

  it('respects the start and end offsets', () => {
    const t = 'HEADER\nOne. Two.';
    const spans = splitSentences(t, 7, t.length);
    expect(spans.map((s) => t.slice(s.start, s.end))).toEqual(['One.', 'Two.']);
  });

  it('stays linear on long unpunctuated input', () => {
    const t = 'word '.repeat(200_000);
    const t0 = performance.now();
    expect(splitSentences(t).length).toBe(1);
    expect(performance.now() - t0).toBeLessThan(2000);
  });
});
