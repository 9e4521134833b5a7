import type { ClaimKind } from './write-837.js';

/**
 * Where in an 837 a claim field is written, for error messages that name the loop and segment
 * (e.g. "2010AA N4" for billingProvider.address.zip). The provider loop letters differ between
 * the 837P (005010X222A1) and the 837I (005010X223A2).
 */
const COMMON: Array<[RegExp, string]> = [
  [/^lines\[\d+\]\.adjudications/, '2430 SVD'],
  [/^lines\[\d+\]\.(serviceDate|serviceDateTo)/, '2400 DTP*472'],
  [/^lines\[\d+\]\.lineControlNumber/, '2400 REF*6R'],
  [/^lines/, '2400'],
  [/^otherPayers\[\d+\]\.payer/, '2330B NM1'],
  [/^otherPayers\[\d+\]\.subscriber/, '2330A NM1'],
  [/^otherPayers\[\d+\]\.adjustments/, '2320 CAS'],
  [/^otherPayers/, '2320'],
  [/^billingProvider\.address/, '2010AA N3/N4'],
  [/^billingProvider\.(taxId|taxIdType)/, '2010AA REF'],
  [/^billingProvider\.taxonomy/, '2000A PRV'],
  [/^billingProvider/, '2010AA NM1'],
  [/^subscriber\.address/, '2010BA N3/N4'],
  [/^subscriber\.(birthDate|sex)/, '2010BA DMG'],
  [/^subscriber\.(responsibility|filingIndicator|groupNumber)/, '2000B SBR'],
  [/^subscriber/, '2010BA NM1'],
  [/^patient\.relationship/, '2000C PAT'],
  [/^patient\.address/, '2010CA N3/N4'],
  [/^patient\.(birthDate|sex)/, '2010CA DMG'],
  [/^patient/, '2010CA NM1'],
  [/^payer/, '2010BB NM1'],
  [/^diagnoses/, '2300 HI'],
  [/^payerClaimNumber/, '2300 REF*F8'],
  [/^priorAuthorization/, '2300 REF*G1'],
  [/^medicalRecordNumber/, '2300 REF*EA'],
  [/^(relatedCauses|autoAccidentState)/, '2300 CLM11'],
  [/^institutional\.procedures/, '2300 HI*BBR/BBQ'],
  [/^institutional\.(statementFrom|statementTo)/, '2300 DTP*434'],
  [/^institutional\.(admissionType|admissionSource|patientStatus)/, '2300 CL1'],
  [/^institutional/, '2300'],
];

const PROVIDERS: Record<ClaimKind, Array<[RegExp, string]>> = {
  professional: [
    [/^referringProvider/, '2310A NM1'],
    [/^renderingProvider/, '2310B NM1'],
  ],
  institutional: [
    [/^attendingProvider/, '2310A NM1'],
    [/^renderingProvider/, '2310D NM1'],
    [/^referringProvider/, '2310F NM1'],
  ],
};

export function issueLoop(path: string, kind: ClaimKind): string {
  for (const [re, loop] of [...PROVIDERS[kind], ...COMMON]) if (re.test(path)) return loop;
  return '2300 CLM';
}
