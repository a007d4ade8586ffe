import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '#db/client.ts';
import { testApi, type JsonOf } from '../../support/api.ts';
import { engines, freshDatabase } from '../../support/databases.ts';

describe.each(engines)('GET /api/v1/dashboard on %s', (engine) => {
	let database: Database;
	let t: ReturnType<typeof testApi>;

	beforeAll(async () => {
		database = await freshDatabase(engine);
		t = testApi(database);
	}, 60_000);
	afterAll(async () => {
		await database?.close();
	});

	it('refuses anonymous callers', async () => {
		expect((await t.client.api.v1.dashboard.$get({})).status).toBe(401);
	});

	it('starts at zero for every channel and tier', async () => {
		const hub = await t.user('hub');
		const res = await t.client.api.v1.dashboard.$get({}, { headers: hub.headers });
		expect(res.status).toBe(200);
		const body = await res.json();
		expect(body).toEqual({
			customers: {
				total: 0,
				byChannel: { x: 0, facebook: 0, instagram: 0, linkedin: 0, whatsapp: 0, email: 0 },
				byTier: { none: 0, fan: 0, supporter: 0, advocate: 0, ambassador: 0 }
			},
			reactionsLast7Days: 0
		});
	});

	it('counts customers once in total and once per channel they are on', async () => {
		const hub = await t.user('hub');
		const create = (json: JsonOf<typeof t.client.api.v1.customers.$post>) =>
			t.client.api.v1.customers.$post({ json }, { headers: hub.headers });
		expect(
			(
				await create({
					name: 'Zoë de Vries',
					handles: [
						{ channel: 'x', handle: '@zoedv' },
						{ channel: 'instagram', handle: 'zoe.dv' }
					]
				})
			).status
		).toBe(201);
		expect(
			(
				await create({
					name: 'Łukasz Nowak',
					handles: [{ channel: 'instagram', handle: 'lukasz.n' }]
				})
			).status
		).toBe(201);
		const marketing = await t.user('marketing');
		const body = await (
			await t.client.api.v1.dashboard.$get({}, { headers: marketing.headers })
		).json();
		expect(body.customers.total).toBe(2);
		expect(body.customers.byChannel).toMatchObject({ x: 1, instagram: 2, facebook: 0 });
		expect(body.customers.byTier.none).toBe(2);
	});
});
