import { LINE_CONTROL_URL, PCN_SYSTEM } from '../claims/fhir-claim.js';
import { checkBalances } from './balance.js';
import type { Adjustment, RemitClaim, RemitServiceLine, Remittance } from './model.js';

/** A FHIR resource that cannot be read as a remittance; `path` is where in the JSON. */
export class FhirImportError extends Error {
  override name = 'FhirImportError';
  constructor(
    readonly path: string,
    readonly reason: string,
  ) {
    super(`${path}: ${reason}`);
  }
}

type Json = Record<string, unknown>;

const obj = (v: unknown): Json | undefined =>
  v && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : undefined;
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const str = (v: unknown): string | undefined => (typeof v === 'string' && v ? v : undefined);
const firstCode = (concept: unknown): string | undefined =>
  str(obj(arr(obj(concept)?.coding)[0])?.code) ?? str(obj(concept)?.text);

/** FHIR Money → integer cents; rejects what is not a finite USD amount. */
function cents(money: unknown, path: string): number | undefined {
  const m = obj(money);
  if (!m || m.value === undefined) return undefined;
  if (typeof m.value !== 'number' || !Number.isFinite(m.value))
    throw new FhirImportError(`${path}.value`, `amount ${JSON.stringify(m.value)} is not a number`);
  if (m.currency !== undefined && m.currency !== 'USD')
    throw new FhirImportError(`${path}.currency`, `currency ${JSON.stringify(m.currency)} is not USD`);
  return Math.round(m.value * 100);
}

/**
 * The adjudication categories (http://terminology.hl7.org/CodeSystem/adjudication and CARIN
 * C4BBAdjudication) that are adjustments, as the CAS group and CARC an 835 would carry.
 */
const AS_ADJUSTMENT: Record<string, { group: string; reason: string }> = {
  deductible: { group: 'PR', reason: '1' },
  coinsurance: { group: 'PR', reason: '2' },
  copay: { group: 'PR', reason: '3' },
  noncovered: { group: 'CO', reason: '96' },
};

function adjudications(list: unknown, path: string): Map<string, { cents: number; reason?: string }> {
  const out = new Map<string, { cents: number; reason?: string }>();
  arr(list).forEach((a, i) => {
    const category = firstCode(obj(a)?.category);
    const amount = cents(obj(a)?.amount, `${path}[${i}].amount`);
    if (!category || amount === undefined) return;
    const reason = firstCode(obj(a)?.reason);
    const prev = out.get(category);
    out.set(category, { cents: (prev?.cents ?? 0) + amount, ...(reason ? { reason } : {}) });
  });
  return out;
}

function serviceLine(item: Json, i: number): RemitServiceLine {
  const path = `item[${i}]`;
  const code = firstCode(item.productOrService);
  if (!code) throw new FhirImportError(`${path}.productOrService`, 'has no code');
  const adj = adjudications(item.adjudication, `${path}.adjudication`);
  const charge = adj.get('submitted')?.cents ?? cents(item.net, `${path}.net`);
  if (charge === undefined)
    throw new FhirImportError(path, 'has neither a "submitted" adjudication nor a net amount');
  const paid = adj.get('benefit')?.cents ?? 0;
  const adjustments: Adjustment[] = [];
  for (const [category, { group, reason }] of Object.entries(AS_ADJUSTMENT)) {
    const a = adj.get(category);
    if (a && a.cents !== 0) adjustments.push({ group, reason: a.reason ?? reason, amountCents: a.cents });
  }
  // What the payer does not allow is the contractual write-off (CO 45). With an eligible amount
  // it is charge − eligible and anything else unexplained stays an imbalance to report; without
  // one it is whatever the listed adjustments and the benefit leave of the charge.
  const eligible = adj.get('eligible')?.cents;
  const listed = adjustments.reduce((s, a) => s + a.amountCents, 0);
  const contractual = eligible !== undefined ? charge - eligible : charge - paid - listed;
  if (contractual !== 0) adjustments.unshift({ group: 'CO', reason: '45', amountCents: contractual });
  const modifiers = arr(item.modifier).flatMap((m) => firstCode(m) ?? []);
  const units = obj(item.quantity)?.value;
  const line: RemitServiceLine = {
    segment: typeof item.sequence === 'number' ? item.sequence : i + 1,
    procedure: { qualifier: 'HC', code, modifiers },
    chargeCents: charge,
    paidCents: paid,
    units: typeof units === 'number' ? units : 1,
    adjustments,
    remarks: [],
  };
  const period = obj(item.servicedPeriod);
  const date = str(item.servicedDate) ?? str(period?.start);
  if (date) line.serviceDate = date.slice(0, 10);
  if (str(period?.end)) line.serviceDateTo = str(period?.end)!.slice(0, 10);
  if (eligible !== undefined) line.allowedCents = eligible;
  const lcn = arr(item.extension)
    .map(obj)
    .find((e) => e?.url === LINE_CONTROL_URL);
  if (str(lcn?.valueString)) line.lineControlNumber = str(lcn?.valueString)!;
  return line;
}

/** Our patient control number: the Claim identifier we exported, or the Claim id in the reference. */
function patientControlNumber(eob: Json): string {
  const claim = obj(eob.claim);
  const ident = obj(claim?.identifier);
  if (str(ident?.value) && (!ident?.system || ident.system === PCN_SYSTEM)) return str(ident!.value)!;
  const ref = /^(?:.*\/)?Claim\/([^/]+)$/.exec(str(claim?.reference) ?? '');
  if (ref) return ref[1]!;
  throw new FhirImportError(
    'claim',
    'names no claim (identifier or Claim/… reference): nothing to post it to',
  );
}

/**
 * Reads a FHIR R4 ExplanationOfBenefit as a one-claim Remittance, so it posts through the same
 * path as an 835 (planPosting → postRemittances): items become service lines, adjudications
 * become CAS-style adjustments (deductible/coinsurance/copay → PR 1/2/3, noncovered → CO 96,
 * not allowed → CO 45), and the 835 balancing equations are checked on the result.
 */
export function eobToRemittance(resource: unknown): Remittance {
  const eob = obj(resource);
  if (eob?.resourceType !== 'ExplanationOfBenefit')
    throw new FhirImportError(
      'resourceType',
      `expected an ExplanationOfBenefit, got ${JSON.stringify(obj(resource)?.resourceType ?? typeof resource)}`,
    );
  const items = arr(eob.item);
  if (items.length === 0) throw new FhirImportError('item', 'has no items');
  const lines = items.map((it, i) => {
    const item = obj(it);
    if (!item) throw new FhirImportError(`item[${i}]`, 'is not an object');
    return serviceLine(item, i);
  });
  const totals = adjudications(eob.total, 'total');
  const sum = (f: (l: RemitServiceLine) => number) => lines.reduce((s, l) => s + f(l), 0);
  const chargeCents = totals.get('submitted')?.cents ?? sum((l) => l.chargeCents);
  const paidCents = totals.get('benefit')?.cents ?? sum((l) => l.paidCents);
  const patientCents = sum((l) =>
    l.adjustments.filter((a) => a.group === 'PR').reduce((s, a) => s + a.amountCents, 0),
  );
  const payerClaimNumber = str(obj(arr(eob.identifier)[0])?.value) ?? str(eob.id);
  if (!payerClaimNumber)
    throw new FhirImportError('identifier', 'the payer claim number (identifier or id) is missing');
  const pcn = patientControlNumber(eob);
  const status = chargeCents < 0 ? '22' : paidCents === 0 && patientCents === 0 ? '4' : '1';
  const claim: RemitClaim = {
    segment: 0,
    patientControlNumber: pcn,
    status,
    chargeCents,
    paidCents,
    patientResponsibilityCents: patientCents,
    filingIndicator: '',
    payerClaimNumber,
    reversal: status === '22',
    adjustments: [],
    remarks: [],
    amounts: {},
    lines,
  };
  const period = obj(eob.billablePeriod);
  if (str(period?.start)) claim.statementFrom = str(period?.start)!.slice(0, 10);
  if (str(period?.end)) claim.statementTo = str(period?.end)!.slice(0, 10);
  const payment = obj(eob.payment);
  const totalCents = cents(payment?.amount, 'payment.amount') ?? paidCents;
  const insurer = obj(eob.insurer);
  const payerId = str(obj(insurer?.identifier)?.value);
  const remit: Remittance = {
    controlNumber: str(eob.id) ?? payerClaimNumber,
    implementation: 'FHIR R4 ExplanationOfBenefit',
    payment: { handling: '', totalCents, creditDebit: 'C', method: '' },
    trace: {
      type: '',
      number: str(obj(payment?.identifier)?.value) ?? str(eob.id) ?? payerClaimNumber,
      originator: payerId ?? '',
    },
    payer: {
      name: str(insurer?.display) ?? str(insurer?.reference) ?? '',
      ...(payerId ? { id: payerId } : {}),
    },
    payee: { name: str(obj(obj(eob.payee)?.party)?.display) ?? '' },
    claims: [claim],
    providerAdjustments: [],
    imbalances: checkBalances([claim], [], totalCents, 0).map((i) => ({
      ...i,
      message: i.message
        .replace('SVC03 paid', 'the item benefit')
        .replace('CLP04 paid', 'the total benefit')
        .replace('BPR02 total', 'the payment amount'),
    })),
    envelopeIssues: [],
    problems: [],
  };
  const date = str(payment?.date);
  if (date) remit.payment.date = date.slice(0, 10);
  return remit;
}
