/**
 * A reaction inside a gift window is gift-triggered (no spontaneity bonus). The window comes from the
 * surprise's state, so a move of the surprise (surprises/lifecycle.ts) rescores the customer at once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '#db/client.ts';
import { engines, freshDatabase } from '../../support/databases.ts';
import { testApi } from '../../support/api.ts';
import { expectStatus } from '../../support/expect-http.ts';
import { fixtures } from '../surprises/fixtures.ts';

type Score = {
	score: number;
	tier: string;
	components: { giftTriggered: boolean; spontaneity: number }[];
};

describe.each(engines)('scores follow surprise moves on %s', (engine) => {
	let database: Database;
	let t: ReturnType<typeof testApi>;
	let f: ReturnType<typeof fixtures>;
	let hub: Record<string, string>;

	beforeAll(async () => {
		database = await freshDatabase(engine);
		t = testApi(database);
		f = fixtures(database);
		hub = (await t.user('hub')).headers;
	}, 60_000);
	afterAll(async () => {
		await database?.close();
	});

	const score = async (customerId: string) =>
		expectStatus<Score>(
			await t.client.api.v1.customers[':id'].score.$get(
				{ param: { id: customerId } },
				{ headers: hub }
			),
			200
		);

	it('a cancelled surprise gives its reactions their spontaneity back; an approval takes it away', async () => {
		const socks = await f.gift({ kind: 'item', unitCostCents: 500 });
		const campaign = await f.campaign({ giftIds: [socks.id], autoApproveLimitCents: 10_000 });
		const customer = await f.customer({
			handle: { channel: 'x', handle: `sokfan_${crypto.randomUUID().slice(0, 6)}` }
		});
		const plan = async () =>
			expectStatus<{ id: string; status: string }>(
				await t.client.api.v1.surprises.$post(
					{
						json: {
							customerId: customer.id,
							campaignId: campaign.id,
							items: [{ giftId: socks.id, quantity: 1 }]
						}
					},
					{ headers: hub }
				),
				201
			);
		const first = await plan();
		expect(first.status).toBe('awaiting_address'); // auto-approved, no address on file

		// Posted after the approval: inside the gift window. 1 × 1.5 (photo) × 1 (gift) × 1 × 2 (reach) = 3.
		// Five minutes ahead (within the API's slack for a fast clock), so the second approval below
		// certainly comes before it, however slow the machine.
		const postedAt = new Date(Date.now() + 5 * 60_000).toISOString();
		await expectStatus(
			await t.client.api.v1.reactions.$post(
				{
					json: {
						customerId: customer.id,
						postedAt,
						kind: 'photo_video',
						followers: 9_999,
						sentiment: 'positive'
					}
				},
				{ headers: hub }
			),
			201
		);
		const gifted = await score(customer.id);
		expect(gifted.components[0]).toMatchObject({ giftTriggered: true, spontaneity: 1 });
		expect(gifted.score).toBeCloseTo(3, 3);

		await expectStatus(
			await t.client.api.v1.surprises[':id'].cancel.$post(
				{ param: { id: first.id }, json: { reason: 'Dubbel ingepland' } },
				{ headers: hub }
			),
			200
		);
		const spontaneous = await score(customer.id);
		expect(spontaneous.components[0]).toMatchObject({ giftTriggered: false, spontaneity: 1.5 });
		expect(spontaneous.score).toBeCloseTo(4.5, 3);
		expect(spontaneous.tier).toBe('supporter');

		// A new surprise, approved before the post's time: its window holds the post again.
		await plan();
		const again = await score(customer.id);
		expect(again.components[0]).toMatchObject({ giftTriggered: true, spontaneity: 1 });
		expect(again.score).toBeCloseTo(3, 3);
	});
});
