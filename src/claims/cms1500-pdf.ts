import { CMS1500_LAYOUT, cms1500Pages } from './cms1500.js';
import type { Claim } from './model.js';
import { renderForm } from './paper-form-pdf.js';

/**
 * Renders professional claims as CMS-1500 (02/12) pages (one form or more per claim): the form
 * in drop-out red with its check boxes and dollars/cents rules, the data from cms1500Pages over it.
 */
export async function renderCms1500(claims: Claim | readonly Claim[]): Promise<Uint8Array> {
  const list: readonly Claim[] = Array.isArray(claims) ? claims : [claims as Claim];
  // Place every claim before drawing any, so a bad one fails before work is done.
  const pages = list.flatMap((c) => cms1500Pages(c));
  return renderForm(CMS1500_LAYOUT, `CMS-1500 ${list.map((c) => c.patientControlNumber).join(', ')}`, pages);
}
