/**
 * Names of the first three characters (section, body system, root operation or type) read from
 * the order file's table headers. A header's long title is "[Section, ]Body System, Operation":
 * "Imaging, Heart, Fluoroscopy", "Gastrointestinal System, Resection" (the Medical and Surgical
 * headers leave the section out). Body-system and operation names may hold commas themselves
 * ("Anatomical Regions, General", "Axial Skeleton, Except Skull and Facial Bones"), so the split
 * is found by comparison, not by counting commas: every header of one section starts with the
 * section's name; every header of one body system starts with its name; every header with one
 * operation character in a section ends with that operation's name.
 */
import { ImportError } from '../errors.js';
import { noneLabel, PCS_SECTIONS } from './sections.js';

export interface PcsHeader {
  table: string;
  title: string;
  line: number;
}

export interface PcsTableNames {
  section: string;
  bodySystem: string;
  operation: string;
  /** Where the section's name came from: the headers, or the reference table (section 0). */
  sectionFrom: 'header' | 'reference';
}

const SEP = ', ';

function groupBy<K, V>(items: readonly V[], key: (v: V) => K): Map<K, V[]> {
  const out = new Map<K, V[]>();
  for (const v of items) out.set(key(v), [...(out.get(key(v)) ?? []), v]);
  return out;
}

function commonPrefix(lists: readonly string[][]): number {
  let n = 0;
  for (;;) {
    const first = lists[0]?.[n];
    if (first === undefined || !lists.every((l) => l[n] === first)) return n;
    n++;
  }
}

const commonSuffix = (lists: readonly string[][]) => commonPrefix(lists.map((l) => [...l].reverse()));

/** Section, body-system and operation names of every table, by table code; throws on an unsplittable header. */
export function tableNames(headers: readonly PcsHeader[], file: string): Map<string, PcsTableNames> {
  const parts = new Map<string, string[]>();
  const sectionName = new Map<string, string>();
  for (const [section, group] of groupBy(headers, (h) => h.table[0]!)) {
    const segs = group.map((h) => h.title.split(SEP));
    const first = segs[0]![0]!;
    // The headers name the section when they all start with the same segment (the Medical and
    // Surgical headers start with their body systems instead), or, for a one-table section
    // ("Osteopathic, Anatomical Regions, Treatment"), when that segment is the section's name.
    const named =
      segs.every((s) => s.length >= 2 && s[0] === first) &&
      (group.length > 1 || first === PCS_SECTIONS[section]?.name);
    if (named) sectionName.set(section, first);
    group.forEach((h, i) => {
      parts.set(h.table, named ? segs[i]!.slice(1) : segs[i]!);
    });
  }
  const rest = (h: PcsHeader) => parts.get(h.table)!;
  const bodySystemLen = new Map<string, number>();
  for (const [key, group] of groupBy(headers, (h) => h.table.slice(0, 2))) {
    if (group.length > 1) bodySystemLen.set(key, commonPrefix(group.map(rest)));
  }
  const operationLen = new Map<string, number>();
  for (const [key, group] of groupBy(headers, (h) => h.table[0]! + h.table[2]!)) {
    if (group.length > 1) operationLen.set(key, commonSuffix(group.map(rest)));
  }
  const out = new Map<string, PcsTableNames>();
  for (const h of headers) {
    const segs = rest(h);
    const section = h.table[0]!;
    if (segs.length === 1) {
      // One name for two characters: the other is Z, which these headers leave out ("Mental
      // Health, Psychological Tests" has body system Z, "New Technology, Nervous System" has
      // operation Z).
      const missing = h.table[1] === 'Z' ? 2 : h.table[2] === 'Z' ? 3 : undefined;
      if (missing === undefined) throw unsplittable(file, h);
      out.set(h.table, {
        ...sectionOf(section, sectionName, file, h),
        bodySystem: missing === 2 ? noneLabel(section, 2) : segs[0]!,
        operation: missing === 3 ? noneLabel(section, 3) : segs[0]!,
      });
      continue;
    }
    const byBody = bodySystemLen.get(h.table.slice(0, 2));
    const byOp = operationLen.get(h.table[0]! + h.table[2]!);
    // Each side names at most all but one segment; the other side takes the remainder.
    const bodyLen = Math.min(byBody ?? segs.length - Math.min(byOp ?? 1, segs.length - 1), segs.length - 1);
    const opLen = segs.length - bodyLen;
    if (bodyLen < 1 || opLen < 1 || (byOp !== undefined && byBody !== undefined && byOp < opLen)) {
      throw unsplittable(file, h);
    }
    out.set(h.table, {
      ...sectionOf(section, sectionName, file, h),
      bodySystem: segs.slice(0, bodyLen).join(SEP),
      operation: segs.slice(bodyLen).join(SEP),
    });
  }
  return out;
}

function unsplittable(file: string, h: PcsHeader): ImportError {
  return new ImportError(
    file,
    h.line,
    `table header "${h.title}" cannot be split into body system and operation consistently with the other headers`,
  );
}

function sectionOf(
  section: string,
  fromHeaders: ReadonlyMap<string, string>,
  file: string,
  h: PcsHeader,
): Pick<PcsTableNames, 'section' | 'sectionFrom'> {
  const named = fromHeaders.get(section);
  if (named) return { section: named, sectionFrom: 'header' };
  const reference = PCS_SECTIONS[section]?.name;
  if (!reference) {
    throw new ImportError(
      file,
      h.line,
      `section ${section} is not named by its headers nor known to medcoder`,
    );
  }
  return { section: reference, sectionFrom: 'reference' };
}
