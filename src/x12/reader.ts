import { isAscii } from 'node:buffer';
import { open } from 'node:fs/promises';
import { StringDecoder } from 'node:string_decoder';
import { type Codes, codesOf } from './codes.js';
import { type Delimiters, delimitersFromBareSt, delimitersFromIsa } from './delimiters.js';
import { X12Error } from './errors.js';
import type { Segment } from './segment.js';
import { SegmentView } from './segment-view.js';

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
 * What is known of a transaction set from its envelope: ST, and the GS/ISA it came in. `st` is
 * kept for its position and ST03.
 */
export interface SetHeader {
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
  /**
   * Envelope problems found in this set's ST/SE (wrong count, mismatched control number); only
   * ever non-empty when reading with `strict: false`, otherwise they are thrown.
   */
  issues: X12Error[];
}

/** One ST..SE transaction set with its envelope checked; `segments` is the body (between ST and SE). */
export interface TransactionSet extends SetHeader {
  segments: Segment[];
}

/**
 * Receives a transaction set's body segment by segment as it is read, instead of the reader
 * collecting it: a typed reader that keeps only what it extracts needs memory for its result,
 * not for the set's segments.
 */
export interface SetSink<T> {
  /** One body segment; the view is reused for the next one, so keep values, not the view. */
  segment(seg: SegmentView): void;
  /** Called at SE once the envelope checks passed; returns what the reader yields for the set. */
  finish(header: SetHeader): T;
}

/** Chooses the sink for a set when its ST is read (may throw: wrong type or version). */
export type SinkFor<T> = (header: SetHeader) => SetSink<T>;

/**
 * Default cap on the segments of one transaction set. Generous: a 5,000-claim 837 batch (the
 * TR3's recommended maximum) or a 10,000-claim 835 is well under 500,000 segments, while a set
 * that never ends (a missing SE, a runaway generator) stops here instead of exhausting memory:
 * measured ≈230 MB peak RSS when the collecting reader hits the cap with 17-character segments
 * (the streaming 835 reader keeps no segments and stays near its usual ~110 MB).
 */
export const DEFAULT_MAX_SEGMENTS_PER_SET = 1_000_000;

/** Default cap on sets per group and groups per interchange (real groups hold a few thousand). */
export const DEFAULT_MAX_SETS_PER_GROUP = 1_000_000;

/** Collects the body's segments: the generic TransactionSet every non-streaming reader gets. */
class CollectingSink implements SetSink<TransactionSet> {
  private readonly segments: Segment[] = [];
  segment(seg: SegmentView): void {
    this.segments.push(seg.keep());
  }
  finish(header: SetHeader): TransactionSet {
    return { ...header, segments: this.segments };
  }
}

const collect: SinkFor<TransactionSet> = () => new CollectingSink();

export interface ReadOptions {
  /** Used in error messages. */
  file?: string;
  /** Longest segment accepted before we decide the terminator is missing (default 1 MiB). */
  maxSegmentLength?: number;
  /**
   * Most segments one transaction set may have (default DEFAULT_MAX_SEGMENTS_PER_SET, or the
   * MEDCODER_X12_MAX_SEGMENTS environment variable); more is an error. With the segment length
   * cap this bounds the reader's memory whatever the input.
   */
  maxSegmentsPerSet?: number;
  /**
   * Most transaction sets in one functional group, and groups in one interchange (default
   * DEFAULT_MAX_SETS_PER_GROUP): their control numbers are remembered to find duplicates, so
   * an endless stream of tiny sets would otherwise grow memory without bound.
   */
  maxSetsPerGroup?: number;
  /**
   * Envelope inconsistencies (wrong SE/GE/IEA counts, mismatched or malformed control numbers,
   * missing GE/IEA at end of input) are errors by default: a file whose envelope does not add
   * up may be truncated or spliced, and is not posted or applied. `strict: false` reads such
   * files anyway (to inspect them), reporting the problems in `TransactionSet.issues` (a set's
   * own SE count and control number) or through `onIssue` (the rest). Structural errors (segment outside ST..SE, missing SE) always throw.
   */
  strict?: boolean;
  onIssue?: (issue: X12Error) => void;
}

const WS = new Set([' ', '\t', '\r', '\n', '\f', '\v', '\uFEFF']);

/**
 * Push parser: feed decoded text with `push`, collect the transaction sets it completes, call
 * `end` at the end of input. It only keeps the unfinished tail of the text and the current
 * transaction set, so memory does not grow with the file. The envelope is checked as it goes:
 * ISA/IEA and GS/GE and ST/SE pair up, control numbers match, counts match.
 */
export class X12Parser<T = TransactionSet> {
  private buf = '';
  /** Offset of buf[0] in the whole input. */
  private base = 0;
  private segNo = 0;
  private delims: Delimiters | undefined;
  /** Reused for every segment of the current interchange (its separators). */
  private view: SegmentView | undefined;
  private bare = false;
  private isa: { seg: Segment; header: Interchange; groups: number; groupIds: Set<string> } | undefined;
  private gs: { seg: Segment; header: FunctionalGroup; sets: number; setIds: Set<string> } | undefined;
  private st: { seg: Segment; count: number; header: SetHeader; sink: SetSink<T> } | undefined;
  private out: T[] = [];
  private sawAnything = false;
  private readonly maxSeg: number;
  private readonly maxSet: number;
  private readonly maxIds: number;
  private readonly strict: boolean;
  private readonly sinkFor: SinkFor<T>;

  /** `sinkFor` decides what each set becomes; by default its segments are collected (TransactionSet). */
  constructor(
    private readonly options: ReadOptions = {},
    sinkFor?: SinkFor<T>,
  ) {
    this.maxSeg = options.maxSegmentLength ?? 1 << 20;
    this.maxSet = options.maxSegmentsPerSet ?? defaultMaxSegmentsPerSet();
    this.maxIds = options.maxSetsPerGroup ?? DEFAULT_MAX_SETS_PER_GROUP;
    this.strict = options.strict ?? true;
    this.sinkFor = sinkFor ?? (collect as unknown as SinkFor<T>);
  }

  /**
   * Adds text; returns the transaction sets completed by it. `codes`, when given, are the
   * text's character codes (codes[i] === text.charCodeAt(i): an ASCII chunk's bytes), only
   * read during the call; otherwise they are worked out from the text.
   */
  push(text: string, codes?: Codes): T[] {
    const tail = this.buf;
    const k = tail.length && this.delims ? text.indexOf(this.delims.segment) : -1;
    if (k >= 0) {
      // Finish the segment left over from the last chunk on its own small string, then read
      // the new chunk where it is (a decoded chunk is one flat string, and its codes are the
      // chunk's bytes when it is ASCII).
      this.buf = tail + text.slice(0, k + 1);
      this.drain(false);
      if (this.buf.length === 0) {
        this.buf = text;
        this.base -= k + 1;
        this.drain(false, k + 1, codes);
      } else {
        this.buf = flatten(this.buf + text.slice(k + 1));
        this.drain(false);
      }
    } else if (tail.length) {
      this.buf = flatten(tail + text);
      this.drain(false);
    } else {
      this.buf = text;
      this.drain(false, 0, codes);
    }
    const done = this.out;
    this.out = [];
    return done;
  }

  /** Ends the input; throws when an envelope is left open. */
  end(): T[] {
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

  private err(reason: string, seg?: Pick<Segment, 'id' | 'index' | 'offset'>, element?: number): X12Error {
    return new X12Error(reason, {
      ...(this.options.file ? { file: this.options.file } : {}),
      ...(seg ? { segment: seg.index, segmentId: seg.id, offset: seg.offset } : {}),
      ...(element !== undefined ? { element } : {}),
    });
  }

  /**
   * A non-structural envelope problem: thrown when strict, otherwise reported, in the set's
   * issues when it is about a set (SE), else through onIssue (ST duplicates, GS/GE, ISA/IEA).
   */
  private issue(problem: X12Error, set?: X12Error[]): void {
    if (this.strict) throw problem;
    if (set) set.push(problem);
    else this.options.onIssue?.(problem);
  }

  /**
   * Reads the complete segments of `buf` from `from` (`codes`: its character codes, worked out
   * when not given); keeps the unfinished rest in `buf`.
   */
  private drain(final: boolean, from = 0, given?: Codes): void {
    let pos = from;
    const buf = this.buf;
    const codes = given ?? codesOf(buf);
    this.view?.setText(buf, codes);
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
        this.view = new SegmentView(this.delims.element, this.delims.segment);
        this.view.setText(buf, codes);
      }
      if (pos >= buf.length) break;
      const v = this.view!;
      const end = v.scan(pos, final);
      if (end < 0) {
        if (buf.length - pos > this.maxSeg) {
          throw this.err(
            `no segment terminator ${JSON.stringify(this.delims.segment)} within ${this.maxSeg} characters at char ${this.base + pos}`,
          );
        }
        break;
      }
      // A missing terminator on the very last segment is tolerated (common after editing by hand).
      const key = this.segment(v);
      pos = Math.min(end + 1, buf.length);
      if (key === IEA_KEY) this.delims = undefined;
    }
    this.buf = buf.slice(pos);
    this.base += pos;
  }

  /**
   * Runs the envelope state machine on the segment the view was just pointed at, or hands it to
   * the set's sink; returns its id's key (segmentKeyAt; -1 for an empty segment): a number to
   * compare, not a string. This is the hot path (millions of calls on a large file):
   * character codes, no regexes, no allocation for a body segment.
   */
  private segment(v: SegmentView): number {
    const s = v.start;
    if (s >= v.end) return -1;
    const idEnd = v.to(0);
    const key = segmentKeyAt(v.codes, s, idEnd);
    const index = ++this.segNo;
    const offset = this.base + s;
    this.sawAnything = true;
    if (key < 0) {
      const text = v.text.slice(s, idEnd);
      throw this.err(`${JSON.stringify(text.slice(0, 20))} is not a segment id`, { id: text, index, offset });
    }
    const id = IDS[key] ?? internId(key, v.text.slice(s, idEnd));
    v.id = id;
    v.idNumber = ID_NUMBERS[key]!;
    v.index = index;
    v.offset = offset;
    const st = this.st;
    if (st && ENVELOPE_KEYS[key] === 0) {
      if (++st.count > this.maxSet) {
        throw this.err(
          `transaction set ${st.header.controlNumber} has more than ${this.maxSet} segments (the per-set limit, maxSegmentsPerSet / MEDCODER_X12_MAX_SEGMENTS); is its SE missing?`,
          v,
        );
      }
      st.sink.segment(v);
    } else this.envelope(v.keep());
    return key;
  }

  private envelope(seg: Segment): void {
    if (this.st) {
      if (seg.id === 'SE') {
        this.closeSet(seg);
        return;
      }
      throw this.err(`${seg.id} inside transaction set ${this.st.seg.elements[2] ?? ''} (missing SE)`, seg);
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
          if (this.gs.setIds.size >= this.maxIds) {
            throw this.err(
              `functional group ${this.gs.header.controlNumber} has more than ${this.maxIds} transaction sets (the limit, maxSetsPerGroup)`,
              seg,
            );
          }
          if (this.gs.setIds.has(seg.elements[2])) {
            this.issue(
              this.err(`duplicate transaction set control number ${seg.elements[2]} in the group`, seg, 2),
            );
          }
          this.gs.setIds.add(seg.elements[2]);
        }
        this.openSet(seg);
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
    if (this.isa.groupIds.size >= this.maxIds) {
      throw this.err(
        `interchange ${this.isa.header.controlNumber} has more than ${this.maxIds} functional groups (the limit, maxSetsPerGroup)`,
        seg,
      );
    }
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

  private openSet(seg: Segment): void {
    const header: SetHeader = {
      type: seg.elements[1]!,
      controlNumber: seg.elements[2]!,
      implementation: (seg.elements[3] ?? '').trim() || this.gs?.header.version || '',
      delimiters: this.delims!,
      st: seg,
      issues: [],
    };
    if (this.isa) header.interchange = this.isa.header;
    if (this.gs) header.group = this.gs.header;
    this.st = { seg, count: 0, header, sink: this.sinkFor(header) };
  }

  private closeSet(seg: Segment): void {
    const st = this.st!;
    const count = seg.elements[1] ?? '';
    const actual = st.count + 2;
    const issues = st.header.issues;
    if (Number(count) !== actual || !/^\d+$/.test(count)) {
      this.issue(
        this.err(`SE01 says ${JSON.stringify(count)} segments, the transaction set has ${actual}`, seg, 1),
        issues,
      );
    }
    const ctl = st.header.controlNumber;
    if ((seg.elements[2] ?? '') !== ctl) {
      this.issue(
        this.err(`SE02 ${JSON.stringify(seg.elements[2] ?? '')} does not match ST02 ${ctl}`, seg, 2),
        issues,
      );
    }
    if (this.gs) this.gs.sets++;
    this.st = undefined;
    this.out.push(st.sink.finish(st.header));
  }
}

/**
 * Makes V8 store a concatenation as one flat string (when a chunk cannot be read in place). A
 * fresh `a + b` is a rope; reading it a character at a time walks the rope on every call. A
 * native search flattens it once, in place.
 */
function flatten(s: string): string {
  s.indexOf('\u0000');
  return s;
}

/** MEDCODER_X12_MAX_SEGMENTS when set to a positive integer, else the built-in default. */
function defaultMaxSegmentsPerSet(): number {
  const v = process.env.MEDCODER_X12_MAX_SEGMENTS;
  if (v === undefined || v === '') return DEFAULT_MAX_SEGMENTS_PER_SET;
  const n = Number(v);
  if (!Number.isSafeInteger(n) || n < 1)
    throw new X12Error(`MEDCODER_X12_MAX_SEGMENTS ${JSON.stringify(v)} is not a positive whole number`);
  return n;
}

/**
 * Segment ids by their characters (A-Z then A-Z/0-9/none, twice): a direct table, no hashing.
 * Each id is one string object, internalized (as a property key is), so the readers'
 * `switch (seg.id)` compares pointers rather than characters; and it has a small number
 * (SegmentView.idNumber, in the order ids are first seen) that LoopTracker indexes by.
 */
const IDS: Array<string | undefined> = new Array(27 * 37 * 37).fill(undefined);
const ID_NUMBERS = new Int32Array(27 * 37 * 37);
let idsSeen = 0;

/** By character code below 128: 1-26 for A-Z, 27-36 for 0-9, -1 for anything else. */
const ID_CHARS = Int8Array.from({ length: 128 }, (_, c) =>
  c >= 65 && c <= 90 ? c - 64 : c >= 48 && c <= 57 ? c - 21 : -1,
);
function idChar(c: number): number {
  return c < 128 ? ID_CHARS[c]! : -1;
}

/** The table key of the id codes[from, to) when it is a segment id (a letter then one or two letters/digits), else -1. */
function segmentKeyAt(codes: Codes, from: number, to: number): number {
  const n = to - from;
  if (n < 2 || n > 3) return -1;
  const a = idChar(codes[from]!);
  const b = idChar(codes[from + 1]!);
  const c = n === 3 ? idChar(codes[from + 2]!) : 0;
  if (a < 1 || a > 26 || b < 1 || c < 0) return -1;
  return (a * 37 + b) * 37 + c;
}

/** 1 for the keys of ISA, IEA, GS, GE, ST and SE (one load per segment, not six comparisons). */
const ENVELOPE_KEYS = new Uint8Array(27 * 37 * 37);
for (const id of ['ISA', 'IEA', 'GS', 'GE', 'ST', 'SE'])
  ENVELOPE_KEYS[segmentKeyAt(codesOf(id), 0, id.length)] = 1;
const IEA_KEY = segmentKeyAt(codesOf('IEA'), 0, 3);

function internId(key: number, text: string): string {
  const id = Object.keys({ [text]: 0 })[0]!;
  IDS[key] = id;
  ID_NUMBERS[key] = idsSeen++;
  return id;
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
 * Reads transaction sets from bytes or text chunks, one at a time, each turned into what
 * `sinkFor`'s sink makes of it: memory stays bounded by the largest transaction set (or, for a
 * streaming sink, by what it keeps), not the file.
 */
export async function* readSets<T>(
  source: AsyncIterable<Buffer | string> | Iterable<Buffer | string>,
  options: ReadOptions,
  sinkFor: SinkFor<T>,
): AsyncGenerator<T> {
  const parser = new X12Parser<T>(options, sinkFor);
  let decoder: StringDecoder | undefined;
  let utf8 = false;
  // Whether the decoder may hold the start of a character split at the last chunk's end.
  let pending = false;
  for await (const chunk of source) {
    if (typeof chunk === 'string') {
      yield* parser.push(chunk);
      continue;
    }
    if (!decoder) {
      decoder = decoderFor(chunk);
      utf8 = (decoder as { encoding?: string }).encoding === 'utf8';
    }
    if (utf8 && !pending && isAscii(chunk)) {
      // ASCII (nearly every chunk of an X12 file) decodes to one character per byte: the bytes
      // are the text's character codes, read in place by the scan (see Codes), and a latin1
      // decode is a copy. Skipped after a chunk with other bytes, whose last character may
      // continue here (that goes through the decoder).
      // A plain Uint8Array over the bytes: a Buffer is one too, but with another map, and
      // code compiled for one deoptimized at the first array of the other (codesOf's).
      const bytes = new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.length);
      yield* parser.push(chunk.toString('latin1'), bytes);
      continue;
    }
    pending = utf8 && !isAscii(chunk);
    yield* parser.push(decoder.write(chunk));
  }
  if (decoder) {
    const tail = decoder.end();
    if (tail) yield* parser.push(tail);
  }
  yield* parser.end();
}

/** Reads the transaction sets (segments collected) from bytes or text chunks, one at a time. */
export function readTransactionSets(
  source: AsyncIterable<Buffer | string> | Iterable<Buffer | string>,
  options: ReadOptions = {},
): AsyncGenerator<TransactionSet> {
  return readSets(source, options, collect);
}

/**
 * Bytes handed on (decoded and scanned) at a time; READ_BYTES are read at once. The text decoded from 64 KiB is a young-generation
 * string: at 128 KiB and more V8 puts each string in large-object space, and decoding 40 MB
 * then cost ~0.2 s of CPU against ~0.02 s. Handing on more at once did not pay either: 1 MiB
 * chunks (the data out of the CPU cache by the time it is decoded) measured ~8% more main-thread CPU
 * on the 835 benchmark (BENCHMARKS.md, X12).
 */
const CHUNK_BYTES = 1 << 16;

/**
 * Bytes read from the file at a time, handed on CHUNK_BYTES at a time: one read call (a
 * promise and a round trip to libuv's thread pool) per 256 KiB instead of per 64 KiB, while
 * what is decoded and scanned at once stays small enough to be in the CPU cache.
 */
const READ_BYTES = 4 * CHUNK_BYTES;

/**
 * A file's chunks, read into two reused buffers in turn, the next read in flight while the
 * caller decodes and parses the current one (a read stream reads ahead too, but allocates a
 * fresh Buffer per chunk). Waiting for each read only once the previous chunk was parsed left
 * the main thread idle at every read: on the loaded 2-core machine up to a third of the wall
 * time (BENCHMARKS.md, X12). A chunk is only valid until the next one is asked for: decode or
 * copy it first (readSets does).
 */
export async function* fileChunks(path: string): AsyncGenerator<Buffer> {
  const file = await open(path, 'r');
  let pending: Promise<{ bytesRead: number }> | undefined;
  try {
    const buffers = [Buffer.allocUnsafe(READ_BYTES), Buffer.allocUnsafe(READ_BYTES)];
    let turn = 0;
    pending = file.read(buffers[0]!, 0, READ_BYTES, null);
    for (;;) {
      const { bytesRead } = await pending;
      pending = undefined;
      if (bytesRead === 0) return;
      const current = buffers[turn]!;
      turn ^= 1;
      // The other buffer's chunks were all consumed before this read's were asked for: reuse it.
      pending = file.read(buffers[turn]!, 0, READ_BYTES, null);
      for (let at = 0; at < bytesRead; at += CHUNK_BYTES)
        yield current.subarray(at, Math.min(at + CHUNK_BYTES, bytesRead));
    }
  } finally {
    // A read still in flight (the caller stopped early) must finish before the file is closed.
    if (pending) await pending.catch(() => undefined);
    await file.close();
  }
}

/** Streams the transaction sets of a file. */
export function readX12File(path: string, options: ReadOptions = {}): AsyncGenerator<TransactionSet> {
  return readTransactionSets(fileChunks(path), { file: path, ...options });
}

/** Parses a whole in-memory interchange (small inputs, tests). */
export function parseX12(input: string | Buffer, options: ReadOptions = {}): TransactionSet[] {
  const parser = new X12Parser(options);
  const text = typeof input === 'string' ? input : decoderFor(input).end(input);
  return [...parser.push(text), ...parser.end()];
}

function stError(set: SetHeader, reason: string, element?: number): X12Error {
  return new X12Error(reason, {
    segment: set.st.index,
    segmentId: 'ST',
    ...(element !== undefined ? { element } : {}),
    offset: set.st.offset,
  });
}

/**
 * Throws unless the set is one of the given transaction types in X12 version 5010 (the typed
 * readers call this first). The readers follow the 005010 implementation guides; a 4010 file
 * (ST03 absent, GS08 004010X091A1 ...) differs in loops, qualifiers and code lists and would
 * be misread without a word, so it is refused with the version it declares.
 */
export function expectSetType(set: SetHeader, ...types: string[]): void {
  if (!types.includes(set.type)) {
    throw stError(set, `transaction set ${set.controlNumber} is a ${set.type}, not a ${types.join('/')}`, 1);
  }
  const st03 = (set.st.elements[3] ?? '').trim();
  const gs08 = set.group?.version ?? '';
  const declared: Array<[string, string, number | undefined]> = [
    ['ST03', st03, 3],
    ['GS08', gs08, undefined],
  ];
  // ISA12 (00501) only speaks when neither ST03 nor GS08 says anything.
  if (!st03 && !gs08) declared.push(['ISA12', set.interchange?.version ?? '', undefined]);
  for (const [where, version, element] of declared) {
    if (version === '' || version.startsWith(where === 'ISA12' ? '00501' : '005010')) continue;
    throw stError(
      set,
      `${where} version ${JSON.stringify(version)} is not X12 005010: transaction set ${set.controlNumber} (${set.type}) cannot be read, only 5010 is supported`,
      element,
    );
  }
}
