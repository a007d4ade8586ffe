import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf, type Database } from '#db/client.ts';
import { auditLog } from '#db/schema/index.ts';
import { engines, freshDatabase } from '../../support/databases.ts';
import { TEST_PASSWORD, testApi, invalid } from '../../support/api.ts';

describe.each(engines)('accounts and API conventions on %s', (engine) => {
	let database: Database;
	let t: ReturnType<typeof testApi>;

	beforeAll(async () => {
		database = await freshDatabase(engine);
		t = testApi(database, { LOGIN_RATE_LIMIT: '5' });
	}, 60_000);
	afterAll(async () => {
		await database?.close();
	});

	const auditCount = async (action: string) =>
		Number(
			(
				(await database.db
					.select({ n: sql<number>`count(*)` })
					.from(auditLog)
					.where(sql`${auditLog.action} = ${action}`)) as [{ n: number }]
			)[0].n
		);

	it('logs in with the right password, sets an httpOnly SameSite cookie, and audits it', async () => {
		const admin = await t.user('admin', { email: 'Fleur.deVries@example.test' });
		const res = await t.client.api.v1.auth.login.$post(
			{ json: { email: 'fleur.devries@EXAMPLE.test', password: TEST_PASSWORD } },
			{ headers: { 'x-hoppatee-client-ip': '10.0.0.1' } }
		);
		expect(res.status).toBe(200);
		const cookie = res.headers.get('set-cookie') ?? '';
		expect(cookie).toMatch(/^hoppatee_session=/);
		expect(cookie).toMatch(/HttpOnly/i);
		expect(cookie).toMatch(/SameSite=Lax/i);
		const me = await t.client.api.v1.auth.me.$get(
			{},
			{ headers: { cookie: cookie.split(';')[0]! } }
		);
		expect((await me.json()).user.id).toBe(admin.id);
		expect(await auditCount('login')).toBeGreaterThanOrEqual(1);
	});

	it('refuses a wrong password with 401 problem+json and audits the failure', async () => {
		await t.user('hub', { email: 'sanne@example.test' });
		const before = await auditCount('login.failed');
		const res = await t.client.api.v1.auth.login.$post(
			{ json: { email: 'sanne@example.test', password: 'wrong wrong wrong' } },
			{ headers: { 'x-hoppatee-client-ip': '10.0.0.2' } }
		);
		expect(res.status).toBe(401);
		expect(res.headers.get('content-type')).toContain('application/problem+json');
		expect(await auditCount('login.failed')).toBe(before + 1);
	});

	it('rate-limits login attempts with 429 and Retry-After', async () => {
		const statuses: number[] = [];
		for (let i = 0; i < 7; i++) {
			const res = await t.client.api.v1.auth.login.$post(
				{ json: { email: 'nobody@example.test', password: 'x' } },
				{ headers: { 'x-hoppatee-client-ip': '10.0.0.3' } }
			);
			statuses.push(res.status);
			if (res.status === 429) expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
		}
		expect(statuses.slice(0, 5).every((s) => s === 401)).toBe(true);
		expect(statuses.slice(5)).toEqual([429, 429]);
	});

	it('logout ends the session', async () => {
		const hub = await t.user('hub');
		expect((await t.client.api.v1.auth.me.$get({}, { headers: hub.headers })).status).toBe(200);
		expect((await t.client.api.v1.auth.logout.$post({}, { headers: hub.headers })).status).toBe(
			204
		);
		expect((await t.client.api.v1.auth.me.$get({}, { headers: hub.headers })).status).toBe(401);
	});

	it('admin creates a user; bad input is a 400 with per-field errors and writes nothing', async () => {
		const admin = await t.user('admin');
		const bad = await t.client.api.v1.users.$post(
			{ json: { email: 'not-an-email', name: '', role: invalid('boss'), password: 'short' } },
			{ headers: admin.headers }
		);
		expect(bad.status).toBe(400);
		const problem = await bad.json();
		expect(problem.errors.map((e: { field: string }) => e.field).sort()).toEqual([
			'email',
			'name',
			'password',
			'role'
		]);
		const ok = await t.client.api.v1.users.$post(
			{
				json: {
					email: 'Łukasz@example.test',
					name: 'Łukasz Żółć 🧦',
					role: 'hub',
					password: TEST_PASSWORD
				}
			},
			{ headers: admin.headers }
		);
		expect(ok.status).toBe(201);
		expect((await ok.json()).name).toBe('Łukasz Żółć 🧦');
		const dup = await t.client.api.v1.users.$post(
			{
				json: { email: 'łukasz@EXAMPLE.test', name: 'Again', role: 'hub', password: TEST_PASSWORD }
			},
			{ headers: admin.headers }
		);
		expect(dup.status).toBe(409);
		expect((await dup.json()).errors[0].field).toBe('email');
	});

	it('deactivating a user ends their sessions; the last admin cannot be demoted', async () => {
		const admin = await t.user('admin');
		const hub = await t.user('hub');
		const res = await t.client.api.v1.users[':id'].$patch(
			{ param: { id: hub.id }, json: { active: false } },
			{ headers: admin.headers }
		);
		expect(res.status).toBe(200);
		expect((await t.client.api.v1.auth.me.$get({}, { headers: hub.headers })).status).toBe(401);
		const self = await t.client.api.v1.users[':id'].$patch(
			{ param: { id: admin.id }, json: { active: false } },
			{ headers: admin.headers }
		);
		expect(self.status).toBe(409);
	});

	it('API tokens: secret shown once, stored hashed, scoped, revocable', async () => {
		const admin = await t.user('admin');
		const created = await t.client.api.v1.tokens.$post(
			{ json: { name: 'Webcare inbox', scopes: ['customers:read'] } },
			{ headers: admin.headers }
		);
		expect(created.status).toBe(201);
		const { token, id } = await created.json();
		expect(token).toMatch(/^hop_/);
		const stored = await database.db.execute(
			sql`select token_hash from api_tokens where id = ${id}`
		);
		const rows = rowsOf<{ token_hash: string }>(stored);
		expect(rows[0]!.token_hash).not.toContain(token);
		const list = await (await t.client.api.v1.tokens.$get({}, { headers: admin.headers })).json();
		expect(JSON.stringify(list)).not.toContain(token);
		const bearer = { authorization: `Bearer ${token}` };
		expect((await t.client.api.v1.users.$get({}, { headers: bearer })).status).toBe(403);
		expect(
			(
				await t.client.api.v1.tokens[':id'].revoke.$post(
					{ param: { id } },
					{ headers: admin.headers }
				)
			).status
		).toBe(200);
		expect((await t.client.api.v1.auth.me.$get({}, { headers: bearer })).status).toBe(401);
	});

	it('Idempotency-Key: same key and body replay, another body is 422', async () => {
		const admin = await t.user('admin');
		const body = {
			email: 'idem@example.test',
			name: 'Idem',
			role: 'hub' as const,
			password: TEST_PASSWORD
		};
		const headers = { ...admin.headers, 'idempotency-key': 'create-idem-1' };
		const first = await t.client.api.v1.users.$post({ json: body }, { headers });
		const second = await t.client.api.v1.users.$post({ json: body }, { headers });
		expect(first.status).toBe(201);
		expect(second.status).toBe(201);
		expect(second.headers.get('idempotent-replayed')).toBe('true');
		expect((await second.json()).id).toBe((await first.json()).id);
		const other = await t.client.api.v1.users.$post(
			{ json: { ...body, name: 'Other' } },
			{ headers }
		);
		expect(other.status).toBe(422);
	});

	it('answers with a request id, secure headers, and problem+json for unknown routes and bad JSON', async () => {
		const admin = await t.user('admin');
		// A path with no route, which the typed client cannot name: sent by hand.
		const res = await t.request('/api/nope', { headers: { 'x-request-id': 'abc-123' } });
		expect(res.status).toBe(404);
		expect(res.headers.get('x-request-id')).toBe('abc-123');
		expect(res.headers.get('strict-transport-security')).toMatch(/max-age=31536000/);
		expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
		expect(res.headers.get('referrer-policy')).toBe('no-referrer');
		// Malformed JSON, which the typed client cannot send: by hand.
		const badJson = await t.request('/api/v1/users', {
			method: 'POST',
			headers: { ...admin.headers, 'content-type': 'application/json' },
			body: '{oops'
		});
		expect(badJson.status).toBe(400);
		expect(badJson.headers.get('content-type')).toContain('application/problem+json');
	});

	it('refuses cookie-authenticated writes from another origin, allows bearer tokens', async () => {
		const admin = await t.user('admin');
		const res = await t.client.api.v1.tokens.$post(
			{ json: { name: 'x', scopes: ['customers:read'] } },
			{ headers: { ...admin.headers, origin: 'http://evil.example' } }
		);
		expect(res.status).toBe(403);
		const site = await t.client.api.v1.tokens.$post(
			{ json: { name: 'x', scopes: ['customers:read'] } },
			{ headers: { ...admin.headers, 'sec-fetch-site': 'cross-site' } }
		);
		expect(site.status).toBe(403);
	});

	it('rejects bodies over 5 MB with 413', async () => {
		const admin = await t.user('admin');
		// An oversized raw body: by hand.
		const res = await t.request('/api/v1/tokens', {
			method: 'POST',
			headers: { ...admin.headers, 'content-type': 'application/json' },
			body: `{"name":"${'x'.repeat(6 * 1024 * 1024)}"}`
		});
		expect(res.status).toBe(413);
	});
});
