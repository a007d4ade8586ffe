import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { ZodError, type ZodError as ZodErrorType } from 'zod';
import {
	DomainError,
	RateLimitedError,
	type ErrorCode,
	type FieldError,
	type Locale,
	type MessageText
} from '../domain/errors.ts';
import { msg, render, type MessageKey } from '../messages/index.ts';
import { localeOf } from './locale.ts';
import type { AppEnv } from './types.ts';
import { zodMessage } from '../messages/zod.ts';
import { isDatabaseUnavailable, RETRY_AFTER_SECONDS } from './unavailable.ts';

/** The one table from domain error to HTTP status. */
export const statusByCode: Record<ErrorCode, ContentfulStatusCode> = {
	validation: 400,
	unauthenticated: 401,
	forbidden: 403,
	not_found: 404,
	conflict: 409,
	idempotency_mismatch: 422,
	unprocessable: 422,
	rate_limited: 429
};

/** The catalogue key of each status's title. */
const titles: Record<number, MessageKey> = {
	400: 'problem_title_invalid_input',
	401: 'problem_title_unauthenticated',
	403: 'problem_title_forbidden',
	404: 'problem_title_not_found',
	405: 'problem_title_method_not_allowed',
	409: 'problem_title_conflict',
	413: 'problem_title_body_too_large',
	415: 'problem_title_unsupported_media_type',
	422: 'problem_title_unprocessable',
	429: 'problem_title_rate_limited',
	500: 'problem_title_internal_error',
	503: 'problem_title_unavailable'
};

/** The language of the request's reader (Accept-Language; English without one). */
export function requestLocale(c: Context<AppEnv>): Locale {
	return localeOf(c.req.header('accept-language'));
}

const INVALID_FIELDS = msg('some_fields_are_not_valid');

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

/** RFC 9457 problem details; the detail is a catalogue message (or a framework's own text), told in the reader's language. */
export function problem(
	c: Context<AppEnv>,
	status: ContentfulStatusCode,
	detail: MessageText | string,
	extra: Partial<Problem> = {}
): Response {
	const locale = requestLocale(c);
	const title = titles[status];
	const body: Problem = {
		type: `/api/docs#problem-${extra.code ?? status}`,
		title: render(title ?? 'problem_title_error', locale),
		detail: render(detail as MessageText, locale),
		instance: new URL(c.req.url).pathname,
		requestId: c.get('requestId'),
		...extra,
		// Last: an error's details (a surprise's or draw's own `status`) never replace the HTTP status.
		status
	};
	return c.body(JSON.stringify(body), status, {
		'Content-Type': 'application/problem+json; charset=utf-8'
	});
}

export function zodFields(error: ZodErrorType, locale: Locale = 'en'): FieldError[] {
	return error.issues.map((issue) => ({
		field: issue.path.map(String).join('.') || '(body)',
		message: zodMessage(issue, locale)
	}));
}

/** The 400 for input that fails its schema, in the reader's language. */
export function invalidInput(c: Context<AppEnv>, error: ZodErrorType): Response {
	return problem(c, 400, INVALID_FIELDS, {
		code: 'validation',
		errors: zodFields(error, requestLocale(c))
	});
}

export function onError(error: Error, c: Context<AppEnv>): Response {
	if (error instanceof RateLimitedError) {
		c.header('Retry-After', String(error.retryAfterSeconds));
	}
	if (error instanceof DomainError) {
		const locale = requestLocale(c);
		const { message, fields } = error.localized(locale);
		return problem(c, statusByCode[error.code], message, {
			code: error.code,
			...(fields.length ? { errors: fields } : {}),
			...error.details
		});
	}
	if (error instanceof ZodError) return invalidInput(c, error);
	if (error instanceof HTTPException) {
		const status = error.status as ContentfulStatusCode;
		return problem(c, status, error.message || (titles[status] ?? 'problem_title_error'), {
			code: String(status)
		});
	}
	if (isDatabaseUnavailable(error)) {
		c.get('log')?.('warn', 'database unavailable', { error: String(error) });
		c.header('Retry-After', String(RETRY_AFTER_SECONDS));
		return problem(c, 503, msg('database_unavailable'), { code: 'unavailable' });
	}
	// Postgres integrity errors that a domain check did not catch first still are the client's fault.
	const pgCode =
		(error as { code?: string }).code ?? (error as { cause?: { code?: string } }).cause?.code;
	if (pgCode === '23505') return problem(c, 409, msg('duplicate'), { code: 'conflict' });
	if (pgCode === '23514' || pgCode === '22P02' || pgCode === '23503') {
		return problem(c, 409, msg('data_rule_broken'), { code: 'conflict' });
	}
	c.get('log')?.('error', 'unhandled error', { error: error.stack ?? String(error) });
	return problem(c, 500, msg('internal_error'));
}
