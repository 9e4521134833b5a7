import type { Claim, Provider, ServiceLine } from './model.js';

/**
 * FHIR R4 export of a claim as a `Claim` resource. The patient, coverage and billing provider
 * travel as contained resources so the resource stands alone. Our patient control number is
 * the identifier with system PCN_SYSTEM: an ExplanationOfBenefit that names it in `claim`
 * posts back to this claim (see remits/fhir-eob.ts). Amounts are decimals in USD.
 */

export const PCN_SYSTEM = 'urn:medcoder:patient-control-number';
export const SYSTEMS = {
  npi: 'http://hl7.org/fhir/sid/us-npi',
  icd10cm: 'http://hl7.org/fhir/sid/icd-10-cm',
  cpt: 'http://www.ama-assn.org/go/cpt',
  hcpcs: 'https://www.cms.gov/Medicare/Coding/HCPCSReleaseCodeSets',
  pos: 'https://www.cms.gov/Medicare/Coding/place-of-service-codes/Place_of_Service_Code_Set',
  revenue: 'https://www.nubc.org/CodeSystem/RevenueCodes',
  claimType: 'http://terminology.hl7.org/CodeSystem/claim-type',
  tin: 'urn:oid:2.16.840.1.113883.4.4',
} as const;

type Json = Record<string, unknown>;

const money = (cents: number) => ({ value: cents / 100, currency: 'USD' });
const coding = (system: string, code: string, display?: string) => ({
  coding: [{ system, code, ...(display ? { display } : {}) }],
});
/** ICD-10-CM as FHIR writes it: with the dot after the category. */
const dotted = (code: string) => (code.length > 3 ? `${code.slice(0, 3)}.${code.slice(3)}` : code);
const procedureSystem = (code: string) => (/^[A-Z]/.test(code) ? SYSTEMS.hcpcs : SYSTEMS.cpt);

function practitionerRef(p: Provider): Json {
  return {
    identifier: { system: SYSTEMS.npi, value: p.npi },
    display: p.organizationName ?? [p.firstName, p.lastName].filter(Boolean).join(' '),
  };
}

function item(claim: Claim, line: ServiceLine, i: number, renderingSeq: number | undefined): Json {
  const out: Json = {
    sequence: i + 1,
    ...(renderingSeq ? { careTeamSequence: [renderingSeq] } : {}),
    ...(line.diagnosisPointers.length ? { diagnosisSequence: line.diagnosisPointers } : {}),
    ...(line.revenueCode ? { revenue: coding(SYSTEMS.revenue, line.revenueCode) } : {}),
    productOrService: coding(procedureSystem(line.procedureCode), line.procedureCode),
    ...(line.modifiers.length
      ? { modifier: line.modifiers.map((m) => coding(/^\d/.test(m) ? SYSTEMS.cpt : SYSTEMS.hcpcs, m)) }
      : {}),
    ...(line.serviceDateTo && line.serviceDateTo !== line.serviceDate
      ? { servicedPeriod: { start: line.serviceDate, end: line.serviceDateTo } }
      : { servicedDate: line.serviceDate }),
    locationCodeableConcept: coding(SYSTEMS.pos, line.placeOfService ?? claim.placeOfService),
    quantity: { value: line.units },
    net: money(line.chargeCents),
  };
  if (line.lineControlNumber)
    out.extension = [{ url: LINE_CONTROL_URL, valueString: line.lineControlNumber }];
  return out;
}

const DIAGNOSIS_TYPE = 'http://terminology.hl7.org/CodeSystem/ex-diagnosistype';

/**
 * Claim.diagnosis: the claim's codes in order (sequence = the 837 pointer), the first typed
 * principal, each with its present-on-admission indicator (837I HI0x-9) as onAdmission; the 837I
 * admitting diagnosis (HI*ABJ) follows, typed admitting, so the pointers keep their numbers.
 */
function diagnoses(claim: Claim): Json[] {
  const poa = claim.institutional?.presentOnAdmission ?? {};
  const out: Json[] = claim.diagnoses.map((code, i) => ({
    sequence: i + 1,
    diagnosisCodeableConcept: coding(SYSTEMS.icd10cm, dotted(code)),
    ...(i === 0 ? { type: [coding(DIAGNOSIS_TYPE, 'principal')] } : {}),
    ...(poa[code]
      ? {
          onAdmission: coding(
            'http://terminology.hl7.org/CodeSystem/ex-diagnosis-on-admission',
            poa[code].toLowerCase(),
          ),
        }
      : {}),
  }));
  const admitting = claim.institutional?.admittingDiagnosis;
  if (admitting)
    out.push({
      sequence: out.length + 1,
      diagnosisCodeableConcept: coding(SYSTEMS.icd10cm, dotted(admitting)),
      type: [coding(DIAGNOSIS_TYPE, 'admitting')],
    });
  return out;
}

/** Extension carrying the REF*6R line item control number on Claim.item (echoed by our EOB import). */
export const LINE_CONTROL_URL = 'urn:medcoder:line-item-control-number';

/** The claim as a FHIR R4 Claim resource (plain JSON). `created` defaults to today. */
export function claimToFhir(
  claim: Claim,
  options: { created?: string; status?: 'active' | 'cancelled' } = {},
): Json {
  const s = claim.subscriber;
  const p = claim.patient ?? s;
  const dates = claim.lines.flatMap((l) => [l.serviceDate, l.serviceDateTo ?? l.serviceDate]).sort();
  const careTeam: Json[] = [];
  const team = (prov: Provider | undefined, role: string, system: string) => {
    if (!prov) return undefined;
    careTeam.push({
      sequence: careTeam.length + 1,
      provider: practitionerRef(prov),
      role: coding(system, role),
    });
    return careTeam.length;
  };
  const rendering = team(
    claim.renderingProvider,
    'primary',
    'http://terminology.hl7.org/CodeSystem/claimcareteamrole',
  );
  team(
    claim.attendingProvider,
    'attending',
    'http://hl7.org/fhir/us/carin-bb/CodeSystem/C4BBClaimCareTeamRole',
  );
  team(
    claim.referringProvider,
    'referring',
    'http://hl7.org/fhir/us/carin-bb/CodeSystem/C4BBClaimCareTeamRole',
  );
  const bp = claim.billingProvider;
  const inst = claim.institutional;
  // The stay an 837I reports in DTP*435 (date only: the claim does not say the hour's time zone).
  const admission = inst?.admissionDate
    ? {
        sequence: 1,
        category: coding('http://terminology.hl7.org/CodeSystem/claiminformationcategory', 'hospitalized'),
        timingPeriod: { start: inst.admissionDate, end: inst.statementTo },
      }
    : undefined;
  const resource: Json = {
    resourceType: 'Claim',
    id: claim.patientControlNumber,
    contained: [
      {
        resourceType: 'Patient',
        id: 'patient',
        name: [{ family: p.lastName, given: [p.firstName, p.middleName].filter(Boolean) }],
        ...(p.birthDate ? { birthDate: p.birthDate } : {}),
        ...(p.sex ? { gender: { M: 'male', F: 'female', U: 'unknown' }[p.sex] } : {}),
      },
      {
        resourceType: 'Organization',
        id: 'billing',
        identifier: [
          { system: SYSTEMS.npi, value: bp.npi },
          { system: SYSTEMS.tin, value: bp.taxId },
        ],
        name: bp.organizationName ?? [bp.firstName, bp.lastName].filter(Boolean).join(' '),
        address: [
          {
            line: [bp.address.line1, bp.address.line2].filter(Boolean),
            city: bp.address.city,
            state: bp.address.state,
            postalCode: bp.address.zip,
          },
        ],
      },
      {
        resourceType: 'Coverage',
        id: 'coverage',
        status: 'active',
        subscriberId: s.memberId,
        beneficiary: { reference: '#patient' },
        relationship: coding(
          'http://terminology.hl7.org/CodeSystem/subscriber-relationship',
          claim.patient ? ({ '01': 'spouse', '19': 'child' }[claim.patient.relationship] ?? 'other') : 'self',
        ),
        payor: [{ identifier: { value: claim.payer.id }, display: claim.payer.name }],
        ...(s.groupNumber
          ? {
              class: [
                {
                  type: coding('http://terminology.hl7.org/CodeSystem/coverage-class', 'group'),
                  value: s.groupNumber,
                },
              ],
            }
          : {}),
      },
    ],
    identifier: [{ system: PCN_SYSTEM, value: claim.patientControlNumber }],
    status: options.status ?? (claim.frequency === '8' ? 'cancelled' : 'active'),
    type: coding(SYSTEMS.claimType, claim.type),
    use: 'claim',
    patient: { reference: '#patient' },
    billablePeriod: { start: dates[0], end: dates[dates.length - 1] },
    created: options.created ?? new Date().toISOString().slice(0, 10),
    insurer: { identifier: { value: claim.payer.id }, display: claim.payer.name },
    provider: { reference: '#billing' },
    priority: coding('http://terminology.hl7.org/CodeSystem/processpriority', 'normal'),
    ...(claim.payerClaimNumber
      ? {
          related: [
            {
              relationship: coding(
                'http://terminology.hl7.org/CodeSystem/ex-relatedclaimrelationship',
                'prior',
              ),
              reference: { value: claim.payerClaimNumber },
            },
          ],
        }
      : {}),
    ...(careTeam.length ? { careTeam } : {}),
    ...(admission ? { supportingInfo: [admission] } : {}),
    diagnosis: diagnoses(claim),
    insurance: [
      {
        sequence: 1,
        focal: true,
        coverage: { reference: '#coverage' },
        ...(claim.priorAuthorization ? { preAuthRef: [claim.priorAuthorization] } : {}),
      },
    ],
    item: claim.lines.map((l, i) => item(claim, l, i, rendering)),
    total: money(claim.totalChargeCents),
  };
  return resource;
}
