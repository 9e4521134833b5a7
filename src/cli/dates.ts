import { isIsoDate } from '../codesets/ncci/dates.js';

/**
 * Dates given on the command line. Every date option is a calendar date or the command stops
 * with a one-line error naming the option ("--dos: "2023-02-30" is not a calendar date"):
 * JavaScript's Date would quietly read 2023-02-30 as March 2.
 */
export function checkedDate(value: string, option: string): string {
  if (!isIsoDate(value)) throw new Error(`${option}: "${value}" is not a calendar date (YYYY-MM-DD)`);
  return value;
}

/** The option's date when given (checked), else today's (UTC). */
export function dateOrToday(value: string | undefined, option: string): string {
  return value === undefined ? new Date().toISOString().slice(0, 10) : checkedDate(value, option);
}

/** The warning every command prints when no imported release covers the date it answers for. */
export function outsideReleasesWarning(
  date: string,
  system: string,
  used: string | null,
  covers: string | null,
): string {
  return used
    ? `warning: no imported ${system} release covers ${date}; answered from ${used}${covers ? ` (${covers})` : ''}: import the release in effect on that date`
    : `warning: no imported ${system} release covers ${date}: import the release in effect on that date`;
}
