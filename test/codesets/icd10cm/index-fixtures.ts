import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { ImportError } from '../../../src/codesets/errors.js';
import type { IndexFile, IndexTerm } from '../../../src/codesets/icd10cm/index-model.js';

// Helpers shared by the index-*.test.ts files: hand-written fixture files and a path walker.

let dir: string | undefined;

/** Writes a small hand-written fixture to a temporary folder and returns its path. */
export function fixture(name: string, content: string): string {
  dir ??= mkdtempSync(join(tmpdir(), 'medcoder-index-'));
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

/** An index document around the given letters (and optional headings), as the CDC files lay it out. */
export function indexXml(
  body: string,
  head = '  <version>2025</version>\n  <title>ICD-10-CM INDEX TO DISEASES and INJURIES</title>\n',
): string {
  return `<?xml version="1.0" encoding="utf-8"?>\n<ICD10CM.index>\n${head}${body}</ICD10CM.index>\n`;
}

/**
 * Follows a path of titles from a main term down its subterms, as a coder reads the book:
 * `walk(file, 'Diabetes, diabetic', 'type 2', 'with')`. Fails the test naming the missing step.
 */
export function walk(file: IndexFile, ...titles: string[]): IndexTerm {
  const children = childrenOf(file);
  let candidates = children.get(null) ?? [];
  let found: IndexTerm | undefined;
  for (const title of titles) {
    found = candidates.find((t) => t.title === title);
    if (!found) throw new Error(`no term "${title}" in path ${titles.join(' → ')}`);
    candidates = children.get(found.id) ?? [];
  }
  return found as IndexTerm;
}

const childIndexes = new WeakMap<IndexFile, Map<number | null, IndexTerm[]>>();

function childrenOf(file: IndexFile): Map<number | null, IndexTerm[]> {
  let map = childIndexes.get(file);
  if (!map) {
    map = new Map();
    for (const t of file.terms) {
      const list = map.get(t.parentId);
      if (list) list.push(t);
      else map.set(t.parentId, [t]);
    }
    childIndexes.set(file, map);
  }
  return map;
}

/** Asserts the promise rejects with an ImportError for `file` at `line` whose reason matches. */
export async function expectImportError(
  promise: Promise<unknown>,
  file: string,
  line: number | undefined,
  reason: RegExp,
): Promise<ImportError> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ImportError);
  const e = err as ImportError;
  expect(e.reason).toMatch(reason);
  expect(e.file).toBe(file);
  expect(e.line).toBe(line);
  return e;
}
