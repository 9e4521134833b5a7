import { parseQuantity } from '../x12/amounts.js';
import type { Delimiters } from '../x12/delimiters.js';
import { X12Error } from '../x12/errors.js';
import { type LoopSpec, LoopTracker } from '../x12/loops.js';
import {
  expectSetType,
  fileChunks,
  type ReadOptions,
  readSets,
  type SetHeader,
  type SetSink,
  type TransactionSet,
} from '../x12/reader.js';
import { rawOf } from '../x12/segment.js';
import { SegmentView } from '../x12/segment-view.js';
import { SPEC_835 } from '../x12/specs.js';
import { checkBalances } from './balance.js';
import type {
  Adjustment,
  ProviderAdjustment,
  RemitClaim,
  RemitProcedure,
  RemitServiceLine,
  Remittance,
} from './model.js';

/*
 * The 835 is read as it streams: each segment is routed to its loop (LoopTracker on SPEC_835)
 * and read into the claim or line it belongs to at once, through a reused SegmentView, so only
 * the typed result is kept. An earlier version collected the set's segments first and built a
 * loop tree: a 1,200-claim set kept ~20,000 segment objects, element arrays and strings alive
 * until SE, every young-generation GC copied them, and throughput fell with the set's size
 * (GC over half the CPU above ~300 claims per set). See BENCHMARKS.md, X12.
 */

/**
 * Appends to a list the reader builds, allocating exactly: `[].push(x)` gives the array room
 * for 17 elements, and most lists here (a line's CAS, remarks, a claim's lines) hold one or
 * two. Those spare slots were ~40 MB of the ~360 MB a 40 MB 835 allocated, all of it alive
 * until the set ends (BENCHMARKS.md, X12). Returns the list to keep. `new Array(n)` rather than
 * a literal: a literal is an allocation site (see CasAdjustment).
 */
function append<T>(list: T[], item: T): T[] {
  switch (list.length) {
    case 0: {
      const one = new Array<T>(1);
      one[0] = item;
      return one;
    }
    case 1: {
      const two = new Array<T>(2);
      two[0] = list[0]!;
      two[1] = item;
      return two;
    }
    default:
      list.push(item);
      return list;
  }
}

/**
 * Procedures by the text of their composite (SVC01/SVC06, e.g. HC:99213:25): a remittance repeats
 * a few hundred procedure and modifier combinations over thousands of lines, so each is read
 * once and every line naming it shares that object and its modifier list (frozen, so that a
 * caller changing one line's procedure cannot change another's; nothing in medcoder does).
 * A direct table indexed by a hash of the characters, checked against the stored text and
 * component separator; a collision just replaces. Saved per line: the components' scan, the
 * procedure object and its modifier list (BENCHMARKS.md, X12).
 */
const PROC_SLOTS = 2048;
/** Composites longer than this (a description in SVC01-7) are read each time, not remembered. */
const PROC_MAX_TEXT = 40;
/** Each slot's composite: its length (0: empty slot), separator and character codes. */
const PROC_LENGTHS = new Int32Array(PROC_SLOTS);
const PROC_SEPARATORS = new Int32Array(PROC_SLOTS);
const PROC_CODES = new Uint16Array(PROC_SLOTS * PROC_MAX_TEXT);
const PROCS: Array<RemitProcedure | undefined> = new Array(PROC_SLOTS).fill(undefined);

/** A composite procedure (HC:99213:25:...): its components scanned in place, codes interned. */
function procedure(v: SegmentView, n: number, comp: number): RemitProcedure | undefined {
  if (!v.has(n)) return undefined;
  const start = v.from(n);
  const end = v.to(n);
  const len = end - start;
  // The view's character codes read here directly: once per line, not through a call per
  // character (each re-checked the view and its array).
  const codes = v.codes;
  let slot = -1;
  if (len <= PROC_MAX_TEXT) {
    // Both loops take four characters a turn, each read as in a plain loop: every loop turn
    // reloads the codes array after TurboFan's stack check (see SegmentView.bind).
    let h = len;
    let at = start;
    for (;;) {
      if (at >= end) break;
      h = (h * 31 + codes[at]!) | 0;
      at++;
      if (at >= end) break;
      h = (h * 31 + codes[at]!) | 0;
      at++;
      if (at >= end) break;
      h = (h * 31 + codes[at]!) | 0;
      at++;
      if (at >= end) break;
      h = (h * 31 + codes[at]!) | 0;
      at++;
    }
    slot = (Math.imul(h, 0x9e3779b1) >>> 21) & (PROC_SLOTS - 1);
    if (PROC_LENGTHS[slot] === len && PROC_SEPARATORS[slot] === comp) {
      const base = slot * PROC_MAX_TEXT;
      let i = 0;
      for (;;) {
        if (i >= len || PROC_CODES[base + i] !== codes[start + i]) break;
        i++;
        if (i >= len || PROC_CODES[base + i] !== codes[start + i]) break;
        i++;
        if (i >= len || PROC_CODES[base + i] !== codes[start + i]) break;
        i++;
        if (i >= len || PROC_CODES[base + i] !== codes[start + i]) break;
        i++;
      }
      if (i === len) return PROCS[slot];
    }
  }
  let qualifier = '';
  let code = '';
  let modifiers: string[] = [];
  let part = 0;
  let from = start;
  for (let at = from; at <= end; at++) {
    if (at < end && codes[at] !== comp) continue;
    if (part === 0) qualifier = v.textAt(from, at);
    else if (part === 1) code = v.textAt(from, at);
    // SVC01-7 is a description, not a modifier; modifiers are SVC01-3..6.
    else if (part < 6 && at > from) modifiers = append(modifiers, v.textAt(from, at));
    part++;
    from = at + 1;
  }
  if (!code) throw v.error(`procedure ${JSON.stringify(v.el(n))} has no code`, n);
  const proc: RemitProcedure = { qualifier, code, modifiers };
  if (slot >= 0) {
    Object.freeze(modifiers);
    Object.freeze(proc);
    const base = slot * PROC_MAX_TEXT;
    for (let i = 0; i < len; i++) PROC_CODES[base + i] = codes[start + i]!;
    PROC_LENGTHS[slot] = len;
    PROC_SEPARATORS[slot] = comp;
    PROCS[slot] = proc;
  }
  return proc;
}

function quantity(v: SegmentView, n: number, what: string): number | undefined {
  if (!v.has(n)) return undefined;
  const whole = v.digits(n);
  if (whole !== undefined) return whole;
  const q = parseQuantity(v.el(n));
  if (q === undefined || Number.isNaN(q))
    throw v.error(`${what} ${JSON.stringify(v.el(n))} is not a number`, n);
  return q;
}

/** Σ amountCents of a list of adjustments. */
function sumCents(list: readonly { amountCents: number }[]): number {
  let t = 0;
  for (let i = 0; i < list.length; i++) t += list[i]!.amountCents;
  return t;
}

/**
 * Σ amountCents of a set's PLB adjustments: apart from sumCents, whose compiled code expects
 * CAS adjustments (one object shape) and was thrown away at the first PLB of a file.
 */
function plbCents(list: readonly ProviderAdjustment[]): number {
  let t = 0;
  for (let i = 0; i < list.length; i++) t += list[i]!.amountCents;
  return t;
}

// Element names for messages, built once: CAS03, CAS06 ... (not per amount read).
const CAS_AMOUNT = Array.from({ length: 19 }, (_, n) => `CAS${String(n).padStart(2, '0')} amount`);

/**
 * One CAS adjustment: a constructor rather than a literal (same own properties in the same
 * order; `quantity` only when CAS05/08/... has one). Every object literal is an allocation
 * site that V8 watches for pretenuring: once the young generation reached its largest size it
 * threw away the optimized code of every function allocating from a site it was still
 * weighing (the claim and line readers, ~6 functions recompiled mid-file, BENCHMARKS.md, X12).
 */
class CasAdjustment implements Adjustment {
  declare group: string;
  declare reason: string;
  declare amountCents: number;
  declare quantity?: number;
  constructor(group: string, reason: string, amountCents: number, quantity: number | undefined) {
    this.group = group;
    this.reason = reason;
    this.amountCents = amountCents;
    if (quantity !== undefined) this.quantity = quantity;
  }
}

/** CAS: a group code then up to six reason/amount/quantity triples; returns `out` with them added. */
function casAdjustments(v: SegmentView, out: Adjustment[]): Adjustment[] {
  if (!v.has(1)) throw v.error('CAS01 claim adjustment group code is missing', 1);
  const group = v.code(1);
  const last = Math.min(17, v.size - 1);
  let list = out;
  for (let n = 2; n <= last; n += 3) {
    if (!v.has(n)) continue;
    const reason = v.code(n);
    const amountCents = v.cents(n + 1, CAS_AMOUNT[n + 1]!);
    const q = quantity(v, n + 2, 'CAS quantity');
    list = append(list, new CasAdjustment(group, reason, amountCents, q));
  }
  return list;
}

function required(v: SegmentView, n: number, what: string): string {
  if (!v.has(n)) throw v.error(`${what} is missing`, n);
  return v.el(n);
}

/** A required code (see SegmentView.code). */
function code(v: SegmentView, n: number, what: string): string {
  if (!v.has(n)) throw v.error(`${what} is missing`, n);
  return v.code(n);
}

/**
 * The lists of a claim or line still being read while they are empty: most get their first
 * item right away (a claim its lines, a line its CAS and remarks), and `append` then makes the
 * list, so a fresh `[]` each would only be garbage. Frozen and never exposed: `closeClaim`
 * gives every list still empty a fresh array of its own before the claim is kept.
 */
const NONE: never[] = Object.freeze([]) as unknown as never[];

/*
 * Lines and claims are built by constructors rather than object literals: the same own
 * properties in the same order (what callers, JSON and the tests see), but V8 sizes a
 * constructor's objects from the properties its first instances end up with (slack tracking),
 * so the dates, REF and AMT a line gets after its SVC go into the object itself. A literal has
 * room for its own properties only: each line and claim then allocated a separate property
 * store when its fifth property arrived, and grew it (BENCHMARKS.md, X12).
 */
// Every field is `declare`d and assigned in the constructor, in the order the literals had:
// class field initializers would run before the constructor's assignments and change it.
class ServiceLine implements RemitServiceLine {
  declare segment: number;
  declare procedure: RemitProcedure;
  declare chargeCents: number;
  declare paidCents: number;
  declare units: number;
  declare adjustments: Adjustment[];
  declare remarks: string[];
  declare revenueCode?: string;
  declare original?: RemitProcedure;
  declare originalUnits?: number;
  declare serviceDate?: string;
  declare serviceDateTo?: string;
  declare lineControlNumber?: string;
  declare allowedCents?: number;
  constructor(
    segment: number,
    procedure: RemitProcedure,
    chargeCents: number,
    paidCents: number,
    units: number,
  ) {
    this.segment = segment;
    this.procedure = procedure;
    this.chargeCents = chargeCents;
    this.paidCents = paidCents;
    this.units = units;
    this.adjustments = NONE;
    this.remarks = NONE;
  }
}

class Claim implements RemitClaim {
  declare segment: number;
  declare patientControlNumber: string;
  declare status: string;
  declare chargeCents: number;
  declare paidCents: number;
  declare patientResponsibilityCents: number;
  declare filingIndicator: string;
  declare payerClaimNumber: string;
  declare reversal: boolean;
  declare adjustments: Adjustment[];
  declare remarks: string[];
  declare amounts: Record<string, number>;
  declare lines: RemitServiceLine[];
  declare facilityType?: string;
  declare frequency?: string;
  declare patient?: RemitClaim['patient'];
  declare correctedInsured?: RemitClaim['correctedInsured'];
  declare statementFrom?: string;
  declare statementTo?: string;
  declare receivedDate?: string;
  constructor(
    segment: number,
    patientControlNumber: string,
    status: string,
    chargeCents: number,
    paidCents: number,
    patientResponsibilityCents: number,
    filingIndicator: string,
    payerClaimNumber: string,
  ) {
    this.segment = segment;
    this.patientControlNumber = patientControlNumber;
    this.status = status;
    this.chargeCents = chargeCents;
    this.paidCents = paidCents;
    this.patientResponsibilityCents = patientResponsibilityCents;
    this.filingIndicator = filingIndicator;
    this.payerClaimNumber = payerClaimNumber;
    this.reversal = status === '22';
    this.adjustments = NONE;
    this.remarks = NONE;
    this.amounts = {};
    this.lines = NONE;
  }
}

function serviceLine(v: SegmentView, comp: number): RemitServiceLine {
  const proc = procedure(v, 1, comp);
  if (!proc) throw v.error('SVC01 procedure is missing', 1);
  const line = new ServiceLine(
    v.index,
    proc,
    v.cents(2, 'SVC02 charge'),
    v.cents(3, 'SVC03 paid'),
    quantity(v, 5, 'SVC05 units') ?? 1,
  );
  if (v.has(4)) line.revenueCode = v.code(4);
  const original = procedure(v, 6, comp);
  if (original) line.original = original;
  const ou = quantity(v, 7, 'SVC07 original units');
  if (ou !== undefined) line.originalUnits = ou;
  return line;
}

/**
 * DTM01 as a number when it is three digits (every date qualifier is), else -1: one read of
 * the element instead of comparing it with each qualifier in turn.
 */
function dateQualifier(v: SegmentView): number {
  return v.to(1) - v.from(1) === 3 ? (v.digits(1) ?? -1) : -1;
}

/** NM1 patient or corrected insured (a constructor for the reason given at CasAdjustment). */
class Person {
  declare lastName: string;
  declare firstName: string;
  declare memberId: string;
  constructor(v: SegmentView) {
    this.lastName = v.el(3);
    this.firstName = v.el(4);
    this.memberId = v.el(9);
  }
}

// MOA03-07 and MIA05, MIA20-24 carry remark codes; the rest are amounts and percentages.
const MOA_REMARKS = [3, 4, 5, 6, 7];
const MIA_REMARKS = [5, 20, 21, 22, 23];

/**
 * The claim being read (none when `claim` is undefined), one per reader and reset for each
 * claim: MIA remarks are kept apart until the end (they follow MOA's).
 */
class OpenClaim {
  claim: RemitClaim | undefined = undefined;
  mia: string[] = NONE;
  line: RemitServiceLine | undefined = undefined;
}

function openClaim(v: SegmentView): RemitClaim {
  const status = code(v, 2, 'CLP02 claim status code');
  const claim = new Claim(
    v.index,
    required(v, 1, 'CLP01 patient control number'),
    status,
    v.cents(3, 'CLP03 charge'),
    v.cents(4, 'CLP04 paid'),
    v.cents(5, 'CLP05 patient responsibility', true),
    v.code(6),
    v.el(7),
  );
  if (v.has(8)) claim.facilityType = v.code(8);
  if (v.has(9)) claim.frequency = v.code(9);
  return claim;
}

function providerAdjustments(v: SegmentView, d: Delimiters, out: ProviderAdjustment[]): void {
  const providerId = required(v, 1, 'PLB01 provider identifier');
  const fiscalPeriodEnd = v.date(2);
  const read: ProviderAdjustment[] = [];
  for (let n = 3; n <= 13; n += 2) {
    if (!v.has(n)) continue;
    const [reason = '', reference] = v.el(n).split(d.component);
    const adj: ProviderAdjustment = {
      segment: v.index,
      providerId,
      reason,
      amountCents: v.cents(n + 1, `PLB${String(n + 1).padStart(2, '0')} amount`),
    };
    if (reference) adj.reference = reference;
    if (fiscalPeriodEnd) adj.fiscalPeriodEnd = fiscalPeriodEnd;
    read.push(adj);
  }
  out.push(...read); // all of the segment or nothing
}

/** The loop of SPEC_835 with this id (the readers route on these objects). */
function loopOf(id: string, spec: LoopSpec = SPEC_835): LoopSpec | undefined {
  if (spec.id === id) return spec;
  for (const child of spec.children ?? []) {
    const found = loopOf(id, child);
    if (found) return found;
  }
  return undefined;
}
const CLAIM_LOOP = loopOf('2100')!;
const LINE_LOOP = loopOf('2110')!;
const PAYER_LOOP = loopOf('1000A')!;
const PAYEE_LOOP = loopOf('1000B')!;

/**
 * Reads one 835 transaction set segment by segment (a SetSink). A claim or PLB that cannot be
 * read is reported in `problems` and left out rather than aborting the set: the rest stays
 * readable, and posting refuses a remittance with problems anyway. What cannot be skipped (a
 * bad BPR, which the balancing needs) throws.
 */
class RemittanceReader implements SetSink<Remittance> {
  private readonly loops = new LoopTracker(SPEC_835);
  private readonly d: Delimiters;
  /** The component separator's character code. */
  private readonly component: number;
  private bpr: { payment: Remittance['payment']; segment: number } | undefined;
  private trace: Remittance['trace'] = { type: '', number: '', originator: '' };
  private sawTrn = false;
  private productionDate: string | undefined;
  private readonly payer: Remittance['payer'] = { name: '' };
  private readonly payee: Remittance['payee'] = { name: '' };
  private payerLoops = 0;
  private payeeLoops = 0;
  private sawTaxRef = false;
  /** NONE until the first claim (see closeClaim). */
  private claims: RemitClaim[] = NONE;
  private readonly open = new OpenClaim();
  private readonly plb: ProviderAdjustment[] = [];
  private readonly claimProblems: string[] = [];
  private readonly plbProblems: string[] = [];
  /**
   * Whether every claim kept so far balances, its lines and itself (checked as each claim
   * closes), and Σ CLP04 of those claims: when all three equations hold `finish` knows there is
   * nothing to report without walking the set's claims again; otherwise checkBalances reports.
   */
  private balanced = true;
  private paidCents = 0;

  constructor(header: SetHeader) {
    expectSetType(header, '835');
    this.d = header.delimiters;
    this.component = header.delimiters.component.charCodeAt(0);
  }

  segment(v: SegmentView): void {
    const loops = this.loops;
    loops.place(v, v.idNumber);
    // The loop's spec compared by identity: a pointer compare each, where comparing its id
    // string loaded the string and its map (to see it is internalized) for every segment.
    const spec = loops.spec;
    if (spec === CLAIM_LOOP || spec === LINE_LOOP) this.claimOrLine(v, spec === LINE_LOOP, loops.opened);
    else if (spec === SPEC_835) this.headerSegment(v);
    else if (spec === PAYER_LOOP) {
      if (loops.opened) this.payerLoops++;
      if (this.payerLoops === 1) this.payerSegment(v, loops.opened);
    } else if (spec === PAYEE_LOOP) {
      if (loops.opened) this.payeeLoops++;
      if (this.payeeLoops === 1) this.payeeSegment(v, loops.opened);
    }
  }

  /**
   * A segment of a claim (2100) or of one of its lines (2110). A problem drops the claim and
   * the rest of its segments (an unreadable claim's lines go with it). One method for both
   * loops on purpose: a method over 460 bytes of bytecode is never inlined, so TurboFan
   * compiles this once instead of again inside every function calling it, and the line and
   * claim readers are not compiled on their own as well (BENCHMARKS.md, X12).
   */
  private claimOrLine(v: SegmentView, inLine: boolean, opened: boolean): void {
    const open = this.open;
    const claim = open.claim;
    if (!claim && !(opened && !inLine)) return;
    try {
      if (opened) {
        if (inLine) {
          const line = serviceLine(v, this.component);
          claim!.lines = append(claim!.lines, line);
          open.line = line;
        } else {
          this.closeClaim();
          open.claim = openClaim(v);
          open.mia = NONE;
          open.line = undefined;
        }
      } else if (inLine) {
        // A segment of the 2110 loop after its SVC.
        const line = open.line;
        if (!line) return;
        switch (v.id) {
          case 'CAS':
            line.adjustments = casAdjustments(v, line.adjustments);
            break;
          case 'DTM': {
            const date = v.date(2);
            if (!date) break;
            switch (dateQualifier(v)) {
              case 472:
                line.serviceDate = date;
                if (!line.serviceDateTo) line.serviceDateTo = date;
                break;
              case 150:
              case 232:
                line.serviceDate = date;
                break;
              case 151:
              case 233:
                line.serviceDateTo = date;
                break;
            }
            break;
          }
          case 'REF':
            if (line.lineControlNumber === undefined && v.is(1, '6R')) line.lineControlNumber = v.el(2);
            break;
          case 'AMT':
            if (line.allowedCents === undefined && v.is(1, 'B6'))
              line.allowedCents = v.cents(2, 'AMT02 allowed amount');
            break;
          case 'LQ':
            if (v.is(1, 'HE') || v.is(1, 'RX'))
              line.remarks = append(line.remarks, code(v, 2, 'LQ02 remark code'));
            break;
        }
      } else {
        // A segment of the 2100 loop after its CLP.
        const c = claim!;
        switch (v.id) {
          case 'CAS':
            c.adjustments = casAdjustments(v, c.adjustments);
            break;
          case 'NM1':
            if (v.is(1, 'QC') && !c.patient) c.patient = new Person(v);
            else if (v.is(1, '74') && !c.correctedInsured) c.correctedInsured = new Person(v);
            break;
          case 'MOA':
            for (const n of MOA_REMARKS) if (v.has(n)) c.remarks = append(c.remarks, v.code(n));
            break;
          case 'MIA':
            for (const n of MIA_REMARKS) if (v.has(n)) open.mia = append(open.mia, v.code(n));
            break;
          case 'DTM': {
            const date = v.date(2);
            if (!date) break;
            switch (dateQualifier(v)) {
              case 232:
                c.statementFrom = date;
                break;
              case 233:
                c.statementTo = date;
                break;
              case 50: // 050
                c.receivedDate = date;
                break;
            }
            break;
          }
          case 'AMT': {
            const q = v.code(1);
            c.amounts[q] = v.cents(2, `AMT02 ${q} amount`);
            break;
          }
        }
      }
    } catch (e) {
      open.claim = undefined;
      this.claimProblem(e);
    }
  }

  private claimProblem(e: unknown): void {
    if (!(e instanceof X12Error)) throw e;
    this.claimProblems.push(e.message);
  }

  private closeClaim(): void {
    const open = this.open;
    const claim = open.claim;
    if (!claim) return;
    const mia = open.mia;
    for (let i = 0; i < mia.length; i++) claim.remarks = append(claim.remarks, mia[i]!);
    if (claim.adjustments === NONE) claim.adjustments = [];
    if (claim.remarks === NONE) claim.remarks = [];
    const lines = claim.lines;
    if (lines === NONE) claim.lines = [];
    // The line and claim balancing equations, worked out while the claim is still in the CPU
    // cache (see `balanced`); the same sums as checkBalances.
    let lineAdjustments = 0;
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i]!;
      if (line.adjustments === NONE) line.adjustments = [];
      if (line.remarks === NONE) line.remarks = [];
      const adjusted = sumCents(line.adjustments);
      lineAdjustments += adjusted;
      if (line.chargeCents - adjusted !== line.paidCents) this.balanced = false;
    }
    if (claim.chargeCents - (sumCents(claim.adjustments) + lineAdjustments) !== claim.paidCents)
      this.balanced = false;
    this.paidCents += claim.paidCents;
    // Built by append rather than pushed onto a `[]` made with the reader: that array's
    // elements started as small integers, and closeClaim's compiled push was thrown away at
    // the first claim of the next set (--trace-deopt: "not a Smi").
    this.claims = append(this.claims, claim);
    open.claim = undefined;
  }

  private headerSegment(v: SegmentView): void {
    switch (v.id) {
      case 'BPR':
        if (this.bpr) return;
        this.bpr = {
          segment: v.index,
          payment: {
            handling: v.el(1),
            totalCents: v.cents(2, 'BPR02 total payment'),
            creditDebit: v.el(3),
            method: v.el(4),
          },
        };
        if (v.has(16)) this.bpr.payment.date = v.date(16)!;
        return;
      case 'TRN':
        if (this.sawTrn) return;
        this.sawTrn = true;
        this.trace = { type: v.el(1), number: v.el(2), originator: v.el(3) };
        return;
      case 'DTM':
        if (this.productionDate === undefined && v.is(1, '405')) this.productionDate = v.date(2) ?? '';
        return;
      case 'PLB':
        try {
          providerAdjustments(v, this.d, this.plb);
        } catch (e) {
          if (!(e instanceof X12Error)) throw e;
          this.plbProblems.push(e.message);
        }
        return;
    }
  }

  private payerSegment(v: SegmentView, opened: boolean): void {
    if (opened) {
      this.payer.name = v.el(2);
      if (v.has(4)) this.payer.id = v.el(4);
    } else if (v.id === 'REF' && v.is(1, '2U') && this.payer.id === undefined) {
      this.payer.id = v.el(2);
    }
  }

  private payeeSegment(v: SegmentView, opened: boolean): void {
    const payee = this.payee;
    if (opened) {
      payee.name = v.el(2);
      if (v.has(3)) {
        payee.idQualifier = v.el(3);
        payee.id = v.el(4);
        if (payee.idQualifier === 'XX') payee.npi = payee.id;
        if (payee.idQualifier === 'FI') payee.taxId = payee.id;
      }
    } else if (v.id === 'REF' && v.is(1, 'TJ') && !this.sawTaxRef) {
      this.sawTaxRef = true;
      payee.taxId = v.el(2);
    }
  }

  finish(header: SetHeader): Remittance {
    this.closeClaim();
    if (!this.bpr)
      throw new X12Error(`835 ${header.controlNumber} has no BPR segment`, {
        segment: header.st.index,
        segmentId: 'ST',
      });
    const { payment, segment } = this.bpr;
    const remit: Remittance = {
      controlNumber: header.controlNumber,
      implementation: header.implementation,
      payment,
      trace: this.trace,
      payer: this.payer,
      payee: this.payee,
      claims: this.claims === NONE ? [] : this.claims,
      providerAdjustments: this.plb,
      imbalances:
        this.balanced && this.paidCents - plbCents(this.plb) === payment.totalCents
          ? []
          : checkBalances(this.claims, this.plb, payment.totalCents, segment),
      envelopeIssues: header.issues.map((e) => e.message),
      problems: [...this.claimProblems, ...this.plbProblems],
    };
    if (header.interchange) remit.interchangeControlNumber = header.interchange.controlNumber;
    if (this.productionDate) remit.productionDate = this.productionDate;
    return remit;
  }
}

/** Turns one 835 transaction set (segments already collected) into a Remittance and checks its balancing. */
export function remittanceFromSet(set: TransactionSet): Remittance {
  const reader = new RemittanceReader(set);
  const sep = set.delimiters.element;
  const view = new SegmentView(sep);
  for (const seg of set.segments) {
    const raw = rawOf(seg, sep);
    reader.segment(view.reset(raw, 0, raw.length, seg.id, seg.index, seg.offset));
  }
  return reader.finish(set);
}

/**
 * Streams the remittances of an 835 file or of chunks of one (other transaction types in it
 * are an error). Each set is read as it streams (see RemittanceReader), so memory holds one
 * remittance's typed claims, never a set's segments.
 */
export async function* read835(
  source: string | AsyncIterable<Buffer | string> | Iterable<Buffer | string>,
  options: ReadOptions = {},
): AsyncGenerator<Remittance> {
  const opts = typeof source === 'string' ? { file: source, ...options } : options;
  const chunks = typeof source === 'string' ? fileChunks(source) : source;
  try {
    yield* readSets(chunks, opts, (header) => new RemittanceReader(header));
  } catch (e) {
    // Errors from the typed reading do not know the file; the envelope's already do.
    if (e instanceof X12Error && opts.file && !e.location.file)
      throw new X12Error(e.reason, { ...e.location, file: opts.file });
    throw e;
  }
}
