import { createReadStream, statSync } from 'node:fs';
import { basename } from 'node:path';
import { SaxesParser, type SaxesTagPlain } from 'saxes';
import { ImportError } from './errors.js';

export interface XmlHandlers {
  open(tag: SaxesTagPlain, path: readonly string[]): void;
  text(text: string, path: readonly string[]): void;
  close(name: string, path: readonly string[]): void;
}

/** Thrown by a handler to reject the document's content; reported with the parser's position. */
export class XmlContentError extends Error {}

/**
 * Streams an XML file through saxes, calling the handlers with the element path. Any XML
 * error, any XmlContentError from a handler, or a truncated file becomes an ImportError naming
 * the file, line and column. `onProgress` gets bytes read so far.
 */
export async function streamXml(
  file: string,
  handlers: XmlHandlers,
  onProgress?: (bytesRead: number) => void,
): Promise<void> {
  const name = basename(file);
  const parser = new SaxesParser({ position: true });
  const path: string[] = [];
  let failure: ImportError | undefined;
  const fail = (reason: string) => {
    failure ??= new ImportError(name, parser.line, reason, parser.column);
  };
  parser.on('error', (err) => fail(err.message.replace(/^(?:[^:]*:)?\d+:\d+: /, '')));
  parser.on('opentag', (tag) => {
    path.push(tag.name);
    try {
      handlers.open(tag as SaxesTagPlain, path);
    } catch (err) {
      fail(reasonOf(err));
    }
  });
  parser.on('text', (text) => {
    try {
      handlers.text(text, path);
    } catch (err) {
      fail(reasonOf(err));
    }
  });
  parser.on('closetag', (tag) => {
    try {
      handlers.close(tag.name, path);
    } catch (err) {
      fail(reasonOf(err));
    }
    path.pop();
  });
  let bytes = 0;
  try {
    statSync(file);
  } catch {
    throw new ImportError(name, undefined, `cannot read file ${file}`);
  }
  const stream = createReadStream(file, { encoding: 'utf8', highWaterMark: 1 << 20 });
  try {
    for await (const chunk of stream) {
      bytes += Buffer.byteLength(chunk as string);
      parser.write(chunk as string);
      if (failure) break;
      onProgress?.(bytes);
    }
    if (!failure) parser.close();
  } catch (err) {
    fail(reasonOf(err));
  } finally {
    stream.destroy();
  }
  if (failure) throw failure;
}

function reasonOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
