import type { SevenChrDef, SeventhCharacter, TabularCode, TabularList } from './tabular-model.js';

/** A code valid for submission, as derived from the Tabular List alone. */
export interface DerivedCode {
  /** With the dot: "S72.001A". */
  code: string;
  /**
   * The tabular code it comes from: itself for a leaf code, the 6-character (or shorter) code
   * a 7th character was added to otherwise.
   */
  base: string;
  /** 'tabular' when the tabular lists the code itself; 'derived' for a 7th-character expansion. */
  source: 'tabular' | 'derived';
  /** The 7th character added, for a derived code. */
  seventh?: string;
  /** In the CMS order file's long-title style: "<base title>, <7th-character meaning>". */
  title: string;
}

/** Which 7th characters a note forbids for which codes of its subtree. */
interface SeventhRestriction {
  /** The category or subcategory the note names, without the dot ("S06"). */
  scope: string;
  /** 1-based character position the condition tests (6 for "with 6th character 7"). */
  position: number;
  /** Values at that position the restriction applies to. */
  values: ReadonlySet<string>;
  /** 7th characters that do not apply to such codes. */
  chars: ReadonlySet<string>;
}

/**
 * The codes of a release that are valid for submission, derived from its Tabular List — for
 * releases whose order file is not at hand. A code is valid when it has no subcodes; a code in
 * the subtree of a `sevenChrDef` (on itself, an ancestor, its section or chapter) is valid only
 * with a 7th character, padded with placeholder X to 6 characters first (S02.0 → S02.0XXA,
 * T07 → T07.XXXA). The tabular's own restrictions, written as notes ("7th characters D and S do
 * not apply to codes in category S06 with 6th character 7 … or 8 …"), are read from the note
 * text and applied. Result is in tabular order, each code's 7th characters in definition order.
 */
export function deriveBillableCodes(tabular: TabularList): DerivedCode[] {
  const byCode = new Map(tabular.codes.map((c) => [c.code, c]));
  const sectionDefs = new Map(tabular.sections.map((s) => [s.id, s.sevenChrDef]));
  const chapterDefs = new Map(tabular.chapters.map((c) => [c.num, c.sevenChrDef]));
  const restrictions = collectRestrictions(tabular);
  const out: DerivedCode[] = [];
  for (const code of tabular.codes) {
    if (code.hasChildren) continue;
    const def =
      inheritedDef(code, byCode) ?? sectionDefs.get(code.sectionId) ?? chapterDefs.get(code.chapterNum);
    const bare = code.code.replace('.', '');
    // A 7-character code already carries its 7th character (H54.511A lies under no definition,
    // but if one did, its last character is the 7th).
    if (!def || def.extensions.length === 0 || bare.length >= 7) {
      out.push({ code: code.code, base: code.code, source: 'tabular', title: code.title });
      continue;
    }
    const padded = bare.padEnd(6, 'X');
    for (const ext of def.extensions) {
      if (isRestricted(padded, ext, restrictions)) continue;
      out.push({
        code: `${padded.slice(0, 3)}.${padded.slice(3)}${ext.char}`,
        base: code.code,
        source: 'derived',
        seventh: ext.char,
        title: `${code.title}, ${ext.meaning}`,
      });
    }
  }
  return out;
}

/** The nearest `sevenChrDef` on the code or its ancestors within the tabular. */
function inheritedDef(code: TabularCode, byCode: ReadonlyMap<string, TabularCode>): SevenChrDef | undefined {
  for (let c: TabularCode | undefined = code; c; c = c.parent ? byCode.get(c.parent) : undefined) {
    if (c.sevenChrDef) return c.sevenChrDef;
  }
  return undefined;
}

function isRestricted(
  padded: string,
  ext: SeventhCharacter,
  restrictions: readonly SeventhRestriction[],
): boolean {
  return restrictions.some(
    (r) => r.chars.has(ext.char) && padded.startsWith(r.scope) && r.values.has(padded.charAt(r.position - 1)),
  );
}

// "7th characters D and S do not apply to codes in category S06 with 6th character 7 - death
// due to …, or 8 - death due to …". The wording names the characters, the scope and the
// position; the values are the "<char> - " items after the position.
const RESTRICTION =
  /7th characters? ((?:[A-Z0-9](?:, | and | or |,? and |,? or )?)+) (?:do|does) not apply to (?:codes|code) (?:in|from) (?:category|subcategory|categories|subcategories) ([A-Z][0-9][0-9A-Z](?:\.?[0-9A-Z]{1,3})?) with (\d)(?:st|nd|rd|th) characters? (.*)$/i;

/** Reads every 7th-character restriction the tabular states in its notes, wherever they sit. */
export function collectRestrictions(tabular: TabularList): SeventhRestriction[] {
  const out: SeventhRestriction[] = [];
  const nodes = [...tabular.chapters, ...tabular.sections, ...tabular.codes];
  for (const node of nodes) {
    for (const list of Object.values(node.notes)) {
      for (const note of list ?? []) {
        const r = parseRestriction(note);
        if (r) out.push(r);
      }
    }
  }
  return out;
}

/** Parses one note as a 7th-character restriction, or returns undefined when it is not one. */
export function parseRestriction(note: string): SeventhRestriction | undefined {
  const m = RESTRICTION.exec(note);
  if (!m) return undefined;
  const [, charList = '', scope = '', position = '', tail = ''] = m;
  const chars = new Set(charList.match(/\b[A-Z0-9]\b/g) ?? []);
  // Values: "7 - death …, or 8 - death …" or a plain list "7 or 8".
  const values = new Set(
    [
      ...tail.matchAll(
        /(?:^|,\s*(?:or\s+|and\s+)?|\s(?:or|and)\s+)([A-Z0-9])(?=\s*(?:-|,|$|\s(?:or|and)\s|\.))/gi,
      ),
    ].map((v) => (v[1] ?? '').toUpperCase()),
  );
  if (chars.size === 0 || values.size === 0) return undefined;
  return { scope: scope.replace('.', ''), position: Number(position), values, chars };
}
