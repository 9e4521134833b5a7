import { formatCents, formatDate } from '../x12/amounts.js';
import type { ControlNumberSource } from '../x12/control-numbers.js';
import type { Delimiters } from '../x12/delimiters.js';
import { X12Error } from '../x12/errors.js';
import { type EnvelopeOptions, type SegmentWriter, type SetBody, writeInterchange } from '../x12/writer.js';
import type { Address, Claim, OtherPayer, Patient, Provider, Subscriber } from './model.js';

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

function subscriberName(w: SegmentWriter, s: Subscriber): void {
  w.segment('NM1', 'IL', '1', s.lastName, s.firstName, s.middleName, '', '', 'MI', s.memberId);
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

function otherPayer(w: SegmentWriter, o: OtherPayer): void {
  w.segment('SBR', o.responsibility, o.relationship, '', '', '', '', '', '', o.filingIndicator);
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
  );
  const inst = c.institutional;
  if (inst) {
    if (inst.admissionDate) w.segment('DTP', '435', 'D8', formatDate(inst.admissionDate));
    w.segment('DTP', '434', 'RD8', `${formatDate(inst.statementFrom)}-${formatDate(inst.statementTo)}`);
    w.segment('CL1', inst.admissionType, inst.admissionSource, inst.patientStatus);
  }
  if (c.payerClaimNumber) w.segment('REF', 'F8', c.payerClaimNumber);
  if (c.priorAuthorization) w.segment('REF', 'G1', c.priorAuthorization);
  const [principal, ...others] = c.diagnoses;
  if (pro) {
    w.segment('HI', [role.principal, principal], ...others.map((d) => [role.other, d]));
  } else {
    w.segment('HI', [role.principal, principal]);
    if (inst?.admittingDiagnosis) w.segment('HI', ['ABJ', inst.admittingDiagnosis.replace('.', '')]);
    // 837I carries up to 12 other diagnoses per HI segment.
    for (let i = 0; i < others.length; i += 12)
      w.segment('HI', ...others.slice(i, i + 12).map((d) => [role.other, d]));
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
  });
}

const subscriberKey = (c: Claim) => JSON.stringify([c.subscriber, c.payer, c.patient ? 'dependent' : 'self']);

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
          subscriberName(w, s);
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
