/**
 * Typed errors of the workbench workflow. Each carries the HTTP-ish kind the server maps it to
 * and, for bad input, the field it concerns, so a client can point at it.
 */
export type WorkflowErrorKind = 'invalid' | 'not-found' | 'conflict' | 'forbidden' | 'unauthorized';

export class WorkflowError extends Error {
  override name = 'WorkflowError';
  constructor(
    readonly kind: WorkflowErrorKind,
    readonly code: string,
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

export const invalid = (code: string, message: string, field?: string) =>
  new WorkflowError('invalid', code, message, field);
export const notFound = (what: string, id: number | string) =>
  new WorkflowError('not-found', 'not_found', `${what} ${id} does not exist`);
export const conflict = (code: string, message: string) => new WorkflowError('conflict', code, message);
