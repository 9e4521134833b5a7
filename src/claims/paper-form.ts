/**
 * What the paper claim forms (CMS-1500, UB-04) have in common: both are printed at 10 characters
 * per inch and 6 lines per inch, so a US Letter page is an 85 × 66 character grid, and boxes,
 * check boxes and data are placed by (line, column) on it. A form is a layout (what is printed
 * in red on every page) plus, per page, the fields (the claim's data in black). Pure data, so
 * placement is testable without a PDF; paper-form-pdf.ts draws it.
 */

/** One box of a form: its number, printed label, and the grid rectangle it occupies. */
export interface FormBox {
  box: string;
  label: string;
  line: number;
  col: number;
  /** Width in columns and height in lines. */
  width: number;
  height: number;
}

/** One value written onto the form (data is printed on `line` at `col`). */
export interface FormField {
  box: string;
  line: number;
  col: number;
  text: string;
  /** Right-align the text so it ends at `col` (amounts). */
  alignRight?: boolean;
  /** Set when the field is the mark in a check box: the option it marks. */
  option?: string;
}

/** A check box: a one-character square at (line, col), its option printed to its right. */
export interface FormCheckbox {
  box: string;
  option: string;
  line: number;
  col: number;
  /** Columns the option label may use to the right of the square. */
  labelWidth: number;
}

/** Extra small print inside a box (sub-field captions such as "PLACE (State)" or "$"). */
export interface FormCaption {
  line: number;
  col: number;
  text: string;
}

/**
 * A vertical rule at the left edge of `col` (a fractional column: inside it), from the top of `fromLine` to the bottom of
 * `toLine`: the line between the dollars and cents areas of an amount, or between the columns of
 * a service-line table.
 */
export interface FormRule {
  col: number;
  fromLine: number;
  toLine: number;
  dashed?: boolean;
}

/** Everything printed in drop-out red on every page of a form. */
export interface FormLayout {
  /** The form's name, printed in a free area at (line, col), with a line of small print under it. */
  title: { text: string; subtitle: string; line: number; col: number };
  boxes: readonly FormBox[];
  checkboxes: readonly FormCheckbox[];
  captions: readonly FormCaption[];
  rules: readonly FormRule[];
  /** Grid lines shaded across the page (the CMS-1500's supplemental service lines). */
  shadedLines: readonly number[];
  /** Row numbers printed at the left edge: [line, number]. */
  rowNumbers: readonly (readonly [number, string])[];
}

/** A claim that cannot be put on a paper form; the message names the claim and why. */
export class ClaimFormError extends Error {
  override name = 'ClaimFormError';
}

export const box = (
  id: string,
  label: string,
  line: number,
  col: number,
  width: number,
  height = 2,
): FormBox => ({
  box: id,
  label,
  line,
  col,
  width,
  height,
});

/** The field that marks `option` in a box, placed on its square; a typo is a programming error. */
export function checkField(checkboxes: readonly FormCheckbox[], boxId: string, option: string): FormField {
  const square = checkboxes.find((c) => c.box === boxId && c.option === option);
  if (!square) throw new Error(`no check box ${boxId} "${option}" on the form`);
  return { box: boxId, line: square.line, col: square.col, text: 'X', option };
}

/**
 * An amount as the forms want it: dollars right-justified in the dollar area (ending at
 * `dollarsEnd`), then a column for the dollars/cents rule, then the cents in two columns
 * ($150.00 → "150" | "00").
 * Neither form allows negative amounts, and neither takes a "$" or commas.
 */
export function moneyFields(
  boxId: string,
  line: number,
  dollarsEnd: number,
  cents: number,
  what: string,
): FormField[] {
  if (!Number.isInteger(cents) || cents < 0)
    throw new ClaimFormError(`${what} is ${cents} cents; a paper claim takes only whole, non-negative cents`);
  return [
    { box: boxId, line, col: dollarsEnd, text: String(Math.trunc(cents / 100)), alignRight: true },
    { box: boxId, line, col: dollarsEnd + 2, text: String(cents % 100).padStart(2, '0') },
  ];
}

// What the forms' 10-pitch Courier (WinAnsi encoding) prints: printable ASCII and Latin-1.
const UNPRINTABLE = /[^\x20-\x7E\xA0-\xFF]/u;

/**
 * Refuses a page with a value the form's font cannot print (a name in another script, a control
 * character), naming the claim, the box and the character, before anything is drawn.
 */
export function assertPrintable(pages: readonly FormField[][], claim: string, locator: string): void {
  for (const f of pages.flat()) {
    const bad = UNPRINTABLE.exec(f.text);
    if (bad)
      throw new ClaimFormError(
        `claim ${claim} ${locator} ${f.box}: ${JSON.stringify(f.text)} has a character the form cannot print (${JSON.stringify(bad[0])})`,
      );
  }
}

/** MM DD YY (CMS-1500 box 24A). */
export const mmddyySpaced = (iso: string) => `${iso.slice(5, 7)} ${iso.slice(8, 10)} ${iso.slice(2, 4)}`;
/** MM DD YYYY (CMS-1500 boxes 3, 11a). */
export const mmddyyyySpaced = (iso: string) => `${iso.slice(5, 7)} ${iso.slice(8, 10)} ${iso.slice(0, 4)}`;
/** MMDDYY (UB-04 dates). */
export const mmddyy = (iso: string) => `${iso.slice(5, 7)}${iso.slice(8, 10)}${iso.slice(2, 4)}`;
/** MMDDYYYY (UB-04 FL 10 birth date). */
export const mmddyyyy = (iso: string) => `${iso.slice(5, 7)}${iso.slice(8, 10)}${iso.slice(0, 4)}`;

type Named = { lastName: string; firstName?: string | undefined; middleName?: string | undefined };
/** "LAST, FIRST, M" as both forms print a person. */
export const personName = (p: Named) =>
  [p.lastName, p.firstName, p.middleName?.[0]].filter(Boolean).join(', ');
/** A provider's printed name: the organization, else the person. */
export const providerName = (p: {
  organizationName?: string | undefined;
  lastName?: string | undefined;
  firstName?: string | undefined;
}) => p.organizationName ?? personName({ lastName: p.lastName ?? '', firstName: p.firstName });
