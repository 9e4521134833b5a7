import { DEFAULT_DELIMITERS, type Delimiters } from './delimiters.js';
import { ELEMENT_RULES, type ElementRule } from './elements.js';
import { X12Error } from './errors.js';

/** An element to write: text, a composite (array of components), or absent. */
export type ElementValue =
  | string
  | number
  | undefined
  | null
  | ReadonlyArray<string | number | undefined | null>;

/**
 * Builds the segments of one transaction set. X12 has no escape character, so free text (type
 * AN) has any delimiter character replaced by a space; an identifier, code, number or date that
 * contains one cannot be written faithfully and is an X12Error. Every element is checked against
 * ELEMENT_RULES where the segment is known. Trailing empty elements and components are dropped.
 */
export class SegmentWriter {
  readonly lines: string[] = [];
  private readonly delimiterSet: Set<string>;

  constructor(readonly delimiters: Delimiters = DEFAULT_DELIMITERS) {
    this.delimiterSet = new Set(
      [delimiters.element, delimiters.component, delimiters.segment, delimiters.repetition ?? ''].filter(
        Boolean,
      ),
    );
  }

  /** Appends a segment; returns its 1-based number in this writer. */
  segment(id: string, ...values: ElementValue[]): number {
    const rules = ELEMENT_RULES[id];
    const out: string[] = [id];
    values.forEach((v, i) => {
      const n = i + 1;
      const rule = rules?.[n];
      if (Array.isArray(v)) {
        const parts = v.map((c, j) =>
          this.clean(id, n, c === undefined || c === null ? '' : String(c), undefined, j + 1),
        );
        while (parts.length && parts[parts.length - 1] === '') parts.pop();
        out.push(parts.join(this.delimiters.component));
      } else {
        out.push(this.clean(id, n, v === undefined || v === null ? '' : String(v), rule));
      }
    });
    while (out.length > 1 && out[out.length - 1] === '') out.pop();
    this.lines.push(out.join(this.delimiters.element));
    return this.lines.length;
  }

  private clean(seg: string, n: number, value: string, rule?: ElementRule, component?: number): string {
    const where = `${seg}${String(n).padStart(2, '0')}${component ? `-${component}` : ''}`;
    let v = value;
    const isText = !rule || rule.type === 'AN';
    if ([...v].some((ch) => this.delimiterSet.has(ch))) {
      if (!isText || component !== undefined) {
        throw new X12Error(`${where} value ${JSON.stringify(value)} contains an X12 delimiter`, {
          segmentId: seg,
          element: n,
        });
      }
      v = [...v].map((ch) => (this.delimiterSet.has(ch) ? ' ' : ch)).join('');
    }
    if (isText) v = v.replace(/\s+/g, ' ').trim();
    if (v === '' || !rule) return v;
    const fail = (why: string) =>
      new X12Error(`${where} ${JSON.stringify(value)} ${why}`, { segmentId: seg, element: n });
    if (v.length < rule.min || v.length > rule.max) {
      const len = rule.type === 'R' || rule.type === 'N0' ? v.replace(/[-.]/g, '').length : v.length;
      if (len < rule.min || len > rule.max) throw fail(`must be ${rule.min}-${rule.max} characters long`);
    }
    switch (rule.type) {
      case 'ID':
        if (rule.codes && !rule.codes.includes(v)) throw fail(`is not one of ${rule.codes.join(', ')}`);
        break;
      case 'N0':
        if (!/^-?\d+$/.test(v)) throw fail('is not a whole number');
        break;
      case 'R':
        if (!/^-?(\d+\.?\d*|\.\d+)$/.test(v)) throw fail('is not a decimal number');
        break;
      case 'DT':
        if (!/^\d{8}$/.test(v) && !/^\d{6}$/.test(v)) throw fail('is not a CCYYMMDD date');
        break;
      case 'TM':
        if (!/^\d{4}(\d{2}(\d{1,2})?)?$/.test(v)) throw fail('is not an HHMM time');
        break;
    }
    return v;
  }
}

/** Control numbers for one interchange: allocated by the caller (see ControlNumberSource). */
export interface EnvelopeNumbers {
  interchange: number;
  group: number;
  /** One per transaction set, in order. */
  sets: number[];
}

export interface EnvelopeOptions {
  senderQualifier?: string;
  senderId: string;
  receiverQualifier?: string;
  receiverId: string;
  /** GS02/GS03 application codes; default to the interchange ids. */
  applicationSender?: string;
  applicationReceiver?: string;
  /** GS01: HC (837), HP (835), FA (999), HN (277). */
  functionalId: string;
  /** GS08 / ST03, e.g. 005010X222A1. */
  implementation: string;
  /** ISA15: P production, T test. */
  usage?: 'P' | 'T';
  /** ISO timestamp used for ISA09/10 and GS04/05; defaults to now. */
  timestamp?: Date;
  delimiters?: Delimiters;
  /** Put a newline after each segment terminator (readable; still valid X12). */
  newlines?: boolean;
}

/** A transaction set body: writes everything between ST and SE. */
export type SetBody = { type: string; write(w: SegmentWriter): void };

const pad = (v: string, width: number, what: string) => {
  if (v.length > width)
    throw new X12Error(`${what} ${JSON.stringify(v)} is longer than ${width} characters`, {
      segmentId: 'ISA',
    });
  return v.padEnd(width, ' ');
};

/**
 * Writes a complete interchange: ISA/GS, each set as ST..SE with its segment count, GE/IEA
 * with their counts. Control numbers come from the caller so they can be persisted and kept
 * unique (a resubmitted file must not reuse them).
 */
export function writeInterchange(
  options: EnvelopeOptions,
  numbers: EnvelopeNumbers,
  sets: SetBody[],
): string {
  if (numbers.sets.length !== sets.length) {
    throw new X12Error(`${sets.length} transaction sets but ${numbers.sets.length} ST control numbers`);
  }
  if (new Set(numbers.sets).size !== numbers.sets.length) throw new X12Error('ST control numbers repeat');
  for (const [what, n, max] of [
    ['ISA13', numbers.interchange, 999_999_999],
    ['GS06', numbers.group, 999_999_999],
    ...numbers.sets.map((s) => ['ST02', s, 999_999_999] as const),
  ] as const) {
    if (!Number.isSafeInteger(n) || n < 1 || n > max)
      throw new X12Error(`${what} control number ${n} is out of range`);
  }
  const d = options.delimiters ?? DEFAULT_DELIMITERS;
  const ts = options.timestamp ?? new Date();
  const iso = ts.toISOString();
  const ymd = iso.slice(0, 10).replaceAll('-', '');
  const hm = iso.slice(11, 16).replace(':', '');
  const isa = [
    'ISA',
    '00',
    pad('', 10, 'ISA02'),
    '00',
    pad('', 10, 'ISA04'),
    pad(options.senderQualifier ?? 'ZZ', 2, 'ISA05'),
    pad(options.senderId, 15, 'ISA06'),
    pad(options.receiverQualifier ?? 'ZZ', 2, 'ISA07'),
    pad(options.receiverId, 15, 'ISA08'),
    ymd.slice(2),
    hm,
    d.repetition ?? 'U',
    '00501',
    String(numbers.interchange).padStart(9, '0'),
    '0',
    options.usage ?? 'P',
    d.component,
  ].join(d.element);
  const w = new SegmentWriter(d);
  w.segment(
    'GS',
    options.functionalId,
    options.applicationSender ?? options.senderId,
    options.applicationReceiver ?? options.receiverId,
    ymd,
    hm,
    numbers.group,
    'X',
    options.implementation,
  );
  sets.forEach((set, i) => {
    const ctl = String(numbers.sets[i]!).padStart(4, '0');
    const start = w.segment('ST', set.type, ctl, options.implementation);
    set.write(w);
    const count = w.lines.length - start + 2;
    w.segment('SE', count, ctl);
  });
  w.segment('GE', sets.length, numbers.group);
  w.segment('IEA', 1, String(numbers.interchange).padStart(9, '0'));
  const sep = d.segment + (options.newlines ? '\n' : '');
  return [isa, ...w.lines].join(sep) + sep;
}
