import { centsAt, parseDate, parseQuantity } from '../x12/amounts.js';
import type { Delimiters } from '../x12/delimiters.js';
import { X12Error } from '../x12/errors.js';
import { buildLoops, type Loop, loopsOf, segmentOf } from '../x12/loops.js';
import {
  expectSetType,
  type ReadOptions,
  readTransactionSets,
  readX12File,
  type TransactionSet,
} from '../x12/reader.js';
import { el, required, type Segment, segError, splitOn } from '../x12/segment.js';
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

function procedure(seg: Segment, n: number, d: Delimiters): RemitProcedure | undefined {
  const v = el(seg, n);
  if (!v) return undefined;
  const parts = splitOn(v, d.component);
  const code = parts[1] ?? '';
  if (!code) throw segError(seg, `procedure ${JSON.stringify(v)} has no code`, n);
  // SVC01-7 is a description, not a modifier; modifiers are SVC01-3..6.
  const modifiers: string[] = [];
  for (let i = 2; i < 6 && i < parts.length; i++) if (parts[i]) modifiers.push(parts[i]!);
  return { qualifier: parts[0]!, code, modifiers };
}

function quantity(seg: Segment, n: number, what: string): number | undefined {
  const q = parseQuantity(el(seg, n));
  if (q !== undefined && Number.isNaN(q))
    throw segError(seg, `${what} ${JSON.stringify(el(seg, n))} is not a number`, n);
  return q;
}

// Element names for messages, built once: CAS03, CAS06 ... (not per amount read).
const CAS_AMOUNT = Array.from({ length: 19 }, (_, n) => `CAS${String(n).padStart(2, '0')} amount`);

/** CAS: a group code then up to six reason/amount/quantity triples. */
function casAdjustments(seg: Segment, out: Adjustment[]): void {
  const group = required(seg, 1, 'CAS01 claim adjustment group code');
  const els = seg.elements;
  const last = Math.min(17, els.length - 1);
  for (let n = 2; n <= last; n += 3) {
    const reason = els[n];
    if (!reason) continue;
    const adj: Adjustment = { group, reason, amountCents: centsAt(seg, n + 1, CAS_AMOUNT[n + 1]!) };
    const q = els[n + 2] ? quantity(seg, n + 2, 'CAS quantity') : undefined;
    if (q !== undefined) adj.quantity = q;
    out.push(adj);
  }
}

const byId = (loop: Loop, id: string) => loop.segments.filter((s) => s.id === id);

function serviceDate(dtm: Segment, target: { serviceDate?: string; serviceDateTo?: string }): void {
  const q = el(dtm, 1);
  const date = parseDate(dtm, 2);
  if (!date) return;
  if (q === '472' || q === '150' || q === '232') target.serviceDate = date;
  if (q === '151' || q === '233') target.serviceDateTo = date;
  if (q === '472' && !target.serviceDateTo) target.serviceDateTo = date;
}

function serviceLine(loop: Loop, d: Delimiters): RemitServiceLine {
  const svc = loop.segments[0]!;
  const line: RemitServiceLine = {
    segment: svc.index,
    procedure:
      procedure(svc, 1, d) ??
      (() => {
        throw segError(svc, 'SVC01 procedure is missing', 1);
      })(),
    chargeCents: centsAt(svc, 2, 'SVC02 charge'),
    paidCents: centsAt(svc, 3, 'SVC03 paid'),
    units: quantity(svc, 5, 'SVC05 units') ?? 1,
    adjustments: [],
    remarks: [],
  };
  if (el(svc, 4)) line.revenueCode = el(svc, 4);
  const original = procedure(svc, 6, d);
  if (original) line.original = original;
  const ou = quantity(svc, 7, 'SVC07 original units');
  if (ou !== undefined) line.originalUnits = ou;
  // One pass over the loop (this runs for every service line of a large remittance).
  const segs = loop.segments;
  for (let i = 1; i < segs.length; i++) {
    const seg = segs[i]!;
    switch (seg.id) {
      case 'CAS':
        casAdjustments(seg, line.adjustments);
        break;
      case 'DTM':
        serviceDate(seg, line);
        break;
      case 'REF':
        if (line.lineControlNumber === undefined && el(seg, 1) === '6R') line.lineControlNumber = el(seg, 2);
        break;
      case 'AMT':
        if (line.allowedCents === undefined && el(seg, 1) === 'B6')
          line.allowedCents = centsAt(seg, 2, 'AMT02 allowed amount');
        break;
      case 'LQ': {
        const q = el(seg, 1);
        if (q === 'HE' || q === 'RX') line.remarks.push(required(seg, 2, 'LQ02 remark code'));
        break;
      }
    }
  }
  return line;
}

function person(nm1: Segment | undefined) {
  return nm1 ? { lastName: el(nm1, 3), firstName: el(nm1, 4), memberId: el(nm1, 9) } : undefined;
}

// MOA03-07 and MIA05, MIA20-24 carry remark codes; the rest are amounts and percentages.
const MOA_REMARKS = [3, 4, 5, 6, 7];
const MIA_REMARKS = [5, 20, 21, 22, 23];

function claim(loop: Loop, d: Delimiters): RemitClaim {
  const clp = loop.segments[0]!;
  const status = required(clp, 2, 'CLP02 claim status code');
  const c: RemitClaim = {
    segment: clp.index,
    patientControlNumber: required(clp, 1, 'CLP01 patient control number'),
    status,
    chargeCents: centsAt(clp, 3, 'CLP03 charge'),
    paidCents: centsAt(clp, 4, 'CLP04 paid'),
    patientResponsibilityCents: centsAt(clp, 5, 'CLP05 patient responsibility', true),
    filingIndicator: el(clp, 6),
    payerClaimNumber: el(clp, 7),
    reversal: status === '22',
    adjustments: [],
    remarks: [],
    amounts: {},
    lines: [],
  };
  if (el(clp, 8)) c.facilityType = el(clp, 8);
  if (el(clp, 9)) c.frequency = el(clp, 9);
  // One pass over the claim's own segments; MIA remarks follow MOA remarks.
  const mia: string[] = [];
  const segs = loop.segments;
  for (let i = 1; i < segs.length; i++) {
    const seg = segs[i]!;
    switch (seg.id) {
      case 'CAS':
        casAdjustments(seg, c.adjustments);
        break;
      case 'NM1': {
        const q = el(seg, 1);
        if (q === 'QC' && !c.patient) c.patient = person(seg)!;
        else if (q === '74' && !c.correctedInsured) c.correctedInsured = person(seg)!;
        break;
      }
      case 'MOA':
        for (const n of MOA_REMARKS) if (el(seg, n)) c.remarks.push(el(seg, n));
        break;
      case 'MIA':
        for (const n of MIA_REMARKS) if (el(seg, n)) mia.push(el(seg, n));
        break;
      case 'DTM': {
        const date = parseDate(seg, 2);
        if (!date) break;
        const q = el(seg, 1);
        if (q === '232') c.statementFrom = date;
        else if (q === '233') c.statementTo = date;
        else if (q === '050') c.receivedDate = date;
        break;
      }
      case 'AMT': {
        const q = el(seg, 1);
        c.amounts[q] = centsAt(seg, 2, `AMT02 ${q} amount`);
        break;
      }
    }
  }
  c.remarks.push(...mia);
  for (const l of loop.loops) if (l.id === '2110') c.lines.push(serviceLine(l, d));
  return c;
}

function providerAdjustments(segs: Segment[], d: Delimiters): ProviderAdjustment[] {
  const out: ProviderAdjustment[] = [];
  for (const plb of segs) {
    const providerId = required(plb, 1, 'PLB01 provider identifier');
    const fiscalPeriodEnd = parseDate(plb, 2);
    for (let n = 3; n <= 13; n += 2) {
      const id = el(plb, n);
      if (!id) continue;
      const [reason = '', reference] = id.split(d.component);
      const adj: ProviderAdjustment = {
        segment: plb.index,
        providerId,
        reason,
        amountCents: centsAt(plb, n + 1, `PLB${String(n + 1).padStart(2, '0')} amount`),
      };
      if (reference) adj.reference = reference;
      if (fiscalPeriodEnd) adj.fiscalPeriodEnd = fiscalPeriodEnd;
      out.push(adj);
    }
  }
  return out;
}

/** Turns one 835 transaction set into a Remittance and checks its balancing equations. */
export function remittanceFromSet(set: TransactionSet): Remittance {
  expectSetType(set, '835');
  const d = set.delimiters;
  const root = buildLoops(SPEC_835, set.segments);
  const bpr = segmentOf(root, 'BPR');
  if (!bpr)
    throw new X12Error(`835 ${set.controlNumber} has no BPR segment`, {
      segment: set.st.index,
      segmentId: 'ST',
    });
  const trn = segmentOf(root, 'TRN');
  const payerLoop = loopsOf(root, '1000A')[0];
  const payeeLoop = loopsOf(root, '1000B')[0];
  const claimLoops = [
    ...loopsOf(root, '2100'),
    ...loopsOf(root, '2000').flatMap((lx) => loopsOf(lx, '2100')),
  ].sort((a, b) => a.segments[0]!.index - b.segments[0]!.index);
  // A claim or PLB that cannot be read is reported and left out rather than aborting the file:
  // the rest stays readable, and posting refuses a remittance with problems anyway.
  const problems: string[] = [];
  const attempt = <T>(f: () => T): T | undefined => {
    try {
      return f();
    } catch (e) {
      if (!(e instanceof X12Error)) throw e;
      problems.push(e.message);
      return undefined;
    }
  };
  const claims = claimLoops.flatMap((l) => attempt(() => claim(l, d)) ?? []);
  const plb = byId(root, 'PLB').flatMap((seg) => attempt(() => providerAdjustments([seg], d)) ?? []);
  const totalCents = centsAt(bpr, 2, 'BPR02 total payment');
  const payment: Remittance['payment'] = {
    handling: el(bpr, 1),
    totalCents,
    creditDebit: el(bpr, 3),
    method: el(bpr, 4),
  };
  const paidDate = parseDate(bpr, 16);
  if (paidDate) payment.date = paidDate;
  const payerN1 = payerLoop?.segments[0];
  const payer: Remittance['payer'] = { name: payerN1 ? el(payerN1, 2) : '' };
  const payerId = payerLoop
    ? (byId(payerLoop, 'REF').find((r) => el(r, 1) === '2U') ?? undefined)
    : undefined;
  if (payerN1 && el(payerN1, 4)) payer.id = el(payerN1, 4);
  else if (payerId) payer.id = el(payerId, 2);
  const payeeN1 = payeeLoop?.segments[0];
  const payee: Remittance['payee'] = { name: payeeN1 ? el(payeeN1, 2) : '' };
  if (payeeN1 && el(payeeN1, 3)) {
    payee.idQualifier = el(payeeN1, 3);
    payee.id = el(payeeN1, 4);
    if (payee.idQualifier === 'XX') payee.npi = payee.id;
    if (payee.idQualifier === 'FI') payee.taxId = payee.id;
  }
  const taxRef = payeeLoop ? byId(payeeLoop, 'REF').find((r) => el(r, 1) === 'TJ') : undefined;
  if (taxRef) payee.taxId = el(taxRef, 2);
  const remit: Remittance = {
    controlNumber: set.controlNumber,
    implementation: set.implementation,
    payment,
    trace: { type: trn ? el(trn, 1) : '', number: trn ? el(trn, 2) : '', originator: trn ? el(trn, 3) : '' },
    payer,
    payee,
    claims,
    providerAdjustments: plb,
    imbalances: checkBalances(claims, plb, totalCents, bpr.index),
    envelopeIssues: set.issues.map((e) => e.message),
    problems,
  };
  if (set.interchange) remit.interchangeControlNumber = set.interchange.controlNumber;
  const production = byId(root, 'DTM').find((s) => el(s, 1) === '405');
  if (production) {
    const date = parseDate(production, 2);
    if (date) remit.productionDate = date;
  }
  return remit;
}

/** Streams the remittances of an 835 file (other transaction types in it are an error). */
export async function* read835(
  source: string | AsyncIterable<Buffer | string> | Iterable<Buffer | string>,
  options: ReadOptions = {},
): AsyncGenerator<Remittance> {
  const sets =
    typeof source === 'string' ? readX12File(source, options) : readTransactionSets(source, options);
  for await (const set of sets) {
    try {
      yield remittanceFromSet(set);
    } catch (e) {
      if (e instanceof X12Error && options.file && !e.location.file)
        throw new X12Error(e.reason, { ...e.location, file: options.file });
      throw e;
    }
  }
}
