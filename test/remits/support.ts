import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

/** Path of an X12 sample under ../shared/eval/x12; throws naming it when missing (tests never skip). */
export function evalX12(rel: string): string {
  const dir = process.env.MEDCODER_EVAL ?? resolve(import.meta.dirname, '..', '..', '..', 'shared', 'eval');
  const path = resolve(dir, 'x12', rel);
  if (!existsSync(path)) throw new Error(`evaluation file ${path} is missing (see shared/eval/SOURCES.md)`);
  return path;
}

/** Array.fromAsync is Node 22+; the project supports Node 20. */
export async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}
