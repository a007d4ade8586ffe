import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '#db/client.ts';
import { giftVariants } from '#db/schema/index.ts';
import { lowStockVariants } from '#api/domain/gifts/stock.ts';
import { engines, freshDatabase } from '../../support/databases.ts';
import { auditRows, expectProblem, expectStatus } from '../../support/expect-http.ts';
import { testApi, invalid } from '../../support/api.ts';

type Variant = { id: string; name: string; stock: number; lowStockThreshold: number; low: boolean };
type Gift = {
	id: string;
	name: string;
	kind: string;
	unitCostCents: number;
	faceValueCents: number | null;
	voucherMode: string | null;
	variants: Variant[];
	codes: unknown;
	active: boolean;
};
type User = Awaited<ReturnType<ReturnType<typeof testApi>['user']>>;

describe.each(engines)('gift catalogue on %s', (engine) => {
	let database: Database;
	let t: ReturnType<typeof testApi>;
	let marketing: User;
	let hub: User;
	let admin: User;

	beforeAll(async () => {
		database = await freshDatabase(engine);
		t = testApi(database);
		[marketing, hub, admin] = await Promise.all([
			t.user('marketing'),
			t.user('hub'),
			t.user('admin')
		]);
	}, 60_000);
	afterAll(async () => {
		await database?.close();
	});

	const socks = (name = 'Stroopwafelsokken') => ({
		name,
		kind: 'item' as const,
		unitCostCents: 650,
		description: 'Katoen, in een brievenbusdoosje.',
		variants: [
			{ name: '41–46', stock: 40, lowStockThreshold: 15 },
			{ name: '36–40', stock: 12, lowStockThreshold: 10 }
		]
	});

	it('marketing adds a gift with variants (kept in the order entered) and the write is audited', async () => {
		const gift = await expectStatus<Gift>(
			await t.client.api.v1.gifts.$post({ json: socks() }, { headers: marketing.headers }),
			201
		);
		expect(gift).toMatchObject({
			name: 'Stroopwafelsokken',
			kind: 'item',
			unitCostCents: 650,
			faceValueCents: null,
			voucherMode: null,
			codes: null,
			active: true
		});
		expect(gift.variants.map((v) => [v.name, v.stock, v.lowStockThreshold, v.low])).toEqual([
			['41–46', 40, 15, false],
			['36–40', 12, 10, false]
		]);
		const [audit] = await auditRows(database, 'gift.create', gift.id);
		expect(audit).toMatchObject({ actorType: 'user', actorId: marketing.id, entity: 'gift' });
		expect(
			await expectStatus<Gift>(
				await t.client.api.v1.gifts[':id'].$get(
					{ param: { id: gift.id } },
					{ headers: hub.headers }
				),
				200
			)
		).toEqual(gift);
	});

	it('the admin may manage the catalogue too; hub reads it but cannot change it', async () => {
		const made = await expectStatus<Gift>(
			await t.client.api.v1.gifts.$post(
				{
					json: {
						name: 'Persoonlijke kaart',
						kind: 'card',
						unitCostCents: 95
					}
				},
				{ headers: admin.headers }
			),
			201
		);
		await expectProblem(
			await t.client.api.v1.gifts.$post(
				{ json: { name: 'Nope', kind: 'card', unitCostCents: 1 } },
				{ headers: hub.headers }
			),
			403
		);
		await expectProblem(
			await t.client.api.v1.gifts[':id'].$patch(
				{ param: { id: made.id }, json: { name: 'Nope' } },
				{ headers: hub.headers }
			),
			403
		);
		await expectProblem(
			await t.client.api.v1.gifts[':id'].variants.$post(
				{ param: { id: made.id }, json: { name: 'A6' } },
				{ headers: hub.headers }
			),
			403
		);
		expect((await t.client.api.v1.gifts.$get({ query: {} }, { headers: hub.headers })).status).toBe(
			200
		);
	});

	it('refuses bad input with problem+json 400 naming every field, and stores nothing', async () => {
		const before = (await auditRows(database, 'gift.create')).length;
		const bad = await expectProblem(
			await t.client.api.v1.gifts.$post(
				{
					json: {
						name: '  ',
						kind: invalid('socks'),
						unitCostCents: -1,
						faceValueCents: 1.5,
						variants: [{ name: 'A', stock: -2, lowStockThreshold: 0.5 }]
					}
				},
				{ headers: marketing.headers }
			),
			400
		);
		expect(bad.fields.sort()).toEqual(
			[
				'faceValueCents',
				'kind',
				'name',
				'unitCostCents',
				'variants.0.lowStockThreshold',
				'variants.0.stock'
			].sort()
		);
		const faceOnItem = await expectProblem(
			await t.client.api.v1.gifts.$post(
				{
					json: {
						name: 'Sok',
						kind: 'item',
						unitCostCents: 1,
						faceValueCents: 500
					}
				},
				{ headers: marketing.headers }
			),
			400
		);
		expect(faceOnItem.fields).toEqual(['faceValueCents']);
		const twice = await expectProblem(
			await t.client.api.v1.gifts.$post(
				{
					json: {
						...socks('Dubbel'),
						variants: [{ name: 'M' }, { name: ' m ' }]
					}
				},
				{ headers: marketing.headers }
			),
			400
		);
		expect(twice.fields).toEqual(['variants.1.name']);
		const control = await expectProblem(
			await t.client.api.v1.gifts.$post(
				{
					json: {
						name: 'Sok\u0000ken',
						kind: 'item',
						unitCostCents: 1
					}
				},
				{ headers: marketing.headers }
			),
			400
		);
		expect(control.fields).toEqual(['name']);
		expect((await auditRows(database, 'gift.create')).length).toBe(before);
	});

	it('edits a gift (not its kind); a face value only on a voucher; unknown ids are 404', async () => {
		const gift = await expectStatus<Gift>(
			await t.client.api.v1.gifts.$post(
				{ json: socks('Sokken v2') },
				{ headers: marketing.headers }
			),
			201
		);
		const edited = await expectStatus<Gift>(
			await t.client.api.v1.gifts[':id'].$patch(
				{
					param: { id: gift.id },
					json: invalid({
						name: 'Sokken v3',
						unitCostCents: 700,
						kind: 'voucher'
					})
				},
				{ headers: marketing.headers }
			),
			200
		);
		expect(edited).toMatchObject({ name: 'Sokken v3', unitCostCents: 700, kind: 'item' });
		const [audit] = await auditRows(database, 'gift.update', gift.id);
		expect(audit!.data).toEqual({
			changes: { name: 'Sokken v3', unitCostCents: 700 },
			before: { name: 'Sokken v2', unitCostCents: 650 }
		});
		expect(
			(
				await expectProblem(
					await t.client.api.v1.gifts[':id'].$patch(
						{ param: { id: gift.id }, json: { faceValueCents: 1500 } },
						{ headers: marketing.headers }
					),
					400
				)
			).fields
		).toEqual(['faceValueCents']);
		expect(
			(
				await expectProblem(
					await t.client.api.v1.gifts[':id'].$patch(
						{ param: { id: gift.id }, json: { unitCostCents: -5 } },
						{ headers: marketing.headers }
					),
					400
				)
			).fields
		).toEqual(['unitCostCents']);
		await expectProblem(
			await t.client.api.v1.gifts[':id'].$patch(
				{ param: { id: crypto.randomUUID() }, json: { name: 'X' } },
				{ headers: marketing.headers }
			),
			404
		);
		await expectProblem(
			await t.client.api.v1.gifts[':id'].$get(
				{ param: { id: crypto.randomUUID() } },
				{ headers: hub.headers }
			),
			404
		);
		expect(
			(
				await expectProblem(
					await t.client.api.v1.gifts[':id'].$get(
						{ param: { id: 'not-a-uuid' } },
						{ headers: hub.headers }
					),
					400
				)
			).fields
		).toEqual(['id']);

		const voucher = await expectStatus<Gift>(
			await t.client.api.v1.gifts.$post(
				{
					json: {
						name: 'Tuinbon',
						kind: 'voucher',
						unitCostCents: 1500,
						faceValueCents: 1500
					}
				},
				{ headers: marketing.headers }
			),
			201
		);
		expect(voucher.voucherMode).toBe('face_value');
		const noFace = await expectStatus<Gift>(
			await t.client.api.v1.gifts[':id'].$patch(
				{ param: { id: voucher.id }, json: { faceValueCents: null } },
				{ headers: marketing.headers }
			),
			200
		);
		expect(noFace).toMatchObject({ voucherMode: 'codes', codes: { total: 0, available: 0 } });
	});

	it('lists by name with kind/active filters and cursor pagination', async () => {
		const db = await freshDatabase(engine);
		try {
			const t2 = testApi(db);
			const m = await t2.user('marketing');
			for (const name of ['Echo', 'Alfa', 'Delta', 'Charlie', 'Bravo']) {
				await expectStatus(
					await t2.client.api.v1.gifts.$post(
						{
							json: {
								name,
								kind: name === 'Delta' ? 'card' : 'item',
								unitCostCents: 100,
								active: name !== 'Echo'
							}
						},
						{ headers: m.headers }
					),
					201
				);
			}
			const names: string[] = [];
			let cursor: string | null = null;
			do {
				const page: { items: Gift[]; nextCursor: string | null } = await expectStatus(
					await t2.client.api.v1.gifts.$get(
						{ query: { limit: '2', cursor: cursor || undefined } },
						{ headers: m.headers }
					),
					200
				);
				expect(page.items.length).toBeLessThanOrEqual(2);
				names.push(...page.items.map((g) => g.name));
				cursor = page.nextCursor;
			} while (cursor);
			expect(names).toEqual(['Alfa', 'Bravo', 'Charlie', 'Delta', 'Echo']);
			const cards = await expectStatus<{ items: Gift[] }>(
				await t2.client.api.v1.gifts.$get({ query: { kind: 'card' } }, { headers: m.headers }),
				200
			);
			expect(cards.items.map((g) => g.name)).toEqual(['Delta']);
			const inactive = await expectStatus<{ items: Gift[] }>(
				await t2.client.api.v1.gifts.$get({ query: { active: 'false' } }, { headers: m.headers }),
				200
			);
			expect(inactive.items.map((g) => g.name)).toEqual(['Echo']);
			const badQuery = await expectProblem(
				await t2.client.api.v1.gifts.$get(
					{ query: { kind: invalid('socks'), limit: '0' } },
					{ headers: m.headers }
				),
				400
			);
			expect(badQuery.fields.sort()).toEqual(['kind', 'limit']);
			expect(
				(
					await expectProblem(
						await t2.client.api.v1.gifts.$get(
							{ query: { cursor: 'garbage' } },
							{ headers: m.headers }
						),
						400
					)
				).fields
			).toEqual(['cursor']);
		} finally {
			await db.close();
		}
	});

	it('adds and edits variants; names are unique per gift (case-insensitive)', async () => {
		const gift = await expectStatus<Gift>(
			await t.client.api.v1.gifts.$post(
				{ json: socks('Wintersokken') },
				{ headers: marketing.headers }
			),
			201
		);
		const v = await expectStatus<Variant>(
			await t.client.api.v1.gifts[':id'].variants.$post(
				{
					param: { id: gift.id },
					json: {
						name: '47–50',
						stock: 5,
						lowStockThreshold: 2
					}
				},
				{ headers: marketing.headers }
			),
			201
		);
		expect(v).toMatchObject({ name: '47–50', stock: 5, lowStockThreshold: 2, low: false });
		expect(
			(
				await expectProblem(
					await t.client.api.v1.gifts[':id'].variants.$post(
						{ param: { id: gift.id }, json: { name: '47–50' } },
						{ headers: marketing.headers }
					),
					409
				)
			).fields
		).toEqual(['name']);
		expect(
			(
				await expectProblem(
					await t.client.api.v1.gifts[':id'].variants.$post(
						{ param: { id: gift.id }, json: { name: 'X', stock: -1 } },
						{ headers: marketing.headers }
					),
					400
				)
			).fields
		).toEqual(['stock']);
		const edited = await expectStatus<Variant>(
			await t.client.api.v1.gifts[':id'].variants[':variantId'].$patch(
				{
					param: { id: gift.id, variantId: v.id },
					json: invalid({
						lowStockThreshold: 5,
						stock: 999
					})
				},
				{ headers: marketing.headers }
			),
			200
		);
		expect(edited).toMatchObject({ stock: 5, lowStockThreshold: 5, low: true });
		expect(
			(
				await expectProblem(
					await t.client.api.v1.gifts[':id'].variants[':variantId'].$patch(
						{ param: { id: gift.id, variantId: v.id }, json: { name: '36–40' } },
						{ headers: marketing.headers }
					),
					409
				)
			).fields
		).toEqual(['name']);
		await expectProblem(
			await t.client.api.v1.gifts[':id'].variants[':variantId'].$patch(
				{
					param: { id: gift.id, variantId: crypto.randomUUID() },
					json: {
						name: 'Y'
					}
				},
				{ headers: marketing.headers }
			),
			404
		);
		// A variant belongs to its gift: another gift's id does not reach it.
		await expectProblem(
			await t.client.api.v1.gifts[':id'].variants[':variantId'].$patch(
				{
					param: { id: crypto.randomUUID(), variantId: v.id },
					json: {
						name: 'Y'
					}
				},
				{ headers: marketing.headers }
			),
			404
		);
		expect(await auditRows(database, 'gift_variant.create', v.id)).toHaveLength(1);
		expect(await auditRows(database, 'gift_variant.update', v.id)).toHaveLength(1);
	});

	it('moves stock by a delta, never below zero, and flags the change that crosses the low-stock threshold', async () => {
		const gift = await expectStatus<Gift>(
			await t.client.api.v1.gifts.$post(
				{ json: socks('Zomersokken') },
				{ headers: marketing.headers }
			),
			201
		);
		const small = gift.variants.find((v) => v.name === '36–40')!; // stock 12, threshold 10
		const stock = (delta: number, who = marketing, note?: string) =>
			t.client.api.v1.gifts[':id'].variants[':variantId'].stock.$post(
				{
					param: { id: gift.id, variantId: small.id },
					json: {
						delta,
						...(note ? { note } : {})
					}
				},
				{ headers: who.headers }
			);

		const first = await expectStatus<{ variant: Variant; lowStock: boolean }>(
			await stock(-1, marketing, 'Beschadigd'),
			200
		);
		expect(first).toMatchObject({ variant: { stock: 11, low: false }, lowStock: false });
		const crossing = await expectStatus<{ variant: Variant; lowStock: boolean }>(
			await stock(-1),
			200
		);
		expect(crossing).toMatchObject({ variant: { stock: 10, low: true }, lowStock: true });
		const below = await expectStatus<{ variant: Variant; lowStock: boolean }>(await stock(-4), 200);
		expect(below).toMatchObject({ variant: { stock: 6, low: true }, lowStock: false }); // already low: no second alarm

		const tooMany = await expectProblem(await stock(-7), 409);
		expect(tooMany.fields).toEqual(['delta']);
		expect(tooMany).toMatchObject({ stock: 6, delta: -7 });
		const [row] = await database.db
			.select()
			.from(giftVariants)
			.where(eq(giftVariants.id, small.id));
		expect(row!.stock).toBe(6);

		expect((await expectProblem(await stock(0), 400)).fields).toEqual(['delta']);
		expect((await expectProblem(await stock(1.5), 400)).fields).toEqual(['delta']);
		await expectProblem(await stock(-1, hub), 403);
		await expectProblem(
			await t.client.api.v1.gifts[':id'].variants[':variantId'].stock.$post(
				{
					param: { id: gift.id, variantId: crypto.randomUUID() },
					json: {
						delta: 1
					}
				},
				{ headers: marketing.headers }
			),
			404
		);

		const low = await expectStatus<{ items: { variantId: string; stock: number }[] }>(
			await t.client.api.v1.gifts['low-stock'].$get({}, { headers: hub.headers }),
			200
		);
		expect(low.items).toContainEqual(
			expect.objectContaining({
				variantId: small.id,
				stock: 6,
				lowStockThreshold: 10,
				giftName: 'Zomersokken',
				variantName: '36–40'
			})
		);
		expect(await lowStockVariants(t.ctx)).toContainEqual(
			expect.objectContaining({ variantId: small.id })
		);

		const refill = await expectStatus<{ variant: Variant; lowStock: boolean }>(
			await stock(20),
			200
		);
		expect(refill).toMatchObject({ variant: { stock: 26, low: false }, lowStock: false });
		const adjustments = await auditRows(database, 'gift_variant.stock_adjust', small.id);
		expect(adjustments.map((a) => (a.data as { delta: number }).delta)).toEqual([-1, -1, -4, 20]);
		expect(adjustments[0]!.data).toMatchObject({ note: 'Beschadigd', stock: 11, lowStock: false });
		expect(adjustments[1]!.data).toMatchObject({ stock: 10, lowStock: true });
	});

	it('an inactive gift drops off the low-stock list', async () => {
		const gift = await expectStatus<Gift>(
			await t.client.api.v1.gifts.$post(
				{
					json: {
						...socks('Oude sokken'),
						variants: [{ name: 'één maat', stock: 0, lowStockThreshold: 3 }]
					}
				},
				{ headers: marketing.headers }
			),
			201
		);
		expect((await lowStockVariants(t.ctx)).some((v) => v.giftId === gift.id)).toBe(true);
		await expectStatus(
			await t.client.api.v1.gifts[':id'].$patch(
				{ param: { id: gift.id }, json: { active: false } },
				{ headers: marketing.headers }
			),
			200
		);
		expect((await lowStockVariants(t.ctx)).some((v) => v.giftId === gift.id)).toBe(false);
	});
});
