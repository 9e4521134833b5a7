/**
 * Procedures with a 0- or 10-day global period that are done in the office beside a visit: with
 * one of them on the same day, an E/M is billed only as a significant, separately identifiable
 * service with modifier 25 (Medicare Claims Processing Manual ch. 12, §30.6.6.B; §40.1.C: the
 * decision to perform a minor procedure is included in its payment).
 *
 * The project has no Physician Fee Schedule file, whose GLOB DAYS column is the authority, so
 * this is a short list of common office procedures with their global period as the CMS National
 * PFS Relative Value File (PPRRVU) gives it. The list was written from knowledge of that file,
 * not extracted from a copy here: check it against the current PPRRVU before relying on it.
 * CPT numbers only. Any other procedure gets 25 considered through the NCCI PTP pair with the
 * E/M code when PTP edits are loaded.
 */
export const MINOR_PROCEDURE_SOURCE =
  'CMS National PFS Relative Value File (PPRRVU), GLOB DAYS 000/010: a subset written from that file, not extracted here';

export const MINOR_PROCEDURES: ReadonlyMap<string, '000' | '010'> = new Map([
  // Joint, bursa and tendon sheath injection or aspiration.
  ...['20600', '20604', '20605', '20606', '20610', '20611', '20550', '20551', '20552', '20553'].map(
    (c) => [c, '000'] as const,
  ),
  // Nail and callus care, skin biopsy, lesion injection, debridement.
  ...['11055', '11056', '11057', '11720', '11721', '11102', '11104', '11106', '11900', '11901'].map(
    (c) => [c, '000'] as const,
  ),
  ...['11042', '97597', '97598', '12001', '12002', '12004', '11300', '11301', '11302', '11305'].map(
    (c) => [c, '000'] as const,
  ),
  // Cerumen removal, nerve blocks.
  ...['69210', '64450', '64405'].map((c) => [c, '000'] as const),
  // Destruction of lesions, incision and drainage, skin tag removal, nail avulsion, excisions.
  ...['17000', '17004', '17110', '17111', '10060', '10061', '10120', '10140', '10160', '11200', '11750'].map(
    (c) => [c, '010'] as const,
  ),
  ...['11400', '11401', '11402', '11403', '11600', '11601', '11602'].map((c) => [c, '010'] as const),
]);
