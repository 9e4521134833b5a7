import { basename } from 'node:path';
import type { SaxesTagPlain } from 'saxes';
import { CATEGORY_PATTERN } from '../../terminology/code-format.js';
import { ImportError } from '../errors.js';
import { streamXml, XmlContentError } from '../xml-stream.js';
import {
  NOTE_KINDS,
  type NoteKind,
  type Notes,
  type SevenChrDef,
  type TabularChapter,
  type TabularCode,
  type TabularIntroSection,
  type TabularList,
  type TabularSection,
} from './tabular-model.js';

/** A code as the tabular writes it: category of 3, then a dot and up to 4 more characters. */
const CODE_PATTERN = new RegExp(`^${CATEGORY_PATTERN}(?:\\.[0-9A-Z]{1,4})?$`);

const NOTE_KIND_SET: ReadonlySet<string> = new Set(NOTE_KINDS);

/**
 * Inline markup the addenda use inside text (`<new>`, `<old>`, `<unc>`, `<diff>`); `old` is
 * text the addendum deletes, so it is not part of the current wording.
 */
const INLINE = new Set(['new', 'old', 'unc', 'diff']);

type Owner =
  | { type: 'chapter'; chapter: Partial<TabularChapter> & { notes: Notes } }
  | { type: 'section'; section: TabularSection }
  | { type: 'diag'; code: TabularCode | undefined; pending: PendingDiag };

/** Where a `<diag>` sits, known when it opens; its code is known once `<name>` closes. */
interface PendingDiag {
  section: TabularSection;
  parent: TabularCode | null;
  placeholder: boolean;
}

/** What an open element is, so its children and text go to the right place. */
type Frame =
  | { kind: 'root' | 'introduction' | 'instruction' | 'skip' }
  | { kind: 'introSection'; intro: TabularIntroSection }
  | { kind: 'owner'; owner: Owner }
  | { kind: 'noteGroup'; owner: Owner; noteKind: NoteKind }
  | { kind: 'sevenChrDef'; def: SevenChrDef }
  | { kind: 'text'; name: string; text: string; char?: string }
  | { kind: 'inline'; dropped: boolean };

/**
 * Parses an ICD-10-CM Tabular List XML file (`icd10cm_tabular_YYYY.xml`) in one streaming
 * pass. Structure is checked as it goes (every `diag` named with a well-formed code nested under
 * its parent code inside a section, no unknown elements) so a damaged or foreign file fails
 * with an ImportError at the offending line and column instead of producing a partial tree.
 */
export async function parseTabular(
  file: string,
  onProgress?: (bytesRead: number) => void,
): Promise<TabularList> {
  const builder = new TabularBuilder();
  await streamXml(
    file,
    {
      open: (tag) => builder.open(tag),
      text: (text) => builder.text(text),
      close: () => builder.close(),
    },
    onProgress,
  );
  return builder.result(file);
}

class TabularBuilder {
  private readonly frames: Frame[] = [];
  private version: string | undefined;
  private readonly introduction: TabularIntroSection[] = [];
  private readonly chapters: TabularChapter[] = [];
  private readonly sections: TabularSection[] = [];
  private readonly codes: TabularCode[] = [];
  private readonly byCode = new Map<string, TabularCode>();
  private readonly sectionIds = new Set<string>();
  /** The chapter being read (it joins `chapters` when it closes, once its name and title are checked). */
  private chapter: (Partial<TabularChapter> & { notes: Notes }) | undefined;

  open(tag: SaxesTagPlain): void {
    const name = tag.name;
    const parent = this.frames[this.frames.length - 1];
    if (!parent) {
      if (name !== 'ICD10CM.tabular') {
        throw new XmlContentError(`not an ICD-10-CM Tabular List: the root element is <${name}>`);
      }
      this.frames.push({ kind: 'root' });
      return;
    }
    this.frames.push(this.childFrame(parent, name, tag));
  }

  private childFrame(parent: Frame, name: string, tag: SaxesTagPlain): Frame {
    switch (parent.kind) {
      case 'skip':
        return parent;
      case 'text':
        if (INLINE.has(name)) return { kind: 'inline', dropped: name === 'old' };
        break;
      case 'inline':
        if (INLINE.has(name)) return { kind: 'inline', dropped: parent.dropped || name === 'old' };
        break;
      case 'root':
        if (name === 'version' || name === 'title') return textFrame(name);
        if (name === 'introduction') return { kind: 'introduction' };
        if (name === 'chapter') {
          const chapter: Partial<TabularChapter> & { notes: Notes } = { notes: {} };
          this.chapter = chapter;
          return { kind: 'owner', owner: { type: 'chapter', chapter } };
        }
        break;
      case 'introduction':
        if (name === 'introSection') {
          const intro: TabularIntroSection = { type: tag.attributes.type ?? '', title: '', notes: [] };
          this.introduction.push(intro);
          return { kind: 'introSection', intro };
        }
        break;
      case 'introSection':
        if (name === 'title') return textFrame(name);
        if (name === 'instruction') return { kind: 'instruction' };
        break;
      case 'instruction':
      case 'noteGroup':
        if (name === 'note') return textFrame(name);
        break;
      case 'sevenChrDef':
        if (name === 'note') return textFrame(name);
        if (name === 'extension') {
          const char = tag.attributes.char?.trim() ?? '';
          if (!/^[A-Z0-9]$/.test(char)) {
            throw new XmlContentError(`<extension> char "${clip(char)}" is not a single letter or digit`);
          }
          return { kind: 'text', name, text: '', char };
        }
        break;
      case 'owner':
        return this.ownerChild(parent.owner, name, tag);
    }
    throw new XmlContentError(`unexpected <${name}> inside <${this.openName(parent)}>`);
  }

  /** Children of a chapter, section or diag: its name and title, notes, 7th characters, nested nodes. */
  private ownerChild(owner: Owner, name: string, tag: SaxesTagPlain): Frame {
    if (owner.type === 'diag' && owner.code === undefined && name !== 'name') {
      throw new XmlContentError(`<diag> has no <name>: found <${name}> where the code should be`);
    }
    if (owner.type === 'chapter' && owner.chapter.num === undefined && name !== 'name') {
      throw new XmlContentError(`<chapter> has no <name> (chapter number) before <${name}>`);
    }
    if (name === 'name' || name === 'desc') return textFrame(name);
    if (NOTE_KIND_SET.has(name)) return { kind: 'noteGroup', owner, noteKind: name as NoteKind };
    if (name === 'sevenChrDef') {
      const target = ownerNode(owner);
      if (target.sevenChrDef) throw new XmlContentError(`${describe(owner)} has more than one <sevenChrDef>`);
      const def: SevenChrDef = { extensions: [], notes: [] };
      target.sevenChrDef = def;
      return { kind: 'sevenChrDef', def };
    }
    switch (owner.type) {
      case 'chapter':
        if (name === 'sectionIndex') return { kind: 'skip' }; // a table of contents of the sections that follow
        if (name === 'section') return this.openSection(owner.chapter, tag);
        break;
      case 'section':
        if (name === 'diag')
          return diagFrame({ section: owner.section, parent: null, placeholder: isPlaceholder(tag) });
        if (name === 'deactivated') return { kind: 'skip' }; // addenda only: codes removed from the section
        break;
      case 'diag':
        if (name === 'diag' && owner.code) {
          owner.code.hasChildren = true;
          return diagFrame({
            section: owner.pending.section,
            parent: owner.code,
            placeholder: isPlaceholder(tag),
          });
        }
        // The H54 visual impairment category table: presentation, not codes or notes.
        if (name === 'visualImpairment') return { kind: 'skip' };
        break;
    }
    if (name === 'diag') throw new XmlContentError(`<diag> outside a section (inside ${describe(owner)})`);
    throw new XmlContentError(`unexpected <${name}> inside ${describe(owner)}`);
  }

  private openSection(chapter: Partial<TabularChapter>, tag: SaxesTagPlain): Frame {
    const id = tag.attributes.id?.trim();
    if (!id) throw new XmlContentError(`<section> without an id attribute in chapter ${chapter.num}`);
    if (this.sectionIds.has(id)) throw new XmlContentError(`section ${id} appears twice`);
    this.sectionIds.add(id);
    const section: TabularSection = {
      id,
      chapterNum: chapter.num as number,
      seq: this.sections.length,
      title: '',
      notes: {},
    };
    this.sections.push(section);
    return { kind: 'owner', owner: { type: 'section', section } };
  }

  text(text: string): void {
    const frame = this.frames[this.frames.length - 1];
    if (!frame) return;
    if (frame.kind === 'text') {
      frame.text += text;
      return;
    }
    if (frame.kind === 'inline') {
      const holder = this.textHolder();
      if (holder && !frame.dropped) holder.text += text;
      return;
    }
    if (frame.kind === 'skip' || text.trim() === '') return;
    throw new XmlContentError(`unexpected text "${clip(text.trim())}" inside <${this.openName(frame)}>`);
  }

  private textHolder(): Extract<Frame, { kind: 'text' }> | undefined {
    for (let i = this.frames.length - 1; i >= 0; i--) {
      const f = this.frames[i];
      if (f?.kind === 'text') return f;
    }
    return undefined;
  }

  close(): void {
    const frame = this.frames.pop();
    if (!frame) return;
    if (frame.kind === 'text') {
      this.closeText(frame, normalize(frame.text));
    } else if (frame.kind === 'owner') {
      this.closeOwner(frame.owner);
    } else if (frame.kind === 'root') {
      this.finish();
    }
  }

  private closeText(frame: Extract<Frame, { kind: 'text' }>, text: string): void {
    const name = frame.name;
    const parent = this.frames[this.frames.length - 1];
    if (!parent) return;
    switch (parent.kind) {
      case 'root':
        if (name === 'version') this.version = text;
        return;
      case 'introSection':
        parent.intro.title = text;
        return;
      case 'instruction': {
        const intro = this.frames[this.frames.length - 2];
        if (intro?.kind === 'introSection') intro.intro.notes.push(text);
        return;
      }
      case 'noteGroup': {
        if (!text)
          throw new XmlContentError(`empty <note> in <${parent.noteKind}> of ${describe(parent.owner)}`);
        const notes = ownerNode(parent.owner).notes;
        const list = notes[parent.noteKind];
        if (list) list.push(text);
        else notes[parent.noteKind] = [text];
        return;
      }
      case 'sevenChrDef':
        this.closeSevenChr(parent.def, frame.char, text);
        return;
      case 'owner':
        this.closeOwnerText(parent.owner, name, text);
        return;
    }
  }

  private closeSevenChr(def: SevenChrDef, char: string | undefined, text: string): void {
    if (char === undefined) {
      const last = def.extensions[def.extensions.length - 1];
      (last ? last.notes : def.notes).push(text);
      return;
    }
    if (!text) throw new XmlContentError(`<extension char="${char}"> has no meaning text`);
    if (def.extensions.some((e) => e.char === char)) {
      throw new XmlContentError(`7th character ${char} is defined twice in one <sevenChrDef>`);
    }
    def.extensions.push({ char, meaning: text, notes: [] });
  }

  private closeOwnerText(owner: Owner, name: string, text: string): void {
    if (owner.type === 'chapter') {
      if (name === 'name') {
        const num = Number(text);
        if (!/^\d{1,2}$/.test(text) || num < 1)
          throw new XmlContentError(`chapter number "${clip(text)}" is not 1–99`);
        if (this.chapters.some((c) => c.num === num))
          throw new XmlContentError(`chapter ${num} appears twice`);
        owner.chapter.num = num;
      } else {
        owner.chapter.title = text;
      }
      return;
    }
    if (owner.type === 'section') {
      if (name === 'desc') owner.section.title = text;
      return; // a section's optional <name> repeats its id attribute
    }
    if (name === 'name') {
      if (owner.code) throw new XmlContentError(`diag ${owner.code.code} has a second <name>`);
      owner.code = this.createCode(text, owner.pending);
      return;
    }
    if (!owner.code) throw new XmlContentError('<diag> has no <name>');
    if (owner.code.title) throw new XmlContentError(`diag ${owner.code.code} has a second <desc>`);
    if (!text) throw new XmlContentError(`diag ${owner.code.code} has an empty <desc>`);
    owner.code.title = text;
  }

  private createCode(code: string, pending: PendingDiag): TabularCode {
    if (!CODE_PATTERN.test(code)) throw new XmlContentError(`"${clip(code)}" is not an ICD-10-CM code`);
    if (this.byCode.has(code)) throw new XmlContentError(`code ${code} appears twice`);
    const { section, parent } = pending;
    const bare = code.replace('.', '');
    if (parent) {
      const parentBare = parent.code.replace('.', '');
      // One character longer, in the same category. Not a strict prefix: CMS's own FY2021 file
      // nests H54.512A under H54.511, and the order file lists it as a valid code all the same.
      if (bare.length !== parentBare.length + 1 || !bare.startsWith(parentBare.slice(0, 3))) {
        throw new XmlContentError(`code ${code} is nested under ${parent.code}, which is not its parent`);
      }
    } else if (bare.length !== 3) {
      throw new XmlContentError(
        `code ${code} is directly under section ${section.id} but is not a 3-character category`,
      );
    }
    const entry: TabularCode = {
      code,
      parent: parent?.code ?? null,
      chapterNum: section.chapterNum,
      sectionId: section.id,
      depth: bare.length - 2,
      seq: this.codes.length,
      title: '',
      notes: {},
      placeholder: pending.placeholder,
      hasChildren: false,
    };
    this.codes.push(entry);
    this.byCode.set(code, entry);
    if (!parent && this.chapter) {
      this.chapter.firstCode ??= code;
      this.chapter.lastCode = code;
    }
    return entry;
  }

  private closeOwner(owner: Owner): void {
    if (owner.type === 'diag') {
      if (!owner.code) throw new XmlContentError('<diag> without <name>');
      if (!owner.code.title) throw new XmlContentError(`diag ${owner.code.code} has no <desc>`);
      return;
    }
    if (owner.type === 'section') {
      if (!owner.section.title) throw new XmlContentError(`section ${owner.section.id} has no <desc>`);
      return;
    }
    const { num, title } = owner.chapter;
    if (num === undefined) throw new XmlContentError('<chapter> without <name>');
    if (!title) throw new XmlContentError(`chapter ${num} has no <desc>`);
    this.chapters.push({ ...owner.chapter, num, title });
  }

  private openName(frame: Frame): string {
    switch (frame.kind) {
      case 'owner':
        return frame.owner.type;
      case 'noteGroup':
        return frame.noteKind;
      case 'text':
        return frame.name;
      case 'root':
        return 'ICD10CM.tabular';
      default:
        return frame.kind;
    }
  }

  /** Checks the whole document once its root closes, so a failure still has a position. */
  private finish(): void {
    if (this.version === undefined) throw new XmlContentError('no <version>: cannot tell the release year');
    const year = /\b(\d{4})\b/.exec(this.version);
    if (!year) throw new XmlContentError(`<version>${clip(this.version)}</version> names no year`);
    if (this.chapters.length === 0) throw new XmlContentError('the tabular has no chapters');
    this.list = {
      version: this.version,
      fiscalYear: Number(year[1]),
      introduction: this.introduction,
      chapters: this.chapters,
      sections: this.sections,
      codes: this.codes,
    };
  }

  private list: TabularList | undefined;

  /** The parsed list; streamXml has already rejected a document that ended early. */
  result(file: string): TabularList {
    if (!this.list)
      throw new ImportError(basename(file), undefined, 'the document ended before </ICD10CM.tabular>');
    return this.list;
  }
}

function textFrame(name: string): Frame {
  return { kind: 'text', name, text: '' };
}

function diagFrame(pending: PendingDiag): Frame {
  return { kind: 'owner', owner: { type: 'diag', code: undefined, pending } };
}

function isPlaceholder(tag: SaxesTagPlain): boolean {
  return tag.attributes.placeholder === 'true';
}

function ownerNode(owner: Owner): { notes: Notes; sevenChrDef?: SevenChrDef } {
  if (owner.type === 'chapter') return owner.chapter;
  if (owner.type === 'section') return owner.section;
  if (!owner.code) throw new XmlContentError('<diag> has no <name>');
  return owner.code;
}

function describe(owner: Owner): string {
  if (owner.type === 'chapter') return `chapter ${owner.chapter.num ?? '(unnamed)'}`;
  if (owner.type === 'section') return `section ${owner.section.id}`;
  return owner.code ? `diag ${owner.code.code}` : '<diag>';
}

/** Collapses the XML's indentation and line breaks inside text to single spaces. */
function normalize(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function clip(text: string): string {
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}
