import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Claim, ClaimInput, CobAdjustment } from '../../src/claims/model.js';
import { read837 } from '../../src/claims/read-837.js';
import { validateClaim } from '../../src/claims/validate.js';
import { write837 } from '../../src/claims/write-837.js';
import { MemoryControlNumbers } from '../../src/x12/control-numbers.js';
import { parseX12 } from '../../src/x12/reader.js';
import { npi, submission } from './fixtures.js';

const upper = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const word = (max: number) => fc.string({ unit: fc.constantFrom(...upper), minLength: 1, maxLength: max });
const name = (max: number) =>
  fc.array(word(8), { minLength: 1, maxLength: 3 }).map((w) => w.join(' ').slice(0, max).trim());
const digits = (n: number) =>
  fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: n, maxLength: n });
const alnum = (min: number, max: number) =>
  fc.string({ unit: fc.constantFrom(...`${upper}0123456789`), minLength: min, maxLength: max });
const date = fc
  .date({ min: new Date('2000-01-01'), max: new Date('2030-12-31'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));
const npiArb = digits(9).map(npi);
const address = fc.record(
  {
    line1: name(55),
    line2: name(55),
    city: name(30).filter((c) => c.length >= 2),
    state: fc.constantFrom('IL', 'NY', 'CA', 'TX'),
    zip: fc.oneof(digits(5), digits(9)),
  },
  { requiredKeys: ['line1', 'city', 'state', 'zip'] },
);
/** 2010AA N403 takes only a 9-digit ZIP. */
const billingAddress = address.map((a) => ({ ...a, zip: a.zip.padEnd(9, '0') }));
const person = fc.record(
  { lastName: name(60), firstName: name(35), middleName: name(25) },
  { requiredKeys: ['lastName'] },
);
const provider = fc.oneof(
  fc.record({ npi: npiArb, organizationName: name(60) }),
  fc.record({ npi: npiArb, lastName: name(60), firstName: name(35) }),
);
const diagnosis = fc
  .tuple(fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTVWXYZ'), digits(2), alnum(0, 4))
  .map(([a, b, c]) => a + b + c);
const procedure = fc.oneof(
  digits(5),
  fc.tuple(fc.constantFrom(...'ABCDEGJ'), digits(4)).map(([a, b]) => a + b),
);

/** Valid claims of either kind; totals are the sum of the lines so validation passes. */
const claimArb = fc
  .record({
    institutional: fc.boolean(),
    pcn: alnum(1, 20),
    frequency: fc.constantFrom('1', '7', '8'),
    diagnoses: fc.uniqueArray(diagnosis, { minLength: 1, maxLength: 12 }),
    billing: fc.tuple(provider, digits(9), billingAddress),
    tob: fc.constantFrom('11', '13', '32'),
    poa: fc.array(fc.constantFrom('Y', 'N', 'U', 'W', undefined), { minLength: 12, maxLength: 12 }),
    hour: fc.tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 })),
    cob: fc.option(
      fc.record({
        lineLevel: fc.boolean(),
        // Per line (or once for the claim): share of the charge paid, then how the rest is split.
        shares: fc.array(
          fc.record({
            paid: fc.double({ min: 0, max: 1, noNaN: true }),
            split: fc.array(
              fc.record({
                group: fc.constantFrom('CO', 'CR', 'OA', 'PI', 'PR'),
                reason: alnum(1, 3),
                quantity: fc.option(fc.integer({ min: 1, max: 99 }), { nil: undefined }),
              }),
              { minLength: 1, maxLength: 4 },
            ),
            paidUnits: fc.option(fc.integer({ min: 0, max: 999 }), { nil: undefined }),
          }),
          { minLength: 8, maxLength: 8 },
        ),
        date: date,
      }),
      { nil: undefined },
    ),
    rendering: fc.option(provider, { nil: undefined }),
    subscriber: fc.tuple(
      person,
      alnum(2, 20),
      fc.option(date, { nil: undefined }),
      fc.constantFrom('F', 'M', 'U'),
    ),
    patient: fc.option(
      fc.tuple(person, date, fc.constantFrom('F', 'M'), address, fc.constantFrom('19', '01', 'G8')),
      { nil: undefined },
    ),
    payer: fc.record({ name: name(60), id: alnum(2, 10) }),
    lines: fc.array(
      fc.record({
        code: procedure,
        modifiers: fc.array(alnum(2, 2), { maxLength: 4 }),
        charge: fc.integer({ min: 0, max: 10_000_000 }),
        units: fc.integer({ min: 1, max: 999 }),
        pointers: fc.uniqueArray(fc.integer({ min: 1, max: 12 }), { minLength: 1, maxLength: 4 }),
        days: fc.integer({ min: 0, max: 3 }),
        revenue: digits(4),
      }),
      { minLength: 1, maxLength: 8 },
    ),
    from: date,
  })
  .map((g): ClaimInput => {
    const kind = g.institutional ? 'institutional' : 'professional';
    const patient =
      g.patient && g.patient[1] <= g.from
        ? {
            ...g.patient[0],
            birthDate: g.patient[1],
            sex: g.patient[2] as 'F',
            address: g.patient[3],
            relationship: g.patient[4],
          }
        : undefined;
    // 2010BA DMG is required when the patient is the subscriber.
    const subscriberDob =
      g.subscriber[2] && g.subscriber[2] <= g.from ? g.subscriber[2] : patient ? undefined : g.from;
    const statementTo = new Date(Date.parse(g.from) + 3 * 86_400_000).toISOString().slice(0, 10);
    const claim: ClaimInput = {
      type: kind,
      patientControlNumber: g.pcn,
      frequency: g.frequency as '1',
      totalChargeCents: g.lines.reduce((a, l) => a + l.charge, 0),
      placeOfService: g.institutional ? '13' : '11',
      diagnoses: g.diagnoses,
      billingProvider: { ...g.billing[0], taxId: g.billing[1], address: g.billing[2] },
      subscriber: {
        ...g.subscriber[0],
        memberId: g.subscriber[1],
        ...(subscriberDob ? { birthDate: subscriberDob, sex: g.subscriber[3] as 'F' } : {}),
      },
      payer: g.payer,
      lines: g.lines.map((l, i) => ({
        procedureCode: l.code,
        modifiers: l.modifiers,
        chargeCents: l.charge,
        units: l.units,
        diagnosisPointers: g.institutional
          ? []
          : l.pointers
              .filter((p) => p <= g.diagnoses.length)
              .concat(l.pointers.some((p) => p <= g.diagnoses.length) ? [] : [1]),
        serviceDate: g.from,
        ...(l.days
          ? { serviceDateTo: new Date(Date.parse(g.from) + l.days * 86_400_000).toISOString().slice(0, 10) }
          : {}),
        lineControlNumber: `L${i + 1}`,
        ...(g.institutional ? { revenueCode: l.revenue } : {}),
      })),
    };
    if (g.frequency !== '1') claim.payerClaimNumber = `P${g.pcn}`;
    if (g.rendering) claim.renderingProvider = g.rendering;
    if (g.institutional) {
      claim.attendingProvider = g.rendering ?? { npi: npi('111111111'), lastName: 'ATTEND' };
      claim.placeOfService = g.tob;
      claim.institutional = { admissionType: '3', patientStatus: '01', statementFrom: g.from, statementTo };
      if (g.tob === '11') {
        // Inpatient: admission date and hour, admitting diagnosis, POA on some diagnoses.
        const hhmm = `${String(g.hour[0]).padStart(2, '0')}${String(g.hour[1]).padStart(2, '0')}`;
        const poa = Object.fromEntries(
          g.diagnoses.flatMap((d, i) => (g.poa[i] ? [[d, g.poa[i]]] : [])),
        ) as Record<string, 'Y'>;
        Object.assign(claim.institutional, {
          admissionDate: g.from,
          admissionHour: hhmm,
          admittingDiagnosis: g.diagnoses[0]!,
          ...(Object.keys(poa).length ? { presentOnAdmission: poa } : {}),
        });
      } else if (g.tob === '32') claim.institutional.admissionDate = g.from;
    }
    if (patient) claim.patient = patient;
    if (g.cob) addCob(claim, g.cob);
    return claim;
  });

type Cob = NonNullable<{ [K in 'cob']: unknown }['cob']> & {
  lineLevel: boolean;
  shares: Array<{
    paid: number;
    split: Array<{ group: string; reason: string; quantity: number | undefined }>;
    paidUnits: number | undefined;
  }>;
  date: string;
};

/** Splits `cents` over the adjustments in whole cents, every one of them taking part. */
function adjustmentsFor(cents: number, split: Cob['shares'][number]['split']): CobAdjustment[] {
  const each = Math.floor(cents / split.length);
  return split.map((a, i) => ({
    group: a.group as 'CO',
    reason: a.reason,
    amountCents: i === 0 ? cents - each * (split.length - 1) : each,
    ...(a.quantity ? { quantity: a.quantity } : {}),
  }));
}

/** Another payer (primary) that adjudicated the claim, balanced at claim or line level. */
function addCob(claim: ClaimInput, cob: Cob): void {
  const payerId = 'OTHER1';
  const other: NonNullable<ClaimInput['otherPayers']>[number] = {
    payer: { name: 'OTHER PLAN', id: payerId },
    subscriber: { lastName: 'ROE', memberId: 'X12345' },
    responsibility: 'P',
  };
  claim.subscriber = { ...claim.subscriber, responsibility: 'S' };
  if (cob.lineLevel) {
    let paid = 0;
    claim.lines.forEach((line, i) => {
      const share = cob.shares[i]!;
      const linePaid = Math.floor(line.chargeCents * share.paid);
      paid += linePaid;
      line.adjudications = [
        {
          payerId,
          paidCents: linePaid,
          adjudicationDate: cob.date,
          ...(linePaid < line.chargeCents
            ? { adjustments: adjustmentsFor(line.chargeCents - linePaid, share.split) }
            : {}),
          ...(share.paidUnits !== undefined && share.paidUnits !== line.units
            ? { paidUnits: share.paidUnits }
            : {}),
        },
      ];
    });
    other.paidCents = paid;
  } else {
    const share = cob.shares[0]!;
    other.paidCents = Math.floor(claim.totalChargeCents * share.paid);
    const rest = claim.totalChargeCents - other.paidCents;
    if (rest) other.adjustments = adjustmentsFor(rest, share.split);
    other.adjudicationDate = cob.date;
  }
  claim.otherPayers = [other];
}

/** One CAS segment per group code: adjustments come back grouped, in order of each group's first use. */
function grouped(adjustments: CobAdjustment[] | undefined): CobAdjustment[] | undefined {
  if (!adjustments) return adjustments;
  const groups = [...new Set(adjustments.map((a) => a.group))];
  return groups.flatMap((g) => adjustments.filter((a) => a.group === g));
}

/**
 * What an 837 carries of a claim: 2010BA address and demographics only when the patient is the
 * subscriber; other-payer adjustments grouped by CAS segment.
 */
function as837Carries(claim: Claim): Claim {
  const out: Claim = {
    ...claim,
    otherPayers: claim.otherPayers.map((o) =>
      o.adjustments ? { ...o, adjustments: grouped(o.adjustments) } : o,
    ),
    lines: claim.lines.map((l) =>
      l.adjudications
        ? {
            ...l,
            adjudications: l.adjudications.map((a) =>
              a.adjustments ? { ...a, adjustments: grouped(a.adjustments) } : a,
            ),
          }
        : l,
    ),
  };
  if (!claim.patient) return out;
  const { address: _a, birthDate: _b, sex: _s, ...subscriber } = claim.subscriber;
  return { ...out, subscriber };
}

const delimiterSets = fc.constantFrom(
  { element: '*', component: ':', repetition: '^', segment: '~' },
  { element: '|', component: '>', repetition: '^', segment: '~' },
  { element: '*', component: '^', segment: '\n' },
);

describe('837 writer → reader round trip (property)', () => {
  it('every valid claim batch parses back to equal claims', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(claimArb, { minLength: 1, maxLength: 4 }),
        delimiterSets,
        async (inputs, delimiters) => {
          const kind = inputs[0]!.type;
          const claims = await Promise.all(
            inputs
              .filter((c) => c.type === kind)
              .map((c, i) =>
                validateClaim({ ...c, patientControlNumber: `${c.patientControlNumber.slice(0, 17)}-${i}` }),
              ),
          );
          const { text } = await write837(claims, { ...submission, delimiters }, new MemoryControlNumbers());
          const sets = parseX12(text, { strict: true });
          expect(sets).toHaveLength(1);
          const { claims: back, problems } = read837(sets[0]!, { strict: true });
          expect(problems).toEqual([]);
          const revalidated = await Promise.all(back.map((c) => validateClaim(c)));
          // The writer groups claims by provider/subscriber/patient, so compare as sets keyed by CLM01.
          const key = (c: { patientControlNumber: string }) => c.patientControlNumber;
          expect(revalidated.sort((a, b) => key(a).localeCompare(key(b)))).toEqual(
            claims.map(as837Carries).sort((a, b) => key(a).localeCompare(key(b))),
          );
        },
      ),
      { numRuns: 150 },
    );
  });
});
