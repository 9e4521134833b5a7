import type { ResolvedLine } from './claim.js';
import type { Finding } from './finding.js';
import type { ScrubTables } from './tables.js';

const HCPCS_LEVEL2 = /^[A-V]\d{4}$/;
const CPT = /^\d{4}[0-9FTU]$/;
/** CPT modifier numbers (numbers only; their descriptors are AMA's). */
const CPT_MODIFIERS = new Set(
  '22 23 24 25 26 27 32 33 47 50 51 52 53 54 55 56 57 58 59 62 63 66 73 74 76 77 78 79 80 81 82 90 91 92 93 95 96 97 99'.split(
    ' ',
  ),
);

export interface ProcedureCodeOptions {
  /** Effective date of the loaded HCPCS release: codes missing from an older release are only a warning. */
  hcpcsEffective?: string;
}

/**
 * Procedure codes and modifiers exist and are in effect on the date of service: HCPCS Level II
 * against the loaded HCPCS release (added and termination dates); CPT against the user's CPT file
 * when one is loaded, else accepted when NCCI/MUE know the number (an info finding when they do
 * not); modifiers against the HCPCS
 * modifier list and the CPT modifier numbers.
 */
export function procedureCodeEdits(
  lines: readonly ResolvedLine[],
  tables: ScrubTables,
  options: ProcedureCodeOptions = {},
): Finding[] {
  const findings: Finding[] = [];
  const base = (l: ResolvedLine, codes: string[]) => ({
    family: 'procedure-codes' as const,
    lines: [l.line],
    codes,
  });
  for (const l of lines) {
    if (HCPCS_LEVEL2.test(l.code)) {
      if (tables.hcpcs.size === 0) continue;
      const entry = tables.hcpcs.get(l.code);
      if (!entry) {
        const stale =
          options.hcpcsEffective !== undefined &&
          options.hcpcsEffective.slice(0, 4) < l.dateOfService.slice(0, 4);
        findings.push({
          ...base(l, [l.code]),
          rule: 'PROC-UNKNOWN',
          severity: stale ? 'warning' : 'error',
          message: stale
            ? `${l.code} on line ${l.line} is not in the loaded HCPCS release (effective ${options.hcpcsEffective}), which is older than the date of service ${l.dateOfService}; it may be a newer code.`
            : `${l.code} on line ${l.line} is not a HCPCS Level II code.`,
          fix: stale
            ? `Import the HCPCS release for ${l.dateOfService.slice(0, 4)} (medcoder import hcpcs FILE) and scrub again, or check the code against the current CMS list.`
            : `Correct the code on line ${l.line}; look it up with "medcoder hcpcs search".`,
        });
      } else if (entry.terminationDate && entry.terminationDate < l.dateOfService) {
        findings.push({
          ...base(l, [l.code]),
          rule: 'PROC-TERMINATED',
          severity: 'error',
          message: `${l.code} on line ${l.line} was discontinued on ${entry.terminationDate}, before the date of service ${l.dateOfService}.`,
          fix: `Replace ${l.code} with the code that replaced it for services after ${entry.terminationDate}.`,
          data: { terminationDate: entry.terminationDate },
        });
      } else if (entry.addedDate && entry.addedDate > l.dateOfService) {
        findings.push({
          ...base(l, [l.code]),
          rule: 'PROC-NOT-YET-EFFECTIVE',
          severity: 'error',
          message: `${l.code} on line ${l.line} takes effect on ${entry.addedDate}, after the date of service ${l.dateOfService}.`,
          fix: `Use the code in effect on ${l.dateOfService}.`,
          data: { addedDate: entry.addedDate },
        });
      }
    } else if (CPT.test(l.code)) {
      if (tables.cpt) {
        if (!tables.cpt.has(l.code)) {
          findings.push({
            ...base(l, [l.code]),
            rule: 'PROC-UNKNOWN',
            severity: 'error',
            message: `${l.code} on line ${l.line} is not in the loaded CPT file.`,
            fix: `Correct the CPT code on line ${l.line}.`,
          });
        }
      } else if (tables.knownProcedureCodes.size > 0 && !tables.knownProcedureCodes.has(l.code)) {
        // Without the user's CPT file, the NCCI and MUE tables are the list of CPT numbers in use.
        findings.push({
          ...base(l, [l.code]),
          rule: 'PROC-CPT-UNVERIFIED',
          severity: 'info',
          message: `${l.code} on line ${l.line} could not be verified: no CPT file is loaded and the code is in no NCCI or MUE table.`,
          fix: `Check that ${l.code} is a current CPT code, or import your licensed CPT file (medcoder import cpt FILE).`,
        });
      }
    } else {
      findings.push({
        ...base(l, [l.code]),
        rule: 'PROC-MALFORMED',
        severity: 'error',
        message: `"${l.code}" on line ${l.line} is neither a CPT code (5 characters: 4 digits then 0-9, F, T or U) nor a HCPCS Level II code (letter A-V and 4 digits).`,
        fix: `Correct the procedure code on line ${l.line}.`,
      });
    }
    for (const m of l.modifiers) {
      const known =
        CPT_MODIFIERS.has(m) ||
        (tables.modifiers.size === 0 ? /^[A-Z0-9]{2}$/.test(m) : tables.modifiers.has(m));
      if (!known) {
        findings.push({
          ...base(l, [l.code, m]),
          rule: 'MOD-UNKNOWN',
          severity: 'error',
          message: `Modifier "${m}" on line ${l.line} is not a CPT or HCPCS modifier.`,
          fix: `Correct or remove modifier ${m} on line ${l.line}.`,
        });
      } else {
        const entry = tables.modifiers.get(m);
        if (entry?.terminationDate && entry.terminationDate < l.dateOfService) {
          findings.push({
            ...base(l, [l.code, m]),
            rule: 'MOD-TERMINATED',
            severity: 'error',
            message: `Modifier ${m} on line ${l.line} was discontinued on ${entry.terminationDate}.`,
            fix: `Remove modifier ${m} or replace it with the current modifier.`,
          });
        }
      }
    }
  }
  return findings;
}
