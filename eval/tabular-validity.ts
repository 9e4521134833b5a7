import { streamXml } from '../src/codesets/xml-stream.js';
import { dotted } from './code-form.js';

/** What the Tabular List says about one `<diag>`: enough to decide whether a code may be reported. */
export interface TabularEntry {
  title: string;
  /** True when the diag has no child diag (a header category or subcategory is never reportable). */
  leaf: boolean;
  /** 7th characters allowed here, from the nearest sevenChrDef on this diag or an ancestor. */
  seventh: ReadonlyMap<string, string> | undefined;
}

export type TabularIndex = ReadonlyMap<string, TabularEntry>;

export type CodeCheck =
  | { ok: true; code: string; title: string }
  | { ok: false; code: string; reason: string };

interface OpenDiag {
  name: string;
  title: string;
  hasChild: boolean;
  /** Set when this diag itself carries a sevenChrDef; children inherit the nearest one. */
  ownSeventh?: Map<string, string>;
}

/**
 * Reads the Tabular List XML (streamed: the file is ~10 MB) into a map from dotted code to its
 * entry. The 7th-character scope must be resolved while walking, because a sevenChrDef applies
 * to the whole subtree below the diag that carries it, and a deeper one overrides it.
 */
export async function loadTabularIndex(file: string): Promise<TabularIndex> {
  const index = new Map<string, TabularEntry>();
  const stack: OpenDiag[] = [];
  let text = '';
  let extensionChar: string | undefined;
  const top = () => stack[stack.length - 1];
  const inherited = (): Map<string, string> | undefined => {
    for (let i = stack.length - 1; i >= 0; i--) {
      const own = stack[i]?.ownSeventh;
      if (own) return own;
    }
    return undefined;
  };
  await streamXml(file, {
    open(tag, path) {
      text = '';
      if (tag.name === 'diag') {
        const parent = top();
        if (parent) parent.hasChild = true;
        stack.push({ name: '', title: '', hasChild: false });
      } else if (tag.name === 'sevenChrDef' && path[path.length - 2] === 'diag') {
        const diag = top();
        if (diag) diag.ownSeventh = new Map();
      } else if (tag.name === 'extension') {
        extensionChar = tag.attributes.char;
      }
    },
    text(chunk) {
      text += chunk;
    },
    close(name, path) {
      const parentTag = path[path.length - 2];
      const diag = top();
      if (name === 'name' && parentTag === 'diag' && diag) diag.name = text.trim();
      else if (name === 'desc' && parentTag === 'diag' && diag) diag.title = text.trim();
      else if (name === 'extension' && diag?.ownSeventh && extensionChar) {
        diag.ownSeventh.set(extensionChar, text.trim());
        extensionChar = undefined;
      } else if (name === 'diag' && diag) {
        const seventh = inherited();
        stack.pop();
        if (diag.name) index.set(diag.name, { title: diag.title, leaf: !diag.hasChild, seventh });
      }
      text = '';
    },
  });
  if (index.size === 0) throw new Error(`${file} holds no <diag> entries: is it the ICD-10-CM Tabular List?`);
  return index;
}

/**
 * Decides whether a code is reportable under the Tabular List: a leaf diag with no 7th
 * character in scope, or such a leaf padded with placeholder X to six characters plus a 7th
 * character that the applicable sevenChrDef allows.
 */
export function checkCode(index: TabularIndex, raw: string): CodeCheck {
  const code = dotted(raw);
  if (!/^[A-Z][0-9][0-9A-Z](\.[0-9A-Z]{1,4})?$/.test(code)) {
    return { ok: false, code, reason: 'not shaped like an ICD-10-CM code' };
  }
  const entry = index.get(code);
  if (entry) {
    if (!entry.leaf) return { ok: false, code, reason: `header, not billable (${entry.title})` };
    if (entry.seventh) return { ok: false, code, reason: `needs a 7th character (${entry.title})` };
    return { ok: true, code, title: entry.title };
  }
  const bare = code.replace('.', '');
  if (bare.length !== 7) return { ok: false, code, reason: 'not in the Tabular List' };
  const seventh = bare.slice(6);
  // Strip placeholder Xs from the six-character stem to find the leaf it pads.
  let stem = bare.slice(0, 6);
  while (stem.length >= 3) {
    const base = index.get(dotted(stem));
    if (base) return checkSeventh(code, base, seventh);
    if (!stem.endsWith('X')) break;
    stem = stem.slice(0, -1);
  }
  return { ok: false, code, reason: 'not in the Tabular List' };
}

function checkSeventh(code: string, base: TabularEntry, seventh: string): CodeCheck {
  if (!base.leaf) return { ok: false, code, reason: `stem is a header (${base.title})` };
  if (!base.seventh) return { ok: false, code, reason: `stem takes no 7th character (${base.title})` };
  const meaning = base.seventh.get(seventh);
  if (!meaning) {
    return {
      ok: false,
      code,
      reason: `7th character ${seventh} not allowed (allowed: ${[...base.seventh.keys()].join(', ')})`,
    };
  }
  return { ok: true, code, title: `${base.title}, ${meaning}` };
}
