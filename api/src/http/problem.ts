import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { ZodError, type ZodError as ZodErrorType } from 'zod';
import { DomainError, RateLimitedError, type ErrorCode, type FieldError } from '../domain/errors.ts';
import type { AppEnv } from './types.ts';

/** The one table from domain error to HTTP status. */
export const statusByCode: Record<ErrorCode, ContentfulStatusCode> = {
  validation: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  idempotency_mismatch: 422,
  unprocessable: 422,
  rate_limited: 429,
};

const titles: Record<number, string> = {
  400: 'Invalid input',
  401: 'Not logged in',
  403: 'Not allowed',
  404: 'Not found',
  405: 'Method not allowed',
  409: 'Conflict',
  413: 'Request body too large',
  415: 'Unsupported media type',
  422: 'Unprocessable request',
  429: 'Too many requests',
  500: 'Internal error',
};

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance: string;
  requestId?: string;
  code?: string;
  errors?: FieldError[];
  [extra: string]: unknown;
}

/** RFC 9457 problem details. */
export function problem(c: Context<AppEnv>, status: ContentfulStatusCode, detail: string, extra: Partial<Problem> = {}): Response {
  const body: Problem = {
    type: `/api/docs#problem-${extra.code ?? status}`,
    title: titles[status] ?? 'Error',
    status,
    detail,
    instance: new URL(c.req.url).pathname,
    requestId: c.get('requestId'),
    ...extra,
  };
  return c.body(JSON.stringify(body), status, { 'Content-Type': 'application/problem+json; charset=utf-8' });
}

export function zodFields(error: ZodErrorType): FieldError[] {
  return error.issues.map((issue) => ({ field: issue.path.map(String).join('.') || '(body)', message: issue.message }));
}

export function onError(error: Error, c: Context<AppEnv>): Response {
  if (error instanceof RateLimitedError) {
    c.header('Retry-After', String(error.retryAfterSeconds));
  }
  if (error instanceof DomainError) {
    return problem(c, statusByCode[error.code], error.message, {
      code: error.code,
      ...(error.fields.length ? { errors: error.fields } : {}),
      ...error.details,
    });
  }
  if (error instanceof ZodError) {
    return problem(c, 400, 'Some fields are not valid.', { code: 'validation', errors: zodFields(error) });
  }
  if (error instanceof HTTPException) {
    const status = error.status as ContentfulStatusCode;
    return problem(c, status, error.message || titles[status] || 'Error', { code: String(status) });
  }
  // Postgres integrity errors that a domain check did not catch first still are the client's fault.
  const pgCode = (error as { code?: string }).code ?? ((error as { cause?: { code?: string } }).cause?.code);
  if (pgCode === '23505') return problem(c, 409, 'This would create a duplicate.', { code: 'conflict' });
  if (pgCode === '23514' || pgCode === '22P02' || pgCode === '23503') {
    return problem(c, 409, 'This change breaks a rule of the data.', { code: 'conflict' });
  }
  c.get('log')?.('error', 'unhandled error', { error: error.stack ?? String(error) });
  return problem(c, 500, 'Something went wrong on our side. The request id helps us find it.');
}
