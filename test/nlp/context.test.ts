import { describe, expect, it } from 'vitest';
import { analyzeNote } from '../../src/nlp/analyze.js';
import { type ContextKind, contextOf } from '../../src/nlp/context.js';

/** The context flags of the phrase `target` inside the single-sentence note `text`. */
function flagsOf(text: string, target: string): ContextKind[] {
  const a = analyzeNote(text);
  const start = text.indexOf(target);
  const end = start + target.length;
  for (const s of a.sentences) {
    const idx = s.tokens.map((t, i) => (t.start >= start && t.end <= end ? i : -1)).filter((i) => i >= 0);
    if (idx.length === 0) continue;
    const f = contextOf(s.flags, idx[0]!, idx.at(-1)! + 1);
    return (Object.keys(f) as ContextKind[]).filter((k) => f[k]);
  }
  throw new Error(`target ${target} not found`);
}

describe('context', () => {
  it.each<[string, string, ContextKind[]]>([
    ['Migraine without aura, intractable.', 'intractable', []],
    ['Asthma without exacerbation with wheezing today.', 'wheezing', []],
    ['Asthma without acute exacerbation.', 'exacerbation', ['negated']],
    ['Denies chest pain, fever or chills.', 'chills', ['negated']],
    ['No evidence of pneumonia on x-ray.', 'pneumonia', ['negated']],
    ['Pneumonia has been ruled out.', 'Pneumonia', ['negated']],
    ['Inguinal lymphadenopathy was not observed.', 'lymphadenopathy', ['negated']],
    ['Splenomegaly was not evident on ultrasound.', 'Splenomegaly', ['negated']],
    ['Rales were not appreciated.', 'Rales', ['negated']],
    ['Gallstones not visualized.', 'Gallstones', ['negated']],
    ['Pneumonia, organism not identified.', 'Pneumonia', []],
    ['Antibodies to HBV, HCV and HIV were negative.', 'HIV', ['negated']],
    ['Serology HIV, HCV and CMV were also negative.', 'HIV', ['negated']],
    ['Requested serology for syphilis and hepatitis.', 'syphilis', ['hypothetical']],
    ['Tested for influenza in clinic.', 'influenza', ['hypothetical']],
    ['Influenza test pending.', 'Influenza', ['hypothetical']],
    ['HIV antibodies: negative.', 'HIV', ['negated']],
    ['Serology of hepatitis B and syphilis.', 'syphilis', ['hypothetical']],
    // A statement that gives the test's result says what was found.
    ['Positive test for influenza A.', 'influenza', []],
    ['Rapid test for influenza A positive.', 'influenza', []],
    ['Pneumonia, influenza test pending.', 'Pneumonia', []],
    ['Chest pain, but no fever.', 'Chest pain', []],
    ['Probable pneumonia.', 'pneumonia', ['uncertain']],
    ['Reviewed fall precautions with the family.', 'fall', ['hypothetical']],
    ['Diabetes without complications, on insulin.', 'insulin', []],
    ['Rule out appendicitis.', 'appendicitis', ['uncertain']],
    ['Findings consistent with pneumonia.', 'pneumonia', ['uncertain']],
    ['Pneumonia is suspected.', 'Pneumonia', ['uncertain']],
    ['History of breast cancer, treated 2010.', 'breast cancer', ['historical']],
    ['s/p appendectomy.', 'appendectomy', ['historical']],
    ['Mother had breast cancer.', 'breast cancer', ['family']],
    ['Breast cancer in mother.', 'Breast cancer', ['family']],
    ['Return if fever develops.', 'fever', ['hypothetical']],
    ['Acute bronchitis.', 'bronchitis', []],
    ['67 year old woman with type 2 diabetes.', 'diabetes', []],
    ['Patient denies smoking; has chronic cough.', 'chronic cough', []],
    // "past" qualifying a condition makes it history; "past" in a time span does not.
    ['Past myocardial infarction, stable.', 'myocardial infarction', ['historical']],
    ['Cough over the past week.', 'week', []],
    ['Nausea for the past 3 days.', 'days', []],
    ['Headaches past few days.', 'days', []],
  ])('%s [%s]', (text, target, expected) => {
    expect(flagsOf(text, target).sort()).toEqual(expected.sort());
  });
});
