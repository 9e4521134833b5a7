import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../config.js';
import { invalid } from './errors.js';

/**
 * The password policy every new or changed password meets (NIST SP 800-63B's approach: length
 * and a check against known-bad values, no composition rules): at least MIN_PASSWORD characters,
 * not one character repeated or a short pattern repeated, not a run along the digits, the
 * alphabet or a keyboard row (1234567890, qwertyuiop...), not containing the username, and not a
 * common password, alone or padded with digits and punctuation (password2024!).
 */

export const MIN_PASSWORD = 12;
export const MAX_PASSWORD = 256;

// Runs people type; each is also checked reversed and wrapping (7890123...).
const SEQUENCES = [
  '0123456789',
  'abcdefghijklmnopqrstuvwxyz',
  'qwertyuiop',
  'asdfghjkl',
  'zxcvbnm',
  '1qaz2wsx3edc4rfv5tgb6yhn7ujm8ik9ol0p',
  'qazwsxedcrfvtgbyhnujmikolp',
];

let common: Set<string> | undefined;

/** The shipped list of common passwords (common-passwords.txt, its source in its header). */
export function commonPasswords(): Set<string> {
  if (!common) {
    const text = readFileSync(join(projectRoot(), 'src', 'workflow', 'common-passwords.txt'), 'utf8');
    common = new Set(
      text
        .split('\n')
        .map((l) => l.trim())
        .filter((l) => l && !l.startsWith('#')),
    );
  }
  return common;
}

/** True when the whole of `s` is a stretch of one of the SEQUENCES (either way, wrapping). */
function isSequence(s: string): boolean {
  return SEQUENCES.some((seq) => {
    // Enough turns of the sequence to hold any password up to MAX_PASSWORD.
    const turns = seq.repeat(Math.ceil(MAX_PASSWORD / seq.length) + 1);
    return turns.includes(s) || [...turns].reverse().join('').includes(s);
  });
}

/** True when `s` is a block of at most 4 characters said over and over (121212..., abcabc...). */
function isRepeatedPattern(s: string): boolean {
  const chars = [...s];
  for (let period = 1; period <= 4 && period < chars.length; period++) {
    if (chars.every((c, i) => c === chars[i % period])) return true;
  }
  return false;
}

/** Why the password is refused, or undefined when it meets the policy. */
export function passwordProblem(password: string, username?: string): string | undefined {
  if (typeof password !== 'string') return 'password must be text';
  const length = [...password].length;
  if (length < MIN_PASSWORD) return `password must have at least ${MIN_PASSWORD} characters`;
  if (length > MAX_PASSWORD) return `password must have at most ${MAX_PASSWORD} characters`;
  const lower = password.toLowerCase();
  if (isRepeatedPattern(lower)) return 'password is one character or a short pattern repeated';
  if (isSequence(lower)) return 'password is a sequence (like 1234567890 or qwertyuiop)';
  const name = username?.trim().toLowerCase();
  if (name && name.length >= 3 && lower.includes(name)) return 'password contains the username';
  const list = commonPasswords();
  if (list.has(lower)) return 'password is a commonly used password';
  // Common password with digits or punctuation around it (Password2024!, !!letmein12345).
  const core = lower.replace(/^[^\p{L}]+|[^\p{L}]+$/gu, '');
  if (core !== lower && core.length > 0 && list.has(core))
    return 'password is a commonly used password with digits or symbols added';
  return undefined;
}

/** Throws a WorkflowError (invalid, field `password`) naming what is wrong with the password. */
export function assertPasswordPolicy(password: string, username?: string): void {
  const problem = passwordProblem(password, username);
  if (problem) throw invalid('weak_password', problem, 'password');
}
