/**
 * Total time on the date of the encounter, read from the note. An explicit total wins; otherwise
 * one "spent N minutes" statement is the total, and several activity times with no total are
 * added up (and the rationale says so); within one sentence the largest is the statement. "More than 30 minutes" is at least 31 whole minutes.
 */
import type { NoteAnalysis } from '../../nlp/index.js';
import type { EvidenceSpan } from '../types.js';
import { findTerms } from './terms.js';
import { SEPARATE_SERVICE, TIME_TERMS } from './time-terms.js';

export interface DocumentedTime {
  minutes: number;
  evidence: EvidenceSpan[];
  /** How the minutes were read, for the rationale. */
  how: string;
}

const PARTS =
  /(more than|over|greater than|>)?\s?(\d+(?:\.\d+)?)\s?(minutes|mins?|hours?|hrs?)(?:\s(?:and\s)?(\d+)\s?(?:minutes|mins?))?/i;

function minutesOf(text: string): { minutes: number; moreThan: boolean } | undefined {
  const m = PARTS.exec(text);
  if (!m) return undefined;
  const n = Number(m[2]);
  const hours = /^h/i.test(m[3]!);
  let minutes = hours ? Math.round(n * 60) + Number(m[4] ?? 0) : n;
  const moreThan = m[1] !== undefined;
  if (moreThan) minutes = Math.floor(minutes) + 1;
  return { minutes: Math.floor(minutes), moreThan };
}

export function readTime(analysis: NoteAnalysis): DocumentedTime | undefined {
  const found: Array<{
    total: boolean;
    minutes: number;
    moreThan: boolean;
    span: EvidenceSpan;
    sentence: number;
  }> = [];
  for (const hit of findTerms(analysis, TIME_TERMS)) {
    if (hit.context.negated || hit.context.hypothetical || hit.context.family) continue;
    const total = hit.term.kind === 'total';
    const sentence = analysis.text.slice(hit.sentence.start, hit.sentence.end);
    if (!total && SEPARATE_SERVICE.test(sentence)) continue;
    const read = minutesOf(hit.span.text);
    if (!read || read.minutes <= 0) continue;
    if (found.some((f) => f.span.start < hit.span.end && hit.span.start < f.span.end)) continue;
    found.push({ total, ...read, span: hit.span, sentence: hit.sentence.index });
  }
  const explicit = found.find((f) => f.total);
  // Without a total, a sentence's largest time is its statement ("spent 40 minutes, 20 of them
  // counseling"); statements in different sentences are different activities.
  const perSentence = new Map<number, (typeof found)[number]>();
  for (const f of found) {
    const prior = perSentence.get(f.sentence);
    if (!prior || f.minutes > prior.minutes) perSentence.set(f.sentence, f);
  }
  const chosen = explicit ? [explicit] : [...perSentence.values()];
  if (chosen.length === 0) return undefined;
  const minutes = chosen.reduce((s, f) => s + f.minutes, 0);
  const more = chosen.some((f) => f.moreThan) ? ' ("more than" read as the next whole minute)' : '';
  const how = explicit
    ? `total time stated: ${minutes} minutes${more}`
    : chosen.length === 1
      ? `time spent stated: ${minutes} minutes${more}`
      : `no total stated; ${chosen.length} activity times added: ${chosen.map((f) => f.minutes).join(' + ')} = ${minutes} minutes${more}`;
  return { minutes, evidence: chosen.map((f) => f.span), how };
}
