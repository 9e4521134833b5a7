import { X12Error } from './errors.js';

/** The four separators an interchange declares in its ISA segment. */
export interface Delimiters {
  element: string;
  component: string;
  /** Absent before 00402, where ISA11 is the standards identifier `U` instead. */
  repetition?: string;
  segment: string;
}

export const DEFAULT_DELIMITERS: Delimiters = { element: '*', component: ':', repetition: '^', segment: '~' };

/**
 * Reads the separators from the start of an ISA segment. ISA is nominally fixed-width (106
 * characters) but real senders pad it wrongly, so instead of fixed offsets we count element
 * separators: ISA16 is the component separator and the character right after it ends the segment.
 * Returns undefined when `text` is too short to decide yet (the caller waits for more input).
 */
export function delimitersFromIsa(text: string, offset = 0): Delimiters | undefined {
  if (text.length - offset < 4) return undefined;
  if (text.slice(offset, offset + 3) !== 'ISA') {
    throw new X12Error('input does not start with an ISA segment', { segment: 1, offset });
  }
  const element = text[offset + 3]!;
  if (/[A-Za-z0-9 ]/.test(element)) {
    throw new X12Error(`ISA element separator ${JSON.stringify(element)} is not a delimiter character`, {
      segment: 1,
      segmentId: 'ISA',
      offset,
    });
  }
  let pos = offset + 3;
  const starts: number[] = [];
  for (let n = 1; n <= 16; n++) {
    const next = text.indexOf(element, pos);
    if (next < 0 || next - offset > 400) {
      // An ISA is 106 characters; 400 leaves room for bad padding but stops us scanning a whole file.
      if (text.length - offset > 400) {
        throw new X12Error(`ISA has fewer than 16 elements`, { segment: 1, segmentId: 'ISA', offset });
      }
      return undefined;
    }
    starts.push(next + 1);
    pos = next + 1;
  }
  const isa16 = starts[15]!;
  if (text.length < isa16 + 2) return undefined;
  const component = text[isa16]!;
  const segment = text[isa16 + 1]!;
  const isa11 = text.slice(starts[10]!, starts[11]! - 1);
  // A repetition separator equal to another delimiter is a sender mistake seen in the wild
  // (ISA11 = ISA16 = ^); treat the interchange as having no repetition separator.
  const repetition =
    isa11.length === 1 && !/[A-Za-z0-9 ]/.test(isa11) && ![element, component, segment].includes(isa11)
      ? isa11
      : undefined;
  const all = [element, component, segment, ...(repetition ? [repetition] : [])];
  if (new Set(all).size !== all.length || /[A-Za-z0-9]/.test(component + segment)) {
    throw new X12Error(`ISA declares clashing or alphanumeric separators ${JSON.stringify(all.join(''))}`, {
      segment: 1,
      segmentId: 'ISA',
      offset,
    });
  }
  return { element, component, segment, ...(repetition ? { repetition } : {}) };
}

/**
 * Some senders (and test fixtures) ship a bare ST..SE with no envelope. The element separator
 * follows "ST"; the segment terminator is the first character after ST02/ST03 that is neither
 * data nor an element separator; the component separator is guessed from the first composite
 * procedure code (HC:99213 / HC>99213), defaulting to ':'.
 */
export function delimitersFromBareSt(text: string, offset = 0): Delimiters | undefined {
  if (text.length - offset < 12) return undefined;
  const element = text[offset + 2]!;
  if (/[A-Za-z0-9 ]/.test(element)) {
    throw new X12Error('bare ST segment has no element separator', { segment: 1, segmentId: 'ST', offset });
  }
  let i = offset + 3;
  const limit = Math.min(text.length, offset + 120);
  while (i < limit && (/[A-Za-z0-9 ]/.test(text[i]!) || text[i] === element)) i++;
  if (i >= limit) {
    if (text.length > offset + 120) {
      throw new X12Error('cannot find the end of the ST segment', { segment: 1, segmentId: 'ST', offset });
    }
    return undefined;
  }
  const segment = text[i]!;
  const probe = text.slice(offset, offset + 65536);
  const m = new RegExp(`\\${element}HC([^A-Za-z0-9\\${element}])`).exec(probe);
  const component = m?.[1] ?? ':';
  return { element, component, segment };
}
