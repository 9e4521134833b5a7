import { Command, CommanderError } from 'commander';
import { commandModules } from './commands/index.js';

/** Entry point of the `medcoder` CLI (bin/medcoder.js). */
export async function main(argv: string[]): Promise<void> {
  const program = new Command('medcoder')
    .description('Open-source medical coding and billing: code sets, coding, claims, remittances')
    .showHelpAfterError()
    .exitOverride();
  for (const load of commandModules) (await load()).register(program);
  try {
    await program.parseAsync(argv);
  } catch (err) {
    if (err instanceof CommanderError) {
      process.exitCode = err.exitCode;
      return;
    }
    // Typed boundary errors (ImportError, ValidationError, X12Error, ...) carry a full message.
    console.error(`medcoder: ${(err as Error).message ?? err}`);
    if (process.env.MEDCODER_DEBUG) console.error(err);
    process.exitCode = 1;
  }
}
