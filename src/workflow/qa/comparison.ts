import type { QaCode } from '../../store/schema-qa.js';

/**
 * The coder's codes against the auditor's blind re-coding of the same note, as a coding audit
 * reads them: each code agrees (both listed it), is coder-only (the auditor did not list it) or
 * auditor-only (the coder missed it); and the principal / first-listed diagnosis agrees or not.
 * Every disagreement is a variance the auditor may classify; each gets a suggested kind:
 * - a coder-only and an auditor-only code in the same 3-character category are a wrong code
 *   (usually the right condition at the wrong specificity, which the auditor may say instead);
 * - other coder-only codes are extra codes, other auditor-only codes missing codes;
 * - different first-listed codes are a sequencing variance when both codes are on both lists
 *   (only the order differs), else a wrong principal (a wrong code).
 * Pure: the comparison is recomputed from the stored codes whenever it is shown.
 */

export type CodeResult = 'agree' | 'coder-only' | 'auditor-only';

export interface ComparedCode {
  code: string;
  title: string;
  result: CodeResult;
  /** 1-based place on the coder's / auditor's list; null when not on it. */
  coderPosition: number | null;
  auditorPosition: number | null;
}

export type SuggestedKind = 'wrong_code' | 'missing_code' | 'extra_code' | 'sequencing';

export interface Variance {
  /** Stable name of the variance (`coder-only:E11.9`, `auditor-only:E11.65`, `sequencing`). */
  key: string;
  type: CodeResult | 'sequencing';
  /** The code(s) concerned: one, or the coder's and the auditor's first-listed. */
  codes: string[];
  suggestedKind: SuggestedKind;
  /** The other side's code in the same category, if any (the likely counterpart). */
  counterpart: string | null;
}

export interface Comparison {
  codes: ComparedCode[];
  principal: { coder: string | null; auditor: string | null; agree: boolean };
  counts: { agree: number; coderOnly: number; auditorOnly: number };
  variances: Variance[];
  /** No code variance and the same first-listed code: the record is accurate. */
  noVariance: boolean;
}

/** The 3-character category of a code (`E11.65` → `E11`). */
export function categoryOf(code: string): string {
  return code.replace('.', '').slice(0, 3).toUpperCase();
}

export function compareCodes(coder: readonly QaCode[], auditor: readonly QaCode[]): Comparison {
  const coderAt = new Map(coder.map((c, i) => [c.code.toUpperCase(), i + 1]));
  const auditorAt = new Map(auditor.map((c, i) => [c.code.toUpperCase(), i + 1]));
  const codes: ComparedCode[] = [];
  for (const c of auditor) {
    const key = c.code.toUpperCase();
    const onCoder = coderAt.get(key) ?? null;
    codes.push({
      code: c.code,
      title: c.title,
      result: onCoder === null ? 'auditor-only' : 'agree',
      coderPosition: onCoder,
      auditorPosition: auditorAt.get(key) ?? null,
    });
  }
  for (const c of coder) {
    const key = c.code.toUpperCase();
    if (auditorAt.has(key)) continue;
    codes.push({
      code: c.code,
      title: c.title,
      result: 'coder-only',
      coderPosition: coderAt.get(key) ?? null,
      auditorPosition: null,
    });
  }
  const only = (side: CodeResult) => codes.filter((c) => c.result === side);
  const coderOnly = only('coder-only');
  const auditorOnly = only('auditor-only');
  const sameCategory = (code: string, others: readonly ComparedCode[]) =>
    others.find((o) => categoryOf(o.code) === categoryOf(code))?.code ?? null;
  const variances: Variance[] = [
    ...coderOnly.map((c): Variance => {
      const counterpart = sameCategory(c.code, auditorOnly);
      return {
        key: `coder-only:${c.code}`,
        type: 'coder-only',
        codes: [c.code],
        suggestedKind: counterpart ? 'wrong_code' : 'extra_code',
        counterpart,
      };
    }),
    ...auditorOnly.map((c): Variance => {
      const counterpart = sameCategory(c.code, coderOnly);
      return {
        key: `auditor-only:${c.code}`,
        type: 'auditor-only',
        codes: [c.code],
        suggestedKind: counterpart ? 'wrong_code' : 'missing_code',
        counterpart,
      };
    }),
  ];
  const principal = {
    coder: coder[0]?.code ?? null,
    auditor: auditor[0]?.code ?? null,
    agree: (coder[0]?.code.toUpperCase() ?? null) === (auditor[0]?.code.toUpperCase() ?? null),
  };
  if (!principal.agree) {
    const pureOrder =
      principal.coder !== null &&
      principal.auditor !== null &&
      auditorAt.has(principal.coder.toUpperCase()) &&
      coderAt.has(principal.auditor.toUpperCase());
    variances.push({
      key: 'sequencing',
      type: 'sequencing',
      codes: [principal.coder, principal.auditor].filter((c): c is string => c !== null),
      suggestedKind: pureOrder ? 'sequencing' : 'wrong_code',
      counterpart: null,
    });
  }
  const counts = {
    agree: codes.length - coderOnly.length - auditorOnly.length,
    coderOnly: coderOnly.length,
    auditorOnly: auditorOnly.length,
  };
  return { codes, principal, counts, variances, noVariance: variances.length === 0 };
}
