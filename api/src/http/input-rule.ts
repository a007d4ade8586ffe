import type { MiddlewareHandler } from 'hono';
import { msg, render, type Message } from '../messages/index.ts';
import type { ZodType } from 'zod';
import { problem, requestLocale, zodFields } from './problem.ts';
import type { AppEnv } from './types.ts';

/**
 * One rule for every text the API takes — query and path parameters, and every string and key of a
 * JSON body — checked once, before any route's schema. Refused anywhere:
 * - NUL (PostgreSQL text cannot hold it) and the other C0 controls except tab, line feed and
 *   carriage return, DEL and the C1 controls (U+0080–U+009F): no font prints them, and they hide
 *   text in a name or a CSV;
 * - lone surrogates (no UTF-8 encoding exists, so PostgreSQL refuses the row);
 * - noncharacters (U+FDD0–U+FDEF and the last two code points of every plane): never text.
 * Tab and line breaks are a field's own business: multi-line fields take them, single-line schemas
 * (`singleLine`, names) refuse them. Query and path parameters are one line, so they refuse them too.
 */
const SUPPLEMENTARY_NONCHARACTERS = Array.from({ length: 16 }, (_, i) => {
	const plane = (i + 1).toString(16).toUpperCase();
	return `\\u{${plane}FFFE}\\u{${plane}FFFF}`;
}).join('');
const NEVER = new RegExp(
	`[\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F\\u007F-\\u009F\\uD800-\\uDFFF\\uFDD0-\\uFDEF\\uFFFE\\uFFFF${SUPPLEMENTARY_NONCHARACTERS}]`,
	'u'
);
const NOT_IN_ONE_LINE = /[\t\n\r\u2028\u2029]/u;

/** The first code point the rule refuses, as `U+0000`; undefined when the text is fine. */
export function forbiddenCharacter(text: string, oneLine = false): string | undefined {
	const found = NEVER.exec(text) ?? (oneLine ? NOT_IN_ONE_LINE.exec(text) : null);
	if (!found) return undefined;
	return `U+${found[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
}

/** A field name fit to show: what the rule refuses becomes U+FFFD. */
function printable(name: string): string {
	return name.replace(new RegExp(NEVER.source, 'gu'), '\uFFFD');
}

const MAX_ERRORS = 20;

/** Every offending string and key of a parsed JSON value, by path (`items.0.name`). Iterative: deep nesting cannot overflow the stack. */
function jsonErrors(value: unknown, found: (field: string, codePoint: string) => void): void {
	const stack: [unknown, string][] = [[value, '']];
	const at = (path: string, key: string) => (path ? `${path}.${key}` : key);
	let count = 0;
	const report = (field: string, codePoint: string) => {
		found(field, codePoint);
		count++;
	};
	while (stack.length && count < MAX_ERRORS) {
		const [item, path] = stack.pop()!;
		if (typeof item === 'string') {
			const bad = forbiddenCharacter(item);
			if (bad) report(path || '(body)', bad);
		} else if (Array.isArray(item)) {
			for (let i = item.length - 1; i >= 0; i--) stack.push([item[i], at(path, String(i))]);
		} else if (item && typeof item === 'object') {
			const entries = Object.entries(item);
			for (let i = entries.length - 1; i >= 0; i--) {
				const [key, child] = entries[i]!;
				const bad = forbiddenCharacter(key, true);
				if (bad) report(at(path, printable(key)), bad);
				else stack.push([child, at(path, key)]);
			}
		}
	}
}

function isJson(contentType: string | undefined): boolean {
	const type = contentType?.split(';')[0]!.trim().toLowerCase() ?? '';
	return type === 'application/json' || type.endsWith('+json');
}

/** A route's own schemas, so a refusal also lists what else is wrong with the input. */
export interface RouteSchemas {
	json?: ZodType;
	query?: ZodType;
	param?: ZodType;
}

/** The rule as route middleware (defineRoute adds it to every route, after the access check). */
export function inputRule(schemas: RouteSchemas): MiddlewareHandler<AppEnv> {
	return async (c, next) => {
		const errors: { field: string; message: Message }[] = [];
		const found = (field: string, codePoint: string) =>
			errors.push({ field, message: msg('character_not_allowed', { codePoint }) });

		for (const [name, value] of Object.entries(c.req.param() as Record<string, string>)) {
			const bad = forbiddenCharacter(value, true);
			if (bad) found(name, bad);
		}
		for (const [name, values] of Object.entries(c.req.queries())) {
			const badName = forbiddenCharacter(name, true);
			if (badName) found(printable(name), badName);
			for (const value of values) {
				const bad = forbiddenCharacter(value, true);
				if (bad) {
					found(name, bad);
					break;
				}
			}
		}
		let parsed: unknown = undefined;
		if (schemas.json && c.req.raw.body && isJson(c.req.header('content-type'))) {
			// A clone: the idempotency check and the validator read the body after this.
			try {
				parsed = JSON.parse(await c.req.raw.clone().text());
			} catch {
				// Not JSON: the route's validator answers that with its own 400.
			}
			jsonErrors(parsed, found);
		}
		if (!errors.length) return next();
		const locale = requestLocale(c);
		const fields = errors
			.slice(0, MAX_ERRORS)
			.map((e) => ({ field: e.field, message: render(e.message, locale) }));
		// The schemas' own verdicts on the other fields, so one answer names everything to fix.
		const named = new Set(fields.map((f) => f.field));
		const inputs: [ZodType | undefined, unknown][] = [
			[schemas.param, c.req.param()],
			[schemas.query, c.req.query()],
			[schemas.json, parsed]
		];
		for (const [schema, input] of inputs) {
			if (!schema || input === undefined) continue;
			const result = await schema.safeParseAsync(input);
			if (!result.success)
				for (const f of zodFields(result.error, locale)) if (!named.has(f.field)) fields.push(f);
		}
		return problem(c, 400, msg('some_fields_are_not_valid'), {
			code: 'validation',
			errors: fields
		});
	};
}
