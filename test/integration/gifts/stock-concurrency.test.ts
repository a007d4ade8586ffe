import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '#db/client.ts';
import { giftVariants } from '#db/schema/index.ts';
import { freshDatabase } from '../../support/databases.ts';
import { auditRows, expectStatus } from '../../support/expect-http.ts';
import { testApi } from '../../support/api.ts';

/**
 * Stock never goes negative under concurrency. Only a real server shows it (PGlite is one
 * connection): 50 requests at once, each on its own pooled connection, each taking one of 20.
 */
describe('stock under 50 concurrent decrements (real PostgreSQL)', () => {
	let database: Database;
	let t: ReturnType<typeof testApi>;

	beforeAll(async () => {
		database = await freshDatabase('postgres');
		t = testApi(database);
	}, 60_000);
	afterAll(async () => {
		await database?.close();
	});

	it('exactly 20 of 50 parallel "take 1" requests succeed on stock 20; the rest get 409; stock ends at 0', async () => {
		const marketing = await t.user('marketing');
		const gift = await expectStatus<{ id: string; variants: { id: string }[] }>(
			await t.client.api.v1.gifts.$post(
				{
					json: {
						name: 'Sokken',
						kind: 'item',
						unitCostCents: 650,
						variants: [{ name: '36–40', stock: 20, lowStockThreshold: 5 }]
					}
				},
				{ headers: marketing.headers }
			),
			201
		);
		const variantId = gift.variants[0]!.id;
		const responses = await Promise.all(
			Array.from({ length: 50 }, () =>
				t.client.api.v1.gifts[':id'].variants[':variantId'].stock.$post(
					{ param: { id: gift.id, variantId }, json: { delta: -1 } },
					{ headers: marketing.headers }
				)
			)
		);
		const statuses = responses.map((r) => r.status);
		expect(statuses.filter((s) => s === 200)).toHaveLength(20);
		expect(statuses.filter((s) => s === 409)).toHaveLength(30);
		const bodies = await Promise.all(
			responses
				.filter((r) => r.status === 200)
				.map((r) => r.json() as Promise<{ variant: { stock: number }; lowStock: boolean }>)
		);
		// Every success saw a different stock level: no two took the same unit.
		expect(bodies.map((b) => b.variant.stock).sort((a, b) => a - b)).toEqual(
			Array.from({ length: 20 }, (_, i) => i)
		);
		// And exactly one of them crossed the threshold (6 → 5).
		expect(bodies.filter((b) => b.lowStock).map((b) => b.variant.stock)).toEqual([5]);
		const [row] = await database.db
			.select()
			.from(giftVariants)
			.where(eq(giftVariants.id, variantId));
		expect(row!.stock).toBe(0);
		expect(await auditRows(database, 'gift_variant.stock_adjust', variantId)).toHaveLength(20);
	});
});
