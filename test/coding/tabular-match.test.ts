/**
 * The Tabular-entry acceptance test on hand-made entries: an entry may only add documented
 * words (or a site grouped with a documented one), keep what the current code documents, and
 * never carry "unspecified", "without" or an undocumented side.
 */
import { describe, expect, it } from 'vitest';
import {
  categoryEntries,
  clauseAround,
  entryStems,
  refineByTabular,
  type TabularEntry,
} from '../../src/coding/icd10cm/tabular-match.js';
import { tokenize } from '../../src/nlp/tokens.js';
import { stem } from '../../src/text/index.js';
import { details } from './fixtures.js';

const hit = (
  code: string,
  title: string,
  source: TabularEntry['source'] = 'title',
  matched = title,
): TabularEntry => ({
  code,
  title,
  matched,
  source,
  words: entryStems(matched),
  titleWords: entryStems(title),
});
const words = (text: string) => new Set(text.toLowerCase().split(/\W+/).filter(Boolean).map(stem));

describe('refineByTabular', () => {
  const cases: Array<[string, TabularEntry[], string, string, string, string | null]> = [
    [
      'inclusion term adds the documented organism',
      [
        hit(
          'K99.0',
          'Acute widget inflammation due to organism Q',
          'inclusionTerm',
          'Widget inflammation due to Q',
        ),
      ],
      'K99.9',
      'Acute widget inflammation, unspecified',
      'acute widget inflammation due to q',
      'K99.0',
    ],
    [
      'grouped site is carried along with a documented one, side must match',
      [
        hit('M99.071', 'Widget gout, left ankle and foot'),
        hit('M99.072', 'Widget gout, right ankle and foot'),
      ],
      'M99.9',
      'Widget gout, unspecified',
      'widget gout right ankle',
      'M99.072',
    ],
    [
      'an undocumented qualifier rejects the entry',
      [hit('I99.23', 'Acute on chronic widget failure')],
      'I99.9',
      'Widget failure, unspecified',
      'chronic widget failure',
      null,
    ],
    [
      'another category is never taken',
      [hit('J98.1', 'Widget failure of lung')],
      'I99.9',
      'Widget failure, unspecified',
      'widget failure lung',
      null,
    ],
    [
      'without-entries and unspecified entries are never taken',
      [hit('I99.1', 'Widget failure without lung'), hit('I99.2', 'Widget failure of lung, unspecified side')],
      'I99.9',
      'Widget failure, unspecified',
      'widget failure without lung',
      null,
    ],
    [
      'an "other specified" entry asserts a type the note must document',
      [hit('D99.81', 'Other specified type of widget in situ of right knee')],
      'D99.90',
      'Unspecified type of widget in situ of unspecified knee',
      'widget in situ right knee',
      null,
    ],
    [
      'documented words of the current code must be kept',
      [hit('I99.3', 'Widget failure of kidney')],
      'I99.4',
      'Widget failure of lung, other',
      'widget failure lung kidney',
      null,
    ],
  ];
  it.each(cases)('%s', (_name, hits, code, title, note, expected) => {
    const found = refineByTabular(hits, code, title, words(note));
    expect(found?.code ?? null).toBe(expected);
    if (found) expect(found.rationale).toMatch(/^Tabular (title|inclusion term): /);
  });
});

describe('categoryEntries', () => {
  it('lists billable titles and own inclusion terms under a category, skipping 7th-character categories', () => {
    const table = new Map([
      [
        'K99',
        {
          ...details('K99', 'Widget disease'),
          billable: false,
          header: true,
          children: [
            { code: 'K99.0', title: '', billable: true },
            { code: 'K99.9', title: '', billable: true },
          ],
        },
      ],
      ['K99.0', details('K99.0', 'Widget disease due to Q', [['inclusionTerm', 'Q widget']])],
      ['K99.9', details('K99.9', 'Widget disease, unspecified')],
      ['S99', { ...details('S99', 'Widget injury'), seventh: { definedOn: 'S99', characters: [] } }],
    ]);
    const lookup = (c: string) => table.get(c) ?? null;
    expect(categoryEntries('K99', lookup).map((e) => `${e.code}:${e.source}:${e.matched}`)).toEqual([
      'K99.0:title:Widget disease due to Q',
      'K99.0:inclusionTerm:Q widget',
      'K99.9:title:Widget disease, unspecified',
    ]);
    expect(categoryEntries('S99', lookup)).toEqual([]);
  });
});

describe('clauseAround', () => {
  it('stops at a semicolon and skips negated words', () => {
    const text = 'fever: acute widget failure of lung, no cough today';
    const tokens = tokenize(text);
    const flags = tokens.map((t) => ({
      negated: t.norm === 'cough',
      uncertain: false,
      historical: false,
      family: false,
      hypothetical: false,
    }));
    const sentence = { index: 0, start: 0, end: text.length, section: 'assessment' as const, tokens, flags };
    const widget = tokens.findIndex((t) => t.norm === 'widget');
    expect(clauseAround(sentence, [widget])).toBe('acute widget failure of lung no');
  });
});
