/** The highlight star on reactions: who may set it, that it is idempotent, and the list's filter. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '#db/client.ts';
import { testApi } from '../../support/api.ts';
import { engines, freshDatabase } from '../../support/databases.ts';
import { fixtures } from '../surprises/fixtures.ts';

describe.each(engines)('reaction highlights on %s', (engine) => {
	let database: Database;
	let t: ReturnType<typeof testApi>;

	beforeAll(async () => {
		database = await freshDatabase(engine);
		t = testApi(database);
	}, 60_000);
	afterAll(async () => {
		await database?.close();
	});

	async function logged(headers: Record<string, string>) {
		const customer = await fixtures(database).customer();
		const res = await t.client.api.v1.reactions.$post(
			{
				json: {
					customerId: customer.id,
					channel: 'instagram',
					text: 'Wat een lieve verrassing!',
					postedAt: new Date(Date.now() - 60_000).toISOString()
				}
			},
			{ headers }
		);
		expect(res.status).toBe(201);
		return (await res.json()).reaction.id;
	}

	it('any staff member stars and unstars; the list filters the starred ones', async () => {
		const hub = await t.user('hub');
		const marketing = await t.user('marketing');
		const id = await logged(hub.headers);
		const other = await logged(hub.headers);
		const star = t.client.api.v1.reactions[':id'].star;
		const put = await star.$put({ param: { id } }, { headers: marketing.headers });
		expect(put.status).toBe(200);
		expect((await put.json()).starred).toBe(true);
		// Again: no change, still starred.
		expect(
			(await (await star.$put({ param: { id } }, { headers: hub.headers })).json()).starred
		).toBe(true);
		const starred = await t.client.api.v1.reactions.$get(
			{ query: { starred: 'true' } },
			{ headers: hub.headers }
		);
		expect(starred.status, await starred.clone().text()).toBe(200);
		const items = (await starred.json()).items;
		expect(items.map((r: { id: string }) => r.id)).toEqual([id]);
		const all = await t.client.api.v1.reactions.$get({ query: {} }, { headers: hub.headers });
		expect(
			(
				(await all.json()).items.find((r: { id: string }) => r.id === other) as
					{ starred?: boolean } | undefined
			)?.starred
		).toBe(false);
		const off = await star.$delete({ param: { id } }, { headers: hub.headers });
		expect((await off.json()).starred).toBe(false);
		const none = await t.client.api.v1.reactions.$get(
			{ query: { starred: 'true' } },
			{ headers: hub.headers }
		);
		expect((await none.json()).items).toEqual([]);
	});

	it('tokens and anonymous callers may not star; an unknown reaction is 404', async () => {
		const hub = await t.user('hub');
		const id = await logged(hub.headers);
		const star = t.client.api.v1.reactions[':id'].star;
		expect((await star.$put({ param: { id } })).status).toBe(401);
		const token = await t.token(['reactions:write', 'reactions:read']);
		expect((await star.$put({ param: { id } }, { headers: token.headers })).status).toBe(403);
		expect(
			(await star.$put({ param: { id: crypto.randomUUID() } }, { headers: hub.headers })).status
		).toBe(404);
	});
});
