import { createReadStream, statSync } from 'node:fs';
import { basename } from 'node:path';
import { createGunzip } from 'node:zlib';
import { ImportError } from '../errors.js';

/**
 * The lines of a CDC/CMS text release file, plain or gzipped (the CDC's `icd10cm-codes-2026.txt`
 * is often passed around as `.txt.gz`), without their CR/LF. `take(line, lineNo)` may throw an
 * ImportError; any other failure (unreadable file, corrupt gzip) becomes one naming the file and
 * the line reached. `onProgress` gets bytes of the file read so far.
 */
export async function forEachLine(
  file: string,
  take: (line: string, lineNo: number) => void,
  onProgress?: (bytesRead: number) => void,
): Promise<void> {
  const name = basename(file);
  try {
    statSync(file);
  } catch {
    throw new ImportError(name, undefined, `cannot read file ${file}`);
  }
  const raw = createReadStream(file, { highWaterMark: 1 << 20 });
  const gzipped = /\.gz$/i.test(file);
  const stream = gzipped ? raw.pipe(createGunzip()) : raw;
  raw.on('error', (err) => stream.destroy(err));
  stream.setEncoding('utf8'); // decodes characters split across chunks
  let lineNo = 0;
  let rest = '';
  const emit = (line: string) => {
    lineNo++;
    take(line.endsWith('\r') ? line.slice(0, -1) : line, lineNo);
  };
  try {
    for await (const chunk of stream) {
      const text = rest + (chunk as string);
      let start = 0;
      for (let nl = text.indexOf('\n'); nl !== -1; nl = text.indexOf('\n', start)) {
        emit(text.slice(start, nl));
        start = nl + 1;
      }
      rest = text.slice(start);
      onProgress?.(raw.bytesRead);
    }
  } catch (err) {
    if (err instanceof ImportError) throw err;
    throw new ImportError(name, lineNo || undefined, `cannot read the file: ${(err as Error).message}`);
  } finally {
    raw.destroy();
  }
  if (rest !== '') emit(rest);
}
