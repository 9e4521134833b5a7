import type { Insertable, Kysely } from 'kysely';
import { bulkInsert } from '../../store/bulk-insert.js';
import type {
  Database,
  Icd10cmCodeTable,
  Icd10cmNoteOwner,
  Icd10cmNoteTable,
  Icd10cmSeventhTable,
} from '../../store/schema.js';
import { deriveBillableCodes } from './billable.js';
import type { Notes, SevenChrDef, TabularList } from './tabular-model.js';

/**
 * Note kind under which the notes inside a `<sevenChrDef>` are stored, as "<char>: <text>"
 * (e.g. "B: initial encounter for open fracture NOS"); the seventh-character table has no
 * column for them.
 */
export const SEVEN_CHR_DEF_NOTE = 'sevenChrDef';

/**
 * Writes a parsed Tabular List into the release's tables: chapters, sections, every tabular
 * code plus the 7th-character expansions derived from it (source 'derived'), the notes of
 * every chapter, section and code, and the 7th-character definitions. `billable_derived` marks
 * each code valid for submission by `deriveBillableCodes`. Codes get one `seq` in the merged
 * order (each expansion right after its base code), which is the order file's order.
 * Runs on the handle it is given — the caller's transaction — and returns row counts.
 */
export async function writeTabular(
  db: Kysely<Database>,
  releaseId: number,
  tabular: TabularList,
): Promise<Record<string, number>> {
  const chapters = tabular.chapters.map((c) => ({
    release_id: releaseId,
    num: c.num,
    title: c.title,
    first_code: c.firstCode ?? null,
    last_code: c.lastCode ?? null,
  }));
  const sections = tabular.sections.map((s) => ({
    release_id: releaseId,
    id: s.id,
    chapter_num: s.chapterNum,
    seq: s.seq,
    title: s.title,
  }));

  const derived = deriveBillableCodes(tabular);
  const expansions = new Map<string, typeof derived>();
  const billable = new Set<string>();
  for (const d of derived) {
    if (d.source === 'tabular') {
      billable.add(d.code);
      continue;
    }
    const list = expansions.get(d.base);
    if (list) list.push(d);
    else expansions.set(d.base, [d]);
  }
  const codes: Insertable<Icd10cmCodeTable>[] = [];
  for (const c of tabular.codes) {
    const base = {
      release_id: releaseId,
      chapter_num: c.chapterNum,
      section_id: c.sectionId,
    };
    codes.push({
      ...base,
      code: c.code,
      parent: c.parent,
      depth: c.depth,
      seq: codes.length,
      title: c.title,
      source: 'tabular',
      billable_derived: billable.has(c.code),
    });
    for (const d of expansions.get(c.code) ?? []) {
      codes.push({
        ...base,
        code: d.code,
        parent: c.code,
        depth: d.code.length - 3, // 7 characters and the dot: one level below the 6th character
        seq: codes.length,
        title: d.title,
        source: 'derived',
        billable_derived: true,
      });
    }
  }

  const notes: Insertable<Icd10cmNoteTable>[] = [];
  const seventh: Insertable<Icd10cmSeventhTable>[] = [];
  const addOwner = (
    type: Icd10cmNoteOwner,
    owner: string,
    node: { notes: Notes; sevenChrDef?: SevenChrDef },
  ) => {
    for (const [kind, texts] of Object.entries(node.notes)) {
      (texts ?? []).forEach((text, seq) => {
        notes.push({ release_id: releaseId, owner_type: type, owner, kind, seq, text });
      });
    }
    if (!node.sevenChrDef) return;
    const defNotes = [
      ...node.sevenChrDef.notes,
      ...node.sevenChrDef.extensions.flatMap((e) => e.notes.map((n) => `${e.char}: ${n}`)),
    ];
    defNotes.forEach((text, seq) => {
      notes.push({ release_id: releaseId, owner_type: type, owner, kind: SEVEN_CHR_DEF_NOTE, seq, text });
    });
    // A definition on a section or chapter (the schema allows it; CMS files so far put them on
    // categories and subcategories) is keyed by the section id or chapter number.
    for (const e of node.sevenChrDef.extensions) {
      seventh.push({ release_id: releaseId, code: owner, char: e.char, meaning: e.meaning });
    }
  };
  for (const c of tabular.chapters) addOwner('chapter', String(c.num), c);
  for (const s of tabular.sections) addOwner('section', s.id, s);
  for (const c of tabular.codes) addOwner('code', c.code, c);

  await bulkInsert(db, 'icd10cm_chapter', chapters);
  await bulkInsert(db, 'icd10cm_section', sections);
  await bulkInsert(db, 'icd10cm_code', codes);
  await bulkInsert(db, 'icd10cm_note', notes);
  await bulkInsert(db, 'icd10cm_seventh', seventh);
  return {
    chapters: chapters.length,
    sections: sections.length,
    codes: codes.length,
    tabularCodes: tabular.codes.length,
    derivedCodes: codes.length - tabular.codes.length,
    billable: derived.length,
    notes: notes.length,
    seventhChars: seventh.length,
  };
}
