import { describe, expect, it } from 'vitest';
import { AlphabeticIndex } from '../../src/terminology/alphabetic-index.js';
import { indexWordFamilies, wordForms } from '../../src/terminology/search-families.js';
import { SearchIndexBuilder } from '../../src/terminology/search-index.js';
import { stem } from '../../src/text/index.js';
import { term } from './index-terms.js';

describe('word families read from the Alphabetic Index', () => {
  it('takes the parts that are forms of the head word, not qualifiers, compounds or inflammations', () => {
    expect(wordForms('Infection, infected, infective (opportunistic)')).toEqual([
      'infection',
      'infected',
      'infective',
    ]);
    expect(wordForms('Diabetes, diabetic (mellitus) (sugar)')).toEqual(['diabetes', 'diabetic']);
    expect(wordForms('Fracture, traumatic')).toEqual(['fracture']);
    expect(wordForms('Cervical, cervicothoracic')).toEqual(['cervical']);
    expect(wordForms('Pharynx, pharyngitis')).toEqual(['pharynx']);
    expect(wordForms('Arthritis, arthritic')).toEqual(['arthritis', 'arthritic']);
    expect(wordForms('Hypertension')).toEqual([]);
  });

  it('folds the forms of every term into the head word of the first', () => {
    const index = new AlphabeticIndex('disease', [
      term(1, null, 'Infection, infected, infective'),
      term(2, 1, 'urinary (tract)', 'N39.0'),
      term(3, null, 'Infectious, infective'),
      term(4, null, 'Newborn'),
    ]);
    const families = indexWordFamilies(index);
    const infection = stem('infection');
    expect(families.get(stem('infected'))).toBe(infection);
    expect(families.get(stem('infective'))).toBe(infection);
    expect(families.get(stem('infectious'))).toBe(infection);
    expect(families.has(infection)).toBe(false);
    expect(families.has(stem('newborn'))).toBe(false);
  });

  it('stems documents and queries through the families, and meets a folded form spelled with a typo', () => {
    const builder = new SearchIndexBuilder<{ code: string; source: 'index' }>(
      new Map([[stem('inflammatory'), stem('inflammation')]]),
    );
    expect(builder.stemsOf('Inflammatory disease')).toEqual([stem('inflammation'), stem('disease')]);
    builder.add({ code: 'G72.4', source: 'index' }, builder.stemsOf('inflammatory myopathy'), []);
    builder.add({ code: 'M60.9', source: 'index' }, builder.stemsOf('myositis'), []);
    const index = builder.build();
    expect(index.query('inflamatory myopathy', 5).map((r) => r.doc.code)).toEqual(['G72.4']);
    expect(index.query('inflammation myopathy', 5)[0]?.relevance).toBeCloseTo(1);
  });
});
