// The coding engine: clinical note → ICD-10-CM codes with evidence, rationale and queries.

export { buildCodingEngine, composeEngine, createCodingEngine, RULES } from './engine.js';
export { CodingDataError, CodingInputError } from './errors.js';
export { parseNoteInput, validateNoteInput } from './note-input.js';
export type * from './types.js';
