import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '#db/client.ts';
import { tokenScopes, type TokenScope } from '#api/domain/accounts/roles.ts';
import { NON_OPERATION_PATHS } from '#api/app.ts';
import { freshDatabase } from '../../support/databases.ts';
import { testApi } from '../../support/api.ts';

type Access = { public?: true; roles?: string[]; scope?: TokenScope };
type Operation = { method: string; path: string; access: Access | undefined };
type Caller = {
	name: string;
	headers: Record<string, string>;
	kind: 'anonymous' | 'user' | 'token';
	role?: string;
	scopes?: string[];
};

/**
 * Every registered route × every kind of caller, against the rule the route declares. A route
 * registered without a rule, or a rule the code does not enforce, fails here.
 */
describe('authorisation matrix', () => {
	let database: Database;
	let t: ReturnType<typeof testApi>;
	let operations: Operation[];
	let callers: Caller[];

	beforeAll(async () => {
		database = await freshDatabase('pglite');
		t = testApi(database);
		// The OpenAPI document is served beside the typed routes, not as one of them: fetched by hand.
		const doc = (await (await t.request('/api/v1/openapi.json')).json()) as {
			paths: Record<string, Record<string, { 'x-access'?: Access }>>;
		};
		operations = Object.entries(doc.paths).flatMap(([path, ops]) =>
			Object.entries(ops).map(([method, op]) => ({
				method: method.toUpperCase(),
				path,
				access: op['x-access']
			}))
		);
		callers = [{ name: 'anonymous', headers: {}, kind: 'anonymous' }];
		for (const role of ['hub', 'marketing', 'admin'] as const) {
			const u = await t.user(role);
			callers.push({ name: role, headers: u.headers, kind: 'user', role });
		}
		for (const scope of tokenScopes) {
			const withScope = await t.token([scope]);
			callers.push({
				name: `token with ${scope}`,
				headers: withScope.headers,
				kind: 'token',
				scopes: [scope]
			});
		}
	}, 60_000);

	afterAll(async () => {
		await database?.close();
	});

	it('every registered route declares an access rule', () => {
		const documented = new Set(
			operations.filter((o) => o.access).map((o) => `${o.method} ${o.path}`)
		);
		const registered = t.api.routes
			.filter((r) => r.method !== 'ALL')
			.map((r) => `${r.method} ${r.path.replace(/:(\w+)/g, '{$1}')}`)
			.filter((key) => !NON_OPERATION_PATHS.includes(key.split(' ')[1]!));
		const missing = [...new Set(registered)].filter((key) => !documented.has(key));
		expect(missing, `routes without an x-access rule: ${missing.join(', ')}`).toEqual([]);
		expect(registered.length).toBeGreaterThan(5);
	});

	it('every route lets exactly the declared callers through', async () => {
		const mismatches: string[] = [];
		// Logging out ends the session the other checks use: do it last.
		const ordered = [...operations].sort(
			(a, b) => Number(a.path.endsWith('/logout')) - Number(b.path.endsWith('/logout'))
		);
		for (const op of ordered) {
			const access = op.access ?? {};
			const path = op.path.replace(/\{\w+\}/g, crypto.randomUUID());
			for (const caller of callers) {
				const expected = access.public
					? 'allowed'
					: caller.kind === 'anonymous'
						? 401
						: caller.kind === 'user'
							? access.roles?.includes(caller.role!)
								? 'allowed'
								: 403
							: access.scope && caller.scopes!.includes(access.scope)
								? 'allowed'
								: 403;
				// Every operation of the document by its path and method: sent by hand.
				const res = await t.request(path, {
					method: op.method,
					headers: caller.headers,
					...(['POST', 'PATCH', 'PUT'].includes(op.method) ? { json: {} } : {})
				});
				const actual = res.status === 401 || res.status === 403 ? res.status : 'allowed';
				if (res.status >= 500)
					mismatches.push(
						`${op.method} ${op.path} as ${caller.name}: ${res.status} (server error)`
					);
				else if (actual !== expected)
					mismatches.push(
						`${op.method} ${op.path} as ${caller.name}: expected ${expected}, got ${res.status}`
					);
			}
		}
		expect(mismatches).toEqual([]);
		expect(operations.length * callers.length).toBeGreaterThan(50);
	}, 120_000);
});
