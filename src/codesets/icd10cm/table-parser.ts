import type { IndexFile } from './index-model.js';
import { parseIndexDocument } from './index-parser.js';

/**
 * Parses the Table of Drugs and Chemicals (`drug`) or the Neoplasm Table (`neoplasm`). The
 * tables share the indexes' schema, so the one parser (parseIndexDocument) reads both; for a
 * table it also requires column headings, a heading for column 1 (the term column) and headings
 * that name this table, every `cell` in a declared column 2..n once per term, and it drops the
 * `--`/`-` "no code" cells. Errors are ImportErrors with file:line:column.
 */
export async function parseTable(
  file: string,
  kind: 'drug' | 'neoplasm',
  onProgress?: (bytesRead: number) => void,
): Promise<IndexFile> {
  return parseIndexDocument(file, kind, onProgress);
}
