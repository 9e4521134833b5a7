import type { Claim, ResolvedLine } from './claim.js';
import {
  codeReferences,
  type DiagnosisFact,
  type DiagnosisFacts,
  dottedDiagnosis,
  referenceCovers,
} from './diagnosis-facts.js';
import type { Finding } from './finding.js';

/** Chapter 20, External causes of morbidity (V00-Y99): never first-listed. */
const EXTERNAL_CAUSE_CHAPTER = 20;

/**
 * ICD-10-CM codes on the claim, checked against the release in effect on the date of service:
 * valid and billable (not a header, 7th character present), Excludes1 pairs, manifestation
 * codes first-listed, "code first" etiologies missing or listed after, and an external-cause
 * code first-listed. The claim's earliest date of service picks the release.
 */
export function icd10cmClaimEdits(
  claim: Claim,
  lines: readonly ResolvedLine[],
  facts: DiagnosisFacts,
): Finding[] {
  const findings: Finding[] = [];
  const date = lines.map((l) => l.dateOfService).sort()[0]!;
  const base = { family: 'icd10cm-claim' as const };
  const linesPointingTo = (position: number) =>
    lines.filter((l) => l.pointers.includes(position)).map((l) => l.line);
  const known: Array<{ position: number; fact: DiagnosisFact }> = [];
  const seen = new Map<string, number>();
  claim.diagnoses.forEach((raw, i) => {
    const position = i + 1;
    const code = dottedDiagnosis(raw) ?? raw;
    const first = seen.get(code);
    if (first !== undefined) {
      findings.push({
        ...base,
        rule: 'ICD-DUPLICATE',
        severity: 'warning',
        lines: linesPointingTo(position),
        codes: [code],
        message: `Diagnosis ${position} (${code}) repeats diagnosis ${first}.`,
        fix: `Remove diagnosis ${position} and point its lines to diagnosis ${first}.`,
      });
      return;
    }
    seen.set(code, position);
    const hit = facts.lookup(code, date);
    if (hit.status === 'no-release') {
      findings.push({
        ...base,
        rule: 'ICD-NO-RELEASE',
        severity: 'warning',
        lines: [],
        codes: [code],
        message: `No loaded ICD-10-CM release covers the date of service ${date}, so ${code} could not be checked.`,
        fix: 'Import the ICD-10-CM release for that fiscal year (medcoder import) and scrub again.',
      });
      return;
    }
    if (hit.status === 'unknown') {
      findings.push({
        ...base,
        rule: 'ICD-INVALID',
        severity: 'error',
        lines: linesPointingTo(position),
        codes: [code],
        message: `Diagnosis ${position} (${code}) is not a valid ICD-10-CM code on ${date}.`,
        fix: `Correct diagnosis ${position}; look the condition up in the Alphabetic Index and verify in the Tabular List.`,
      });
      return;
    }
    const fact = hit.fact;
    if (hit.status === 'header') {
      findings.push({
        ...base,
        rule: 'ICD-HEADER',
        severity: 'error',
        lines: linesPointingTo(position),
        codes: [code],
        message: `Diagnosis ${position} (${code} ${fact.title}) is a category header, not a billable code: it has more specific codes below it.`,
        fix: `Replace ${code} with the most specific code under it that the documentation supports.`,
      });
    } else if (hit.status === 'needs-seventh') {
      const chars = fact.seventhCharacters?.join(', ') ?? '';
      findings.push({
        ...base,
        rule: 'ICD-7TH-CHARACTER',
        severity: 'error',
        lines: linesPointingTo(position),
        codes: [code],
        message: `Diagnosis ${position} (${code} ${fact.title}) requires a 7th character${chars ? ` (${chars})` : ''} and has none.`,
        fix: `Add the 7th character (e.g. A for initial encounter, D subsequent, S sequela), padding with placeholder X to 6 characters first.`,
        data: { seventhCharacters: fact.seventhCharacters },
      });
    }
    known.push({ position, fact });
  });

  const firstListed = known.find((k) => k.position === 1)?.fact;
  if (firstListed?.manifestation) {
    findings.push({
      ...base,
      rule: 'ICD-MANIFESTATION-FIRST',
      severity: 'error',
      lines: linesPointingTo(1),
      codes: [firstListed.code],
      message: `${firstListed.code} (${firstListed.title}) is a manifestation code and may never be first-listed: the underlying condition must be sequenced first.`,
      fix: `List the underlying condition (etiology) as diagnosis 1 and move ${firstListed.code} after it.`,
    });
  }
  if (firstListed && firstListed.chapter === EXTERNAL_CAUSE_CHAPTER) {
    findings.push({
      ...base,
      rule: 'ICD-EXTERNAL-CAUSE-FIRST',
      severity: 'error',
      lines: linesPointingTo(1),
      codes: [firstListed.code],
      message: `${firstListed.code} is an external-cause code (V00-Y99); external-cause codes are secondary and never first-listed.`,
      fix: `List the injury or condition as diagnosis 1 and keep ${firstListed.code} as an additional code.`,
    });
  }

  for (const a of known) {
    for (const b of known) {
      if (a === b || b.position < a.position) continue;
      const note = excludes1Between(a.fact, b.fact) ?? excludes1Between(b.fact, a.fact);
      if (!note) continue;
      findings.push({
        ...base,
        rule: 'ICD-EXCLUDES1',
        severity: 'warning',
        lines: [...new Set([...linesPointingTo(a.position), ...linesPointingTo(b.position)])].sort(
          (x, y) => x - y,
        ),
        codes: [a.fact.code, b.fact.code],
        message:
          `Diagnoses ${a.position} (${a.fact.code}) and ${b.position} (${b.fact.code}) are an Excludes1 pair ("${note}"): ` +
          `the two conditions are not coded together, and payers that apply Excludes1 edits deny the claim.`,
        fix: `Keep the one code the documentation supports and remove the other. Report both only if the conditions are documented as unrelated.`,
        data: { note },
      });
    }
  }

  for (const k of known) {
    const refs = k.fact.codeFirst.flatMap((note) => codeReferences(note).map((ref) => ({ note, ref })));
    if (refs.length === 0) continue;
    const etiology = known.find((o) => o !== k && refs.some(({ ref }) => referenceCovers(ref, o.fact.code)));
    if (etiology && etiology.position < k.position) continue;
    // Many codes say "code first, if applicable"; a missing etiology is only a finding for a manifestation.
    if (!etiology && !k.fact.manifestation) continue;
    const note = refs[0]!.note;
    findings.push({
      ...base,
      rule: etiology ? 'ICD-CODE-FIRST-ORDER' : 'ICD-CODE-FIRST',
      severity: 'warning',
      lines: linesPointingTo(k.position),
      codes: etiology ? [k.fact.code, etiology.fact.code] : [k.fact.code],
      message: etiology
        ? `${k.fact.code} says "code first ${note}", and the underlying condition ${etiology.fact.code} is listed after it (diagnosis ${etiology.position}).`
        : `${k.fact.code} says "code first ${note}", but no such underlying condition is on the claim.`,
      fix: etiology
        ? `Move ${etiology.fact.code} ahead of ${k.fact.code} in the diagnosis list.`
        : `Add the underlying condition's code before ${k.fact.code}, or remove ${k.fact.code} if the etiology is not documented.`,
      data: { note },
    });
  }
  return findings;
}

function excludes1Between(owner: DiagnosisFact, other: DiagnosisFact): string | undefined {
  for (const note of owner.excludes1) {
    if (
      codeReferences(note).some(
        (ref) => referenceCovers(ref, other.code) && !referenceCovers(ref, owner.code),
      )
    )
      return note;
  }
  return undefined;
}
