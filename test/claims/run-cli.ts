import { Command } from 'commander';
import { afterAll, beforeAll, vi } from 'vitest';
import { importedStores } from '../support/stores.js';

type Register = (program: Command) => void;

/** Runs CLI commands in-process and returns what they printed (stdout and stderr lines). */
export async function runCli(registers: Register[], ...args: string[]): Promise<string[]> {
  const out: string[] = [];
  const log = vi.spyOn(console, 'log').mockImplementation((m: unknown) => void out.push(String(m)));
  const err = vi.spyOn(console, 'error').mockImplementation((m: unknown) => void out.push(String(m)));
  const program = new Command('medcoder').exitOverride();
  for (const register of registers) register(program);
  try {
    await program.parseAsync(['node', 'medcoder', ...args]);
  } finally {
    log.mockRestore();
    err.mockRestore();
  }
  return out;
}

/**
 * Points the CLI (which opens the store named by the environment) at a private copy of the
 * imported test store for this test file: the claim check needs the code sets, and every write
 * is thrown away with the copy. Returns the copy's folder.
 */
export function cliOnImportedStore(): string {
  const dataDir = importedStores()[0]!.options.dataDir!;
  const saved = { url: process.env.DATABASE_URL, data: process.env.MEDCODER_DATA };
  beforeAll(() => {
    delete process.env.DATABASE_URL;
    process.env.MEDCODER_DATA = dataDir;
  });
  afterAll(() => {
    if (saved.url !== undefined) process.env.DATABASE_URL = saved.url;
    if (saved.data !== undefined) process.env.MEDCODER_DATA = saved.data;
    else delete process.env.MEDCODER_DATA;
  });
  return dataDir;
}
