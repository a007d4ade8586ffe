import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '#db/client.ts';
import { freshDatabase } from '../../support/databases.ts';
import { testApi } from '../../support/api.ts';

/**
 * The one input rule, held to every route the OpenAPI document lists: each string field of each
 * JSON body, each object key a body may choose (records), each query and path parameter gets
 * every character from the list below, sent by a caller the route lets in. Generated from the
 * document, so a new route is covered as soon as it is registered.
 *
 * A refused character must come back as a 400 naming the field; nothing may answer 5xx or 409
 * (the database's own refusals). PGlite only: the rule answers before any query runs.
 */

type Schema = {
	$ref?: string;
	type?: string | string[];
	properties?: Record<string, Schema>;
	required?: string[];
	additionalProperties?: Schema | boolean;
	propertyNames?: Schema;
	items?: Schema;
	anyOf?: Schema[];
	oneOf?: Schema[];
	allOf?: Schema[];
	enum?: unknown[];
	format?: string;
	minimum?: number;
	minItems?: number;
	minLength?: number;
	default?: unknown;
};
type Parameter = { name: string; in: 'query' | 'path' | 'header' | 'cookie'; schema?: Schema };
type Operation = {
	'x-access'?: { public?: true; roles?: string[] };
	parameters?: Parameter[];
	requestBody?: { content?: Record<string, { schema?: Schema }> };
};
type Doc = {
	paths: Record<string, Record<string, Operation>>;
	components?: { schemas?: Record<string, Schema> };
};

/** Refused everywhere (the rule in api/src/http/input-rule.ts). */
const REFUSED: [string, string][] = [
	['NUL', '\u0000'],
	['NUL inside', 'ab\u0000cd'],
	['bell (C0)', 'a\u0007'],
	['DEL', '\u007F'],
	['NEL (C1)', 'x\u0085y'],
	['CSI (C1)', '\u009B31m'],
	['lone high surrogate', 'a\uD800'],
	['lone low surrogate', '\uDFFFb'],
	['noncharacter U+FFFE', '\uFFFE'],
	['noncharacter U+FDD0', '\uFDD0'],
	['noncharacter U+10FFFF', '\u{10FFFF}']
];

/** A URL cannot carry a lone surrogate (encodeURIComponent refuses it): its WTF-8 bytes instead, which must not break anything either. */
const URL_ONLY: [string, string][] = [
	['lone surrogate bytes', '%ED%A0%80'],
	['overlong NUL', '%C0%80'],
	['C1 bytes', '%C2%85'],
	['broken escape', '%E2%82']
];

const SAMPLE_UUID = '00000000-0000-4000-8000-000000000000';

function resolve(doc: Doc, schema: Schema | undefined): Schema {
	let s = schema ?? {};
	for (let i = 0; s.$ref && i < 10; i++)
		s = doc.components?.schemas?.[s.$ref.split('/').pop()!] ?? {};
	return s;
}

/** A plausible value for a schema: valid where that is easy, so a body gets past its shape. */
function sample(doc: Doc, raw: Schema | undefined, depth = 0): unknown {
	const s = resolve(doc, raw);
	if (s.default !== undefined) return s.default;
	if (s.enum?.length) return s.enum.find((v) => v !== '') ?? s.enum[0];
	const branches = s.anyOf ?? s.oneOf;
	if (branches?.length) {
		const real = branches.map((b) => resolve(doc, b)).filter((b) => b.type !== 'null');
		return sample(
			doc,
			real.find((b) => !(b.enum?.length === 1 && b.enum[0] === '')) ?? real[0],
			depth
		);
	}
	if (s.allOf?.length) return sample(doc, s.allOf[0], depth);
	const type = Array.isArray(s.type) ? s.type.find((t) => t !== 'null') : s.type;
	if (depth > 6) return null;
	switch (type) {
		case 'object': {
			const out: Record<string, unknown> = {};
			for (const [key, child] of Object.entries(s.properties ?? {}))
				out[key] = sample(doc, child, depth + 1);
			return out;
		}
		case 'array':
			return [sample(doc, s.items, depth + 1)];
		case 'integer':
		case 'number':
			return Math.max(s.minimum ?? 1, 1);
		case 'boolean':
			return false;
		case 'string':
			if (s.format === 'uuid') return SAMPLE_UUID;
			if (s.format === 'email') return 'someone@example.test';
			if (s.format === 'date-time') return '2026-11-20T10:00:00Z';
			if (s.format === 'uri' || s.format === 'url') return 'https://example.test/p/1';
			return 'Tekst';
		default:
			return 'Tekst';
	}
}

type Slot = { field: string; kind: 'value' | 'key'; set: (value: string) => unknown };

/** Every place in a body where a string goes: its path (as the API names it) and how to put one there. */
function stringSlots(doc: Doc, schema: Schema | undefined, body: unknown): Slot[] {
	const slots: Slot[] = [];
	const clone = () => structuredClone(body);
	const walk = (raw: Schema | undefined, path: (string | number)[], depth: number) => {
		const s = resolve(doc, raw);
		if (depth > 6) return;
		const branches = s.anyOf ?? s.oneOf;
		const type = Array.isArray(s.type) ? s.type.find((t) => t !== 'null') : s.type;
		const isString = type === 'string' || branches?.some((b) => resolve(doc, b).type === 'string');
		if (isString && path.length) {
			slots.push({
				kind: 'value',
				field: path.join('.'),
				set: (value) => {
					const copy = clone() as Record<string | number, unknown>;
					let parent = copy;
					path.slice(0, -1).forEach((key, i) => {
						// The sample may have taken another branch (null, a default): make the way.
						if (typeof parent[key] !== 'object' || parent[key] === null)
							parent[key] = typeof path[i + 1] === 'number' ? [] : {};
						parent = parent[key] as typeof parent;
					});
					parent[path.at(-1)!] = value;
					return copy;
				}
			});
			return;
		}
		if (type === 'object') {
			for (const [key, child] of Object.entries(s.properties ?? {}))
				walk(child, [...path, key], depth + 1);
			if (s.additionalProperties && typeof s.additionalProperties === 'object') {
				slots.push({
					kind: 'key',
					field: path.join('.'),
					set: (value) => {
						const copy = clone() as Record<string | number, unknown>;
						let parent = copy;
						for (const key of path) {
							if (typeof parent[key] !== 'object' || parent[key] === null) parent[key] = {};
							parent = parent[key] as typeof parent;
						}
						parent[value] = sample(doc, s.additionalProperties as Schema);
						return copy;
					}
				});
			}
		} else if (type === 'array') walk(s.items, [...path, 0], depth + 1);
		else if (branches?.length) {
			const real = branches.map((b) => resolve(doc, b)).find((b) => b.type === 'object');
			if (real) walk(real, path, depth + 1);
		}
	};
	walk(schema, [], 0);
	return slots;
}

describe('one input rule at the edge, on every route of the OpenAPI document', () => {
	let database: Database;
	let t: ReturnType<typeof testApi>;
	let doc: Doc;
	const callers: Record<string, Record<string, string>> = {};

	beforeAll(async () => {
		database = await freshDatabase('pglite');
		t = testApi(database);
		doc = (await (await t.request('/api/v1/openapi.json')).json()) as Doc;
		for (const role of ['hub', 'marketing', 'admin'] as const)
			callers[role] = (await t.user(role)).headers;
	}, 60_000);

	afterAll(async () => {
		await database?.close();
	});

	const headersFor = (op: Operation) => {
		const access = op['x-access'] ?? {};
		if (access.public) return {};
		const role = access.roles?.find((r) => callers[r]) ?? 'admin';
		return callers[role]!;
	};

	it('refuses every listed character in every string field and parameter with a 400 naming it, and never answers 5xx or 409', async () => {
		const failures: string[] = [];
		let checked = 0;
		const fields = new Set<string>();
		const operations = Object.entries(doc.paths).flatMap(([path, ops]) =>
			Object.entries(ops).map(([method, op]) => ({ method: method.toUpperCase(), path, op }))
		);
		// Logging out ends the session every other call uses.
		operations.sort(
			(a, b) => Number(a.path.endsWith('/logout')) - Number(b.path.endsWith('/logout'))
		);

		const send = async (
			label: string,
			method: string,
			url: string,
			headers: Record<string, string>,
			json: unknown,
			expectField: string | null
		) => {
			checked += 1;
			const res = await t.request(url, {
				method,
				headers,
				...(json !== undefined ? { json } : {})
			});
			const text = await res.text();
			if (res.status >= 500 || res.status === 409) {
				failures.push(`${label}: ${res.status} ${text.slice(0, 200)}`);
				return;
			}
			if (expectField === null) return;
			const body = JSON.parse(text) as { errors?: { field: string }[] };
			if (res.status !== 400 || !body.errors?.some((e) => e.field === expectField))
				failures.push(
					`${label}: expected 400 naming ${expectField}, got ${res.status} ${text.slice(0, 200)}`
				);
		};

		for (const { method, path, op } of operations) {
			const headers = headersFor(op);
			const params = op.parameters ?? [];
			const pathParams = params.filter((p) => p.in === 'path');
			const fillPath = (override?: [string, string]) =>
				path.replace(/\{(\w+)\}/g, (_, name: string) =>
					override && override[0] === name
						? override[1]
						: encodeURIComponent(
								String(sample(doc, pathParams.find((p) => p.name === name)?.schema))
							)
				);
			const bodySchema = op.requestBody?.content?.['application/json']?.schema;
			const body = bodySchema ? sample(doc, bodySchema) : undefined;

			for (const p of params.filter((p) => p.in === 'query' || p.in === 'path')) {
				fields.add(`${method} ${path} ${p.in}:${p.name}`);
				// A URL cannot carry a lone surrogate (URL_ONLY sends its bytes instead).
				for (const [name, value] of REFUSED.filter(([, v]) => v.isWellFormed())) {
					const encoded = encodeURIComponent(value);
					const url =
						p.in === 'path'
							? fillPath([p.name, encoded])
							: `${fillPath()}?${encodeURIComponent(p.name)}=${encoded}`;
					await send(
						`${method} ${path} ${p.in} ${p.name} ← ${name}`,
						method,
						url,
						headers,
						body,
						p.name
					);
				}
				for (const [name, raw] of URL_ONLY) {
					const url = p.in === 'path' ? fillPath([p.name, raw]) : `${fillPath()}?${p.name}=${raw}`;
					await send(
						`${method} ${path} ${p.in} ${p.name} ← ${name}`,
						method,
						url,
						headers,
						body,
						null
					);
				}
			}

			if (bodySchema) {
				for (const slot of stringSlots(doc, bodySchema, body)) {
					fields.add(`${method} ${path} body:${slot.field}${slot.kind === 'key' ? '{key}' : ''}`);
					for (const [name, value] of REFUSED) {
						const json = slot.set(slot.kind === 'key' ? `k${value}` : value);
						const field =
							slot.kind === 'key'
								? [
										slot.field,
										`k${value}`.replace(/[\p{Cc}\p{Cs}\p{Noncharacter_Code_Point}]/gu, '\uFFFD')
									]
										.filter(Boolean)
										.join('.')
								: slot.field;
						await send(
							`${method} ${path} body ${field} ← ${name}`,
							method,
							fillPath(),
							headers,
							json,
							field
						);
					}
				}
			}
		}

		expect(failures).toEqual([]);
		// Not vacuous: the document's string fields and parameters were all reached.
		expect(fields.size).toBeGreaterThan(150);
		expect(checked).toBeGreaterThan(1500);
	}, 300_000);

	it('keeps what the rule allows: tab and line breaks in a multi-line body field, emoji, right-to-left text', async () => {
		const hub = callers.hub!;
		const created = await t.request('/api/v1/customers', {
			method: 'POST',
			headers: hub,
			json: { name: 'Zoë 😀 محمد', notes: 'regel één\n\tregel twee\r\nklaar' }
		});
		expect(created.status).toBe(201);
	});

	it('names the field in Dutch when the reader asks', async () => {
		const res = await t.request('/api/v1/customers?q=%00', {
			headers: { ...callers.hub!, 'accept-language': 'nl' }
		});
		expect(res.status).toBe(400);
		expect(res.headers.get('content-type')).toContain('application/problem+json');
		const body = (await res.json()) as { errors: { field: string; message: string }[] };
		expect(body.errors).toEqual([
			{ field: 'q', message: expect.stringContaining('U+0000') as string }
		]);
		expect(body.errors[0]!.message).toContain('niet kan worden opgeslagen');
	});

	it('names the other bad fields in the same answer', async () => {
		const res = await t.request('/api/v1/customers', {
			method: 'POST',
			headers: callers.hub!,
			json: { name: 'Jan\u0000', email: 'not-an-email', locale: 'de' }
		});
		expect(res.status).toBe(400);
		const body = (await res.json()) as { errors: { field: string; message: string }[] };
		expect(body.errors.map((e) => e.field).sort()).toEqual(['email', 'locale', 'name']);
		expect(body.errors.find((e) => e.field === 'name')!.message).toContain('U+0000');
	});

	it('refuses a NUL in the login form without a session', async () => {
		const res = await t.request('/api/v1/auth/login', {
			method: 'POST',
			json: { email: 'a\u0000@example.test', password: 'x\u0000' }
		});
		expect(res.status).toBe(400);
		const body = (await res.json()) as { errors: { field: string }[] };
		expect(body.errors.map((e) => e.field).sort()).toEqual(['email', 'password']);
	});

	it('survives a deeply nested body', async () => {
		const res = await t.request('/api/v1/customers', {
			method: 'POST',
			headers: { ...callers.hub!, 'content-type': 'application/json' },
			body: '['.repeat(200_000) + ']'.repeat(200_000)
		});
		expect(res.status).toBe(400);
	});
});
