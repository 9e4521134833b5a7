/**
 * Atherosclerotic heart disease with angina (I.C.9.b): ICD-10-CM has combination codes for
 * coronary atherosclerosis with angina pectoris (I25.11-, and I25.7- for grafts); the provider
 * need not state the link — the guideline presumes it — and no separate I20 code is reported.
 * The angina's type picks the fifth/sixth character: unstable I20.0 → I25.110, with documented
 * spasm I20.1 → I25.111, refractory I20.2 → I25.112, other forms (stable, exertional) I20.8- →
 * I25.118, unspecified I20.9 → I25.119.
 */
import { combinedWith, isCurrent, type Rule } from '../candidate.js';

export const GUIDELINE =
  'I.C.9.b: atherosclerotic heart disease with angina — combination code, no separate I20';

const BY_ANGINA: ReadonlyArray<[RegExp, string]> = [
  [/^I20\.0/, 'I25.110'],
  [/^I20\.1/, 'I25.111'],
  [/^I20\.2/, 'I25.112'],
  [/^I20\.8/, 'I25.118'],
  [/^I20\.9/, 'I25.119'],
];

/** I25.10 or I25.11x: native-vessel coronary atherosclerosis (the code the angina combines into). */
const NATIVE_CAD = /^I25\.1(0|1\d?)$/;

export function combinedCode(angina: string): string | null {
  return BY_ANGINA.find(([re]) => re.test(angina))?.[1] ?? null;
}

export const coronaryAngina: Rule = (candidates, ctx) => {
  const cad = candidates.find((c) => NATIVE_CAD.test(c.code) && isCurrent(c));
  const angina = candidates.find((c) => c.code.startsWith('I20') && isCurrent(c));
  if (!cad || !angina) return { candidates: [...candidates] };
  const code = combinedCode(angina.code);
  const details = code ? ctx.lookup(code) : null;
  if (!details?.billable) return { candidates: [...candidates] };
  const combined = combinedWith(cad, angina, details, angina.indexPath, GUIDELINE);
  return {
    candidates: candidates
      .filter((c) => c !== angina && !(NATIVE_CAD.test(c.code) && isCurrent(c)))
      .concat(combined)
      .sort((a, b) => a.offset - b.offset),
  };
};
