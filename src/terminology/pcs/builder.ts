/**
 * The ICD-10-PCS code builder: from a prefix, the values the next character may take (only
 * values some valid code continues with), each with its label, and the check of a whole code
 * that says which character first goes wrong and what would have been valid there. The CLI
 * (`medcoder pcs build|lookup`), the API and the workbench page all step through a code with it.
 */
import { axisName } from '../../codesets/icd10pcs/sections.js';
import type { PcsCharacter, PcsCodeSet } from './code-set.js';

export interface PcsChoice {
  value: string;
  label: string;
  /** How many valid codes continue with this value. */
  codes: number;
  /** Set when choosing this value completes a valid code. */
  title?: string;
}

export interface PcsStep {
  /** The prefix as given, upper-cased. */
  prefix: string;
  /** The characters chosen so far, labelled. */
  characters: PcsCharacter[];
  /** The position the choices are for (1..7); absent when the prefix is a whole code. */
  position?: number;
  /** Its axis name ("Approach"). */
  axis?: string;
  choices: PcsChoice[];
  /** Set when the prefix is a whole valid code. */
  code?: { code: string; title: string };
}

export interface PcsProblem {
  /** 1..7: the first character that no valid code has after the ones before it. */
  position: number;
  message: string;
  /** The values that would have been valid there. */
  validValues: string[];
}

export interface PcsValidation {
  code: string;
  valid: boolean;
  title?: string;
  shortTitle?: string;
  characters: PcsCharacter[];
  problem?: PcsProblem;
}

/** Upper-cased with spaces, dots and dashes removed ("0ft.44zz" → "0FT44ZZ"). */
export function normalizePcs(input: string): string {
  return input.toUpperCase().replace(/[\s.-]/g, '');
}

/** The first position at which `text` leaves every valid code, with what was valid there. */
function firstProblem(set: PcsCodeSet, text: string): PcsProblem | undefined {
  if (text.length > 7) {
    return {
      position: 8,
      message: `a PCS code has 7 characters, "${text}" has ${text.length}`,
      validValues: [],
    };
  }
  for (let i = 0; i < text.length; i++) {
    const prefix = text.slice(0, i);
    const value = text[i]!;
    const valid = nextValues(set, prefix);
    if (valid.has(value)) continue;
    const axis = axisName(text[0]!, i + 1).toLowerCase();
    const where = i === 0 ? '' : ` after ${prefix}`;
    const why = /[IO]/.test(value)
      ? `PCS never uses the letters I and O (they read as 1 and 0)`
      : /[^0-9A-Z]/.test(value)
        ? `"${value}" is not a PCS character (digits and letters only)`
        : `no valid code has ${axis} "${value}"${where}`;
    return {
      position: i + 1,
      message: `character ${i + 1} (${axis}): ${why}`,
      validValues: [...valid.keys()],
    };
  }
  return undefined;
}

/** The characters a PCS code may hold, in the order the sorted codes have them. */
const PCS_CHARACTERS = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';

/**
 * Value → how many codes continue with it, for the character after `prefix`, in the codes'
 * order. Each value's count is the size of its range in the sorted codes (two binary searches),
 * not a walk over every code with the prefix: after "" or "0" that walk was 60,000-79,000 codes,
 * and the engine checks a new prefix for every table a new note's procedure could be in (the
 * builder's checks were 60% of the engine's time on a note it had not seen before).
 */
function nextValues(set: PcsCodeSet, prefix: string): Map<string, number> {
  const out = new Map<string, number>();
  const [from, to] = set.range(prefix);
  if (from === to) return out;
  for (const c of PCS_CHARACTERS) {
    const [start, end] = set.range(prefix + c);
    if (end > start) out.set(c, end - start);
  }
  return out;
}

/**
 * The valid next characters after a prefix (0 to 6 characters), or the code itself when the
 * prefix is a whole valid code. Throws a PcsBuildError naming the first invalid character.
 */
export function buildStep(set: PcsCodeSet, input: string): PcsStep {
  const prefix = normalizePcs(input);
  const problem = firstProblem(set, prefix);
  if (problem) throw new PcsBuildError(prefix, problem);
  const characters = set.characters(prefix);
  if (prefix.length === 7) {
    const row = set.row(prefix)!;
    return { prefix, characters, choices: [], code: { code: prefix, title: row.longTitle } };
  }
  const choices = [...nextValues(set, prefix)].map(([value, codes]) => {
    const row = prefix.length === 6 ? set.row(prefix + value) : undefined;
    return {
      value,
      label: set.labelRow(prefix, value)?.label ?? '',
      codes,
      ...(row ? { title: row.longTitle } : {}),
    };
  });
  const position = prefix.length + 1;
  return {
    prefix,
    characters,
    position,
    axis: prefix.length === 0 ? 'Section' : axisName(prefix[0]!, position),
    choices,
  };
}

/** Whether a code is a valid code of the release; if not, the first character that is wrong. */
export function validatePcs(set: PcsCodeSet, input: string): PcsValidation {
  const code = normalizePcs(input);
  const problem =
    firstProblem(set, code) ??
    (code.length < 7
      ? {
          position: code.length + 1,
          message: `incomplete: a PCS code has 7 characters, "${code}" has ${code.length}`,
          validValues: [...nextValues(set, code).keys()],
        }
      : undefined);
  const valid = problem === undefined;
  const row = valid ? set.row(code) : undefined;
  const known = problem ? code.slice(0, problem.position - 1) : code;
  return {
    code,
    valid,
    ...(row ? { title: row.longTitle, shortTitle: row.shortTitle } : {}),
    characters: set.characters(known),
    ...(problem ? { problem } : {}),
  };
}

/** A prefix the builder cannot continue: which character, why, and what was valid there. */
export class PcsBuildError extends Error {
  override name = 'PcsBuildError';
  constructor(
    readonly prefix: string,
    readonly problem: PcsProblem,
  ) {
    super(
      `${prefix}: ${problem.message}${problem.validValues.length ? ` (valid: ${problem.validValues.join(' ')})` : ''}`,
    );
  }
}
