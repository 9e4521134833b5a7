/**
 * The E/M category of the visit: office/outpatient, emergency department, or hospital inpatient
 * or observation care (initial, subsequent, discharge). The encounter record's place wins; the
 * note is read when the record says nothing, and the rationale says which it was.
 *
 * Hospital visits are told apart by the note's title first ("DISCHARGE SUMMARY", "Admission
 * H&P", "Progress note"), then by its wording (discharge > subsequent-day wording > admission),
 * because a discharge summary also tells of the admission, and an ED note also tells of the
 * disposition ("admit to medicine" in an ED note is the ED's decision, not a hospital visit).
 */
import type { NoteAnalysis } from '../../nlp/index.js';
import type { EmRationale, EvidenceSpan, NoteInput } from '../types.js';
import { titleLine } from './note-parts.js';
import { BODY_TERMS, ELSEWHERE_BEFORE, type PlaceKind, TITLE_TERMS } from './place-terms.js';
import { affirmed, findTerms, spanIn, type TermHit } from './terms.js';

export type EmCategory = EmRationale['category'];

export interface CategoryReading {
  /** Undefined when a hospital note does not say which hospital visit it is. */
  category?: EmCategory;
  /** Where the category came from, for the rationale. */
  from: string;
  evidence: EvidenceSpan[];
}

const HOSPITAL_KIND: Record<'discharge' | 'progress' | 'admission', EmCategory> = {
  discharge: 'discharge',
  progress: 'hospital-subsequent',
  admission: 'hospital-initial',
};

function titleHits(analysis: NoteAnalysis): Map<PlaceKind, EvidenceSpan> {
  const found = new Map<PlaceKind, EvidenceSpan>();
  const title = titleLine(analysis);
  if (!title) return found;
  const text = analysis.text.slice(title.start, title.end);
  for (const term of TITLE_TERMS) {
    const m = new RegExp(`(?<![A-Za-z0-9])(?:${term.pattern})(?![A-Za-z0-9])`, 'i').exec(text);
    if (m && !found.has(term.kind)) {
      const start = title.start + m.index;
      found.set(term.kind, spanIn(analysis, start, start + m[0].length, 'title'));
    }
  }
  return found;
}

function bodyHits(analysis: NoteAnalysis): Map<PlaceKind, TermHit<PlaceKind>> {
  const found = new Map<PlaceKind, TermHit<PlaceKind>>();
  for (const hit of findTerms(analysis, BODY_TERMS)) {
    if (!affirmed(hit) || hit.context.hypothetical || hit.context.historical) continue;
    const before = analysis.text.slice(hit.sentence.start, hit.span.start);
    if (hit.term.kind === 'emergency' && ELSEWHERE_BEFORE.test(before)) continue;
    if (!found.has(hit.term.kind)) found.set(hit.term.kind, hit);
  }
  return found;
}

/** Which hospital visit the note is: title first, then discharge > subsequent > admission wording. */
function hospitalKind(
  title: Map<PlaceKind, EvidenceSpan>,
  body: Map<PlaceKind, TermHit<PlaceKind>>,
): { category: EmCategory; span: EvidenceSpan } | undefined {
  for (const kind of ['discharge', 'progress', 'admission'] as const) {
    const span = title.get(kind);
    if (span) return { category: HOSPITAL_KIND[kind], span };
  }
  for (const kind of ['discharge', 'progress', 'admission'] as const) {
    const hit = body.get(kind);
    if (hit) return { category: HOSPITAL_KIND[kind], span: hit.span };
  }
  const observation = title.get('observation') ?? body.get('observation')?.span;
  return observation ? { category: 'hospital-initial', span: observation } : undefined;
}

export function readCategory(input: NoteInput, analysis: NoteAnalysis): CategoryReading {
  const place = input.visit?.place;
  if (place === 'emergency')
    return { category: 'emergency', from: 'encounter record (place: emergency)', evidence: [] };
  if (place === 'office')
    return { category: 'office', from: 'encounter record (place: office)', evidence: [] };
  const title = titleHits(analysis);
  const body = bodyHits(analysis);
  const hospitalByRecord = place === 'hospital' || place === 'observation' || input.setting === 'inpatient';
  if (hospitalByRecord) {
    const basis = place ? `encounter record (place: ${place})` : 'inpatient setting';
    const kind = hospitalKind(title, body);
    if (!kind)
      return { from: `${basis}; the note does not say admission, subsequent day or discharge`, evidence: [] };
    return {
      category: kind.category,
      from: `${basis} and the note: "${kind.span.text}"`,
      evidence: [kind.span],
    };
  }
  const ed = title.get('emergency') ?? body.get('emergency')?.span;
  if (ed) return { category: 'emergency', from: `the note: "${ed.text}"`, evidence: [ed] };
  // An outpatient observation stay or an admission written up in an outpatient record ("progress
  // note" alone is as common in clinics as on the wards, so it does not count here).
  if (title.has('admission') || title.has('observation') || body.has('observation')) {
    const kind = hospitalKind(title, body);
    if (kind)
      return { category: kind.category, from: `the note: "${kind.span.text}"`, evidence: [kind.span] };
  }
  return {
    category: 'office',
    from: 'outpatient setting, no emergency department or hospital wording',
    evidence: [],
  };
}
