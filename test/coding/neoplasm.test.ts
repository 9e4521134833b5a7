/** Which words of a statement name a metastatic (secondary) site and which the primary one. */
import { describe, expect, it } from 'vitest';
import { siteRoles } from '../../src/coding/icd10cm/neoplasm.js';
import { tokenize } from '../../src/nlp/tokens.js';

const roles = (text: string) => {
  const norms = tokenize(text).map((t) => t.norm);
  const { secondary, primary } = siteRoles(norms);
  const pick = (s: Set<number>) => [...s].sort((a, b) => a - b).map((i) => norms[i]);
  return { secondary: pick(secondary), primary: pick(primary) };
};

describe('siteRoles', () => {
  it.each<[string, string[], string[]]>([
    ['renal cell carcinoma metastatic to the lung and adrenal', ['lung', 'adrenal'], []],
    ['kidney cancer with bone metastases', ['bone'], []],
    ['liver mets from pancreas adenocarcinoma', ['liver'], ['pancreas']],
    ['metastasis to liver from colon', ['liver'], ['colon']],
    ['metastatic disease from an unknown primary', [], ['unknown']],
    ['metastatic melanoma of the back', [], []],
    ['squamous cell carcinoma of the tongue', [], []],
    ['metastatic sigmoid colon cancer to the liver', ['liver'], []],
    ['metastatic breast cancer with a new lesion', [], []],
    ['bone metastases of prostate cancer', ['bone'], ['prostate']],
  ])('%s', (text, secondary, primary) => {
    expect(roles(text)).toEqual({ secondary, primary });
  });
});
