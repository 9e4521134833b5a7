import { NOTE_KINDS } from '../codesets/icd10cm/tabular-model.js';
import type { CodeNode, CodeSet } from './code-set.js';
import type { EffectiveNote, NoteKind, NoteOwner } from './types.js';

export interface NoteRow {
  owner_type: NoteOwner['type'];
  owner: string;
  kind: string;
  seq: number;
  text: string;
}

// Kinds in the order the Tabular prints them (the importer's list is the source of truth).
const KIND_ORDER: readonly NoteKind[] = NOTE_KINDS;

export interface OwnNote {
  kind: NoteKind;
  text: string;
}

/** Notes by owner (`code:E11.65`, `section:E08-E13`, `chapter:4`), kinds in Tabular order. */
export class NoteBook {
  private readonly byOwner: ReadonlyMap<string, readonly OwnNote[]>;

  constructor(rows: readonly NoteRow[]) {
    const known = new Set<string>(KIND_ORDER);
    const sorted = rows
      .filter((r) => known.has(r.kind))
      .sort(
        (a, b) =>
          KIND_ORDER.indexOf(a.kind as NoteKind) - KIND_ORDER.indexOf(b.kind as NoteKind) || a.seq - b.seq,
      );
    const byOwner = new Map<string, OwnNote[]>();
    for (const r of sorted) {
      const key = `${r.owner_type}:${r.owner}`;
      const note = { kind: r.kind as NoteKind, text: r.text };
      const list = byOwner.get(key);
      if (list) list.push(note);
      else byOwner.set(key, [note]);
    }
    this.byOwner = byOwner;
  }

  own(owner: NoteOwner): readonly OwnNote[] {
    return this.byOwner.get(`${owner.type}:${owner.id}`) ?? [];
  }

  /** Every (owner, note) pair, for building the search index over inclusion terms. */
  *entries(): IterableIterator<[string, readonly OwnNote[]]> {
    yield* this.byOwner;
  }

  /**
   * Notes in effect for a code: its own, then each ancestor's from the nearest up, then the
   * section's and the chapter's — the Tabular convention that a note applies to everything below
   * the node carrying it.
   */
  effective(codes: CodeSet, node: CodeNode): EffectiveNote[] {
    const owners: NoteOwner[] = [{ type: 'code', id: node.code }];
    for (const a of codes.ancestors(node).reverse()) owners.push({ type: 'code', id: a.code });
    owners.push({ type: 'section', id: node.sectionId }, { type: 'chapter', id: String(node.chapterNum) });
    const out: EffectiveNote[] = [];
    owners.forEach((from, i) => {
      for (const n of this.own(from)) out.push({ kind: n.kind, text: n.text, from, inherited: i > 0 });
    });
    return out;
  }
}
