import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Command } from 'commander';
import { createCodingEngine } from '../../coding/index.js';
import { projectRoot } from '../../config.js';
import { openStore } from '../../store/db.js';
import { formatResult } from './code.js';

/**
 * `medcoder start`: medcoder's main job, run by `npm start` after set-up. Until the workbench
 * server lands it is a demo: code the bundled synthetic sample note and print the result.
 */
export function register(program: Command): void {
  program
    .command('start')
    .description("run medcoder's main job on the configured store (today: code the sample note and print it)")
    .action(async () => {
      const store = await openStore();
      try {
        const started = Date.now();
        const engine = await createCodingEngine(store);
        const loadMs = Date.now() - started;
        const file = join(projectRoot(), 'samples', 'demo-note.txt');
        const text = await readFile(file, 'utf8');
        const input = {
          text,
          setting: 'outpatient' as const,
          dateOfService: '2023-03-02',
          age: 67,
          sex: 'F' as const,
        };
        const result = engine.code(input);
        console.log(`medcoder demo: coding ${file} (outpatient, 2023-03-02, 67 F)`);
        console.log(`store ${store.location}; engine ready in ${loadMs} ms\n`);
        console.log(formatResult(result));
        console.log(
          '\nTry: npx medcoder code <note.txt> --setting outpatient --dos 2023-03-02 --age 67 --sex F',
        );
      } finally {
        await store.close();
      }
    });
}
