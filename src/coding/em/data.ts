/**
 * The second MDM element: the amount and complexity of data reviewed and analysed.
 *
 * Category 1 counts each unique test ordered or reviewed (a test ordered now and reviewed later
 * counts once) and each external note reviewed, from each unique source; an independent
 * historian is its own category at the limited level and joins category 1 above it. Category 2 is
 * the independent interpretation of a test, category 3 a discussion of management with an
 * external physician or other qualified source.
 *
 *   limited:   2 from category 1, or an independent historian
 *   moderate:  1 of the 3 categories (category 1 then needs 3 items, historian included)
 *   extensive: 2 of the 3 categories
 *
 * Tests in background lists (history, medications) are not read, nor tests denied or decided
 * against ("no imaging"), nor a result dated in an earlier year ("EF 30% on echo 6/2022"), which
 * was counted when it was new.
 */
import type { NoteAnalysis, Sentence } from '../../nlp/index.js';
import type { MdmElement, MdmItem } from '../types.js';
import {
  CAREGIVER,
  DATA_TERMS,
  type DataKind,
  HISTORIAN_AGE,
  ORDER_WORDS,
  PREVERBAL_AGE,
  REGION_SKIP,
  REGIONS,
  TEST_TERMS,
} from './data-terms.js';
import type { Level } from './levels.js';
import { isBackgroundSection } from './note-parts.js';
import { affirmed, findTerms, outermost, spanIn, type Term, type TermHit } from './terms.js';

export interface DataReading {
  element: MdmElement;
  /** Unique tests ordered or reviewed. */
  tests: number;
}

export interface DataInput {
  analysis: NoteAnalysis;
  age: number;
  dateOfService: string;
}

const DECISION_RULE = /^\s*(?:[A-Za-z-]+\s){0,2}(?:rules?|criteria|score)\b/i;

const DATED = /^[\s,:-]{0,3}(?:on |in |from |dated )?(?:\d{1,2}\/)?(?:\d{1,2}\/)?((?:19|20)\d{2})\b/;

/** The study's body region, when the words after it name one. */
function regionAfter(sentence: Sentence, end: number): string | undefined {
  for (const t of sentence.tokens) {
    if (t.start < end) continue;
    if (REGION_SKIP.has(t.norm)) continue;
    return REGIONS.has(t.norm) ? t.norm : undefined;
  }
  return undefined;
}

/** The region named in a header's remaining words ("renal stone protocol" → renal). */
function regionIn(words: string): string | undefined {
  for (const w of words
    .toLowerCase()
    .split(/[^a-z-]+/)
    .filter(Boolean)) {
    if (REGION_SKIP.has(w)) continue;
    return REGIONS.has(w) ? w : undefined;
  }
  return undefined;
}

function testKey(hit: TermHit, sentence: Sentence): string {
  const key = hit.term.kind;
  if (!key.endsWith('*')) return key;
  const region = regionAfter(sentence, hit.span.end);
  return region ? `${key.slice(0, -1)} ${region}` : key.slice(0, -1);
}

/** Each test's pattern at the start of a header, compiled once (a note with results asks for every test's). */
const headerRegexes = new WeakMap<Term, RegExp>();

function headerRegexOf(term: Term): RegExp {
  let re = headerRegexes.get(term);
  if (!re) {
    const flags = term.caseSensitive ? '' : 'i';
    re = new RegExp(`^(?:${term.pattern.replace(/ /g, '\\s+')})(?![A-Za-z0-9])`, flags);
    headerRegexes.set(term, re);
  }
  return re;
}

function readTests(input: DataInput): MdmItem[] {
  const { analysis } = input;
  const year = Number(input.dateOfService.slice(0, 4));
  const hits = outermost(
    findTerms(analysis, TEST_TERMS, (s) => !isBackgroundSection(s.section)).filter(
      (h) => affirmed(h) && !h.context.hypothetical,
    ),
  );
  const seen = new Map<string, MdmItem>();
  // A results header names the test ("ECG:", "UA:", "CT renal stone protocol:").
  for (const section of analysis.sections) {
    if (section.kind !== 'results' || !section.header) continue;
    const header = spanIn(analysis, section.start, section.start + section.header.length, 'results');
    for (const term of TEST_TERMS) {
      const m = headerRegexOf(term).exec(header.text);
      if (!m) continue;
      const region = regionIn(header.text.slice(m[0].length));
      const key = term.kind.endsWith('*')
        ? region
          ? `${term.kind.slice(0, -1)} ${region}`
          : term.kind.slice(0, -1)
        : term.kind;
      if (!seen.has(key)) seen.set(key, { label: `unique test reviewed: ${key}`, evidence: [header] });
      break;
    }
  }
  for (const hit of hits) {
    const after = analysis.text.slice(hit.span.end, Math.min(hit.sentence.end, hit.span.end + 20));
    const dated = DATED.exec(after);
    if (dated && Number(dated[1]) < year) continue;
    // A clinical decision rule named for a test ("Canadian CT head rule") is not the test.
    if (DECISION_RULE.test(after)) continue;
    const key = testKey(hit, hit.sentence);
    if (seen.has(key)) continue;
    const sentenceText = analysis.text.slice(hit.sentence.start, hit.sentence.end);
    const ordered = hit.sentence.section === 'plan' || ORDER_WORDS.test(sentenceText);
    seen.set(key, { label: `unique test ${ordered ? 'ordered' : 'reviewed'}: ${key}`, evidence: [hit.span] });
  }
  return [...seen.values()];
}

function readOthers(input: DataInput): Map<DataKind, MdmItem[]> {
  const { analysis } = input;
  const found = new Map<DataKind, MdmItem[]>();
  const add = (kind: DataKind, item: MdmItem) => {
    const list = found.get(kind) ?? [];
    if (!list.some((i) => i.evidence[0]?.text.toLowerCase() === item.evidence[0]?.text.toLowerCase()))
      list.push(item);
    found.set(kind, list);
  };
  for (const hit of findTerms(analysis, DATA_TERMS, (s) => s.section !== 'family_history')) {
    // Who told the history is not negated by what they told ("no LOC per his friends").
    if ((hit.context.negated && hit.term.kind !== 'historian') || hit.context.hypothetical) continue;
    add(hit.term.kind, { label: hit.term.label ?? hit.term.kind, evidence: [hit.span] });
  }
  // An infant's history can only come from a caregiver (developmental stage).
  if (input.age < PREVERBAL_AGE && !found.has('historian')) {
    const first = analysis.sentences[0]!;
    add('historian', {
      label: `assessment requiring an independent historian (a ${input.age}-year-old infant's history is a caregiver's)`,
      evidence: [spanIn(analysis, first.start, first.end, first.section)],
    });
  }
  // A young child's history comes from the caregiver the note names.
  if (input.age < HISTORIAN_AGE && !found.has('historian')) {
    for (const s of analysis.sentences) {
      if (s.section === 'family_history') continue;
      const m = CAREGIVER.exec(analysis.text.slice(s.start, s.end));
      if (!m) continue;
      const start = s.start + m.index;
      add('historian', {
        label: `assessment requiring an independent historian (a ${input.age}-year-old's history from the caregiver)`,
        evidence: [spanIn(analysis, start, start + m[0].length, s.section)],
      });
      break;
    }
  }
  // One historian counts once, however many times the note cites them.
  const historian = found.get('historian');
  if (historian && historian.length > 1) found.set('historian', historian.slice(0, 1));
  return found;
}

export function readData(input: DataInput): DataReading {
  const tests = readTests(input);
  const others = readOthers(input);
  const notes = others.get('external-note') ?? [];
  const historian = others.get('historian') ?? [];
  const interpretation = others.get('interpretation') ?? [];
  const discussion = others.get('discussion') ?? [];
  const category1 = tests.length + notes.length;
  const met = [category1 + historian.length >= 3, interpretation.length > 0, discussion.length > 0].filter(
    Boolean,
  ).length;
  const level: Level =
    met >= 2
      ? 'high'
      : met === 1
        ? 'moderate'
        : category1 >= 2 || historian.length > 0
          ? 'low'
          : 'straightforward';
  return {
    element: { level, items: [...tests, ...notes, ...historian, ...interpretation, ...discussion] },
    tests: tests.length,
  };
}
