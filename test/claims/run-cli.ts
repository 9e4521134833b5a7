import { Command } from 'commander';
import { vi } from 'vitest';

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
