import type { CodeValidation, Icd10cmTerminology } from '../terminology/index.js';
import type { DiagnosisFacts, DiagnosisLookup, DiagnosisStatus } from './diagnosis-facts.js';

const MANIFESTATION = /\bdiseases classified elsewhere\b/i;

/**
 * DiagnosisFacts answered by the terminology service (src/terminology). Validity comes from the
 * release in effect on the date of service, whichever file it was imported from (a Tabular, an
 * order file or the CDC codes file); the notes (excludes, code first, 7th characters, chapter)
 * from the newest Tabular, which holds the code or, for a code new since, its category. A date
 * outside every loaded release answers `no-release`, so a claim is never checked against the
 * wrong fiscal year's code set.
 */
export function terminologyDiagnosisFacts(terminology: Icd10cmTerminology): DiagnosisFacts {
  const cache = new Map<string, DiagnosisLookup>();
  return {
    lookup(code, date) {
      const [validation] = terminology.validate([code], { date });
      if (!validation || validation.release.outsideWindow) return { status: 'no-release' };
      const key = `${validation.release.release.id}:${code}`;
      let hit = cache.get(key);
      if (hit) return hit;
      hit = answer(terminology, validation);
      cache.set(key, hit);
      return hit;
    },
  };
}

function statusOf(validation: CodeValidation): DiagnosisStatus | null {
  if (validation.valid) return 'billable';
  switch (validation.problem?.reason) {
    case 'header':
      return 'header';
    case 'missing-seventh':
      return 'needs-seventh';
    default:
      return null;
  }
}

function answer(terminology: Icd10cmTerminology, validation: CodeValidation): DiagnosisLookup {
  const status = statusOf(validation);
  const code = validation.code;
  if (!status || !code) return { status: 'unknown' };
  // The code in the newest Tabular, else its nearest ancestor there (a code added since).
  let details = terminology.lookup(code);
  for (let n = code.replace('.', '').length - 1; !details && n >= 3; n--) {
    details = terminology.lookup(code.replace('.', '').slice(0, n));
  }
  if (!details) return { status: 'unknown' };
  const own = details.code === code;
  return {
    status,
    fact: {
      code,
      title: validation.title ?? details.title,
      status,
      chapter: details.chapter.num,
      ...(details.seventh ? { seventhCharacters: details.seventh.characters.map((c) => c.char) } : {}),
      excludes1: details.notes.filter((n) => n.kind === 'excludes1').map((n) => n.text),
      codeFirst: details.notes.filter((n) => n.kind === 'codeFirst').map((n) => n.text),
      manifestation: [...(own ? [details] : []), ...details.ancestors].some((c) =>
        MANIFESTATION.test(c.title),
      ),
    },
  };
}
