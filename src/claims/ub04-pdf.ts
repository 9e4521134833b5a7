import type { Claim } from './model.js';
import { renderForm } from './paper-form-pdf.js';
import { UB04_LAYOUT, type Ub04Options, ub04Pages } from './ub04.js';

/**
 * Renders institutional claims as UB-04 (CMS-1450) pages (one form or more per claim): the form
 * locators in drop-out red, the data from ub04Pages over it.
 */
export async function renderUb04(
  claims: Claim | readonly Claim[],
  options: Ub04Options = {},
): Promise<Uint8Array> {
  const list: readonly Claim[] = Array.isArray(claims) ? claims : [claims as Claim];
  // Place every claim before drawing any, so a bad one fails before work is done.
  const pages = list.flatMap((c) => ub04Pages(c, options));
  return renderForm(UB04_LAYOUT, `UB-04 ${list.map((c) => c.patientControlNumber).join(', ')}`, pages);
}
