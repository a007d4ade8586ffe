import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../db/client.ts';
import { giftVariants } from '../../../db/schema/index.ts';
import { lowStockVariants } from '../../../api/src/domain/gifts/stock.ts';
import { engines, freshDatabase } from '../../support/databases.ts';
import { auditRows, expectProblem, expectStatus } from '../../support/expect-http.ts';
import { testApi } from '../../support/api.ts';

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

	const post = (path: string, who: User, json: unknown) =>
		t.request(path, { method: 'POST', headers: who.headers, json });
	const patch = (path: string, who: User, json: unknown) =>
		t.request(path, { method: 'PATCH', headers: who.headers, json });
	const get = (path: string, who: User) => t.request(path, { headers: who.headers });
	const socks = (name = 'Stroopwafelsokken') => ({
		name,
		kind: 'item',
		unitCostCents: 650,
		description: 'Katoen, in een brievenbusdoosje.',
		variants: [
			{ name: '41–46', stock: 40, lowStockThreshold: 15 },
			{ name: '36–40', stock: 12, lowStockThreshold: 10 }
		]
	});

	it('marketing adds a gift with variants (kept in the order entered) and the write is audited', async () => {
		const gift = await expectStatus<Gift>(await post('/api/v1/gifts', marketing, socks()), 201);
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
		expect(await expectStatus<Gift>(await get(`/api/v1/gifts/${gift.id}`, hub), 200)).toEqual(gift);
	});

	it('the admin may manage the catalogue too; hub reads it but cannot change it', async () => {
		const made = await expectStatus<Gift>(
			await post('/api/v1/gifts', admin, {
				name: 'Persoonlijke kaart',
				kind: 'card',
				unitCostCents: 95
			}),
			201
		);
		await expectProblem(
			await post('/api/v1/gifts', hub, { name: 'Nope', kind: 'card', unitCostCents: 1 }),
			403
		);
		await expectProblem(await patch(`/api/v1/gifts/${made.id}`, hub, { name: 'Nope' }), 403);
		await expectProblem(await post(`/api/v1/gifts/${made.id}/variants`, hub, { name: 'A6' }), 403);
		expect((await get('/api/v1/gifts', hub)).status).toBe(200);
	});

	it('refuses bad input with problem+json 400 naming every field, and stores nothing', async () => {
		const before = (await auditRows(database, 'gift.create')).length;
		const bad = await expectProblem(
			await post('/api/v1/gifts', marketing, {
				name: '  ',
				kind: 'socks',
				unitCostCents: -1,
				faceValueCents: 1.5,
				variants: [{ name: 'A', stock: -2, lowStockThreshold: 0.5 }]
			}),
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
			await post('/api/v1/gifts', marketing, {
				name: 'Sok',
				kind: 'item',
				unitCostCents: 1,
				faceValueCents: 500
			}),
			400
		);
		expect(faceOnItem.fields).toEqual(['faceValueCents']);
		const twice = await expectProblem(
			await post('/api/v1/gifts', marketing, {
				...socks('Dubbel'),
				variants: [{ name: 'M' }, { name: ' m ' }]
			}),
			400
		);
		expect(twice.fields).toEqual(['variants.1.name']);
		const control = await expectProblem(
			await post('/api/v1/gifts', marketing, {
				name: 'Sok\u0000ken',
				kind: 'item',
				unitCostCents: 1
			}),
			400
		);
		expect(control.fields).toEqual(['name']);
		expect((await auditRows(database, 'gift.create')).length).toBe(before);
	});

	it('edits a gift (not its kind); a face value only on a voucher; unknown ids are 404', async () => {
		const gift = await expectStatus<Gift>(
			await post('/api/v1/gifts', marketing, socks('Sokken v2')),
			201
		);
		const edited = await expectStatus<Gift>(
			await patch(`/api/v1/gifts/${gift.id}`, marketing, {
				name: 'Sokken v3',
				unitCostCents: 700,
				kind: 'voucher'
			}),
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
					await patch(`/api/v1/gifts/${gift.id}`, marketing, { faceValueCents: 1500 }),
					400
				)
			).fields
		).toEqual(['faceValueCents']);
		expect(
			(
				await expectProblem(
					await patch(`/api/v1/gifts/${gift.id}`, marketing, { unitCostCents: -5 }),
					400
				)
			).fields
		).toEqual(['unitCostCents']);
		await expectProblem(
			await patch(`/api/v1/gifts/${crypto.randomUUID()}`, marketing, { name: 'X' }),
			404
		);
		await expectProblem(await get(`/api/v1/gifts/${crypto.randomUUID()}`, hub), 404);
		expect((await expectProblem(await get('/api/v1/gifts/not-a-uuid', hub), 400)).fields).toEqual([
			'id'
		]);

		const voucher = await expectStatus<Gift>(
			await post('/api/v1/gifts', marketing, {
				name: 'Tuinbon',
				kind: 'voucher',
				unitCostCents: 1500,
				faceValueCents: 1500
			}),
			201
		);
		expect(voucher.voucherMode).toBe('face_value');
		const noFace = await expectStatus<Gift>(
			await patch(`/api/v1/gifts/${voucher.id}`, marketing, { faceValueCents: null }),
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
					await t2.request('/api/v1/gifts', {
						method: 'POST',
						headers: m.headers,
						json: {
							name,
							kind: name === 'Delta' ? 'card' : 'item',
							unitCostCents: 100,
							active: name !== 'Echo'
						}
					}),
					201
				);
			}
			const names: string[] = [];
			let cursor: string | null = null;
			do {
				const page: { items: Gift[]; nextCursor: string | null } = await expectStatus(
					await t2.request(`/api/v1/gifts?limit=2${cursor ? `&cursor=${cursor}` : ''}`, {
						headers: m.headers
					}),
					200
				);
				expect(page.items.length).toBeLessThanOrEqual(2);
				names.push(...page.items.map((g) => g.name));
				cursor = page.nextCursor;
			} while (cursor);
			expect(names).toEqual(['Alfa', 'Bravo', 'Charlie', 'Delta', 'Echo']);
			const cards = await expectStatus<{ items: Gift[] }>(
				await t2.request('/api/v1/gifts?kind=card', { headers: m.headers }),
				200
			);
			expect(cards.items.map((g) => g.name)).toEqual(['Delta']);
			const inactive = await expectStatus<{ items: Gift[] }>(
				await t2.request('/api/v1/gifts?active=false', { headers: m.headers }),
				200
			);
			expect(inactive.items.map((g) => g.name)).toEqual(['Echo']);
			const badQuery = await expectProblem(
				await t2.request('/api/v1/gifts?kind=socks&limit=0', { headers: m.headers }),
				400
			);
			expect(badQuery.fields.sort()).toEqual(['kind', 'limit']);
			expect(
				(
					await expectProblem(
						await t2.request('/api/v1/gifts?cursor=garbage', { headers: m.headers }),
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
			await post('/api/v1/gifts', marketing, socks('Wintersokken')),
			201
		);
		const v = await expectStatus<Variant>(
			await post(`/api/v1/gifts/${gift.id}/variants`, marketing, {
				name: '47–50',
				stock: 5,
				lowStockThreshold: 2
			}),
			201
		);
		expect(v).toMatchObject({ name: '47–50', stock: 5, lowStockThreshold: 2, low: false });
		expect(
			(
				await expectProblem(
					await post(`/api/v1/gifts/${gift.id}/variants`, marketing, { name: '47–50' }),
					409
				)
			).fields
		).toEqual(['name']);
		expect(
			(
				await expectProblem(
					await post(`/api/v1/gifts/${gift.id}/variants`, marketing, { name: 'X', stock: -1 }),
					400
				)
			).fields
		).toEqual(['stock']);
		const edited = await expectStatus<Variant>(
			await patch(`/api/v1/gifts/${gift.id}/variants/${v.id}`, marketing, {
				lowStockThreshold: 5,
				stock: 999
			}),
			200
		);
		expect(edited).toMatchObject({ stock: 5, lowStockThreshold: 5, low: true });
		expect(
			(
				await expectProblem(
					await patch(`/api/v1/gifts/${gift.id}/variants/${v.id}`, marketing, { name: '36–40' }),
					409
				)
			).fields
		).toEqual(['name']);
		await expectProblem(
			await patch(`/api/v1/gifts/${gift.id}/variants/${crypto.randomUUID()}`, marketing, {
				name: 'Y'
			}),
			404
		);
		// A variant belongs to its gift: another gift's id does not reach it.
		await expectProblem(
			await patch(`/api/v1/gifts/${crypto.randomUUID()}/variants/${v.id}`, marketing, {
				name: 'Y'
			}),
			404
		);
		expect(await auditRows(database, 'gift_variant.create', v.id)).toHaveLength(1);
		expect(await auditRows(database, 'gift_variant.update', v.id)).toHaveLength(1);
	});

	it('moves stock by a delta, never below zero, and flags the change that crosses the low-stock threshold', async () => {
		const gift = await expectStatus<Gift>(
			await post('/api/v1/gifts', marketing, socks('Zomersokken')),
			201
		);
		const small = gift.variants.find((v) => v.name === '36–40')!; // stock 12, threshold 10
		const stock = (delta: number, who = marketing, note?: string) =>
			post(`/api/v1/gifts/${gift.id}/variants/${small.id}/stock`, who, {
				delta,
				...(note ? { note } : {})
			});

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
			await post(`/api/v1/gifts/${gift.id}/variants/${crypto.randomUUID()}/stock`, marketing, {
				delta: 1
			}),
			404
		);

		const low = await expectStatus<{ items: { variantId: string; stock: number }[] }>(
			await get('/api/v1/gifts/low-stock', hub),
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
			await post('/api/v1/gifts', marketing, {
				...socks('Oude sokken'),
				variants: [{ name: 'één maat', stock: 0, lowStockThreshold: 3 }]
			}),
			201
		);
		expect((await lowStockVariants(t.ctx)).some((v) => v.giftId === gift.id)).toBe(true);
		await expectStatus(await patch(`/api/v1/gifts/${gift.id}`, marketing, { active: false }), 200);
		expect((await lowStockVariants(t.ctx)).some((v) => v.giftId === gift.id)).toBe(false);
	});
});
