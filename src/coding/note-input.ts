import { isIsoDate } from '../codesets/ncci/dates.js';
/**
 * Note input at the boundary: plain text, or a FHIR R4 DocumentReference / Bundle whose
 * attachment carries the note (base64 `data` or a contained text). Also the checks every
 * `NoteInput` passes before coding, with typed errors naming the field.
 */
import { CodingInputError } from './errors.js';
import type { NoteInput, ParsedNote } from './types.js';

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

function attachmentText(att: unknown, where: string): string | null {
  if (!isObject(att)) return null;
  const type = typeof att.contentType === 'string' ? att.contentType.toLowerCase() : 'text/plain';
  if (!type.startsWith('text/') && type !== 'application/octet-stream') {
    throw new CodingInputError(`${where}.contentType`, `only text attachments can be coded, got "${type}"`);
  }
  if (typeof att.data === 'string') {
    if (!/^[A-Za-z0-9+/=\s]*$/.test(att.data)) throw new CodingInputError(`${where}.data`, 'is not base64');
    return Buffer.from(att.data, 'base64').toString('utf8');
  }
  if (typeof att.url === 'string' && att.url.startsWith('#')) return null;
  return null;
}

function fromDocumentReference(doc: Json, where: string): ParsedNote {
  const content = Array.isArray(doc.content) ? doc.content : [];
  const parts: string[] = [];
  content.forEach((c, i) => {
    const t = isObject(c) ? attachmentText(c.attachment, `${where}.content[${i}].attachment`) : null;
    if (t) parts.push(t);
  });
  // A contained Binary or the narrative (text.div) when no attachment data is present.
  if (parts.length === 0 && Array.isArray(doc.contained)) {
    for (const r of doc.contained) {
      if (isObject(r) && r.resourceType === 'Binary' && typeof r.data === 'string') {
        parts.push(Buffer.from(r.data, 'base64').toString('utf8'));
      }
    }
  }
  if (parts.length === 0 && isObject(doc.text) && typeof doc.text.div === 'string') {
    parts.push(doc.text.div.replace(/<[^>]{0,500}>/g, ' '));
  }
  if (parts.length === 0) throw new CodingInputError(`${where}.content`, 'no attachment with text data');
  const date = typeof doc.date === 'string' ? doc.date.slice(0, 10) : undefined;
  const ctx = isObject(doc.context) && isObject(doc.context.period) ? doc.context.period.start : undefined;
  const dateOfService = typeof ctx === 'string' ? ctx.slice(0, 10) : date;
  return {
    text: parts.join('\n\n'),
    format: 'fhir-document-reference',
    ...(dateOfService && /^\d{4}-\d{2}-\d{2}$/.test(dateOfService) ? { dateOfService } : {}),
  };
}

/** Plain text, a JSON string of a FHIR resource, or a parsed FHIR resource → the note text. */
export function parseNoteInput(raw: unknown): ParsedNote {
  let value = raw;
  if (typeof raw === 'string') {
    const trimmed = raw.trimStart();
    if (!trimmed.startsWith('{')) return { text: raw, format: 'text' };
    try {
      value = JSON.parse(trimmed);
    } catch {
      return { text: raw, format: 'text' };
    }
  }
  if (!isObject(value)) throw new CodingInputError('input', 'expected note text or a FHIR resource object');
  if (value.resourceType === 'DocumentReference') return fromDocumentReference(value, 'DocumentReference');
  if (value.resourceType === 'Bundle') {
    const entries = Array.isArray(value.entry) ? value.entry : [];
    const docs: ParsedNote[] = [];
    entries.forEach((e, i) => {
      const r = isObject(e) ? e.resource : undefined;
      if (isObject(r) && r.resourceType === 'DocumentReference')
        docs.push(fromDocumentReference(r, `Bundle.entry[${i}].resource`));
      if (isObject(r) && r.resourceType === 'Binary' && typeof r.data === 'string') {
        docs.push({ text: Buffer.from(r.data, 'base64').toString('utf8'), format: 'fhir-bundle' });
      }
    });
    if (docs.length === 0)
      throw new CodingInputError('Bundle.entry', 'no DocumentReference or Binary with text');
    const dateOfService = docs.find((d) => d.dateOfService)?.dateOfService;
    return {
      text: docs.map((d) => d.text).join('\n\n'),
      format: 'fhir-bundle',
      ...(dateOfService ? { dateOfService } : {}),
    };
  }
  throw new CodingInputError('resourceType', `unsupported FHIR resource "${String(value.resourceType)}"`);
}

/** Checks the encounter fields; the text is judged by the engine (it may yield an empty result). */
export function validateNoteInput(input: NoteInput): void {
  if (!isObject(input)) throw new CodingInputError('input', 'expected an object');
  if (typeof input.text !== 'string') throw new CodingInputError('text', 'must be a string');
  if (input.setting !== 'outpatient' && input.setting !== 'inpatient') {
    throw new CodingInputError(
      'setting',
      `must be "outpatient" or "inpatient", got "${String(input.setting)}"`,
    );
  }
  if (typeof input.dateOfService !== 'string' || !isIsoDate(input.dateOfService)) {
    throw new CodingInputError(
      'dateOfService',
      `must be a calendar date YYYY-MM-DD, got "${String(input.dateOfService)}"`,
    );
  }
  if (typeof input.age !== 'number' || !Number.isFinite(input.age) || input.age < 0 || input.age > 130) {
    throw new CodingInputError('age', `must be a number of years 0..130, got "${String(input.age)}"`);
  }
  if (input.sex !== 'F' && input.sex !== 'M' && input.sex !== 'U') {
    throw new CodingInputError('sex', `must be F, M or U, got "${String(input.sex)}"`);
  }
}
