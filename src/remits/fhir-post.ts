import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import type { Kysely } from 'kysely';
import type { Database } from '../store/schema.js';
import { eobToRemittance, FhirImportError } from './fhir-eob.js';
import { type PostReport, postRemittances } from './posting-store.js';

/**
 * Posts FHIR ExplanationOfBenefit resources (one resource, or a Bundle of them) through the
 * same one-transaction path as an 835: every EOB is read and checked before anything is
 * written, and the JSON's sha256 makes a second import change nothing.
 */
export async function postEobJson(
  db: Kysely<Database>,
  text: string,
  by: string,
  fileName?: string,
): Promise<PostReport> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new FhirImportError(fileName ?? '(input)', `not JSON: ${(e as Error).message}`);
  }
  const resource = json as { resourceType?: unknown; entry?: unknown };
  const eobs =
    resource?.resourceType === 'Bundle'
      ? (Array.isArray(resource.entry) ? resource.entry : []).map(
          (e) => (e as { resource?: unknown })?.resource,
        )
      : [json];
  const remits = eobs.map((eob, i) => {
    try {
      return eobToRemittance(eob);
    } catch (e) {
      if (e instanceof FhirImportError && eobs.length > 1)
        throw new FhirImportError(`entry[${i}].resource.${e.path}`, e.reason);
      throw e;
    }
  });
  const sha256 = createHash('sha256').update(text).digest('hex');
  return postRemittances(db, { sha256, format: 'fhir-eob', ...(fileName ? { fileName } : {}) }, remits, by);
}

/** Reads and posts an ExplanationOfBenefit (or Bundle) JSON file. */
export async function postEobFile(db: Kysely<Database>, path: string, by: string): Promise<PostReport> {
  return postEobJson(db, await readFile(path, 'utf8'), by, basename(path));
}
