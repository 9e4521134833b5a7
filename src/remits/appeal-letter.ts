import type { Address } from '../claims/model.js';
import { dollars } from './dollars.js';

/**
 * An appeal (request for reconsideration) of a denied claim, composed from what the 835 said:
 * the payer's claim control number, the billed, paid and disputed amounts, and each denial's
 * group, CARC and RARCs with their X12 texts, then the biller's argument. Pure: facts in,
 * letter out, so the same facts always make the same letter (text or PDF, appeal-letter-pdf.ts).
 */
export interface AppealDenial {
  group: string;
  groupLabel: string;
  carc: string;
  /** The CARC's text from the X12 list; null when the list is not loaded or lacks the code. */
  carcText: string | null;
  amountCents: number;
  /** The service line denied; absent for a claim-level adjustment. */
  line?: { number: number | null; procedureCode: string | null; serviceDate: string | null };
  remarks: { code: string; text: string | null }[];
}

export interface AppealFacts {
  /** The letter's date, YYYY-MM-DD. */
  date: string;
  provider: { name: string; npi: string; taxId: string; address: Address };
  payer: { name: string; id: string };
  patient: { name: string; birthDate: string | null; memberId: string };
  claim: {
    patientControlNumber: string;
    payerClaimNumber: string;
    serviceFrom: string;
    serviceTo: string;
    chargeCents: number;
    paidCents: number;
    patientResponsibilityCents: number;
  };
  denials: AppealDenial[];
  /** The biller's case for payment (medical records enclosed, modifier applies, ...). */
  argument?: string;
  signer: string;
}

/** A letter as blocks: a heading line, a paragraph (wrapped), or a list of items; blank lines between. */
export type LetterBlock =
  | { kind: 'lines'; lines: string[] }
  | { kind: 'heading'; text: string }
  | { kind: 'paragraph'; text: string }
  | { kind: 'list'; items: string[] };

export interface AppealLetter {
  title: string;
  blocks: LetterBlock[];
}

const usDate = (iso: string) => `${iso.slice(5, 7)}/${iso.slice(8, 10)}/${iso.slice(0, 4)}`;

function addressLines(a: Address): string[] {
  const zip = a.zip.length === 9 ? `${a.zip.slice(0, 5)}-${a.zip.slice(5)}` : a.zip;
  return [a.line1, ...(a.line2 ? [a.line2] : []), `${a.city}, ${a.state} ${zip}`];
}

function denialItem(d: AppealDenial): string {
  let where = 'Claim level';
  if (d.line) {
    const what = [d.line.procedureCode, d.line.serviceDate && usDate(d.line.serviceDate)].filter(Boolean);
    where = `Line ${d.line.number ?? '(not matched)'}${what.length ? ` (${what.join(', ')})` : ''}`;
  }
  const reason = `${d.group}-${d.carc}${d.carcText ? `: ${d.carcText}` : ` (${d.groupLabel})`}`;
  const remarks = d.remarks.map((r) => `Remark ${r.code}${r.text ? `: ${r.text}` : ''}`);
  return [`${where}, ${dollars(d.amountCents)} — ${reason}`, ...remarks].join(' ');
}

export function appealLetter(f: AppealFacts): AppealLetter {
  const disputed = f.denials.reduce((a, d) => a + d.amountCents, 0);
  const dos =
    f.claim.serviceFrom === f.claim.serviceTo
      ? usDate(f.claim.serviceFrom)
      : `${usDate(f.claim.serviceFrom)} – ${usDate(f.claim.serviceTo)}`;
  const codes = [...new Set(f.denials.map((d) => `${d.group}-${d.carc}`))].join(', ');
  const argument = f.argument?.trim();
  return {
    title: `Appeal of claim ${f.claim.payerClaimNumber}`,
    blocks: [
      {
        kind: 'lines',
        lines: [
          f.provider.name,
          ...addressLines(f.provider.address),
          `NPI ${f.provider.npi} · TIN ${f.provider.taxId}`,
        ],
      },
      { kind: 'lines', lines: [usDate(f.date)] },
      {
        kind: 'lines',
        lines: [f.payer.name, 'Attn: Claims Appeals / Reconsideration', `Payer ID ${f.payer.id}`],
      },
      { kind: 'heading', text: `RE: Request for reconsideration of claim ${f.claim.payerClaimNumber}` },
      {
        kind: 'lines',
        lines: [
          `Patient: ${f.patient.name}${f.patient.birthDate ? ` (DOB ${usDate(f.patient.birthDate)})` : ''}`,
          `Member ID: ${f.patient.memberId}`,
          `Patient account number: ${f.claim.patientControlNumber}`,
          `Payer claim control number: ${f.claim.payerClaimNumber}`,
          `Date(s) of service: ${dos}`,
          `Billed: ${dollars(f.claim.chargeCents)} · Paid: ${dollars(f.claim.paidCents)} · Patient responsibility: ${dollars(f.claim.patientResponsibilityCents)} · Amount appealed: ${dollars(disputed)}`,
        ],
      },
      { kind: 'paragraph', text: 'To whom it may concern:' },
      {
        kind: 'paragraph',
        text: `We ask you to reconsider your decision on the claim above. Your remittance advice adjusted ${dollars(disputed)} of it for the following reason${f.denials.length === 1 ? '' : 's'} (${codes}):`,
      },
      { kind: 'list', items: f.denials.map(denialItem) },
      {
        kind: 'paragraph',
        text:
          argument ||
          'We believe the services were billed correctly and are covered under the member’s plan. Please review the enclosed documentation.',
      },
      {
        kind: 'paragraph',
        text: `Please reprocess the claim and pay the ${dollars(disputed)} in dispute, or tell us in writing what else you need. Refer to payer claim control number ${f.claim.payerClaimNumber} and our account number ${f.claim.patientControlNumber} in your reply.`,
      },
      { kind: 'lines', lines: ['Sincerely,', '', f.signer, `Billing Office, ${f.provider.name}`] },
    ],
  };
}

/** Wraps text to `width` characters at spaces (a word longer than the width gets its own line). */
export function wrap(text: string, width: number): string[] {
  const out: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && line.length + 1 + word.length > width) {
      out.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) out.push(line);
  return out;
}

/** The letter as plain text, 78 columns. */
export function appealLetterText(letter: AppealLetter): string {
  return `${letter.blocks.map(blockText).join('\n\n')}\n`;
}

function blockText(b: LetterBlock): string {
  switch (b.kind) {
    case 'lines':
      return b.lines.join('\n');
    case 'heading':
      return b.text;
    case 'paragraph':
      return wrap(b.text, 78).join('\n');
    case 'list':
      return b.items
        .map((i) =>
          wrap(i, 74)
            .map((l, n) => `${n === 0 ? '  - ' : '    '}${l}`)
            .join('\n'),
        )
        .join('\n');
  }
}
