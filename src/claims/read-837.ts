import { centsAt, parseDate, parseQuantity } from '../x12/amounts.js';
import { X12Error } from '../x12/errors.js';
import { buildLoops, type Loop, loopsOf, segmentOf } from '../x12/loops.js';
import { expectSetType, type TransactionSet } from '../x12/reader.js';
import { el, required, type Segment, segError } from '../x12/segment.js';
import { spec837For } from '../x12/specs.js';
import type { Address, ClaimInput, CobAdjustment, Provider } from './model.js';

/**
 * Reads an 837P/837I transaction set back into claims in our model (undefined fields left out).
 * Used for round-trip checks of what we write and to import claims from other systems; the
 * result is not validated — pass it through validateClaim for that.
 */
export interface Read837Result {
  claims: ClaimInput[];
  /** Claims that could not be read (left out), and HL hierarchy problems, each with its location. */
  problems: string[];
}

export function read837(set: TransactionSet, options: { strict?: boolean } = {}): Read837Result {
  expectSetType(set, '837');
  const spec = spec837For(set.implementation);
  const institutional = /X223|X096/.test(set.implementation);
  const problems: string[] = [];
  const missing = (loop: Loop, reason: string): Segment & Loop => {
    const e = segError(loop.segments[0]!, reason);
    if (options.strict) throw e;
    problems.push(e.message);
    const empty = { ...loop.segments[0]!, id: '', elements: [] };
    return { ...empty, segments: [empty], loops: [] };
  };
  const root = buildLoops(spec, set.segments, {
    ...(options.strict ? { strict: true } : {}),
    onIssue: (e) => problems.push(e.message),
  });
  // A claim that cannot be read is reported and skipped; the rest of the batch stays usable.
  const attempt = (f: () => ClaimInput) => {
    try {
      claims.push(f());
    } catch (e) {
      if (!(e instanceof X12Error) || options.strict) throw e;
      problems.push(e.message);
    }
  };
  const comp = set.delimiters.component;
  const claims: ClaimInput[] = [];
  for (const a of loopsOf(root, '2000A')) {
    const billing = billingProvider(
      loopsOf(a, '2010AA')[0] ?? missing(a, '2000A has no 2010AA billing provider'),
      a,
    );
    for (const b of loopsOf(a, '2000B')) {
      // Missing loops are reported and read as empty, so one bad subscriber does not hide the rest.
      const sbr = segmentOf(b, 'SBR') ?? missing(b, '2000B subscriber loop has no SBR segment');
      const subLoop = loopsOf(b, '2010BA')[0] ?? missing(b, '2000B has no 2010BA subscriber name');
      const payerLoop = loopsOf(b, '2010BB')[0] ?? missing(b, '2000B has no 2010BB payer name');
      const nm1 = subLoop.segments[0]!;
      const subscriber: NonNullable<ClaimInput['subscriber']> = {
        ...personName(nm1),
        memberId: el(nm1, 9),
        responsibility: el(sbr, 1) as 'P',
        filingIndicator: el(sbr, 9),
        ...demographics(subLoop),
      };
      if (el(sbr, 3)) subscriber.groupNumber = el(sbr, 3);
      const addr = address(subLoop);
      if (addr) subscriber.address = addr;
      const payerNm1 = payerLoop.segments[0]!;
      const payer = { name: el(payerNm1, 3), id: el(payerNm1, 9) };
      const base = { billingProvider: billing, subscriber, payer };
      for (const c of loopsOf(b, '2300')) attempt(() => claim(c, base, institutional, comp));
      for (const p of loopsOf(b, '2000C')) {
        const pat = segmentOf(p, 'PAT') ?? missing(p, '2000C patient loop has no PAT');
        const patLoop = loopsOf(p, '2010CA')[0] ?? missing(p, '2000C has no 2010CA patient name');
        const demo = demographics(patLoop);
        const patient = {
          ...personName(patLoop.segments[0]!),
          relationship: el(pat, 1),
          birthDate: demo.birthDate ?? '',
          sex: (demo.sex ?? 'U') as 'U',
          address: address(patLoop) ?? { line1: '', city: '', state: '', zip: '' },
        };
        for (const c of loopsOf(p, '2300'))
          attempt(() => claim(c, { ...base, patient }, institutional, comp));
      }
    }
  }
  return { claims, problems };
}

function personName(nm1: Segment) {
  const out: { lastName: string; firstName?: string; middleName?: string } = { lastName: el(nm1, 3) };
  if (el(nm1, 4)) out.firstName = el(nm1, 4);
  if (el(nm1, 5)) out.middleName = el(nm1, 5);
  return out;
}

function demographics(loop: Loop): { birthDate?: string; sex?: 'F' | 'M' | 'U' } {
  const dmg = segmentOf(loop, 'DMG');
  if (!dmg) return {};
  const out: { birthDate?: string; sex?: 'F' | 'M' | 'U' } = {};
  const d = parseDate(dmg, 2);
  if (d) out.birthDate = d;
  if (el(dmg, 3)) out.sex = el(dmg, 3) as 'F';
  return out;
}

function address(loop: Loop): Address | undefined {
  const n3 = segmentOf(loop, 'N3');
  const n4 = segmentOf(loop, 'N4');
  if (!n3 || !n4) return undefined;
  const a: Address = { line1: el(n3, 1), city: el(n4, 1), state: el(n4, 2), zip: el(n4, 3) };
  if (el(n3, 2)) a.line2 = el(n3, 2);
  return a;
}

function provider(loop: Loop, prvLoop: Loop = loop): Provider {
  const nm1 = loop.segments[0]!;
  const p: Provider = { npi: el(nm1, 9) };
  if (el(nm1, 2) === '2') p.organizationName = el(nm1, 3);
  else {
    p.lastName = el(nm1, 3);
    if (el(nm1, 4)) p.firstName = el(nm1, 4);
  }
  const prv = segmentOf(prvLoop, 'PRV');
  if (prv && el(prv, 3)) p.taxonomy = el(prv, 3);
  return p;
}

function billingProvider(loop: Loop, a: Loop): NonNullable<ClaimInput['billingProvider']> {
  const p = provider(loop, a);
  // Missing data is left empty here for validateClaim to report; 4010 put the tax id in NM109.
  const ref = loop.segments.find((s) => s.id === 'REF' && (el(s, 1) === 'EI' || el(s, 1) === 'SY'));
  const nm1 = loop.segments[0]!;
  const taxId = ref ? el(ref, 2) : el(nm1, 8) === '24' || el(nm1, 8) === '34' ? el(nm1, 9) : '';
  const taxIdType = (ref ? el(ref, 1) : el(nm1, 8) === '34' ? 'SY' : 'EI') as 'EI';
  const addr = address(loop) ?? { line1: '', city: '', state: '', zip: '' };
  return { ...p, taxId, taxIdType, address: addr };
}

/** D8 date, RD8 range, or DT date-time (CCYYMMDDHHMM); senders also put ranges under D8. */
function dates(seg: Segment): [string, string | undefined] {
  const v = required(seg, 3, 'DTP03 date');
  if (v.includes('-')) {
    const [from = '', to = ''] = v.split('-');
    return [parseDate(seg, 3, from.slice(0, 8))!, parseDate(seg, 3, to.slice(0, 8))];
  }
  return [parseDate(seg, 3, el(seg, 2) === 'DT' ? v.slice(0, 8) : v)!, undefined];
}

const PROVIDER_LOOPS = {
  professional: { referring: '2310A', rendering: '2310B', attending: undefined },
  institutional: { attending: '2310A', rendering: '2310D', referring: '2310F' },
} as const;

function claim(
  loop: Loop,
  base: Pick<ClaimInput, 'billingProvider' | 'subscriber' | 'payer' | 'patient'>,
  institutional: boolean,
  comp: string,
): ClaimInput {
  const clm = loop.segments[0]!;
  const [pos = '', , frequency = ''] = el(clm, 5).split(comp);
  const kind = institutional ? 'institutional' : 'professional';
  const c: ClaimInput = {
    type: kind,
    patientControlNumber: required(clm, 1, 'CLM01 patient control number'),
    frequency: frequency as '1',
    totalChargeCents: centsAt(clm, 2, 'CLM02 total charge'),
    placeOfService: pos,
    providerSignature: institutional ? true : el(clm, 6) === 'Y',
    assignment: el(clm, 7) as 'A',
    benefitsAssigned: el(clm, 8) === 'Y',
    releaseOfInformation: el(clm, 9) as 'Y',
    diagnoses: [],
    ...base,
    otherPayers: [],
    lines: [],
  };
  const refs = loop.segments.filter((s) => s.id === 'REF');
  const f8 = refs.find((r) => el(r, 1) === 'F8');
  if (f8) c.payerClaimNumber = el(f8, 2);
  const g1 = refs.find((r) => el(r, 1) === 'G1');
  if (g1) c.priorAuthorization = el(g1, 2);
  const ea = refs.find((r) => el(r, 1) === 'EA');
  if (ea) c.medicalRecordNumber = el(ea, 2);
  // CLM11 (837P): related causes in -1/-2, the auto accident's state in -4.
  const [cause1 = '', cause2 = '', , accidentState = ''] = el(clm, 11).split(comp);
  const causes = [cause1, cause2].filter(Boolean);
  if (!institutional && causes.length) c.relatedCauses = causes as Array<'AA'>;
  if (!institutional && accidentState) c.autoAccidentState = accidentState;
  if (institutional) {
    const cl1 = segmentOf(loop, 'CL1');
    const stmt = loop.segments.find((s) => s.id === 'DTP' && el(s, 1) === '434');
    if (cl1 && stmt) {
      const [from, to] = dates(stmt);
      const inst: NonNullable<ClaimInput['institutional']> = {
        admissionType: el(cl1, 1),
        patientStatus: el(cl1, 3),
        statementFrom: from,
        statementTo: to ?? from,
      };
      if (el(cl1, 2)) inst.admissionSource = el(cl1, 2);
      const adm = loop.segments.find((s) => s.id === 'DTP' && el(s, 1) === '435');
      if (adm) {
        inst.admissionDate = dates(adm)[0];
        // DT is CCYYMMDDHHMM: the admission hour rides on the date.
        const hour = el(adm, 2) === 'DT' ? el(adm, 3).slice(8, 12) : '';
        if (hour) inst.admissionHour = hour;
      }
      c.institutional = inst;
    }
  }
  for (const hi of loop.segments.filter((s) => s.id === 'HI')) {
    for (let n = 1; n < hi.elements.length; n++) {
      const parts = el(hi, n).split(comp);
      const [q = '', code = ''] = parts;
      if (q === 'ABK' || q === 'ABF' || q === 'BK' || q === 'BF') {
        c.diagnoses.push(code);
        // HI0x-9: present-on-admission indicator (837I).
        const poa = parts[8];
        if (poa && c.institutional) {
          c.institutional.presentOnAdmission ??= {};
          c.institutional.presentOnAdmission[code] = poa as 'Y';
        }
      } else if (q === 'ABJ' || q === 'BJ') {
        if (c.institutional) c.institutional.admittingDiagnosis = code;
      } else if ((q === 'BBR' || q === 'BBQ') && c.institutional) {
        // ICD-10-PCS procedure with its D8 date; the principal (BBR) is written first.
        const date = parseDate(hi, n, parts[3] ?? '');
        if (!date) throw segError(hi, `${q} procedure ${code} has no date`, n);
        c.institutional.procedures ??= [];
        c.institutional.procedures[q === 'BBR' ? 'unshift' : 'push']({ code, date });
      }
    }
  }
  const roles = PROVIDER_LOOPS[kind];
  for (const [role, id] of Object.entries(roles) as Array<[keyof typeof roles, string | undefined]>) {
    const l = id ? loopsOf(loop, id)[0] : undefined;
    if (l) c[`${role}Provider`] = provider(l);
  }
  for (const o of loopsOf(loop, '2320')) {
    const sbr = o.segments[0]!;
    const sub = loopsOf(o, '2330A')[0];
    const pay = loopsOf(o, '2330B')[0];
    if (!sub || !pay) throw segError(sbr, '2320 other subscriber needs 2330A and 2330B');
    const other: NonNullable<ClaimInput['otherPayers']>[number] = {
      payer: { name: el(pay.segments[0]!, 3), id: el(pay.segments[0]!, 9) },
      subscriber: { ...personName(sub.segments[0]!), memberId: el(sub.segments[0]!, 9) },
      responsibility: el(sbr, 1) as 'P',
      relationship: el(sbr, 2),
      filingIndicator: el(sbr, 9),
    };
    const amt = o.segments.find((s) => s.id === 'AMT' && el(s, 1) === 'D');
    if (amt) other.paidCents = centsAt(amt, 2, 'AMT02 payer paid amount');
    const adjustments = casAdjustments(o.segments);
    if (adjustments.length) other.adjustments = adjustments;
    const remitted = pay.segments.find((s) => s.id === 'DTP' && el(s, 1) === '573');
    if (remitted) other.adjudicationDate = dates(remitted)[0];
    c.otherPayers!.push(other);
  }
  for (const lx of loopsOf(loop, '2400')) c.lines.push(line(lx, comp, institutional));
  return c;
}

/** CAS segments → adjustments: CAS01 group, then up to 6 reason/amount/quantity triplets. */
function casAdjustments(segments: readonly Segment[]): CobAdjustment[] {
  const out: CobAdjustment[] = [];
  for (const cas of segments.filter((s) => s.id === 'CAS')) {
    const group = required(cas, 1, 'CAS01 group code') as CobAdjustment['group'];
    for (let n = 2; n <= 17; n += 3) {
      const reason = el(cas, n);
      if (!reason) continue;
      const adj: CobAdjustment = { group, reason, amountCents: centsAt(cas, n + 1, 'CAS adjustment amount') };
      const qty = el(cas, n + 2);
      if (qty) {
        const q = parseQuantity(qty);
        if (q === undefined || Number.isNaN(q))
          throw segError(cas, 'adjustment quantity is not a number', n + 2);
        adj.quantity = q;
      }
      out.push(adj);
    }
  }
  return out;
}

type LineOut = ClaimInput['lines'][number];

/** 2430 SVD (+ CAS, DTP*573): another payer's adjudication of the line; defaults left out. */
function adjudication(loop: Loop, out: LineOut, comp: string): NonNullable<LineOut['adjudications']>[number] {
  const svd = loop.segments[0]!;
  const dtp = loop.segments.find((s) => s.id === 'DTP' && el(s, 1) === '573');
  if (!dtp) throw segError(svd, '2430 line adjudication has no DTP*573 adjudication date');
  const adj: NonNullable<LineOut['adjudications']>[number] = {
    payerId: required(svd, 1, 'SVD01 other payer id'),
    paidCents: centsAt(svd, 2, 'SVD02 line paid amount'),
    adjudicationDate: dates(dtp)[0],
  };
  const [, code = '', ...mods] = el(svd, 3).split(comp);
  const modifiers = mods.filter(Boolean);
  if (code && code !== out.procedureCode) adj.procedureCode = code;
  if (code && modifiers.join() !== (out.modifiers ?? []).join()) adj.modifiers = modifiers;
  const units = parseQuantity(el(svd, 5));
  if (units === undefined || Number.isNaN(units)) throw segError(svd, 'SVD05 paid units are not a number', 5);
  if (units !== out.units) adj.paidUnits = units;
  const adjustments = casAdjustments(loop.segments);
  if (adjustments.length) adj.adjustments = adjustments;
  return adj;
}

function line(loop: Loop, comp: string, institutional: boolean): ClaimInput['lines'][number] {
  const sv = segmentOf(loop, institutional ? 'SV2' : 'SV1');
  if (!sv) throw segError(loop.segments[0]!, `service line has no ${institutional ? 'SV2' : 'SV1'}`);
  const procAt = institutional ? 2 : 1;
  const [, code = '', ...modifiers] = el(sv, procAt).split(comp);
  const units = parseQuantity(el(sv, institutional ? 5 : 4));
  if (units === undefined || Number.isNaN(units))
    throw segError(sv, 'service units are not a number', institutional ? 5 : 4);
  const dtp = loop.segments.find((s) => s.id === 'DTP' && el(s, 1) === '472');
  if (!dtp) throw segError(loop.segments[0]!, 'service line has no DTP*472 service date');
  const [from, to] = dates(dtp);
  const out: ClaimInput['lines'][number] = {
    procedureCode: code,
    modifiers: modifiers.filter(Boolean).slice(0, 4),
    chargeCents: centsAt(sv, institutional ? 3 : 2, 'line charge'),
    units,
    unitType: el(sv, institutional ? 4 : 3) as 'UN',
    diagnosisPointers: institutional ? [] : el(sv, 7).split(comp).filter(Boolean).map(Number),
    serviceDate: from,
  };
  if (to) out.serviceDateTo = to;
  if (!institutional && el(sv, 5)) out.placeOfService = el(sv, 5);
  if (institutional) out.revenueCode = el(sv, 1);
  const ref = loop.segments.find((s) => s.id === 'REF' && el(s, 1) === '6R');
  if (ref) out.lineControlNumber = el(ref, 2);
  const adjudications = loopsOf(loop, '2430').map((l) => adjudication(l, out, comp));
  if (adjudications.length) out.adjudications = adjudications;
  return out;
}
