/**
 * NCCI PTP-associated modifiers (NCCI Policy Manual for Medicare Services, ch. I, sec. E) and
 * when each can bypass an edit whose modifier indicator is 1. A modifier is only a bypass when
 * the services really were distinct; the scrubber checks that one is present and applicable,
 * the coder checks the documentation.
 */

/** Distinct procedural service: 59 and its more specific X{EPSU} subsets. */
export const DISTINCT_SERVICE = new Set(['59', 'XE', 'XS', 'XP', 'XU']);

/** Anatomic modifiers: a bypass only when the two lines name different sites. */
export const ANATOMIC = new Set([
  'LT',
  'RT',
  'E1',
  'E2',
  'E3',
  'E4',
  'FA',
  'F1',
  'F2',
  'F3',
  'F4',
  'F5',
  'F6',
  'F7',
  'F8',
  'F9',
  'TA',
  'T1',
  'T2',
  'T3',
  'T4',
  'T5',
  'T6',
  'T7',
  'T8',
  'T9',
  'LC',
  'LD',
  'RC',
  'LM',
  'RI',
]);

/** Global surgery modifiers: the service falls in another procedure's global period for a separate reason. */
export const GLOBAL_SURGERY = new Set(['24', '25', '57', '58', '78', '79']);

/** E/M codes: only 25 (significant, separately identifiable) or 57 (decision for surgery) bypass for them. */
export function isEvaluationAndManagement(code: string): boolean {
  return /^99(2\d\d|[34]\d\d)$/.test(code);
}

/** Clinical laboratory codes (80047-89398): modifier 91 (repeat test) applies to them only. */
function isLab(code: string): boolean {
  return /^8\d{4}$/.test(code);
}

export interface PtpLineView {
  code: string;
  modifiers: readonly string[];
}

export interface Bypass {
  modifier: string;
  /** Which line carries it: the column 1 or column 2 code. */
  on: 'column1' | 'column2' | 'both';
}

/**
 * The modifier that lets a modifier-indicator-1 edit pay both codes, if any:
 * - 59/XE/XS/XP/XU on either line, except on an E/M code (policy: never 59 on E/M);
 * - different anatomic modifiers on the two lines (RT vs LT, F1 vs F3 ...);
 * - 25 or 57 on the E/M line when the pair involves an E/M code;
 * - 24, 58, 78, 79 on either line (separate service in a global period);
 * - 27 on an outpatient hospital E/M (multiple visits the same day);
 * - 91 on a repeated lab test.
 * Returns undefined with the reason in `why` when a modifier is present but cannot bypass.
 */
export function findBypass(
  column1: PtpLineView,
  column2: PtpLineView,
  setting: 'practitioner' | 'outpatient',
): { bypass?: Bypass; rejected: Array<{ modifier: string; why: string }> } {
  const rejected: Array<{ modifier: string; why: string }> = [];
  const on = (m: string): Bypass['on'] | undefined => {
    const a = column1.modifiers.includes(m);
    const b = column2.modifiers.includes(m);
    return a && b ? 'both' : a ? 'column1' : b ? 'column2' : undefined;
  };
  const emInvolved = isEvaluationAndManagement(column1.code) || isEvaluationAndManagement(column2.code);
  for (const m of new Set([...column1.modifiers, ...column2.modifiers])) {
    const where = on(m)!;
    if (DISTINCT_SERVICE.has(m)) {
      const lineCode = where === 'column1' ? column1.code : column2.code;
      if (isEvaluationAndManagement(lineCode)) {
        rejected.push({
          modifier: m,
          why: `${m} may not be appended to an E/M code (${lineCode}); use 25 or 57`,
        });
        continue;
      }
      return { bypass: { modifier: m, on: where }, rejected };
    }
    if (m === '25' || m === '57') {
      const emLine =
        (where !== 'column2' && isEvaluationAndManagement(column1.code)) ||
        (where !== 'column1' && isEvaluationAndManagement(column2.code));
      if (emInvolved && emLine) return { bypass: { modifier: m, on: where }, rejected };
      rejected.push({
        modifier: m,
        why: `${m} applies to an E/M code only, and neither line of this pair is E/M with ${m}`,
      });
      continue;
    }
    if (GLOBAL_SURGERY.has(m)) return { bypass: { modifier: m, on: where }, rejected };
    if (m === '27') {
      if (setting === 'outpatient' && emInvolved) return { bypass: { modifier: m, on: where }, rejected };
      rejected.push({ modifier: m, why: '27 applies to multiple outpatient hospital E/M encounters only' });
      continue;
    }
    if (m === '91') {
      if (isLab(column1.code) && isLab(column2.code)) return { bypass: { modifier: m, on: where }, rejected };
      rejected.push({ modifier: m, why: '91 applies to repeated clinical laboratory tests only' });
    }
  }
  const sites1 = column1.modifiers.filter((m) => ANATOMIC.has(m));
  const sites2 = column2.modifiers.filter((m) => ANATOMIC.has(m));
  if (sites1.length && sites2.length) {
    const distinct = sites2.find((m) => !sites1.includes(m));
    if (distinct && !sites1.every((m) => sites2.includes(m)))
      return { bypass: { modifier: distinct, on: 'column2' }, rejected };
    rejected.push({
      modifier: sites2.join('/'),
      why: 'both lines carry the same anatomic modifier, so they name the same site',
    });
  } else if (sites1.length || sites2.length) {
    const only = [...sites1, ...sites2].join('/');
    rejected.push({
      modifier: only,
      why: 'an anatomic modifier bypasses only when the other line names a different site',
    });
  }
  return { rejected };
}
