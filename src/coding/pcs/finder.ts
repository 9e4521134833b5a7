/**
 * The ICD-10-PCS finder: inpatient procedure codes from the procedures a note documents. Each
 * imported PCS release is loaded at construction, or with `load: 'on-demand'` by `prepare` on the
 * first inpatient note whose date of service falls in it (79,000 codes and their labels are most
 * of the engine's procedure data, and an outpatient-only practice never needs them). `find` reads
 * the note's procedure mentions (mentions.ts), walks the release in effect on the date of service
 * (resolve.ts) and returns a code with every axis explained, or a physician query naming the axis
 * the note leaves open. Outpatient encounters are coded with CPT/HCPCS, not PCS: the finder
 * returns nothing.
 */
import type { Store } from '../../store/index.js';
import type {} from '../../store/schema-pcs.js';
import {
  choosePcsRelease,
  loadPcsCodeSet,
  type PcsCodeSet,
  PcsNotImportedError,
  type PcsRelease,
} from '../../terminology/pcs/index.js';
import { type OnDemand, onDemand } from '../load-on-demand.js';
import type { ProcedureContext, ProcedureFinder, ProcedureFindings } from '../procedure-finder.js';
import type { PcsAxis, ProcedureSuggestion } from '../procedure-types.js';
import type { EvidenceSpan, NoteInput, PhysicianQuery } from '../types.js';
import { findMentions, type ProcedureMention } from './mentions.js';
import { type ChosenAxis, resolveMention } from './resolve.js';

export interface PcsFinderOptions {
  /** Load only this fiscal year's release (default: every imported release). */
  fiscalYear?: number;
  /**
   * 'eager' (default): every release is loaded before the finder is returned, so `find` answers
   * any note. 'on-demand': only the list of releases is read now; a release's tables are read by
   * `prepare` for the first inpatient note dated in it (callers awaiting it together share the
   * one load), and `find` needs `prepare` to have finished for its note.
   */
  load?: 'eager' | 'on-demand';
}

/** What the finder is built from: a store (releases loaded from it) or releases already in memory. */
export type PcsFinderSource = Store | { codeSets: readonly PcsCodeSet[] };

/** The imported releases, oldest first (or the one fiscal year asked for). */
async function releasesOf(store: Store, options: PcsFinderOptions): Promise<PcsRelease[]> {
  if (options.fiscalYear !== undefined) {
    const { release } = await choosePcsRelease(store.db, { fiscalYear: options.fiscalYear });
    return [release];
  }
  const rows = await store.db
    .selectFrom('icd10pcs_release')
    .select(['id', 'fiscal_year', 'effective_from', 'effective_to', 'label'])
    .orderBy('effective_from')
    .execute();
  if (rows.length === 0) {
    throw new PcsNotImportedError(
      'no ICD-10-PCS release is imported: run "medcoder import" with the CMS PCS order file in the code-set folder',
    );
  }
  return rows.map((r) => ({
    id: r.id,
    fiscalYear: r.fiscal_year,
    effectiveFrom: r.effective_from,
    effectiveTo: r.effective_to,
    label: r.label,
  }));
}

/** The release in effect on a date: the newest that started by then, else the oldest. */
function releaseFor<E extends { release: PcsRelease }>(entries: readonly E[], date: string): E {
  const sorted = [...entries].sort((a, b) => a.release.effectiveFrom.localeCompare(b.release.effectiveFrom));
  return sorted.filter((e) => e.release.effectiveFrom <= date).at(-1) ?? sorted[0]!;
}

const GUIDELINE_TEXT: Record<string, string> = {
  'B3.1a': 'the root operation is the one whose full definition fits what was done',
  'B3.4a': 'a biopsy is coded as Excision, Extraction or Drainage with the qualifier Diagnostic',
  'B3.6a': 'bypass: the body part bypassed from, the qualifier the body part bypassed to',
  'B3.8': 'Resection when all of a body part is cut out, Excision when only a portion is',
  'B3.10a': 'fusion of joints',
  'B3.11a': 'an inspection done to reach the objective of another procedure is not coded separately',
  'B3.11b':
    'inspection codes the body part inspected (the furthest of tubular parts, the whole area of others)',
  'B3.12': 'Occlusion closes a tubular body part completely',
  'B3.13': 'Release frees a body part from an abnormal constraint; the body part freed is coded',
  'B3.15': 'a fracture reduction is Reposition of the bone',
  'B3.16': 'transplantation of a living body part from another individual',
  'B3.18': 'Replacement includes taking out the body part it replaces',
  'B6.1a': 'a device is coded only if a device remains after the procedure',
};

function ruleText(mention: ProcedureMention): string {
  const g = mention.partial ? 'B3.8' : mention.term.guideline;
  return `ICD-10-PCS Official Guidelines ${g}: ${GUIDELINE_TEXT[g] ?? 'root operation definition'}`;
}

const toAxis = (a: ChosenAxis): PcsAxis => ({
  position: a.position,
  name: a.name,
  value: a.value,
  label: a.label,
  ...(a.evidence.length > 0 ? { evidence: a.evidence } : {}),
});

function dedupeSpans(spans: readonly EvidenceSpan[]): EvidenceSpan[] {
  const seen = new Set<string>();
  return spans.filter((s) => {
    const k = `${s.start}:${s.end}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** One finding per mention; the same code or the same open question once per note. */
function findPcs(set: PcsCodeSet, context: ProcedureContext): ProcedureFindings {
  const procedures: ProcedureSuggestion[] = [];
  const queries: PhysicianQuery[] = [];
  const seenCodes = new Map<string, ProcedureSuggestion>();
  const seenQueries = new Set<string>();
  for (const mention of findMentions(context.analysis)) {
    const r = resolveMention(set, mention);
    if (r.kind === 'none') continue;
    const word = mention.evidence.text;
    if (r.kind === 'query') {
      const key = `${r.axis}|${r.prefix}`;
      if (seenQueries.has(key)) continue;
      seenQueries.add(key);
      const options = r.options.map((o) => o.label).join(', ');
      queries.push({
        element: `ICD-10-PCS ${r.axis.toLowerCase()}`,
        question:
          `The note documents "${word}" but not its ${r.axis.toLowerCase()}: ${r.reason}. ` +
          `Please document the ${r.axis.toLowerCase()} (the tables allow: ${options}).`,
        affectedCodes: r.candidates,
        evidence: dedupeSpans([mention.evidence, ...r.axes.flatMap((a) => a.evidence)]),
      });
      continue;
    }
    const evidence = dedupeSpans([mention.evidence, ...r.axes.flatMap((a) => a.evidence)]);
    const earlier = seenCodes.get(r.code);
    if (earlier) {
      earlier.evidence = dedupeSpans([...earlier.evidence, ...evidence]);
      continue;
    }
    const suggestion: ProcedureSuggestion = {
      system: 'ICD-10-PCS',
      code: r.code,
      title: r.title,
      units: 1,
      modifiers: [],
      diagnosisPointers: [],
      evidence,
      rationale: {
        rule: ruleText(mention),
        details: [
          `${set.release.label}, table ${r.code.slice(0, 3)}`,
          ...r.axes
            .filter((a) => a.position >= 3)
            .map((a) => `${a.name} ${a.value} ${a.label}: ${a.because}`),
        ],
        pcs: r.axes.map(toAxis),
      },
      // Every axis read from the note: high; some left at "none" by default: a little lower.
      confidence: r.defaulted.length === 0 ? 0.9 : 0.8,
    };
    seenCodes.set(r.code, suggestion);
    procedures.push(suggestion);
  }
  return { procedures, queries };
}

/**
 * The PCS finder over a store's imported releases or over releases already in memory. Throws
 * PcsNotImportedError when the store has no PCS release.
 */
export async function createPcsFinder(
  source: PcsFinderSource,
  options: PcsFinderOptions = {},
): Promise<ProcedureFinder> {
  /** Each release and its tables, given or read on demand. */
  const releases: Array<{ release: PcsRelease; tables: OnDemand<PcsCodeSet> }> = [];
  if ('codeSets' in source) {
    for (const set of source.codeSets)
      releases.push({ release: set.release, tables: onDemand(async () => set, set) });
  } else {
    for (const release of await releasesOf(source, options))
      releases.push({ release, tables: onDemand(() => loadPcsCodeSet(source.db, release)) });
  }
  if (releases.length === 0) throw new PcsNotImportedError('no ICD-10-PCS release given');
  if ((options.load ?? 'eager') === 'eager') {
    for (const entry of releases) await entry.tables.load();
  }
  const entryFor = (input: NoteInput) => releaseFor(releases, input.dateOfService);
  return {
    system: 'ICD-10-PCS',
    name: 'pcs',
    prepare(input) {
      if (input.setting !== 'inpatient') return undefined;
      return entryFor(input).tables.load();
    },
    find(context) {
      if (context.input.setting !== 'inpatient') return { procedures: [], queries: [] };
      const entry = entryFor(context.input);
      const set = entry.tables.value;
      if (!set)
        throw new Error(
          `${entry.release.label} is not loaded yet: the engine's prepare(input) loads it before code(input)`,
        );
      return findPcs(set, context);
    },
  };
}
