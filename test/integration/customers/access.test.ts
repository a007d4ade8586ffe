import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '#db/client.ts';
import { createCustomer } from '#api/domain/customers/create-customer.ts';
import { listCustomers } from '#api/domain/customers/list-customers.ts';
import { ForbiddenError, UnauthenticatedError } from '#api/domain/errors.ts';
import { engines, freshDatabase } from '../../support/databases.ts';
import { testApi } from '../../support/api.ts';

describe.each(engines)('who may read and write customers on %s', (engine) => {
	let database: Database;
	let t: ReturnType<typeof testApi>;

	beforeAll(async () => {
		database = await freshDatabase(engine);
		t = testApi(database);
	}, 60_000);
	afterAll(async () => {
		await database?.close();
	});

	const create = (headers: Record<string, string>, name: string) =>
		t.client.api.v1.customers.$post({ json: { name } }, { headers });
	const list = (headers: Record<string, string>) =>
		t.client.api.v1.customers.$get({ query: {} }, { headers });

	it('hub and admin write; marketing reads but cannot create (403)', async () => {
		const hub = await t.user('hub');
		const admin = await t.user('admin');
		const marketing = await t.user('marketing');
		expect((await create(hub.headers, 'By hub')).status).toBe(201);
		expect((await create(admin.headers, 'By admin')).status).toBe(201);
		const refused = await create(marketing.headers, 'By marketing');
		expect(refused.status).toBe(403);
		expect(refused.headers.get('content-type')).toContain('application/problem+json');
		const seen = await list(marketing.headers);
		expect(seen.status).toBe(200);
		expect((await seen.json()).items.map((c: { name: string }) => c.name)).toEqual([
			'By admin',
			'By hub'
		]);
	});

	it('a token with customers:read lists but cannot create; customers:write creates but cannot list', async () => {
		const reader = await t.token(['customers:read']);
		expect((await list(reader.headers)).status).toBe(200);
		expect((await create(reader.headers, 'By reader')).status).toBe(403);
		const writer = await t.token(['customers:write']);
		expect((await create(writer.headers, 'By writer')).status).toBe(201);
		expect((await list(writer.headers)).status).toBe(403);
		const other = await t.token(['reactions:write']);
		expect((await list(other.headers)).status).toBe(403);
		expect((await list({})).status).toBe(401);
	});

	it('the verbs enforce the same rules when called without HTTP', async () => {
		const base = { db: database.db, now: () => new Date() };
		const marketing = {
			...base,
			actor: {
				type: 'user' as const,
				id: crypto.randomUUID(),
				role: 'marketing' as const,
				name: 'M',
				email: 'm@example.test'
			}
		};
		await expect(
			createCustomer({ ctx: marketing, input: { name: 'Nope' } })
		).rejects.toBeInstanceOf(ForbiddenError);
		await expect(listCustomers({ ctx: marketing, input: {} })).resolves.toMatchObject({
			items: expect.any(Array)
		});
		const token = {
			...base,
			actor: {
				type: 'token' as const,
				id: crypto.randomUUID(),
				name: 't',
				scopes: ['reactions:read']
			}
		};
		await expect(listCustomers({ ctx: token, input: {} })).rejects.toBeInstanceOf(ForbiddenError);
		await expect(
			createCustomer({ ctx: { ...base, actor: { type: 'anonymous' } }, input: { name: 'Nope' } })
		).rejects.toBeInstanceOf(UnauthenticatedError);
	});
});
