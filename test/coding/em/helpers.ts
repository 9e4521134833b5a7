import { expect } from 'vitest';
import { createEmFinder, type EmFinderOptions } from '../../../src/coding/em/index.js';
import type { ProcedureFindings } from '../../../src/coding/procedure-finder.js';
import type {
  CodeSuggestion,
  NoteInput,
  ProcedureSuggestion,
  VisitContext,
} from '../../../src/coding/types.js';
import { analyzeNote } from '../../../src/nlp/index.js';

/** A coded diagnosis as the engine gives it: its evidence is the phrase's place in the note. */
export type Dx = [code: string, phrase: string, title?: string];

export interface RunOptions {
  setting?: NoteInput['setting'];
  age?: number;
  dateOfService?: string;
  visit?: VisitContext;
  diagnoses?: Dx[];
  finder?: EmFinderOptions;
}

export function diagnosis(text: string, [code, phrase, title]: Dx, sequence: number): CodeSuggestion {
  const start = text.indexOf(phrase);
  if (start < 0) throw new Error(`test note does not contain "${phrase}"`);
  return {
    code,
    title: title ?? phrase,
    sequence,
    evidence: [{ start, end: start + phrase.length, text: phrase }],
    rationale: { indexPath: [], tabularNotes: [], guidelines: [] },
    confidence: 0.9,
  };
}

/** Runs the E/M finder on a synthetic note and checks every span it quotes is the note's own text. */
export function runEm(text: string, options: RunOptions = {}): ProcedureFindings {
  const input: NoteInput = {
    text,
    setting: options.setting ?? 'outpatient',
    dateOfService: options.dateOfService ?? '2024-03-15',
    age: options.age ?? 50,
    sex: 'F',
    ...(options.visit ? { visit: options.visit } : {}),
  };
  const diagnoses = (options.diagnoses ?? []).map((d, i) => diagnosis(text, d, i + 1));
  const findings = createEmFinder(options.finder).find({ input, analysis: analyzeNote(text), diagnoses });
  for (const p of findings.procedures) {
    const spans = [
      ...p.evidence,
      ...(p.rationale.em?.minutes?.evidence ?? []),
      ...(p.rationale.em?.mdm
        ? [p.rationale.em.mdm.problems, p.rationale.em.mdm.data, p.rationale.em.mdm.risk].flatMap((e) =>
            e.items.flatMap((i) => i.evidence),
          )
        : []),
      ...p.modifiers.flatMap((m) => m.evidence ?? []),
    ];
    for (const s of spans) expect(text.slice(s.start, s.end)).toBe(s.text);
    if (p.system === 'CPT') expect(p.title).toBeUndefined();
  }
  for (const q of findings.queries)
    for (const s of q.evidence) expect(text.slice(s.start, s.end)).toBe(s.text);
  return findings;
}

export function codesOf(findings: ProcedureFindings): string[] {
  return findings.procedures.map((p) => (p.units > 1 ? `${p.code}x${p.units}` : p.code));
}

export function primary(findings: ProcedureFindings): ProcedureSuggestion {
  const p = findings.procedures[0];
  if (!p) throw new Error(`no E/M code; queries: ${findings.queries.map((q) => q.question).join(' | ')}`);
  return p;
}

/** The labels of one MDM element's items, for assertions on what the grid read. */
export function itemsOf(p: ProcedureSuggestion, element: 'problems' | 'data' | 'risk'): string[] {
  return p.rationale.em?.mdm?.[element].items.map((i) => i.label) ?? [];
}
