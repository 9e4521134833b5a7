import { basename } from 'node:path';
import { CATEGORY_PATTERN } from '../../terminology/code-format.js';
import { ImportError } from '../errors.js';
import { withDot } from './order-parser.js';
import { forEachLine } from './text-file-lines.js';

/**
 * The CDC's codes addenda (`icd10cm-codes-addenda-2025.txt`): how the list of codes valid for
 * submission changed from the previous fiscal year. Lines are `Add:`, `Delete:`, or a
 * `Revise from:` / `Revise to:` pair, each followed by the code without its dot and its title;
 * a trailer states the list sizes and how many of each change there are, which we check.
 */
export type AddendaAction = 'add' | 'delete' | 'revise';

export interface AddendaRecord {
  action: AddendaAction;
  code: string;
  title: string;
  /** For a revision, the title before it. */
  previousTitle: string | null;
}

const LINE = new RegExp(
  `^(Add|Delete|Revise from|Revise to):\\s+(${CATEGORY_PATTERN}[0-9A-Z]{0,4})\\s+(\\S.*)$`,
);
const TRAILER = /^\s*(\d+)\s+(additions|deletions|revisions)\s*$/;
const TRAILER_OTHER = /^\s*(Codes|\d+ codes in \S+)\s*$/;

export async function parseAddenda(file: string): Promise<AddendaRecord[]> {
  const name = basename(file);
  const records: AddendaRecord[] = [];
  const stated: Partial<Record<string, number>> = {};
  let pendingFrom: { code: string; title: string; lineNo: number } | null = null;
  await forEachLine(file, (line, lineNo) => {
    if (line.trim() === '') return;
    const fail = (reason: string) => new ImportError(name, lineNo, reason, 1);
    const trailer = TRAILER.exec(line);
    if (trailer) {
      stated[trailer[2] as string] = Number(trailer[1]);
      return;
    }
    if (TRAILER_OTHER.test(line)) return;
    const m = LINE.exec(line);
    if (!m)
      throw fail(
        `expected "Add:", "Delete:", "Revise from:" or "Revise to:" and a code, found "${line.slice(0, 40)}"`,
      );
    const [, label, bare, title] = m as unknown as [string, string, string, string];
    const code = withDot(bare);
    if (pendingFrom && label !== 'Revise to') {
      throw fail(`"Revise from: ${pendingFrom.code}" on line ${pendingFrom.lineNo} has no "Revise to:" line`);
    }
    if (label === 'Revise from') {
      pendingFrom = { code, title: title.trim(), lineNo };
    } else if (label === 'Revise to') {
      if (!pendingFrom || pendingFrom.code !== code)
        throw fail(`"Revise to: ${code}" does not follow "Revise from: ${code}"`);
      records.push({ action: 'revise', code, title: title.trim(), previousTitle: pendingFrom.title });
      pendingFrom = null;
    } else {
      records.push({
        action: label === 'Add' ? 'add' : 'delete',
        code,
        title: title.trim(),
        previousTitle: null,
      });
    }
  });
  if (pendingFrom) {
    const from: { code: string; lineNo: number } = pendingFrom;
    throw new ImportError(name, from.lineNo, `"Revise from: ${from.code}" has no "Revise to:" line`, 1);
  }
  if (records.length === 0) throw new ImportError(name, undefined, 'the addenda hold no changes');
  const counted = { additions: 'add', deletions: 'delete', revisions: 'revise' } as const;
  for (const [word, action] of Object.entries(counted)) {
    const n = records.filter((r) => r.action === action).length;
    const claimed = stated[word];
    if (claimed !== undefined && claimed !== n) {
      throw new ImportError(name, undefined, `the trailer states ${claimed} ${word} but the file lists ${n}`);
    }
  }
  return records;
}
