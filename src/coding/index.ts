// The coding engine: clinical note → ICD-10-CM codes with evidence, rationale and queries.

export { CodingDataError, CodingInputError } from './errors.js';
export { buildCodingEngine, createCodingEngine, RULES } from './icd10cm/engine.js';
export { parseNoteInput, validateNoteInput } from './note-input.js';
export type * from './types.js';
