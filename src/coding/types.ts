/**
 * The coding engine's public contract: a clinical note goes in, ICD-10-CM code suggestions come
 * out, each one able to explain itself (evidence spans, Index path, tabular notes, guideline).
 * The eval harness and the web server depend on exactly these shapes.
 */
import type { Store } from '../store/index.js';
import type { Icd10cmTerminology } from '../terminology/types.js';
import type { ProcedureSuggestion } from './procedure-types.js';

export type * from './procedure-types.js';

export type EncounterSetting = 'outpatient' | 'inpatient';
export type PatientSex = 'F' | 'M' | 'U';

export interface NoteInput {
  text: string;
  setting: EncounterSetting;
  /** ISO YYYY-MM-DD; picks the code-set release. */
  dateOfService: string;
  age: number;
  sex: PatientSex;
  /** Where and for whom the visit happened, when the encounter record knows (E/M category). */
  visit?: VisitContext;
}

/** Encounter facts the E/M category needs; the note is read for them when absent. */
export interface VisitContext {
  place?: 'office' | 'emergency' | 'hospital' | 'observation';
  patientStatus?: 'new' | 'established';
}

/** A piece of the note: character offsets into `NoteInput.text` (end exclusive) and the quoted text. */
export interface EvidenceSpan {
  start: number;
  end: number;
  text: string;
  section?: string;
}

export interface CodeRationale {
  /** Alphabetic Index path followed, main term first, e.g. ["Diabetes", "type 2", "with", "chronic kidney disease"]. */
  indexPath: string[];
  /** Tabular notes applied, e.g. "use additional code to identify stage of chronic kidney disease (N18.1-N18.6)". */
  tabularNotes: string[];
  /** Guideline sections relied on, e.g. "I.C.4.a: diabetes 'with' conditions presumed linked". */
  guidelines: string[];
}

export interface CodeSuggestion {
  /** Dotted code, e.g. E11.22. */
  code: string;
  title: string;
  /** 1 = first-listed (outpatient) / principal (inpatient), then secondary codes. */
  sequence: number;
  evidence: EvidenceSpan[];
  rationale: CodeRationale;
  /** 0..1 */
  confidence: number;
}

/** A non-leading question to the provider naming the missing element and the codes it would change. */
export interface PhysicianQuery {
  element: string;
  question: string;
  affectedCodes: string[];
  evidence: EvidenceSpan[];
}

export interface CodingResult {
  codes: CodeSuggestion[];
  /** E/M, HCPCS Level II and (inpatient) ICD-10-PCS lines, when procedure coding is on. */
  procedures?: ProcedureSuggestion[];
  queries: PhysicianQuery[];
  /** Why a result is empty or partial (empty note, non-English text, truncated input, ...). */
  warnings: string[];
  /** The release whose Index and Tabular the codes were found in. */
  release: { fiscalYear: number };
  /** The release the codes were checked against: the one in effect on the date of service. */
  dateOfServiceRelease?: { fiscalYear: number; label: string; outsideWindow: boolean };
}

export interface CodingEngine {
  /**
   * Synchronous and fast: all data is loaded by `createCodingEngine`, or for an engine created
   * with `procedureData: 'on-demand'`, by `prepare(input)` before the note that needs it.
   */
  code(input: NoteInput): CodingResult;
  /**
   * Loads what coding `input` needs and is not loaded yet (an on-demand engine's ICD-10-PCS
   * release for an inpatient note's date, HCPCS drug catalog for an outpatient note's); callers
   * awaiting the same data share one load. Resolves at once when nothing is missing (always, for
   * an engine that loaded everything up front; such an engine may also leave it out).
   */
  prepare?(input: NoteInput): Promise<void>;
}

export interface CodingEngineOptions {
  /** Release to load; default the newest imported ICD-10-CM release. */
  fiscalYear?: number;
  /**
   * A terminology already loaded (or loading) for the same release, to share rather than load a
   * second copy: the server's, which also serves search. Default: the engine loads its own.
   */
  terminology?: Icd10cmTerminology | Promise<Icd10cmTerminology>;
  /** Procedure coding (E/M, HCPCS, PCS) beside the diagnoses; default on. */
  procedures?: boolean;
  /**
   * 'eager' (default): the procedure code sets are loaded by `createCodingEngine`, so `code()`
   * alone answers any note (CLI, evaluation, tests). 'on-demand': each ICD-10-PCS release and
   * HCPCS drug catalog is loaded by `prepare(input)` on the first note dated in it that needs it
   * (a faster start-up; the server's engine, whose notes go through an async NoteCoder).
   */
  procedureData?: 'eager' | 'on-demand';
}

/** What `parseNoteInput` extracts from plain text or a FHIR R4 DocumentReference / Bundle. */
export interface ParsedNote {
  text: string;
  format: 'text' | 'fhir-document-reference' | 'fhir-bundle';
  /** From DocumentReference.date / context.period.start when present (YYYY-MM-DD). */
  dateOfService?: string;
}

export type CreateCodingEngine = (store: Store, options?: CodingEngineOptions) => Promise<CodingEngine>;
