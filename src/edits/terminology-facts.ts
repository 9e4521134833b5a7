import type { Icd10cmTerminology } from '../terminology/index.js';
import type { DiagnosisFacts, DiagnosisLookup } from './diagnosis-facts.js';

const MANIFESTATION = /\bdiseases classified elsewhere\b/i;

/**
 * DiagnosisFacts answered by the terminology service (src/terminology), loaded for the claim's
 * date of service. Dates outside the loaded codes release's window answer `no-release`, so a
 * claim is never checked against the wrong fiscal year's code set.
 */
export function terminologyDiagnosisFacts(terminology: Icd10cmTerminology): DiagnosisFacts {
  const release = terminology.selection.codes.release;
  const cache = new Map<string, DiagnosisLookup>();
  return {
    lookup(code, date) {
      if (date < release.effectiveFrom || date > release.effectiveTo) return { status: 'no-release' };
      let hit = cache.get(code);
      if (hit) return hit;
      const details = terminology.lookup(code);
      if (!details) hit = { status: 'unknown' };
      else {
        // The store spells out 7th-character expansions as children, so a code lacking only its
        // 7th character looks like a header there; its children tell the two apart.
        const compact = details.code.replace('.', '');
        const onlySevenths =
          details.seventh !== null &&
          details.children.length > 0 &&
          details.children.every(
            (c) => c.code.replace('.', '').length === 7 && c.code.replace('.', '').startsWith(compact),
          );
        const status = details.billable
          ? 'billable'
          : onlySevenths || (!details.header && details.seventh)
            ? 'needs-seventh'
            : details.header
              ? 'header'
              : null;
        hit = status
          ? {
              status,
              fact: {
                code: details.code,
                title: details.title,
                status,
                chapter: details.chapter.num,
                ...(details.seventh
                  ? { seventhCharacters: details.seventh.characters.map((c) => c.char) }
                  : {}),
                excludes1: details.notes.filter((n) => n.kind === 'excludes1').map((n) => n.text),
                codeFirst: details.notes.filter((n) => n.kind === 'codeFirst').map((n) => n.text),
                manifestation: [details, ...details.ancestors].some((c) => MANIFESTATION.test(c.title)),
              },
            }
          : { status: 'unknown' };
      }
      cache.set(code, hit);
      return hit;
    },
  };
}
