import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { ZodError, type ZodError as ZodErrorType } from 'zod';
import { DomainError, RateLimitedError, t, type ErrorCode, type FieldError, type Locale, type Text } from '../domain/errors.ts';
import { localeOf } from './locale.ts';
import { localized } from './localize.ts';
import type { AppEnv } from './types.ts';
import { zodMessage } from './zod-messages.ts';

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

const titles: Record<number, { en: string; nl: string }> = {
  400: { en: 'Invalid input', nl: 'Ongeldige invoer' },
  401: { en: 'Not logged in', nl: 'Niet ingelogd' },
  403: { en: 'Not allowed', nl: 'Niet toegestaan' },
  404: { en: 'Not found', nl: 'Niet gevonden' },
  405: { en: 'Method not allowed', nl: 'Methode niet toegestaan' },
  409: { en: 'Conflict', nl: 'Conflict' },
  413: { en: 'Request body too large', nl: 'Verzoek te groot' },
  415: { en: 'Unsupported media type', nl: 'Bestandstype niet ondersteund' },
  422: { en: 'Unprocessable request', nl: 'Verzoek niet uit te voeren' },
  429: { en: 'Too many requests', nl: 'Te veel verzoeken' },
  500: { en: 'Internal error', nl: 'Interne fout' },
};

/** The language of the request's reader (Accept-Language; English without one). */
export function requestLocale(c: Context<AppEnv>): Locale {
  return localeOf(c.req.header('accept-language'));
}


const INVALID_FIELDS = t('Some fields are not valid.', 'Niet alle velden zijn goed ingevuld.');

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
export function problem(c: Context<AppEnv>, status: ContentfulStatusCode, detail: Text, extra: Partial<Problem> = {}): Response {
  const locale = requestLocale(c);
  const title = titles[status];
  const body: Problem = {
    type: `/api/docs#problem-${extra.code ?? status}`,
    title: title ? title[locale] : locale === 'nl' ? 'Fout' : 'Error',
    status,
    detail: localized(detail, locale),
    instance: new URL(c.req.url).pathname,
    requestId: c.get('requestId'),
    ...extra,
  };
  return c.body(JSON.stringify(body), status, { 'Content-Type': 'application/problem+json; charset=utf-8' });
}

export function zodFields(error: ZodErrorType, locale: Locale = 'en'): FieldError[] {
  return error.issues.map((issue) => ({ field: issue.path.map(String).join('.') || '(body)', message: zodMessage(issue, locale) }));
}

/** The 400 for input that fails its schema, in the reader's language. */
export function invalidInput(c: Context<AppEnv>, error: ZodErrorType): Response {
  return problem(c, 400, INVALID_FIELDS, { code: 'validation', errors: zodFields(error, requestLocale(c)) });
}

export function onError(error: Error, c: Context<AppEnv>): Response {
  if (error instanceof RateLimitedError) {
    c.header('Retry-After', String(error.retryAfterSeconds));
  }
  if (error instanceof DomainError) {
    const locale = requestLocale(c);
    const { message, fields } = error.localized(locale);
    return problem(c, statusByCode[error.code], localized(message, locale), {
      code: error.code,
      ...(fields.length ? { errors: fields.map((f) => ({ field: f.field, message: localized(f.message, locale) })) } : {}),
      ...error.details,
    });
  }
  if (error instanceof ZodError) return invalidInput(c, error);
  if (error instanceof HTTPException) {
    const status = error.status as ContentfulStatusCode;
    return problem(c, status, error.message || titles[status] || 'Error', { code: String(status) });
  }
  // Postgres integrity errors that a domain check did not catch first still are the client's fault.
  const pgCode = (error as { code?: string }).code ?? ((error as { cause?: { code?: string } }).cause?.code);
  if (pgCode === '23505') return problem(c, 409, t('This would create a duplicate.', 'Dit bestaat al; dubbel opslaan kan niet.'), { code: 'conflict' });
  if (pgCode === '23514' || pgCode === '22P02' || pgCode === '23503') {
    return problem(c, 409, t('This change breaks a rule of the data.', 'Deze wijziging botst met een regel in de gegevens.'), { code: 'conflict' });
  }
  c.get('log')?.('error', 'unhandled error', { error: error.stack ?? String(error) });
  return problem(c, 500, t('Something went wrong on our side. The request id helps us find it.', 'Er ging bij ons iets mis. Met het request-id kunnen we het terugvinden.'));
}
