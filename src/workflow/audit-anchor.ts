import { readFileSync } from 'node:fs';
import { mkdir, open } from 'node:fs/promises';
import { dirname } from 'node:path';

/**
 * Anchors: the head of each of the audit log's lanes ({lane, seq, mac, time}; audit.ts) written
 * now and then to an append-only file outside the store. The MACs stop anyone without the key from editing rows, but not from
 * deleting the newest ones (what is left still verifies); an anchor records that the chain once
 * reached `seq` with that MAC, so `audit verify` finds a chain shorter than its last anchor, or
 * a row that no longer has the anchored MAC. A line without `lane` is lane 0's: so are the
 * anchors written before the log had lanes (migration 111), whose single chain became lane 0,
 * and lane 0's anchors are still written that way. For the same reason the file belongs on storage the
 * database's users cannot rewrite (MEDCODER_AUDIT_ANCHOR_FILE), or is copied off the host.
 */
export interface Anchor {
  /** Which lane's head (absent: lane 0). */
  lane?: number;
  seq: number;
  mac: string;
  time: string;
}

export interface AnchorRead {
  anchors: Anchor[];
  /** Lines that are not anchors (a damaged file must fail verification, not be skipped). */
  unreadable: Array<{ line: number; text: string }>;
}

export interface AnchorLog {
  readonly where: string;
  read(): AnchorRead;
  /**
   * Appends these anchors together (one write, one sync). Asynchronous: the server anchors while
   * it serves, and a synchronous fsync (milliseconds on a busy disk) stalled every request in
   * flight on the event loop.
   */
  append(anchors: readonly Anchor[]): Promise<void>;
}

function isAnchor(v: unknown): v is Anchor {
  const a = v as Anchor;
  return (
    !!a &&
    typeof a === 'object' &&
    (a.lane === undefined || (Number.isSafeInteger(a.lane) && a.lane >= 0)) &&
    Number.isSafeInteger(a.seq) &&
    a.seq > 0 &&
    typeof a.mac === 'string' &&
    /^[0-9a-f]{64}$/.test(a.mac) &&
    typeof a.time === 'string'
  );
}

/** An anchor's lane (0 when the line names none). */
export function anchorLane(a: Anchor): number {
  return a.lane ?? 0;
}

/** Only the anchor's fields, lane 0 without a `lane` (as every anchor before lanes was written). */
function anchorOf(a: Anchor): Anchor {
  const lane = anchorLane(a);
  return lane === 0
    ? { seq: a.seq, mac: a.mac, time: a.time }
    : { lane, seq: a.seq, mac: a.mac, time: a.time };
}

export function parseAnchors(text: string): AnchorRead {
  const out: AnchorRead = { anchors: [], unreadable: [] };
  const lines = text.split('\n');
  lines.forEach((raw, i) => {
    const line = raw.trim();
    if (!line) return;
    let v: unknown;
    try {
      v = JSON.parse(line);
    } catch {
      v = undefined;
    }
    if (isAnchor(v)) out.anchors.push(anchorOf(v));
    else out.unreadable.push({ line: i + 1, text: line.slice(0, 80) });
  });
  return out;
}

/** An anchor file: one JSON object a line, only ever appended to (and synced). */
export function fileAnchorLog(path: string): AnchorLog {
  return {
    where: path,
    read() {
      try {
        return parseAnchors(readFileSync(path, 'utf8'));
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { anchors: [], unreadable: [] };
        throw e;
      }
    },
    async append(anchors) {
      if (anchors.length === 0) return;
      await mkdir(dirname(path), { recursive: true });
      // O_APPEND: one short write for all the lines, so processes sharing the file never interleave.
      const file = await open(path, 'a', 0o600);
      try {
        await file.write(anchors.map((a) => `${JSON.stringify(anchorOf(a))}\n`).join(''));
        await file.sync();
      } finally {
        await file.close();
      }
    },
  };
}

/** Anchors kept in this process only (throw-away in-memory stores). */
export function memoryAnchorLog(): AnchorLog {
  const anchors: Anchor[] = [];
  return {
    where: '(in memory)',
    read: () => ({ anchors: [...anchors], unreadable: [] }),
    append: async (added) => void anchors.push(...added.map(anchorOf)),
  };
}
