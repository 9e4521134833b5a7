/**
 * Typed errors at the coding engine's boundary. `field` names what was wrong in the input
 * (e.g. "setting", "text", "DocumentReference.content[0].attachment.data") so a caller can
 * point at it.
 */
export class CodingInputError extends Error {
  override readonly name = 'CodingInputError';
  constructor(
    readonly field: string,
    readonly reason: string,
  ) {
    super(`invalid coding input at ${field}: ${reason}`);
  }
}

/** The store lacks what the engine needs (no ICD-10-CM release, no Alphabetic Index). */
export class CodingDataError extends Error {
  override readonly name = 'CodingDataError';
}
