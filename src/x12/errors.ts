/** Where in an X12 stream something went wrong. Segment numbers count from 1 across the whole input. */
export interface X12Location {
  file?: string;
  /** 1-based ordinal of the segment in the input (ISA is segment 1). */
  segment?: number;
  /** Segment id (ISA, CLP, SV1 ...) when known. */
  segmentId?: string;
  /** 1-based element position inside the segment (CLP02 = 2). */
  element?: number;
  /** Character offset of the segment's first character in the decoded input. */
  offset?: number;
}

/**
 * Bad X12 input: a broken envelope, a count or control number that does not match, a value
 * that cannot be read. Every reader and writer in x12/, remits/ and claims/ throws only this
 * for bad data, so callers can tell "the file is wrong" from "the program is wrong".
 */
export class X12Error extends Error {
  override name = 'X12Error';
  constructor(
    readonly reason: string,
    readonly location: X12Location = {},
  ) {
    super(describe(reason, location));
  }
}

function describe(reason: string, loc: X12Location): string {
  const parts: string[] = [];
  if (loc.file) parts.push(loc.file);
  if (loc.segment !== undefined) {
    const id = loc.segmentId ? ` ${loc.segmentId}` : '';
    const el =
      loc.element !== undefined && loc.segmentId
        ? ` (${loc.segmentId}${String(loc.element).padStart(2, '0')})`
        : '';
    parts.push(`segment ${loc.segment}${id}${el}`);
  }
  if (loc.offset !== undefined) parts.push(`char ${loc.offset}`);
  return parts.length ? `${parts.join(', ')}: ${reason}` : reason;
}
