/**
 * Every rule the domain enforces fails with a DomainError; the HTTP layer maps `code` to a status in
 * one table (http/problem.ts), so routes never decide statuses themselves.
 */
export type ErrorCode =
  | 'validation'
  | 'unauthenticated'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'rate_limited'
  | 'idempotency_mismatch'
  | 'unprocessable';

export interface FieldError {
  /** Dotted path into the input, e.g. `handles.0.handle`. */
  field: string;
  message: string;
}

export class DomainError extends Error {
  readonly code: ErrorCode;
  readonly fields: FieldError[];
  readonly details: Record<string, unknown>;
  constructor(code: ErrorCode, message: string, options: { fields?: FieldError[]; details?: Record<string, unknown> } = {}) {
    super(message);
    this.name = new.target.name;
    this.code = code;
    this.fields = options.fields ?? [];
    this.details = options.details ?? {};
  }
}

export class ValidationError extends DomainError {
  constructor(message: string, fields: FieldError[] = []) {
    super('validation', message, { fields });
  }
}

export class UnauthenticatedError extends DomainError {
  constructor(message = 'Log in first.') {
    super('unauthenticated', message);
  }
}

export class ForbiddenError extends DomainError {
  constructor(message = 'Your role may not do this.') {
    super('forbidden', message);
  }
}

export class NotFoundError extends DomainError {
  constructor(entity: string, id?: string) {
    super('not_found', id ? `${entity} ${id} does not exist.` : `${entity} does not exist.`, { details: { entity } });
  }
}

export class ConflictError extends DomainError {
  constructor(message: string, fields: FieldError[] = [], details: Record<string, unknown> = {}) {
    super('conflict', message, { fields, details });
  }
}

export class RateLimitedError extends DomainError {
  readonly retryAfterSeconds: number;
  constructor(retryAfterSeconds: number) {
    super('rate_limited', 'Too many attempts. Wait a moment and try again.', { details: { retryAfterSeconds } });
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

export class IdempotencyMismatchError extends DomainError {
  constructor() {
    super('idempotency_mismatch', 'This Idempotency-Key was already used with a different request body.');
  }
}
