import { describe, expect, it } from 'vitest';
import { colourFor, overlapBackground, PALETTE, segmentText } from '../../web/src/lib/highlight.js';

const text = 'Type 2 diabetes with chronic kidney disease stage 3a.';
//            0123456789012345678901234567890123456789012345678901

describe('segmentText', () => {
  it('returns the whole text as one plain run when there are no spans', () => {
    expect(segmentText(text, [])).toEqual([{ start: 0, end: text.length, text, keys: [] }]);
  });

  it('splits overlapping spans of two codes into runs that name both codes where they overlap', () => {
    const segs = segmentText(
      text,
      [
        { start: 0, end: 43, key: 'E11.22' },
        { start: 21, end: 52, key: 'N18.31' },
      ],
      ['E11.22', 'N18.31'],
    );
    expect(segs.map((s) => [s.text, s.keys])).toEqual([
      ['Type 2 diabetes with ', ['E11.22']],
      ['chronic kidney disease', ['E11.22', 'N18.31']],
      [' stage 3a', ['N18.31']],
      ['.', []],
    ]);
    // The runs tile the text exactly: nothing lost, nothing doubled.
    expect(segs.map((s) => s.text).join('')).toBe(text);
  });

  it('orders the codes of an overlap by the given code order, not by span order', () => {
    const segs = segmentText(
      text,
      [
        { start: 0, end: 6, key: 'B' },
        { start: 0, end: 6, key: 'A' },
      ],
      ['A', 'B'],
    );
    expect(segs[0]!.keys).toEqual(['A', 'B']);
  });

  it('handles a span nested inside another and a duplicate span of the same code', () => {
    const segs = segmentText(text, [
      { start: 0, end: 15, key: 'E11.9' },
      { start: 7, end: 15, key: 'R73.9' },
      { start: 7, end: 15, key: 'R73.9' },
    ]);
    expect(segs.map((s) => [s.text, s.keys])).toEqual([
      ['Type 2 ', ['E11.9']],
      ['diabetes', ['E11.9', 'R73.9']],
      [text.slice(15), []],
    ]);
  });

  it('merges touching spans of the same code into one run', () => {
    const segs = segmentText(text, [
      { start: 0, end: 4, key: 'X' },
      { start: 4, end: 6, key: 'X' },
    ]);
    expect(segs[0]).toEqual({ start: 0, end: 6, text: 'Type 2', keys: ['X'] });
  });

  it('clamps spans past the end and drops empty, inverted and non-numeric spans', () => {
    const segs = segmentText('abc', [
      { start: 1, end: 99, key: 'A' },
      { start: 2, end: 2, key: 'B' },
      { start: 3, end: 1, key: 'C' },
      { start: Number.NaN, end: 2, key: 'D' },
      { start: -5, end: 1, key: 'E' },
    ]);
    expect(segs).toEqual([
      { start: 0, end: 1, text: 'a', keys: ['E'] },
      { start: 1, end: 3, text: 'bc', keys: ['A'] },
    ]);
  });

  it('returns no runs for an empty note', () => {
    expect(segmentText('', [{ start: 0, end: 3, key: 'A' }])).toEqual([]);
  });
});

describe('colours', () => {
  it('gives neighbouring codes different colours and underline styles, wrapping after the palette', () => {
    for (let i = 0; i < PALETTE.length; i++) {
      const a = colourFor(i);
      const b = colourFor(i + 1);
      expect(a.background).not.toBe(b.background);
      expect(a.underline).not.toBe(b.underline);
    }
    expect(colourFor(PALETTE.length)).toBe(colourFor(0));
    expect(colourFor(-1)).toBe(PALETTE[PALETTE.length - 1]);
  });

  it('stripes an overlap with every colour and uses a single colour as is', () => {
    expect(overlapBackground([])).toBe('transparent');
    expect(overlapBackground(['#fff'])).toBe('#fff');
    const striped = overlapBackground(['#aaa', '#bbb']);
    expect(striped).toMatch(/^repeating-linear-gradient/);
    expect(striped).toContain('#aaa 0px');
    expect(striped).toContain('#bbb 12px');
  });
});
