import { describe, expect, it } from 'vitest';
import { expandAbbreviations } from '../../src/nlp/abbreviations.js';
import { tokenize } from '../../src/nlp/tokens.js';
import { stem } from '../../src/text/index.js';

describe('stem', () => {
  it.each([
    ['fractures', 'fractured', 'fracture'],
    ['diseases', 'disease', 'disease'],
    ['arteries', 'artery', 'artery'],
    ['infections', 'infection', 'infection'],
    ['stopped', 'stopping', 'stop'],
    ['myocardial', 'myocardium', 'myocardium'],
    ['bacterial', 'bacterium', 'bacterium'],
    ['duodenal', 'duodenum', 'duodenum'],
    ['colonic', 'colons', 'colon'],
    ['metabolic', 'metabolics', 'metabol'],
  ])('%s, %s and %s meet', (a, b, c) => {
    expect(stem(a)).toBe(stem(c));
    expect(stem(b)).toBe(stem(c));
  });
  it.each(['diabetes', 'mellitus', 'bronchitis', 'stenosis', 'status', 'herpes'])(
    '%s keeps its ending',
    (w) => {
      expect(stem(w)).toBe(w.endsWith('e') ? w.slice(0, -1) : w);
    },
  );
  it('keeps -ic adjectives apart from an unrelated noun (systemic is not system)', () => {
    expect(stem('systemic')).not.toBe(stem('system'));
    expect(stem('chronic')).toBe('chronic');
    expect(stem('organic')).not.toBe(stem('organ'));
  });
  it('leaves numbers and short words alone', () => {
    expect(stem('3a')).toBe('3a');
    expect(stem('has')).toBe('has');
  });
});

describe('tokenize', () => {
  it('gives offsets into the original text', () => {
    const text = "Crohn's disease, A1c 8.1";
    const tokens = tokenize(text);
    expect(tokens.map((t) => t.norm)).toEqual(['crohn', 'disease', ',', 'a1c', '8.1']);
    for (const t of tokens) expect(text.slice(t.start, t.end).toLowerCase().startsWith(t.norm)).toBe(true);
  });
});

describe('a capital A naming a type', () => {
  // Each marked letter with the word before it.
  const marked = (text: string) => {
    const tokens = tokenize(text);
    return tokens.flatMap((t, i) => (t.designation ? [text.slice(tokens[i - 1]!.start, t.end)] : []));
  };
  it.each([
    ['Influenza A, rapid test positive', ['Influenza A']],
    ['Vitamin A deficiency', ['Vitamin A']],
    ['group A strep', ['group A']],
  ])('%s: the letter is a word', (text, out) => {
    expect(marked(text)).toEqual(out);
  });
  it.each([
    'A 45-year-old man.',
    'Seen today. A fall at home.',
    'PATIENT IS A 45 YEAR OLD MAN',
    'she is a smoker',
  ])('%s: the article is not', (text) => {
    expect(marked(text)).toEqual([]);
  });
});

describe('expandAbbreviations', () => {
  const expand = (t: string) => expandAbbreviations(tokenize(t));
  it.each([
    ['HTN', 'hypertension'],
    ['s/p MI', 'status post myocardial infarction'],
    ['h/o DVT', 'history of deep vein thrombosis'],
    ['T2DM with CKD', 'type 2 diabetes mellitus with chronic kidney disease'],
    ['type II DM', 'type 2 diabetes mellitus'],
    ['r/o PE', 'rule out pulmonary embolism'],
    ['a stage IV ulcer', 'a stage 4 ulcer'],
    ['I have', 'i have'],
    ['chronic low back pain', 'chronic lumbago'],
    ['C. diff colitis', 'clostridium difficile colitis'],
    ['H. pylori', 'helicobacter pylori'],
  ])('%s → %s', (input, out) => {
    expect(
      expand(input)
        .map((t) => t.norm)
        .join(' '),
    ).toBe(out);
  });
  it('expanded words keep the offsets of the abbreviation', () => {
    const text = 'Pt with CHF.';
    const toks = expand(text).filter((t) => t.expandedFrom === 'chf');
    expect(toks.map((t) => t.norm)).toEqual(['congestive', 'heart', 'failure']);
    for (const t of toks) expect(text.slice(t.start, t.end)).toBe('CHF');
  });
});

describe('ordinal and delivery shorthand', () => {
  it('expands 1st/2nd/3rd/4th and NSVD to the Index wording', () => {
    const words = (t: string) => expandAbbreviations(tokenize(t)).map((x) => x.norm);
    expect(words('2nd degree tear')).toEqual(['second', 'degree', 'tear']);
    expect(words('NSVD at term')).toEqual(['normal', 'spontaneous', 'vaginal', 'delivery', 'at', 'term']);
    expect(words('posttraumatic stress')).toEqual(['post', 'traumatic', 'stress']);
  });
});
