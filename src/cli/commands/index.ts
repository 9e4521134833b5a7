import type { Command } from 'commander';

/**
 * Every CLI command group. Each module exports `register(program)`; add one line per module.
 * Commands are thin wrappers: parse flags, call the library, print text or --json.
 */
export const commandModules: Array<() => Promise<{ register(program: Command): void }>> = [
  () => import('./import.js'),
  () => import('./icd10cm.js'),
  () => import('./code.js'),
  () => import('./start.js'),
  () => import('./store.js'),
  () => import('./procedures.js'),
  () => import('./pcs.js'),
  () => import('./scrub.js'),
  () => import('./x12.js'),
  () => import('./claim.js'),
  () => import('./remit.js'),
  () => import('./ack.js'),
  () => import('./serve.js'),
  () => import('./user.js'),
  () => import('./audit.js'),
];
