/** GET /api/v1/search: the header's one search box over customers, surprises, nominations and reactions. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '#db/client.ts';
import { nominations, reactions, surprises } from '#db/schema/index.ts';
import { referenceIn } from '#api/domain/search/search-everything.ts';
import { testApi } from '../../support/api.ts';
import { engines, freshDatabase } from '../../support/databases.ts';
import { fixtures } from '../surprises/fixtures.ts';

describe('referenceIn', () => {
	it('reads the ways people type a reference, and nothing else', () => {
		for (const q of ['HOP-00116', 'hop-116', 'hop 116', 'HOP116', '#116', '116', '00116'])
			expect(referenceIn(q), q).toBe('HOP-00116');
		expect(referenceIn('HOP-123456')).toBe('HOP-123456');
		for (const q of ['hop', 'Hopper 1', '116a', 'HOP--', '1 16', ''])
			expect(referenceIn(q), q).toBeNull();
	});
});

describe.each(engines)('GET /api/v1/search on %s', (engine) => {
	let database: Database;
	let t: ReturnType<typeof testApi>;

	beforeAll(async () => {
		database = await freshDatabase(engine);
		t = testApi(database);
	}, 60_000);
	afterAll(async () => {
		await database?.close();
	});

	it('refuses anonymous callers and an empty or too long query, naming the field', async () => {
		expect((await t.client.api.v1.search.$get({ query: { q: 'x' } })).status).toBe(401);
		const hub = await t.user('hub');
		for (const q of ['   ', 'x'.repeat(201)]) {
			const res = await t.client.api.v1.search.$get({ query: { q } }, { headers: hub.headers });
			expect(res.status).toBe(400);
			expect(res.headers.get('content-type')).toContain('application/problem+json');
			expect(JSON.stringify(await res.json())).toContain('"q"');
		}
	});

	it('finds a surprise by its reference however it is typed, and a customer with their work', async () => {
		const f = fixtures(database);
		const gift = await f.gift();
		const campaign = await f.campaign({ giftIds: [gift.id] });
		const zoe = await f.customer({
			name: 'Zoë Ångström-Đorđević 🌷',
			handle: { channel: 'x', handle: '@zoe_a' }
		});
		const other = await f.customer({ name: 'Pieter Post' });
		const [mine] = await database.db
			.insert(surprises)
			.values({ reference: 'HOP-00116', customerId: other.id, campaignId: campaign.id })
			.returning();
		await database.db
			.insert(surprises)
			.values({ reference: 'HOP-00117', customerId: zoe.id, campaignId: campaign.id });
		await database.db.insert(nominations).values({ customerId: zoe.id, reason: 'loyalty' });
		await database.db.insert(reactions).values({
			customerId: other.id,
			channel: 'x',
			kind: 'post',
			text: 'Wat een verrassing, die sokken! #zoe 🧦',
			sentiment: 'positive',
			postedAt: new Date()
		});

		const marketing = await t.user('marketing');
		const search = async (q: string) => {
			const res = await t.client.api.v1.search.$get(
				{ query: { q } },
				{ headers: marketing.headers }
			);
			expect(res.status, await res.clone().text()).toBe(200);
			return res.json();
		};
		for (const q of ['HOP-00116', 'hop 116', '#116']) {
			const body = await search(q);
			expect(body.exactSurpriseId).toBe(mine!.id);
			expect(body.surprises[0]?.reference).toBe('HOP-00116');
		}

		const body = await search('zoe');
		expect(body.exactSurpriseId).toBeNull();
		expect(body.customers.map((c: { name: string }) => c.name)).toEqual([
			'Zoë Ångström-Đorđević 🌷'
		]);
		expect(body.surprises.map((s: { reference: string }) => s.reference)).toEqual(['HOP-00117']);
		expect(body.nominations).toHaveLength(1);
		expect(body.nominations[0]!.customer.name).toBe('Zoë Ångström-Đorđević 🌷');
		expect(body.reactions.map((r: { text: string }) => r.text)).toEqual([
			'Wat een verrassing, die sokken! #zoe 🧦'
		]);

		const none = await search('nobody-like-this');
		expect(none).toMatchObject({ customers: [], surprises: [], nominations: [], reactions: [] });
	});
});
