import { describe, expect, it } from 'vitest';
import { AlphabeticIndex } from '../../src/terminology/alphabetic-index.js';
import { type Walk, walkIndex } from '../../src/terminology/index-walk.js';
import { term } from './index-terms.js';

/** A main term with more subterms than the walk compares one by one, as the Neoplasm Table's sites. */
function bigIndex(): AlphabeticIndex {
  const sites = [
    'abdomen, abdominal',
    'bladder (urinary)',
    'breast',
    'colon',
    'femur, femoral',
    'intestine, intestinal',
    'kidney',
    'liver',
    'lung',
    'ovary',
    'pancreas',
    'prostate',
    'rectum',
    'skin',
    'stomach',
    'thyroid (gland)',
    'upper outer quadrant',
    'with',
  ];
  const rows = [term(1, null, 'Neoplasm, neoplastic')];
  let id = 2;
  for (const s of sites) {
    const parent = id++;
    rows.push(term(parent, 1, s, `C${parent}`));
    rows.push(term(id++, parent, 'lower lobe', `C${parent}.1`));
  }
  for (let k = 0; k < 20; k++) rows.push(term(id++, 1, `filler site ${k}`, `D${k}`));
  return new AlphabeticIndex('neoplasm', rows);
}

/** What a walk found, without the terms' cached keys. */
const found = (w: Walk | null) =>
  w && { ...w, steps: w.steps.map((s) => ({ id: s.term.id, code: s.term.code, via: s.via })) };

describe('walkIndex over a long list of subterms', () => {
  it('finds the same walk the first time (term by term) and after (read through the list index)', () => {
    const queries = [
      ['neoplasm', 'lung', 'lower lobe'],
      ['neoplasm', 'femoral'],
      ['neoplasm', 'bladder urinary'],
      ['neoplasm', 'urinary bladder'],
      ['neoplasm', 'pancraes'],
      ['neoplasm', 'prostrate'],
      ['neoplasm', 'stomach', 'lower lobe'],
      ['neoplasm', 'breast', 'upper outer quadrant'],
      ['neoplasm', 'lower lobe'],
      ['neoplasm', 'thyroid'],
      ['neoplasm', 'filler site 7'],
      ['neoplasm', 'nowhere'],
    ];
    const fresh = queries.map((q) => found(walkIndex(bigIndex(), q)));
    const index = bigIndex();
    for (let round = 0; round < 3; round++) {
      expect(queries.map((q) => found(walkIndex(index, q)))).toEqual(fresh);
    }
    expect(fresh[4]?.steps.map((s) => s.code)).toEqual([null, 'C22']);
    expect(fresh[0]?.steps.map((s) => s.code)).toEqual([null, 'C18', 'C18.1']);
    expect(fresh[11]?.consumed).toBe(1);
  });
});
