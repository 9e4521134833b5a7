/**
 * The coding engine: one pipeline per code system over one analysed note.
 *
 *   prepare (validate, analyse once) → ICD-10-CM diagnoses (coding/icd10cm/)
 *     → procedure finders (E/M, HCPCS Level II, ICD-10-PCS; each a ProcedureFinder)
 *     → procedure lines (modifiers, diagnosis pointers)
 *
 * Everything is loaded by `createCodingEngine`, or with `procedureData: 'on-demand'` the ICD-10-PCS
 * tables and HCPCS drug catalogs are loaded by `prepare(input)` on the first note that needs each
 * (the server's start-up); `code()` is synchronous.
 */
import type { Store } from '../store/index.js';
import { PcsNotImportedError } from '../terminology/pcs/load.js';
import type { Icd10cmTerminology } from '../terminology/types.js';
import { CATEGORY_CODES } from './em/code-table.js';
import { createEmFinder } from './em/index.js';
import { ADMINISTRATION_CODES, createHcpcsFinder, IMMUNIZATION_ADMINISTRATION_CODES } from './hcpcs/index.js';
import { buildDiagnosisCoder, type DiagnosisCoder, loadDiagnosisCoder } from './icd10cm/engine.js';
import type { IndexTree } from './icd10cm/index-tree.js';
import { loadPtpPairs, MINOR_PROCEDURES, procedureLines } from './modifiers/index.js';
import { createPcsFinder } from './pcs/index.js';
import { prepareNote } from './prepare-note.js';
import type { ProcedureFinder } from './procedure-finder.js';
import { type ProcedureLines, runProcedureFinders } from './procedure-stage.js';
import type { CodingEngine, CodingEngineOptions, CodingResult, NoteInput } from './types.js';

export { RULES } from './icd10cm/engine.js';

/** The engine over a diagnosis stage and procedure finders already built. */
export function composeEngine(
  diagnoses: DiagnosisCoder,
  finders: readonly ProcedureFinder[] = [],
  lines?: ProcedureLines,
): CodingEngine {
  const preparing = finders.filter((f) => f.prepare);
  return {
    async prepare(input: NoteInput): Promise<void> {
      const loads = preparing.flatMap((f) => f.prepare?.(input) ?? []);
      if (loads.length > 0) await Promise.all(loads);
    },
    code(input: NoteInput): CodingResult {
      const note = prepareNote(input);
      if ('unreadable' in note)
        return {
          codes: [],
          procedures: [],
          queries: [],
          warnings: [note.unreadable],
          release: { fiscalYear: diagnoses.fiscalYear },
        };
      const result = diagnoses.diagnose(note);
      if (finders.length === 0) return { ...result, procedures: [] };
      const found = runProcedureFinders(finders, note, result.codes, lines);
      return {
        ...result,
        procedures: found.procedures,
        queries: [...result.queries, ...found.queries],
        warnings: [...result.warnings, ...found.warnings],
      };
    },
  };
}

export async function createCodingEngine(
  store: Store,
  options: CodingEngineOptions = {},
): Promise<CodingEngine> {
  const [diagnoses, procedures] = await Promise.all([
    loadDiagnosisCoder(store, options),
    options.procedures === false ? null : loadProcedureStage(store, options.procedureData ?? 'eager'),
  ]);
  return composeEngine(diagnoses, procedures?.finders, procedures?.lines);
}

/** The diagnosis-only engine over already-loaded data (tests that share one terminology). */
export function buildCodingEngine(
  terminology: Parameters<typeof buildDiagnosisCoder>[0] & Partial<Pick<Icd10cmTerminology, 'codesOn'>>,
  tree: IndexTree,
  externalCauseIndex?: IndexTree,
): CodingEngine {
  return composeEngine(buildDiagnosisCoder(terminology, tree, externalCauseIndex));
}

/**
 * The procedure finders and line stage over the store's code sets, loaded side by side (with
 * 'on-demand', the PCS and HCPCS finders read only their release lists now).
 */
async function loadProcedureStage(
  store: Store,
  load: 'eager' | 'on-demand',
): Promise<{ finders: ProcedureFinder[]; lines?: ProcedureLines }> {
  const suggestable = [
    ...Object.values(CATEGORY_CODES).flat(),
    ...MINOR_PROCEDURES.keys(),
    ...ADMINISTRATION_CODES,
    ...IMMUNIZATION_ADMINISTRATION_CODES,
  ];
  const [hcpcs, pcs, ptp] = await Promise.all([
    createHcpcsFinder(store, { load }),
    // A store without ICD-10-PCS codes outpatient encounters fully; inpatient procedures need it.
    createPcsFinder(store, { load }).catch((e: unknown) => {
      if (e instanceof PcsNotImportedError) return null;
      throw e;
    }),
    loadPtpPairs(store.db, suggestable),
  ]);
  const finders = [createEmFinder(), hcpcs, ...(pcs ? [pcs] : [])];
  return { finders, lines: procedureLines({ ptp }) };
}
