/**
 * Drugs that are part of a procedure rather than billed beside it: a local anesthetic injected
 * with a joint injection, an infiltration or a lesion injection is a supply of that procedure.
 * NCCI Policy Manual for Medicare Services, ch. I/II: anesthesia provided by the physician who
 * performs the procedure (local infiltration, digital block, topical) is included in the
 * procedure, and is not reported separately.
 */
import type { DocumentedRoute } from './documented-dose.js';

/** Generic names (as in the HCPCS descriptions) of local anesthetics. */
const LOCAL_ANESTHETICS = new Set([
  'lidocaine',
  'bupivacaine',
  'ropivacaine',
  'mepivacaine',
  'chloroprocaine',
  'tetracaine',
  'articaine',
  'prilocaine',
]);

/** Routes on which a local anesthetic is part of the procedure it numbs. */
const PROCEDURAL_ROUTES: ReadonlySet<DocumentedRoute> = new Set([
  'intra-articular',
  'intradermal',
  'intralesional',
]);

export function bundledWithProcedure(
  anchors: readonly string[],
  route: DocumentedRoute,
  clause: string,
): boolean {
  if (!anchors.some((a) => LOCAL_ANESTHETICS.has(a))) return false;
  return PROCEDURAL_ROUTES.has(route) || /\b(local|infiltrat\w*|digital block|nerve block)\b/i.test(clause);
}
