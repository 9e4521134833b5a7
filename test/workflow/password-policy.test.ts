import { describe, expect, it } from 'vitest';
import { commonPasswords, MIN_PASSWORD, passwordProblem } from '../../src/workflow/password-policy.js';

describe('password policy', () => {
  it('accepts a long passphrase and a random password', () => {
    expect(passwordProblem('correct horse battery', 'coder')).toBeUndefined();
    expect(passwordProblem('Qv7-tLp2xw9Zr', 'admin')).toBeUndefined();
  });

  it(`refuses fewer than ${MIN_PASSWORD} characters (counted as characters, not UTF-16 units)`, () => {
    expect(passwordProblem('abcdEFG-123', 'x')).toMatch(/at least 12/);
    // 11 astral characters are 22 UTF-16 units but still 11 characters.
    expect(passwordProblem('😀'.repeat(11))).toMatch(/at least 12/);
    expect(passwordProblem('x'.repeat(257))).toMatch(/at most 256/);
  });

  it('refuses one character or a short pattern repeated', () => {
    for (const p of [
      '1111111111111',
      'aaaaaaaaaaaaaaaa',
      'AaAaAaAaAaAaAa',
      '121212121212',
      'abcabcabcabc',
      'xyz!xyz!xyz!',
    ])
      expect(passwordProblem(p), p).toMatch(/repeated/);
  });

  it('refuses runs along the digits, the alphabet and keyboard rows, either way and wrapping', () => {
    for (const p of [
      '1234567890123',
      '0987654321098',
      '890123456789',
      'abcdefghijklmn',
      'ZYXWVUTSRQPONM',
      'qwertyuiopqwerty',
      '1qaz2wsx3edc4rfv',
    ])
      expect(passwordProblem(p), p).toMatch(/sequence/);
  });

  it('refuses a password that contains the username (any case)', () => {
    expect(passwordProblem('my name is Coder!!', 'coder')).toMatch(/username/);
    expect(passwordProblem('jsmith-2025-spring', 'JSmith')).toMatch(/username/);
    // Too short a name to match on is not held against the password.
    expect(passwordProblem('lighthouse-keeper-x', 'x')).toBeUndefined();
  });

  it('refuses common passwords, alone or padded with digits and punctuation', () => {
    expect(commonPasswords().has('password')).toBe(true);
    expect(commonPasswords().size).toBe(10_000);
    expect(passwordProblem('qazwsxedcrfv')).toMatch(/sequence|common/);
    expect(passwordProblem('leavemealone')).toMatch(/commonly used password$/);
    expect(passwordProblem('Password2024!')).toMatch(/with digits or symbols/);
    expect(passwordProblem('!!letmein12345')).toMatch(/with digits or symbols/);
    expect(passwordProblem('sunshine-and-rain')).toBeUndefined();
  });
});
