/**
 * A terminology question could not be answered: no release loaded, no release with the file the
 * question needs, or an argument of the wrong shape. `where` names the input or release involved.
 */
export class TerminologyError extends Error {
  override name = 'TerminologyError';
  constructor(
    readonly where: string,
    readonly reason: string,
  ) {
    super(`${where}: ${reason}`);
  }
}
