/**
 * The third MDM element: the risk of complications, morbidity or mortality of patient management
 * (the options decided on or considered, including those decided against).
 *
 *   minimal:  rest, ice, heat, dressings, supportive care
 *   low:      over-the-counter drugs, minor surgery without risk factors, PT/OT, IV fluids
 *   moderate: prescription drug management; minor surgery or an invasive diagnostic procedure with
 *             risk; elective major surgery without risk factors; care limited by social
 *             determinants of health
 *   high:     drug therapy requiring intensive monitoring for toxicity; hospitalization or its
 *             escalation; elective major surgery with risk factors; emergency major surgery;
 *             do-not-resuscitate or de-escalation for poor prognosis; parenteral controlled
 *             substances
 *
 * Management is read where decisions are written (assessment, plan, MDM, course); a note without
 * those sections is read whole, and then a drug counts only on a line that manages it
 * ("continue", "start", "increase"), never in a medication list.
 */
import type { NoteAnalysis, Sentence } from '../../nlp/index.js';
import type { MdmElement, MdmItem } from '../types.js';
import { findDrugs } from './drugs.js';
import { highest, type Level } from './levels.js';
import { hasDecisionSections, isBackgroundSection, isDecisionSection, lineAround } from './note-parts.js';
import type { EmCategory } from './place.js';
import { RISK_TERMS, type RiskKind } from './risk-terms.js';
import { findTerms, type TermHit } from './terms.js';

export interface RiskInput {
  analysis: NoteAnalysis;
  category: EmCategory;
}

const MANAGES =
  /\b(?:continue[ds]?|start(?:ed)?|begin|began|increase[ds]?|decrease[ds]?|reduce[ds]?|add(?:ed)?|adjust(?:ed)?|switch(?:ed)?|stop(?:ped)?|discontinue[ds]?|hold|held|resume[ds]?|refill(?:ed)?|prescribe[ds]?|taper(?:ed)?|titrate[ds]?|defer(?:red)?|same dose|given|administered|rx)\b/i;

/** Kinds that count even when decided against ("not a surgical candidate"). */
const DECIDED_AGAINST_COUNTS: ReadonlySet<RiskKind> = new Set([
  'major-surgery',
  'minor-surgery',
  'invasive-diagnostic',
]);

/** In a hospital note an admission is already made: only an escalation is a new decision. */
const ESCALATION = /ICU|higher level|escalat/i;

function levelOf(kind: RiskKind, withRisk: boolean): Level | undefined {
  switch (kind) {
    case 'intensive-monitoring':
    case 'hospitalization':
    case 'emergency-surgery':
    case 'dnr':
    case 'parenteral-controlled':
      return 'high';
    case 'major-surgery':
      return withRisk ? 'high' : 'moderate';
    case 'invasive-diagnostic':
    case 'sdoh':
      return 'moderate';
    case 'minor-surgery':
      return withRisk ? 'moderate' : 'low';
    case 'therapy':
    case 'iv-fluids':
      return 'low';
    case 'minimal-care':
      return 'straightforward';
    case 'procedure-risk':
      return undefined;
  }
}

const WITH_RISK: ReadonlySet<RiskKind> = new Set(['major-surgery', 'minor-surgery']);

export function readRisk(input: RiskInput): MdmElement {
  const { analysis } = input;
  const decisionNote = hasDecisionSections(analysis);
  const where = (s: Sentence) =>
    decisionNote ? isDecisionSection(s.section) : !isBackgroundSection(s.section);
  const lineManages = (at: number) => {
    const line = lineAround(analysis.text, at);
    return MANAGES.test(analysis.text.slice(line.start, line.end));
  };
  const items: Array<MdmItem & { level: Level }> = [];
  const seen = new Set<string>();
  const push = (key: string, level: Level, item: MdmItem) => {
    if (seen.has(key)) return;
    seen.add(key);
    items.push({ ...item, level });
  };

  for (const drug of findDrugs(analysis, where)) {
    const { context, span } = drug.hit;
    if (context.negated || context.family || context.hypothetical || context.historical) continue;
    if ((!decisionNote || drug.generic) && !lineManages(span.start)) continue;
    if (drug.prescription) {
      push(`rx:${drug.name}`, 'moderate', {
        label: `prescription drug management: ${span.text} (${drug.reason})`,
        evidence: [span],
      });
    } else {
      push(`otc:${drug.name}`, 'low', { label: `over-the-counter drug: ${span.text}`, evidence: [span] });
    }
  }

  // Social barriers are often told in the history ("could not afford the refill").
  const hits = findTerms(analysis, RISK_TERMS, (s) => where(s) || s.section === 'hpi').filter(
    (h) => where(h.sentence) || h.term.kind === 'sdoh',
  );
  const withRisk = hits.some(
    (h) => h.term.kind === 'procedure-risk' && !h.context.negated && !h.context.family,
  );
  const hospitalNote = input.category !== 'office' && input.category !== 'emergency';
  for (const hit of hits as TermHit<RiskKind>[]) {
    const kind = hit.term.kind;
    const { context } = hit;
    if (context.family || context.historical) continue;
    if (context.negated && !DECIDED_AGAINST_COUNTS.has(kind)) continue;
    if (context.hypothetical && kind === 'hospitalization') continue;
    if (
      kind === 'hospitalization' &&
      hospitalNote &&
      input.category !== 'hospital-initial' &&
      !ESCALATION.test(hit.span.text)
    )
      continue;
    const level = levelOf(kind, WITH_RISK.has(kind) && withRisk);
    if (level === undefined) continue;
    const riskNote = WITH_RISK.has(kind) && withRisk ? ' with identified risk factors' : '';
    push(`${kind}:${riskNote}`, level, {
      label: `${hit.term.label ?? kind}${riskNote}: "${hit.span.text}"`,
      evidence: [hit.span],
    });
  }
  const level = highest(items.map((i) => i.level));
  return { level, items: items.map(({ level: _level, ...item }) => item) };
}
