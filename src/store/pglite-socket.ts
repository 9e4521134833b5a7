import { EventEmitter } from 'node:events';
import type { PGlite } from '@electric-sql/pglite';

// Frontend message types after which the client waits for an answer: Sync ends an extended
// query, Query is a simple query, Flush asks for what is pending, CopyDone/CopyFail end a COPY,
// 'p' answers an authentication request. Anything else is buffered until one of these arrives.
const ANSWERED = new Set([
  0x53 /* S */, 0x51 /* Q */, 0x48 /* H */, 0x63 /* c */, 0x66 /* f */, 0x70 /* p */,
]);
const TERMINATE = 0x58; // X
const STARTUP_ANSWER = [0x52, 0, 0, 0, 8, 0, 0, 0, 0, 0x5a, 0, 0, 0, 5, 0x49];

/**
 * A stand-in for the TCP socket node-postgres writes to, connected to a PGlite instance in
 * this thread. node-postgres serialises and parses the wire protocol itself (its own fast
 * parser, the same as on the PostgreSQL store); this socket only decides when to hand PGlite
 * the bytes written so far.
 *
 * Why not PGlite's own node-postgres adapter: it runs every protocol message as its own trip
 * into PGlite (a prepared statement is Bind, Execute and Sync: three trips, each resetting
 * PGlite's buffers and flushing), and parses every answer twice (PGlite's parser, then events
 * for node-postgres). Here a statement's messages go to PGlite in one call, up to the message
 * the client then waits on, and the answer comes back as raw bytes.
 *
 * Answers are delivered on a later microtask, as a socket's would be, never inside `write`:
 * node-postgres writes a statement's messages one after the other and only then listens.
 */
export class PGliteSocket extends EventEmitter {
  readonly #pglite: PGlite;
  #pending: Buffer[] = [];
  #pendingBytes = 0;
  #scheduled = false;
  #running: Promise<void> = Promise.resolve();
  #started = false;
  #ended = false;
  writable = true;

  constructor(pglite: PGlite) {
    super();
    this.#pglite = pglite;
  }

  // What node-postgres calls on a net.Socket; none applies in-process.
  setNoDelay(): this {
    return this;
  }
  setKeepAlive(): this {
    return this;
  }
  ref(): this {
    return this;
  }
  unref(): this {
    return this;
  }

  connect(): this {
    this.#pglite.waitReady.then(
      () => this.emit('connect'),
      (err: unknown) => this.emit('error', err),
    );
    return this;
  }

  write(chunk: Buffer | Uint8Array, callback?: (err?: Error) => void): boolean {
    if (this.#ended) {
      callback?.(new Error('the embedded store connection is closed'));
      return false;
    }
    const bytes = Buffer.isBuffer(chunk)
      ? chunk
      : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    if (!this.#started) {
      // The startup packet (no type byte). PGlite's session is already started, so answer as a
      // server with trust authentication does: AuthenticationOk, then ReadyForQuery (idle).
      this.#started = true;
      queueMicrotask(() => this.emit('data', Buffer.from(STARTUP_ANSWER)));
    } else if (bytes[0] === TERMINATE) {
      this.#pending = [];
      this.#pendingBytes = 0;
    } else {
      this.#enqueue(bytes, holdsAnswered(bytes));
    }
    if (callback) queueMicrotask(() => callback());
    return true;
  }

  #enqueue(bytes: Buffer, answer: boolean): void {
    this.#pending.push(bytes);
    this.#pendingBytes += bytes.length;
    if (answer && !this.#scheduled) {
      this.#scheduled = true;
      // Runs after the caller's other writes in this tick, and after any earlier batch's answer.
      this.#running = this.#running.then(() => this.#run());
    }
  }

  async #run(): Promise<void> {
    this.#scheduled = false;
    if (this.#ended || this.#pendingBytes === 0) return;
    const message =
      this.#pending.length === 1 ? this.#pending[0]! : Buffer.concat(this.#pending, this.#pendingBytes);
    this.#pending = [];
    this.#pendingBytes = 0;
    // The raw stream hands over the answer without parsing it (PGlite's other entry points parse
    // every answer and, outside execProtocol, keep the parsed messages). The chunks are views
    // into PGlite's memory: copied before the next call can overwrite them.
    // `syncToFs: false`: the store's data folder is PGlite's NodeFS, which writes straight to the
    // files, or memory:// (db.ts); for both the sync after each call does nothing but still took
    // PGlite's sync mutex and a chain of promises, per statement (a twelfth of a save's time).
    const chunks: Buffer[] = [];
    try {
      await this.#pglite.execProtocolRawStream(message, {
        syncToFs: false,
        onRawData: (bytes: Uint8Array) => chunks.push(Buffer.from(bytes)),
      });
    } catch (err) {
      this.emit('error', err);
      return;
    }
    for (const chunk of chunks) this.emit('data', chunk);
  }

  end(): this {
    if (this.#ended) return this;
    this.#ended = true;
    this.writable = false;
    this.#pending = [];
    queueMicrotask(() => {
      this.emit('end');
      this.emit('close');
    });
    return this;
  }

  destroy(err?: Error): this {
    if (err) queueMicrotask(() => this.emit('error', err));
    return this.end();
  }
}

/** Whether `bytes` (whole frontend messages) holds one the client waits on. */
function holdsAnswered(bytes: Buffer): boolean {
  for (let offset = 0; offset + 5 <= bytes.length; offset += 1 + bytes.readInt32BE(offset + 1))
    if (ANSWERED.has(bytes[offset]!)) return true;
  return false;
}
