import { describe, expect, it } from 'vitest';
import { CodingInputError } from '../../src/coding/errors.js';
import { parseNoteInput, validateNoteInput } from '../../src/coding/note-input.js';
import { unreadableReason } from '../../src/coding/text-quality.js';

const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64');

describe('parseNoteInput', () => {
  it('passes plain text through', () => {
    expect(parseNoteInput('Assessment: HTN')).toEqual({ text: 'Assessment: HTN', format: 'text' });
  });
  it('reads a DocumentReference attachment and its date', () => {
    const doc = {
      resourceType: 'DocumentReference',
      date: '2026-03-02T10:00:00Z',
      content: [{ attachment: { contentType: 'text/plain', data: b64('Assessment: asthma') } }],
    };
    expect(parseNoteInput(doc)).toEqual({
      text: 'Assessment: asthma',
      format: 'fhir-document-reference',
      dateOfService: '2026-03-02',
    });
    expect(parseNoteInput(JSON.stringify(doc)).text).toBe('Assessment: asthma');
  });
  it('reads every DocumentReference and Binary in a Bundle', () => {
    const bundle = {
      resourceType: 'Bundle',
      entry: [
        { resource: { resourceType: 'Patient' } },
        { resource: { resourceType: 'DocumentReference', content: [{ attachment: { data: b64('one') } }] } },
        { resource: { resourceType: 'Binary', data: b64('two') } },
      ],
    };
    expect(parseNoteInput(bundle).text).toBe('one\n\ntwo');
  });
  it.each([
    [{ resourceType: 'Patient' }, 'resourceType'],
    [{ resourceType: 'DocumentReference', content: [] }, 'DocumentReference.content'],
    [
      {
        resourceType: 'DocumentReference',
        content: [{ attachment: { contentType: 'application/pdf', data: 'AAAA' } }],
      },
      'DocumentReference.content[0].attachment.contentType',
    ],
    [{ resourceType: 'Bundle', entry: [] }, 'Bundle.entry'],
    [42, 'input'],
  ])('rejects %j at %s', (raw, field) => {
    expect(() => parseNoteInput(raw)).toThrow(CodingInputError);
    try {
      parseNoteInput(raw);
    } catch (e) {
      expect((e as CodingInputError).field).toBe(field);
    }
  });
});

describe('validateNoteInput', () => {
  const ok = {
    text: 'x',
    setting: 'outpatient' as const,
    dateOfService: '2026-03-02',
    age: 40,
    sex: 'F' as const,
  };
  it('accepts a well-formed input', () => expect(() => validateNoteInput(ok)).not.toThrow());
  it.each([
    ['setting', { setting: 'ambulatory' }],
    ['dateOfService', { dateOfService: '03/02/2026' }],
    ['age', { age: -1 }],
    ['age', { age: Number.NaN }],
    ['sex', { sex: 'X' }],
    ['text', { text: 5 }],
  ])('rejects a bad %s', (field, bad) => {
    expect(() => validateNoteInput({ ...ok, ...bad } as never)).toThrow(new RegExp(`at ${field}:`));
  });
});

describe('unreadableReason', () => {
  it.each([
    ['', /empty/],
    ['   \n ', /empty/],
    [String.fromCharCode(...Array.from({ length: 500 }, (_, i) => i % 32)), /binary/],
    [
      'Der Patient klagt über Brustschmerzen seit drei Tagen und hat Fieber, keine Dyspnoe, Blutdruck erhöht.',
      /English/,
    ],
    [
      '患者は3日前から胸痛を訴えています。発熱あり。呼吸困難なし。血圧上昇。糖尿病の既往あり。',
      /English|no words/,
    ],
    // Letters outside the BMP count once each, as a /\p{L}/gu match does: 30 such letters beside
    // 10 ASCII ones are not English; digits and a lone surrogate are no letters at all.
    ['𝒜𝒷𝒸𝒹𝑒'.repeat(6) + ' abcdefghij', /English/],
    ['12345 \ud800 67890 !!', /no words/],
  ])('%j', (text, reason) => expect(unreadableReason(text)).toMatch(reason));
  it('accepts an English note', () => {
    expect(
      unreadableReason(
        'Patient with type 2 diabetes and hypertension. Denies chest pain. Plan: continue metformin daily.',
      ),
    ).toBeNull();
  });
  it('accepts an English note with a few accented and astral letters', () => {
    expect(unreadableReason('Café naïve patient 𝒜 with hypertension and diabetes, stable.')).toBeNull();
  });
});
