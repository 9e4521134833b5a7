import { describe, expect, it } from 'vitest';
import { essentialNemod, termWords } from '../../src/coding/icd10cm/terms.js';
import { stem } from '../../src/text/index.js';

describe('termWords', () => {
  it('keeps parenthesised words optional and the rest required', () => {
    const w = termWords('diastolic', '(congestive) (left ventricular)');
    expect(w.required).toEqual([stem('diastolic')]);
    expect(w.optional).toContain(stem('congestive'));
  });

  it('reads the essential words of a connector title from its nemod ("and (on) chronic")', () => {
    // The Index file splits the printed subterm "and (on) chronic (congestive)" at its first
    // parenthesis; "chronic" is essential, "on" and "congestive" are not.
    const w = termWords('and', '(on) chronic (congestive)');
    expect(w.required).toEqual([stem('chronic')]);
    expect(w.optional).toContain(stem('congestive'));
    expect(w.required).not.toContain(stem('congestive'));
  });

  it('handles nested parentheses in such a nemod', () => {
    const w = termWords('in', '(due to (bilateral)) schistosomiasis (bilharziasis)');
    expect(w.required).toEqual([stem('schistosomiasis')]);
    expect(w.optional).toEqual(expect.arrayContaining([stem('bilateral'), stem('bilharziasis')]));
  });

  it('leaves a title with words of its own as it was', () => {
    expect(termWords('Alder', '(-Reilly) anomaly or syndrome').required).toEqual([stem('alder')]);
  });
});

describe('termWords: a trailing negative part', () => {
  it('"reading, no diagnosis of hypertension" requires "reading" and the absence of hypertension', () => {
    const w = termWords('reading (incidental) (isolated) (nonspecific), no diagnosis of hypertension');
    expect(w.required).toEqual([stem('reading')]);
    expect(w.negated).toEqual([stem('diagnosis'), stem('hypertension')]);
    expect(w.optional).toContain(stem('isolated'));
  });

  it('"not elsewhere classified" names nothing to be absent', () => {
    expect(termWords('resulting from a procedure, not elsewhere classified').negated).toBeUndefined();
  });
});

describe('essentialNemod', () => {
  it('returns the plain words the printed Index shows outside parentheses', () => {
    expect(essentialNemod('(and minus) hand (intrinsic)')).toBe('hand');
  });
  it('ignores word endings split by a parenthesis and lists of alternatives', () => {
    expect(essentialNemod('(t)ic syndrome (post-traumatic)')).toBeNull();
    expect(essentialNemod('(-Reilly) anomaly or syndrome (leukocyte granulation)')).toBeNull();
    expect(essentialNemod('(ism), achromatopsia (acquired) (congenital)')).toBeNull();
    expect(essentialNemod('(congestive) (left ventricular)')).toBeNull();
  });
});
