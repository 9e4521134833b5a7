import { createReadStream } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';
import { type Delimiters, delimitersFromBareSt, delimitersFromIsa } from './delimiters.js';
import { X12Error } from './errors.js';
import { LazySegment, type Segment } from './segment.js';

/** The ISA header of the interchange a transaction set came in. */
export interface Interchange {
  senderQualifier: string;
  senderId: string;
  receiverQualifier: string;
  receiverId: string;
  date: string;
  time: string;
  version: string;
  controlNumber: string;
  ackRequested: string;
  usage: string;
  delimiters: Delimiters;
}

/** The GS header of the functional group a transaction set came in. */
export interface FunctionalGroup {
  functionalId: string;
  senderCode: string;
  receiverCode: string;
  date: string;
  time: string;
  controlNumber: string;
  /** GS08, e.g. 005010X221A1. */
  version: string;
}

/**
 * One ST..SE transaction set with its envelope already checked. `segments` holds the body
 * (everything between ST and SE); `st` is kept for its position and ST03.
 */
export interface TransactionSet {
  /** ST01: 835, 837, 999, 277 ... */
  type: string;
  /** ST02. */
  controlNumber: string;
  /** ST03, else GS08. */
  implementation: string;
  interchange?: Interchange;
  group?: FunctionalGroup;
  delimiters: Delimiters;
  st: Segment;
  segments: Segment[];
  /** Envelope problems found in this set's ST/SE (wrong count, mismatched control number). */
  issues: X12Error[];
}

export interface ReadOptions {
  /** Used in error messages. */
  file?: string;
  /** Longest segment accepted before we decide the terminator is missing (default 1 MiB). */
  maxSegmentLength?: number;
  /**
   * Throw on envelope inconsistencies (wrong SE/GE/IEA counts, mismatched or malformed control
   * numbers, missing trailers at end of input) instead of reporting them. Real-world files get
   * these wrong often enough that the default is to report them through `onIssue` and in
   * `TransactionSet.issues` and carry on; structural errors (segment outside ST..SE, missing SE)
   * always throw.
   */
  strict?: boolean;
  onIssue?: (issue: X12Error) => void;
}

const WS = new Set([' ', '\t', '\r', '\n', '\f', '\v', '\uFEFF']);
const ENVELOPE_IDS = new Set(['ISA', 'IEA', 'GS', 'GE', 'ST', 'SE']);

/** A letter then one or two letters/digits (ISA, N1, SV1). */
function isSegmentId(id: string): boolean {
  const n = id.length;
  if (n < 2 || n > 3) return false;
  const c0 = id.charCodeAt(0);
  if (c0 < 65 || c0 > 90) return false;
  for (let i = 1; i < n; i++) {
    const c = id.charCodeAt(i);
    if (!((c >= 65 && c <= 90) || (c >= 48 && c <= 57))) return false;
  }
  return true;
}

/**
 * Push parser: feed decoded text with `push`, collect the transaction sets it completes, call
 * `end` at the end of input. It only keeps the unfinished tail of the text and the current
 * transaction set, so memory does not grow with the file. The envelope is checked as it goes:
 * ISA/IEA and GS/GE and ST/SE pair up, control numbers match, counts match.
 */
export class X12Parser {
  private buf = '';
  /** Offset of buf[0] in the whole input. */
  private base = 0;
  private segNo = 0;
  private delims: Delimiters | undefined;
  private bare = false;
  private isa: { seg: Segment; header: Interchange; groups: number; groupIds: Set<string> } | undefined;
  private gs: { seg: Segment; header: FunctionalGroup; sets: number; setIds: Set<string> } | undefined;
  private st: { seg: Segment; body: Segment[] } | undefined;
  private out: TransactionSet[] = [];
  private sawAnything = false;
  private readonly maxSeg: number;

  constructor(private readonly options: ReadOptions = {}) {
    this.maxSeg = options.maxSegmentLength ?? 1 << 20;
  }

  /** Adds text; returns the transaction sets completed by it. */
  push(text: string): TransactionSet[] {
    this.buf = this.buf.length ? this.buf + text : text;
    this.drain(false);
    const done = this.out;
    this.out = [];
    return done;
  }

  /** Ends the input; throws when an envelope is left open. */
  end(): TransactionSet[] {
    this.drain(true);
    const loc = { file: this.options.file, segment: this.segNo + 1, offset: this.base };
    if (this.st) throw new X12Error(`transaction set ${this.st.seg.elements[2] ?? ''} has no SE`, loc);
    if (this.gs) this.issue(new X12Error(`functional group ${this.gs.header.controlNumber} has no GE`, loc));
    if (this.isa) this.issue(new X12Error(`interchange ${this.isa.header.controlNumber} has no IEA`, loc));
    this.gs = undefined;
    this.isa = undefined;
    if (!this.sawAnything) throw new X12Error('input holds no X12 segments', { file: this.options.file });
    const done = this.out;
    this.out = [];
    return done;
  }

  private err(reason: string, seg?: Segment, element?: number): X12Error {
    return new X12Error(reason, {
      ...(this.options.file ? { file: this.options.file } : {}),
      ...(seg ? { segment: seg.index, segmentId: seg.id, offset: seg.offset } : {}),
      ...(element !== undefined ? { element } : {}),
    });
  }

  /** A non-structural envelope problem: thrown when strict, otherwise reported. */
  private issue(problem: X12Error, set?: X12Error[]): void {
    if (this.options.strict) throw problem;
    set?.push(problem);
    this.options.onIssue?.(problem);
  }

  private drain(final: boolean): void {
    let pos = 0;
    const buf = this.buf;
    for (;;) {
      if (!this.delims) {
        while (pos < buf.length && WS.has(buf[pos]!)) pos++;
        if (pos >= buf.length) break;
        try {
          const head = buf.slice(pos, pos + 3);
          if (
            !final &&
            head.length < 3 &&
            ('ISA'.startsWith(head) || (!this.sawAnything && 'ST'.startsWith(head)))
          ) {
            break; // too little text to tell an ISA from a bare ST yet
          }
          if (buf.startsWith('ISA', pos)) {
            this.delims = delimitersFromIsa(buf, pos);
            this.bare = false;
          } else if (!this.sawAnything && buf.startsWith('ST', pos)) {
            this.delims = delimitersFromBareSt(buf, pos);
            this.bare = true;
          } else {
            const what = this.sawAnything ? 'after IEA' : 'at the start of the input';
            throw this.err(
              `expected an ISA segment ${what}, found ${JSON.stringify(buf.slice(pos, pos + 20))}`,
            );
          }
        } catch (e) {
          if (e instanceof X12Error && e.location.segment !== undefined) {
            throw new X12Error(e.reason, {
              ...e.location,
              segment: this.segNo + 1,
              offset: this.base + pos,
              ...(this.options.file ? { file: this.options.file } : {}),
            });
          }
          throw e;
        }
        if (!this.delims) {
          if (final) throw this.err(`input ends inside the ISA segment`);
          break;
        }
      }
      const d = this.delims;
      const end = buf.indexOf(d.segment, pos);
      if (end < 0) {
        if (final) {
          // Tolerate a missing terminator on the very last segment (common after editing by hand).
          if (buf.slice(pos).trim() !== '') this.segment(buf, pos, buf.length);
          pos = buf.length;
        } else if (buf.length - pos > this.maxSeg) {
          throw this.err(
            `no segment terminator ${JSON.stringify(d.segment)} within ${this.maxSeg} characters at char ${this.base + pos}`,
          );
        }
        break;
      }
      const id = this.segment(buf, pos, end);
      pos = end + 1;
      if (id === 'IEA') this.delims = undefined;
    }
    this.buf = buf.slice(pos);
    this.base += pos;
  }

  /**
   * Tokenizes buf[start, end) as one segment and runs the envelope state machine; returns its id.
   * This is the hot path (millions of calls on a large file): char codes, no regexes, one slice.
   */
  private segment(buf: string, start: number, end: number): string | undefined {
    const d = this.delims!;
    const elementCode = d.element.charCodeAt(0);
    // Skip the newlines/spaces many senders put between segments (unless they are delimiters).
    let s = start;
    for (
      let c = buf.charCodeAt(s);
      s < end && (c <= 32 || c === 0xfeff) && c !== elementCode;
      c = buf.charCodeAt(++s)
    );
    let e = end;
    for (
      let c = buf.charCodeAt(e - 1);
      e > s && (c === 13 || c === 10) && c !== elementCode;
      c = buf.charCodeAt(--e - 1)
    );
    if (s >= e) return undefined;
    const raw = buf.slice(s, e);
    const cut = raw.indexOf(d.element);
    const id = cut < 0 ? raw : raw.slice(0, cut);
    const seg = new LazySegment(id, raw, d.element, ++this.segNo, this.base + s);
    this.sawAnything = true;
    if (!isSegmentId(id)) throw this.err(`${JSON.stringify(id.slice(0, 20))} is not a segment id`, seg);
    if (this.st && id !== 'SE' && !ENVELOPE_IDS.has(id)) this.st.body.push(seg);
    else this.envelope(seg);
    return id;
  }

  private envelope(seg: Segment): void {
    if (this.st) {
      if (seg.id === 'SE') {
        this.closeSet(seg);
        return;
      }
      if (seg.id === 'ST' || seg.id === 'GS' || seg.id === 'ISA' || seg.id === 'GE' || seg.id === 'IEA') {
        throw this.err(`${seg.id} inside transaction set ${this.st.seg.elements[2] ?? ''} (missing SE)`, seg);
      }
      this.st.body.push(seg);
      return;
    }
    switch (seg.id) {
      case 'ISA':
        this.openInterchange(seg);
        return;
      case 'IEA':
        this.closeInterchange(seg);
        return;
      case 'GS':
        this.openGroup(seg);
        return;
      case 'GE':
        this.closeGroup(seg);
        return;
      case 'ST':
        if (!this.gs && !this.bare) throw this.err('ST outside a functional group (missing GS)', seg);
        if (!seg.elements[1]) throw this.err('ST01 transaction set identifier is missing', seg, 1);
        if (!seg.elements[2]) throw this.err('ST02 control number is missing', seg, 2);
        if (this.gs) {
          if (this.gs.setIds.has(seg.elements[2])) {
            this.issue(
              this.err(`duplicate transaction set control number ${seg.elements[2]} in the group`, seg, 2),
            );
          }
          this.gs.setIds.add(seg.elements[2]);
        }
        this.st = { seg, body: [] };
        return;
      case 'TA1':
        if (!this.isa || this.gs) throw this.err('TA1 outside an interchange or inside a group', seg);
        return; // interchange acknowledgment: envelope-level only, nothing to yield
      default:
        throw this.err(`segment ${seg.id} outside a transaction set`, seg);
    }
  }

  private openInterchange(seg: Segment): void {
    if (this.isa)
      throw this.err(`ISA inside interchange ${this.isa.header.controlNumber} (missing IEA)`, seg);
    if (seg.elements.length !== 17)
      throw this.err(`ISA has ${seg.elements.length - 1} elements, expected 16`, seg);
    const v = (n: number) => seg.elements[n]!.trim();
    if (!/^\d{9}$/.test(v(13)))
      this.issue(this.err(`ISA13 control number ${JSON.stringify(v(13))} is not 9 digits`, seg, 13));
    this.isa = {
      seg,
      groups: 0,
      groupIds: new Set(),
      header: {
        senderQualifier: v(5),
        senderId: v(6),
        receiverQualifier: v(7),
        receiverId: v(8),
        date: v(9),
        time: v(10),
        version: v(12),
        controlNumber: v(13),
        ackRequested: v(14),
        usage: v(15),
        delimiters: this.delims!,
      },
    };
  }

  private closeInterchange(seg: Segment): void {
    if (!this.isa) throw this.err('IEA without ISA', seg);
    if (this.gs)
      throw this.err(`IEA inside functional group ${this.gs.header.controlNumber} (missing GE)`, seg);
    const count = seg.elements[1] ?? '';
    if (Number(count) !== this.isa.groups || !/^\d+$/.test(count)) {
      this.issue(
        this.err(`IEA01 says ${JSON.stringify(count)} functional groups, found ${this.isa.groups}`, seg, 1),
      );
    }
    if ((seg.elements[2] ?? '').trim() !== this.isa.header.controlNumber) {
      this.issue(
        this.err(
          `IEA02 ${JSON.stringify(seg.elements[2] ?? '')} does not match ISA13 ${this.isa.header.controlNumber}`,
          seg,
          2,
        ),
      );
    }
    this.isa = undefined;
  }

  private openGroup(seg: Segment): void {
    if (!this.isa) throw this.err('GS outside an interchange (missing ISA)', seg);
    if (this.gs)
      throw this.err(`GS inside functional group ${this.gs.header.controlNumber} (missing GE)`, seg);
    const ctl = seg.elements[6] ?? '';
    if (!/^\d{1,9}$/.test(ctl))
      this.issue(this.err(`GS06 control number ${JSON.stringify(ctl)} is not 1-9 digits`, seg, 6));
    if (this.isa.groupIds.has(ctl))
      this.issue(this.err(`duplicate group control number ${ctl} in the interchange`, seg, 6));
    this.isa.groupIds.add(ctl);
    const v = (n: number) => seg.elements[n] ?? '';
    this.gs = {
      seg,
      sets: 0,
      setIds: new Set(),
      header: {
        functionalId: v(1),
        senderCode: v(2),
        receiverCode: v(3),
        date: v(4),
        time: v(5),
        controlNumber: ctl,
        version: v(8).trim(),
      },
    };
  }

  private closeGroup(seg: Segment): void {
    if (!this.gs) throw this.err('GE without GS', seg);
    const count = seg.elements[1] ?? '';
    if (Number(count) !== this.gs.sets || !/^\d+$/.test(count)) {
      this.issue(
        this.err(`GE01 says ${JSON.stringify(count)} transaction sets, found ${this.gs.sets}`, seg, 1),
      );
    }
    if (Number(seg.elements[2] ?? '') !== Number(this.gs.header.controlNumber)) {
      this.issue(
        this.err(
          `GE02 ${JSON.stringify(seg.elements[2] ?? '')} does not match GS06 ${this.gs.header.controlNumber}`,
          seg,
          2,
        ),
      );
    }
    this.isa!.groups++;
    this.gs = undefined;
  }

  private closeSet(seg: Segment): void {
    const st = this.st!;
    const count = seg.elements[1] ?? '';
    const actual = st.body.length + 2;
    const issues: X12Error[] = [];
    if (Number(count) !== actual || !/^\d+$/.test(count)) {
      this.issue(
        this.err(`SE01 says ${JSON.stringify(count)} segments, the transaction set has ${actual}`, seg, 1),
        issues,
      );
    }
    const ctl = st.seg.elements[2]!;
    if ((seg.elements[2] ?? '') !== ctl) {
      this.issue(
        this.err(`SE02 ${JSON.stringify(seg.elements[2] ?? '')} does not match ST02 ${ctl}`, seg, 2),
        issues,
      );
    }
    if (this.gs) this.gs.sets++;
    const set: TransactionSet = {
      type: st.seg.elements[1]!,
      controlNumber: ctl,
      implementation: st.seg.elements[3] || this.gs?.header.version || '',
      delimiters: this.delims!,
      st: st.seg,
      segments: st.body,
      issues,
    };
    if (this.isa) set.interchange = this.isa.header;
    if (this.gs) set.group = this.gs.header;
    this.out.push(set);
    this.st = undefined;
  }
}

/** Picks the decoder from a byte-order mark: UTF-16LE files exist in the wild. */
function decoderFor(first: Buffer): StringDecoder {
  if (first.length >= 2 && first[0] === 0xff && first[1] === 0xfe) return new StringDecoder('utf16le');
  // No BOM but "I\0S\0A\0": UTF-16LE all the same.
  if (first.length >= 4 && first[0] === 0x49 && first[1] === 0 && first[2] === 0x53 && first[3] === 0) {
    return new StringDecoder('utf16le');
  }
  return new StringDecoder('utf8');
}

/**
 * Reads transaction sets from bytes or text chunks, one at a time: memory stays bounded by the
 * largest transaction set, not the file.
 */
export async function* readTransactionSets(
  source: AsyncIterable<Buffer | string> | Iterable<Buffer | string>,
  options: ReadOptions = {},
): AsyncGenerator<TransactionSet> {
  const parser = new X12Parser(options);
  let decoder: StringDecoder | undefined;
  for await (const chunk of source) {
    let text: string;
    if (typeof chunk === 'string') text = chunk;
    else {
      decoder ??= decoderFor(chunk);
      text = decoder.write(chunk);
    }
    yield* parser.push(text);
  }
  if (decoder) {
    const tail = decoder.end();
    if (tail) yield* parser.push(tail);
  }
  yield* parser.end();
}

/** Streams the transaction sets of a file. */
export function readX12File(path: string, options: ReadOptions = {}): AsyncGenerator<TransactionSet> {
  return readTransactionSets(createReadStream(path, { highWaterMark: 1 << 16 }), { file: path, ...options });
}

/** Parses a whole in-memory interchange (small inputs, tests). */
export function parseX12(input: string | Buffer, options: ReadOptions = {}): TransactionSet[] {
  const parser = new X12Parser(options);
  const text = typeof input === 'string' ? input : decoderFor(input).end(input);
  return [...parser.push(text), ...parser.end()];
}

/** Throws unless the set is one of the given transaction types (readers call this first). */
export function expectSetType(set: TransactionSet, ...types: string[]): void {
  if (!types.includes(set.type)) {
    throw new X12Error(`transaction set ${set.controlNumber} is a ${set.type}, not a ${types.join('/')}`, {
      segment: set.st.index,
      segmentId: 'ST',
      element: 1,
      offset: set.st.offset,
    });
  }
}
