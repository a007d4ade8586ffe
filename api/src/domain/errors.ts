import { msg, render, type Locale, type Message, type MessageKey } from '../messages/index.ts';

export type { Locale } from '../messages/index.ts';

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

/** A message for people: a catalogue key, or a key with its parameters (see api/src/messages). */
export type MessageText = Message | MessageKey;

export interface FieldError {
	/** Dotted path into the input, e.g. `handles.0.handle`. */
	field: string;
	message: string;
}

/** A field error as the domain raises it: its message is a code, rendered in the reader's language. */
export interface FieldText {
	field: string;
	message: MessageText;
}

export class DomainError extends Error {
	readonly code: ErrorCode;
	/** In English, like `message`; `localized()` gives both in the reader's language. */
	readonly fields: FieldError[];
	readonly details: Record<string, unknown>;
	readonly text: MessageText;
	readonly fieldTexts: FieldText[];
	constructor(
		code: ErrorCode,
		message: MessageText,
		options: { fields?: FieldText[]; details?: Record<string, unknown> } = {}
	) {
		super(render(message, 'en'));
		this.name = new.target.name;
		this.code = code;
		this.text = message;
		this.fieldTexts = options.fields ?? [];
		this.fields = this.fieldTexts.map((f) => ({
			field: f.field,
			message: render(f.message, 'en')
		}));
		this.details = options.details ?? {};
	}

	/** The message and field messages in one language. */
	localized(locale: Locale): { message: string; fields: FieldError[] } {
		return {
			message: render(this.text, locale),
			fields: this.fieldTexts.map((f) => ({ field: f.field, message: render(f.message, locale) }))
		};
	}
}

export class ValidationError extends DomainError {
	constructor(message: MessageText, fields: FieldText[] = []) {
		super('validation', message, { fields });
	}
}

export class UnauthenticatedError extends DomainError {
	constructor(message: MessageText = msg('log_in_first')) {
		super('unauthenticated', message);
	}
}

export class ForbiddenError extends DomainError {
	constructor(message: MessageText = msg('role_may_not_do_this')) {
		super('forbidden', message);
	}
}

/** The things a NotFoundError can be about, each a word in the catalogue (`entity_<name>`). */
export type Entity =
	Extract<MessageKey, `entity_${string}`> extends `entity_${infer E}` ? E : never;

export class NotFoundError extends DomainError {
	constructor(entity: Entity, id?: string) {
		const name = msg(`entity_${entity}`);
		super(
			'not_found',
			id ? msg('not_found_with_id', { entity: name, id }) : msg('not_found', { entity: name }),
			{
				details: { entity: render(name, 'en') }
			}
		);
	}
}

export class ConflictError extends DomainError {
	constructor(
		message: MessageText,
		fields: FieldText[] = [],
		details: Record<string, unknown> = {}
	) {
		super('conflict', message, { fields, details });
	}
}

export class RateLimitedError extends DomainError {
	readonly retryAfterSeconds: number;
	constructor(retryAfterSeconds: number) {
		super('rate_limited', msg('too_many_attempts'), { details: { retryAfterSeconds } });
		this.retryAfterSeconds = retryAfterSeconds;
	}
}

export class IdempotencyMismatchError extends DomainError {
	constructor() {
		super('idempotency_mismatch', msg('idempotency_key_reused'));
	}
}

/** One CSV row's problem: its English message, and its code as `text` (not enumerable: tests and JSON see the row as before). */
export interface RowError {
	line: number;
	/** The column (e.g. `instagram`, `followers_x`), or `row` for the row as a whole. */
	field: string;
	message: string;
	readonly text: MessageText;
}

export function rowError(line: number, field: string, text: MessageText): RowError {
	const error = { line, field, message: render(text, 'en') } as RowError;
	Object.defineProperty(error, 'text', { value: text, enumerable: false });
	return error;
}
