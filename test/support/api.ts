import type { Database } from '#db/client.ts';
import { createApiToken } from '#api/domain/accounts/api-tokens.ts';
import { logIn } from '#api/domain/accounts/log-in.ts';
import type { Role, TokenScope } from '#api/domain/accounts/roles.ts';
import { createUser } from '#api/domain/accounts/users.ts';
import { systemCtx, type Ctx } from '#api/domain/context.ts';
import { parseEnv, type Env } from '#api/env.ts';
import { createApi } from '#api/app.ts';
import { testClient } from 'hono/testing';

type Client = ReturnType<typeof testClient<ReturnType<typeof createApi>>>;

/**
 * The client with each call answering a plain `Response`, as `request` does: tests check status,
 * headers and body themselves (an error body is not the success type the client would promise).
 */
type PlainResponses<T> = {
	[K in keyof T]: T[K] extends (...args: infer A) => Promise<unknown>
		? (...args: A) => Promise<Response>
		: T[K] extends (...args: never[]) => unknown
			? T[K]
			: PlainResponses<T[K]>;
};

type InputOf<F> = F extends (args: infer A, ...rest: never[]) => unknown ? NonNullable<A> : never;
/** The JSON body a typed client call takes, for a test's helper that passes its body through. */
export type JsonOf<F> = InputOf<F> extends { json: infer J } ? J : never;
/** The query a typed client call takes. */
export type QueryOf<F> = InputOf<F> extends { query: infer Q } ? Q : never;

/** A value the typed client would refuse, sent on purpose to see the API refuse it. */
export function invalid(value: unknown): never {
	return value as never;
}

export const TEST_PASSWORD = 'correct horse battery staple';

/** The real Hono app on a real database, plus helpers to act as each kind of caller. */
export function testApi(database: Database, envOverrides: Record<string, string> = {}) {
	const env: Env = parseEnv({ LOG_LEVEL: 'silent', ...envOverrides });
	const api = createApi({ database, env, log: () => {} });
	const ctx: Ctx = systemCtx(database.db);
	let userCounter = 0;

	/** A request built by hand, for what the typed client cannot send (raw bodies, unknown paths). */
	async function request(
		path: string,
		init: RequestInit & { json?: unknown } = {}
	): Promise<Response> {
		const headers = new Headers(init.headers);
		let body = init.body;
		if (init.json !== undefined) {
			headers.set('content-type', 'application/json');
			body = JSON.stringify(init.json);
		}
		return api.fetch(new Request(`http://localhost${path}`, { ...init, headers, body }));
	}

	async function user(role: Role, overrides: { email?: string; name?: string } = {}) {
		userCounter += 1;
		const email =
			overrides.email ?? `${role}${userCounter}-${crypto.randomUUID().slice(0, 8)}@example.test`;
		const created = await createUser({
			ctx,
			input: {
				email,
				name: overrides.name ?? `${role} ${userCounter}`,
				role,
				password: TEST_PASSWORD
			}
		});
		const session = await logIn({
			ctx: { ...ctx, ip: `test-${email}` },
			input: { email, password: TEST_PASSWORD },
			options: { sessionTtlHours: 1, rateLimit: 1000 }
		});
		return {
			...created,
			headers: { cookie: `hoppatee_session=${session.token}` } as Record<string, string>
		};
	}

	async function token(scopes: TokenScope[]) {
		const admin = await createUser({
			ctx,
			input: {
				email: `tokenadmin-${crypto.randomUUID()}@example.test`,
				name: 'Token admin',
				role: 'admin',
				password: TEST_PASSWORD
			}
		});
		const created = await createApiToken({
			ctx: {
				...ctx,
				actor: { type: 'user', id: admin.id, role: 'admin', name: admin.name, email: admin.email }
			},
			input: { name: `t-${scopes.join('+') || 'none'}`, scopes }
		});
		return {
			...created,
			headers: { authorization: `Bearer ${created.token}` } as Record<string, string>
		};
	}

	/**
	 * The typed client: the compiler checks paths, params, query and bodies. Each caller's headers
	 * (a user's cookie, a token's bearer, an Idempotency-Key, a locale) go in the second argument:
	 * `client.api.v1.customers.$post({ json }, { headers: hub.headers })`.
	 */
	const client = testClient(api) as unknown as PlainResponses<Client>;

	return { api, env, ctx, client, request, user, token };
}
