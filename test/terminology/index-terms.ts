import { IndexTerm } from '../../src/terminology/alphabetic-index.js';

/** A hand-made Index term: a main term when it has no parent, else a first-level subterm. */
export function term(
  id: number,
  parentId: number | null,
  title: string,
  code: string | null = null,
): IndexTerm {
  return new IndexTerm(
    id,
    parentId,
    parentId === null ? 0 : 1,
    title,
    null,
    code,
    null,
    null,
    null,
    null,
    null,
  );
}
