import { formatCents, formatDate } from '../x12/amounts.js';
import type { ControlNumberSource } from '../x12/control-numbers.js';
import type { Delimiters } from '../x12/delimiters.js';
import { X12Error } from '../x12/errors.js';
import { type EnvelopeOptions, type SegmentWriter, type SetBody, writeInterchange } from '../x12/writer.js';
import { issueLoop } from './issue-loop.js';
import type {
  Address,
  Claim,
  CobAdjustment,
  LineAdjudication,
  OtherPayer,
  Patient,
  Provider,
  ServiceLine,
  Subscriber,
} from './model.js';
import { isInpatientBill } from './type-of-bill.js';
import { ClaimValidationError, claimIssues } from './validate.js';

export type ClaimKind = 'professional' | 'institutional';

export const IMPLEMENTATION: Record<ClaimKind, string> = {
  professional: '005010X222A1',
  institutional: '005010X223A2',
};

/** Who sends the batch and to whom (1000A/1000B and the envelope). */
export interface Submission {
  submitter: { name: string; id: string; contactName: string; phone: string };
  receiver: { name: string; id: string };
  /** BHT03 originator reference: our batch id. */
  batchId: string;
  usage?: 'P' | 'T';
  timestamp?: Date;
  newlines?: boolean;
  /** Separators to write with (default * : ^ ~). */
  delimiters?: Delimiters;
}

/** 2310x/2420x NM1 qualifier per provider role, and the HI qualifiers, per claim kind. */
const ROLE = {
  professional: { referring: 'DN', rendering: '82', attending: undefined, principal: 'ABK', other: 'ABF' },
  institutional: { referring: 'DN', rendering: '82', attending: '71', principal: 'ABK', other: 'ABF' },
} as const;

function address(w: SegmentWriter, a: Address | undefined): void {
  if (!a) return;
  w.segment('N3', a.line1, a.line2);
  w.segment('N4', a.city, a.state, a.zip);
}

function providerName(w: SegmentWriter, entity: string, p: Provider): void {
  if (p.organizationName) w.segment('NM1', entity, '2', p.organizationName, '', '', '', '', 'XX', p.npi);
  else w.segment('NM1', entity, '1', p.lastName, p.firstName, '', '', '', 'XX', p.npi);
}

/**
 * 2010BA. N3/N4 and DMG are "required when the patient is the subscriber or considered to be the
 * subscriber; if not required by this implementation guide, do not send" (X222A1 and X223A2): when
 * a 2000C patient loop follows, the patient's address and demographics go in 2010CA instead.
 */
function subscriberName(w: SegmentWriter, s: Subscriber, patientIsSubscriber: boolean): void {
  w.segment('NM1', 'IL', '1', s.lastName, s.firstName, s.middleName, '', '', 'MI', s.memberId);
  if (!patientIsSubscriber) return;
  address(w, s.address);
  if (s.birthDate) w.segment('DMG', 'D8', formatDate(s.birthDate), s.sex);
}

function patientName(w: SegmentWriter, p: Patient): void {
  w.segment('NM1', 'QC', '1', p.lastName, p.firstName, p.middleName);
  address(w, p.address);
  w.segment('DMG', 'D8', formatDate(p.birthDate), p.sex);
}

function dateOrRange(from: string, to?: string): [string, string] {
  return to && to !== from ? ['RD8', `${formatDate(from)}-${formatDate(to)}`] : ['D8', formatDate(from)];
}

/** CAS segments: one per group code, each with up to 6 reason/amount/quantity triplets (validated). */
function adjustmentSegments(w: SegmentWriter, adjustments: readonly CobAdjustment[] | undefined): void {
  const byGroup = new Map<string, CobAdjustment[]>();
  for (const a of adjustments ?? []) byGroup.set(a.group, [...(byGroup.get(a.group) ?? []), a]);
  for (const [group, list] of byGroup)
    w.segment('CAS', group, ...list.flatMap((a) => [a.reason, formatCents(a.amountCents), a.quantity]));
}

/** 2320 other subscriber, 2330A other subscriber name, 2330B other payer. */
function otherPayer(w: SegmentWriter, o: OtherPayer): void {
  w.segment('SBR', o.responsibility, o.relationship, '', '', '', '', '', '', o.filingIndicator);
  adjustmentSegments(w, o.adjustments);
  if (o.paidCents !== undefined) w.segment('AMT', 'D', formatCents(o.paidCents));
  w.segment('OI', '', '', 'Y', '', '', 'Y');
  w.segment(
    'NM1',
    'IL',
    '1',
    o.subscriber.lastName,
    o.subscriber.firstName,
    o.subscriber.middleName,
    '',
    '',
    'MI',
    o.subscriber.memberId,
  );
  w.segment('NM1', 'PR', '2', o.payer.name, '', '', '', '', 'PI', o.payer.id);
  // Set only when no 2430 reports this payer's lines (cob-balance.ts; checked before writing).
  if (o.adjudicationDate) w.segment('DTP', '573', 'D8', formatDate(o.adjudicationDate));
}

/** 2430 line adjudication: SVD, CAS, DTP*573 for one other payer. */
function lineAdjudication(w: SegmentWriter, line: ServiceLine, a: LineAdjudication, pro: boolean): void {
  const proc = ['HC', a.procedureCode ?? line.procedureCode, ...(a.modifiers ?? line.modifiers)];
  // SVD04 (revenue code) is 837I only; SVD05 paid units default to the billed units.
  w.segment(
    'SVD',
    a.payerId,
    formatCents(a.paidCents),
    proc,
    pro ? '' : line.revenueCode,
    a.paidUnits ?? line.units,
  );
  adjustmentSegments(w, a.adjustments);
  w.segment('DTP', '573', 'D8', formatDate(a.adjudicationDate));
}

/** 2300 claim and its 2310/2320/2400 loops. */
function claimLoop(w: SegmentWriter, c: Claim): void {
  const kind = c.type;
  const role = ROLE[kind];
  const pro = kind === 'professional';
  const clm05 = [c.placeOfService, pro ? 'B' : 'A', c.frequency];
  const flag = (b: boolean) => (b ? 'Y' : 'N');
  w.segment(
    'CLM',
    c.patientControlNumber,
    formatCents(c.totalChargeCents),
    '',
    '',
    clm05,
    pro ? flag(c.providerSignature) : '',
    c.assignment,
    flag(c.benefitsAssigned),
    c.releaseOfInformation,
    '',
    // CLM11 (837P): related causes in -1/-2, -3 not used, the auto accident's state in -4.
    pro && c.relatedCauses
      ? [c.relatedCauses[0], c.relatedCauses[1] ?? '', '', c.autoAccidentState ?? '']
      : '',
  );
  const inst = c.institutional;
  if (inst) {
    if (inst.admissionDate)
      w.segment(
        'DTP',
        '435',
        ...(inst.admissionHour
          ? ['DT', `${formatDate(inst.admissionDate)}${inst.admissionHour}`]
          : ['D8', formatDate(inst.admissionDate)]),
      );
    w.segment('DTP', '434', 'RD8', `${formatDate(inst.statementFrom)}-${formatDate(inst.statementTo)}`);
    w.segment('CL1', inst.admissionType, inst.admissionSource, inst.patientStatus);
  }
  if (c.payerClaimNumber) w.segment('REF', 'F8', c.payerClaimNumber);
  if (c.priorAuthorization) w.segment('REF', 'G1', c.priorAuthorization);
  if (c.medicalRecordNumber) w.segment('REF', 'EA', c.medicalRecordNumber);
  const [principal, ...others] = c.diagnoses;
  if (pro) {
    w.segment('HI', [role.principal, principal], ...others.map((d) => [role.other, d]));
  } else {
    // HI0x-9 carries the present-on-admission indicator; blank for exempt codes and outpatient bills.
    const poa = (code: string) => inst?.presentOnAdmission?.[code];
    const dx = (q: string, code: string) => [q, code, '', '', '', '', '', '', poa(code)];
    w.segment('HI', dx(role.principal, principal!));
    if (inst?.admittingDiagnosis && isInpatientBill(c.placeOfService))
      w.segment('HI', ['ABJ', inst.admittingDiagnosis]);
    // 837I carries up to 12 other diagnoses per HI segment.
    for (let i = 0; i < others.length; i += 12)
      w.segment('HI', ...others.slice(i, i + 12).map((d) => dx(role.other, d)));
    // ICD-10-PCS procedures: the principal (BBR), then up to 12 others (BBQ) per HI segment.
    const [first, ...more] = inst?.procedures ?? [];
    const px = (q: string, p: { code: string; date: string }) => [q, p.code, 'D8', formatDate(p.date)];
    if (first) w.segment('HI', px('BBR', first));
    for (let i = 0; i < more.length; i += 12)
      w.segment('HI', ...more.slice(i, i + 12).map((p) => px('BBQ', p)));
  }
  if (c.attendingProvider && role.attending) {
    providerName(w, role.attending, c.attendingProvider);
    if (c.attendingProvider.taxonomy) w.segment('PRV', 'AT', 'PXC', c.attendingProvider.taxonomy);
  }
  // 837P orders referring (2310A) before rendering (2310B); 837I has rendering (2310D) before referring (2310F).
  const providers: Array<[string, Provider | undefined, string]> = pro
    ? [
        [role.referring, c.referringProvider, ''],
        [role.rendering, c.renderingProvider, 'PE'],
      ]
    : [
        [role.rendering, c.renderingProvider, ''],
        [role.referring, c.referringProvider, ''],
      ];
  for (const [entity, p, prv] of providers) {
    if (!p) continue;
    providerName(w, entity, p);
    if (prv && p.taxonomy) w.segment('PRV', prv, 'PXC', p.taxonomy);
  }
  for (const o of c.otherPayers) otherPayer(w, o);
  c.lines.forEach((line, i) => {
    w.segment('LX', i + 1);
    const proc = ['HC', line.procedureCode, ...line.modifiers];
    if (pro) {
      w.segment(
        'SV1',
        proc,
        formatCents(line.chargeCents),
        line.unitType,
        line.units,
        line.placeOfService,
        '',
        line.diagnosisPointers.length ? line.diagnosisPointers : undefined,
      );
    } else {
      w.segment('SV2', line.revenueCode, proc, formatCents(line.chargeCents), line.unitType, line.units);
    }
    w.segment('DTP', '472', ...dateOrRange(line.serviceDate, line.serviceDateTo));
    if (line.lineControlNumber) w.segment('REF', '6R', line.lineControlNumber);
    for (const a of line.adjudications ?? []) lineAdjudication(w, line, a, pro);
  });
}

const subscriberKey = (c: Claim) => JSON.stringify([c.subscriber, c.payer, c.patient ? 'dependent' : 'self']);

/**
 * Refuses claims that break our validation or the TR3 rules (claimIssues): a file a payer would
 * reject is never produced. The error names each problem's loop and segment and the claim field.
 */
function assertWritable(claims: readonly Claim[]): void {
  for (const c of claims) {
    const issues = claimIssues(c).map((i) => ({ ...i, loop: i.loop ?? issueLoop(i.path, c.type) }));
    if (issues.length)
      throw new ClaimValidationError(
        c.patientControlNumber,
        issues,
        `cannot be written as an ${c.type === 'professional' ? '837P (005010X222A1)' : '837I (005010X223A2)'}; nothing was written`,
      );
  }
}

/**
 * One 837 transaction set for claims of one kind: claims are grouped under their billing
 * provider (2000A), subscriber and payer (2000B), and patient (2000C, only when the patient is
 * not the subscriber). HL ids count up from 1 in the order written and each HL02 names its
 * parent; HL04 says whether children follow.
 */
export function transactionSet837(claims: readonly Claim[], submission: Submission): SetBody {
  if (claims.length === 0) throw new X12Error('an 837 needs at least one claim');
  const kind = claims[0]!.type;
  if (claims.some((c) => c.type !== kind))
    throw new X12Error('837P and 837I claims cannot share a transaction set');
  assertWritable(claims);
  return {
    type: '837',
    write(w) {
      const ts = (submission.timestamp ?? new Date()).toISOString();
      w.segment(
        'BHT',
        '0019',
        '00',
        submission.batchId,
        ts.slice(0, 10).replaceAll('-', ''),
        ts.slice(11, 16).replace(':', ''),
        'CH',
      );
      w.segment('NM1', '41', '2', submission.submitter.name, '', '', '', '', '46', submission.submitter.id);
      w.segment('PER', 'IC', submission.submitter.contactName, 'TE', submission.submitter.phone);
      w.segment('NM1', '40', '2', submission.receiver.name, '', '', '', '', '46', submission.receiver.id);
      let hl = 0;
      const byProvider = groupBy(claims, (c) => JSON.stringify(c.billingProvider));
      for (const group of byProvider) {
        const bp = group[0]!.billingProvider;
        const providerHl = ++hl;
        w.segment('HL', providerHl, '', '20', '1');
        if (bp.taxonomy) w.segment('PRV', 'BI', 'PXC', bp.taxonomy);
        providerName(w, '85', bp);
        address(w, bp.address);
        w.segment('REF', bp.taxIdType, bp.taxId);
        for (const sub of groupBy(group, subscriberKey)) {
          const first = sub[0]!;
          const subscriberHl = ++hl;
          w.segment('HL', subscriberHl, providerHl, '22', first.patient ? '1' : '0');
          const s = first.subscriber;
          w.segment(
            'SBR',
            s.responsibility,
            first.patient ? '' : '18',
            s.groupNumber,
            '',
            '',
            '',
            '',
            '',
            s.filingIndicator,
          );
          subscriberName(w, s, !first.patient);
          w.segment('NM1', 'PR', '2', first.payer.name, '', '', '', '', 'PI', first.payer.id);
          if (!first.patient) {
            for (const c of sub) claimLoop(w, c);
            continue;
          }
          for (const pat of groupBy(sub, (c) => JSON.stringify(c.patient))) {
            w.segment('HL', ++hl, subscriberHl, '23', '0');
            w.segment('PAT', pat[0]!.patient!.relationship);
            patientName(w, pat[0]!.patient!);
            for (const c of pat) claimLoop(w, c);
          }
        }
      }
    },
  };
}

function groupBy<T>(items: readonly T[], key: (t: T) => string): T[][] {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const g = groups.get(k);
    if (g) g.push(item);
    else groups.set(k, [item]);
  }
  return [...groups.values()];
}

/**
 * A complete 837 interchange (ISA..IEA) for validated claims of one kind, with control numbers
 * drawn from `numbers`. Returns the text and the numbers used so the caller can record the batch.
 */
export async function write837(
  claims: readonly Claim[],
  submission: Submission,
  numbers: ControlNumberSource,
): Promise<{ text: string; interchange: number; group: number; set: number }> {
  const set = transactionSet837(claims, submission);
  const kind = claims[0]!.type;
  const allocated = await numbers.allocate(submission.submitter.id, 1);
  const envelope: EnvelopeOptions = {
    senderId: submission.submitter.id,
    receiverId: submission.receiver.id,
    functionalId: 'HC',
    implementation: IMPLEMENTATION[kind],
    usage: submission.usage ?? 'P',
    ...(submission.timestamp ? { timestamp: submission.timestamp } : {}),
    ...(submission.newlines ? { newlines: true } : {}),
    ...(submission.delimiters ? { delimiters: submission.delimiters } : {}),
  };
  const text = writeInterchange(envelope, allocated, [set]);
  return { text, interchange: allocated.interchange, group: allocated.group, set: allocated.sets[0]! };
}
