import type { BillingProvider } from '../claims/model.js';
import type { Submission } from '../claims/write-837.js';

/**
 * The billing practice a workbench bills for: the billing provider on every claim, the 837
 * submitter/receiver, and payer ids by the payer names encounters carry. The demo practice is
 * synthetic (NPI 1234567893 is the standard check-digit example, not a real provider).
 */
export interface Practice {
  billingProvider: BillingProvider;
  submission: Pick<Submission, 'submitter' | 'receiver'>;
  /** Payer name → payer id (2010BB NM109); unknown names get an id derived from the name. */
  payerIds: Record<string, string>;
}

export const DEMO_PRACTICE: Practice = {
  billingProvider: {
    npi: '1234567893',
    organizationName: 'Medcoder Demo Clinic',
    taxId: '123456789',
    taxIdType: 'EI',
    address: { line1: '1 Main St', city: 'Springfield', state: 'IL', zip: '627011234' },
  },
  submission: {
    submitter: {
      name: 'Medcoder Demo Clinic',
      id: 'MEDCODERDEMO',
      contactName: 'Billing Office',
      phone: '5555550100',
    },
    receiver: { name: 'Demo Clearinghouse', id: 'DEMOCH' },
  },
  payerIds: { Medicare: 'MEDICARE', 'Acme Health': 'ACME01', 'Blue Plan': 'BLUE01' },
};

export function payerIdFor(practice: Practice, payer: string): string {
  const known = practice.payerIds[payer];
  if (known) return known;
  const derived = payer
    .toUpperCase()
    .replace(/[^A-Z0-9]/g, '')
    .slice(0, 20);
  return derived.length >= 2 ? derived : `PAYER${derived}`;
}
