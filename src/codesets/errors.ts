/**
 * A code-set file could not be imported. Carries where (file, line, column when known) and why,
 * so a user can open the file at the right place; the import that raised it has been rolled back.
 */
export class ImportError extends Error {
  override name = 'ImportError';
  constructor(
    readonly file: string,
    readonly line: number | undefined,
    readonly reason: string,
    readonly column?: number,
  ) {
    super(
      `${file}${line !== undefined ? `:${line}${column !== undefined ? `:${column}` : ''}` : ''}: ${reason}`,
    );
  }
}
