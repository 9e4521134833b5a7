import { createReadStream, statSync } from 'node:fs';
import { basename } from 'node:path';
import { TextDecoder } from 'node:util';
import { Unzip, UnzipInflate } from 'fflate';
import { ImportError } from '../errors.js';

/** One line of a code-set text file, numbered from 1 as an editor shows it. */
export interface NumberedLine {
  text: string;
  line: number;
}

export interface LineSourceOptions {
  /** CMS text files are Latin-1 (Windows-1252); the user CPT CSV is UTF-8. */
  encoding?: 'latin1' | 'utf-8';
  /** For a .zip: which entry to read (first match). Required when the path is a zip. */
  entry?: RegExp;
  /** Bytes read so far, for a progress bar. */
  onProgress?: (bytes: number) => void;
}

/** The file (and zip entry) a line source reads, for error messages: `x.zip!y.txt`. */
export interface LineSource {
  name: string;
  bytes: number;
  lines: AsyncIterable<NumberedLine>;
}

/**
 * Streams a text file line by line (CRLF or LF), or one entry of a zip without extracting it,
 * so the multi-million-row NCCI tables never sit in memory whole. Zip entries are found by name
 * as the archive streams past; a zip without a matching entry is an ImportError naming both.
 */
export async function openLineSource(file: string, options: LineSourceOptions = {}): Promise<LineSource> {
  let bytes: number;
  try {
    bytes = statSync(file).size;
  } catch {
    throw new ImportError(basename(file), undefined, `cannot read file ${file}`);
  }
  const decoder = () => new TextDecoder(options.encoding === 'utf-8' ? 'utf-8' : 'latin1');
  if (!/\.zip$/i.test(file)) {
    return {
      name: basename(file),
      bytes,
      lines: splitLines(fileChunks(file, options.onProgress), decoder()),
    };
  }
  const entry = options.entry;
  if (!entry)
    throw new ImportError(basename(file), undefined, 'a zip was given but no entry name to read from it');
  const found = await findZipEntry(file, entry);
  return {
    name: `${basename(file)}!${found}`,
    bytes,
    lines: splitLines(zipEntryChunks(file, entry, options.onProgress), decoder()),
  };
}

async function* fileChunks(file: string, onProgress?: (bytes: number) => void): AsyncGenerator<Uint8Array> {
  let read = 0;
  for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 })) {
    read += (chunk as Buffer).length;
    onProgress?.(read);
    yield chunk as Buffer;
  }
}

/** Names of a zip's entries, read from the stream headers (no decompression). */
async function findZipEntry(file: string, entry: RegExp): Promise<string> {
  const names: string[] = [];
  const unzip = new Unzip((f) => {
    names.push(f.name);
  });
  try {
    for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 })) unzip.push(chunk as Buffer);
    unzip.push(new Uint8Array(0), true);
  } catch (err) {
    throw new ImportError(basename(file), undefined, `not a readable zip: ${(err as Error).message}`);
  }
  const match = names.find((n) => entry.test(n));
  if (!match) {
    throw new ImportError(
      basename(file),
      undefined,
      `no entry matching ${entry} in the zip (it holds: ${names.join(', ') || 'nothing'})`,
    );
  }
  return match;
}

async function* zipEntryChunks(
  file: string,
  entry: RegExp,
  onProgress?: (bytes: number) => void,
): AsyncGenerator<Uint8Array> {
  const queue: Uint8Array[] = [];
  let started = false;
  let failure: Error | undefined;
  const unzip = new Unzip((f) => {
    if (started || !entry.test(f.name)) return;
    started = true;
    f.ondata = (err, data) => {
      if (err) failure = err;
      else if (data.length) queue.push(data);
    };
    f.start();
  });
  unzip.register(UnzipInflate);
  let read = 0;
  try {
    for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 })) {
      read += (chunk as Buffer).length;
      unzip.push(chunk as Buffer);
      onProgress?.(read);
      if (failure) throw failure;
      while (queue.length) yield queue.shift()!;
    }
    unzip.push(new Uint8Array(0), true);
  } catch (err) {
    throw new ImportError(
      basename(file),
      undefined,
      `zip entry could not be read: ${(err as Error).message}`,
    );
  }
  if (failure)
    throw new ImportError(basename(file), undefined, `zip entry could not be read: ${failure.message}`);
  while (queue.length) yield queue.shift()!;
}

async function* splitLines(
  chunks: AsyncIterable<Uint8Array>,
  decoder: TextDecoder,
): AsyncGenerator<NumberedLine> {
  let rest = '';
  let line = 0;
  for await (const chunk of chunks) {
    const text = rest + decoder.decode(chunk, { stream: true });
    const parts = text.split('\n');
    rest = parts.pop()!;
    for (const part of parts) yield { text: part.endsWith('\r') ? part.slice(0, -1) : part, line: ++line };
  }
  rest += decoder.decode();
  if (rest.length) yield { text: rest.endsWith('\r') ? rest.slice(0, -1) : rest, line: ++line };
}
