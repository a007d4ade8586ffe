/**
 * Races on a real PostgreSQL server (PGlite is one connection: it cannot race). The pool has 60
 * connections; every test fires ≥ 50 requests at once through the real HTTP app. Each guard was
 * removed once by hand to see its test fail (see the note at the end of this file).
 */
import { eq, inArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '#db/client.ts';
import {
	giftVariants,
	nominations,
	surpriseItems,
	surprises,
	voucherCodes
} from '#db/schema/index.ts';
import type { Ctx } from '#api/domain/context.ts';
import { planSurprise } from '#api/domain/surprises/plan-surprise.ts';
import { freshDatabase } from '../../support/databases.ts';
import { testApi } from '../../support/api.ts';
import { fixtures } from './fixtures.ts';

const N = 60;

describe('surprise races on a real PostgreSQL server', () => {
	let database: Database;
	let t: ReturnType<typeof testApi>;
	let f: ReturnType<typeof fixtures>;
	let hub: Awaited<ReturnType<ReturnType<typeof testApi>['user']>>;
	let marketing: Awaited<ReturnType<ReturnType<typeof testApi>['user']>>;
	let hubCtx: Ctx;

	beforeAll(async () => {
		database = await freshDatabase('postgres');
		t = testApi(database);
		f = fixtures(database);
		hub = await t.user('hub');
		marketing = await t.user('marketing');
		hubCtx = {
			...t.ctx,
			actor: { type: 'user', id: hub.id, role: 'hub', name: hub.name, email: hub.email }
		};
		// Round numbers: no postage in these campaigns' arithmetic.
		await f.setting('postage_cents', 0);
	}, 60_000);
	afterAll(async () => {
		await database?.close();
	});

	/** `count` planned surprises (auto-approval off), one per new customer. */
	async function planned(
		campaignId: string,
		items: { giftId: string; variantId?: string; quantity?: number }[],
		count: number
	): Promise<string[]> {
		const customerIds = await f.customers(count);
		const ids: string[] = [];
		for (const customerId of customerIds)
			ids.push((await planSurprise({ ctx: hubCtx, input: { customerId, campaignId, items } })).id);
		return ids;
	}

	/**
	 * One planned surprise in each of `count` campaigns sharing the gift: approvals in one campaign
	 * queue on its row lock (the budget UPDATE), so only approvals across campaigns race for the
	 * same codes and stock.
	 */
	async function plannedAcrossCampaigns(
		giftId: string,
		items: { giftId: string; variantId?: string; quantity?: number }[],
		count: number
	): Promise<string[]> {
		const ids: string[] = [];
		for (let i = 0; i < count; i++) {
			const campaign = await f.campaign({ giftIds: [giftId], budgetCents: 1_000_000 });
			ids.push(...(await planned(campaign.id, items, 1)));
		}
		return ids;
	}

	/** Fires every request at once; returns the statuses. */
	async function all(
		requests: (() => Promise<Response>)[]
	): Promise<{ statuses: number[]; bodies: Record<string, unknown>[] }> {
		const responses = await Promise.all(requests.map((r) => r()));
		const bodies = await Promise.all(
			responses.map((r) => r.json() as Promise<Record<string, unknown>>)
		);
		return { statuses: responses.map((r) => r.status), bodies };
	}
	const approveAll = (ids: string[]) =>
		all(
			ids.map(
				(id) => () =>
					t.client.api.v1.surprises[':id'].approve.$post(
						{ param: { id }, json: {} },
						{ headers: marketing.headers }
					)
			)
		);
	const count = (statuses: number[], status: number) => statuses.filter((s) => s === status).length;

	it(`budget: €100 and ${N} parallel approvals of €10 → exactly 10 approved, reserved exactly €100`, async () => {
		const gift = await f.gift({ kind: 'experience', unitCostCents: 1000 });
		const campaign = await f.campaign({ giftIds: [gift.id], budgetCents: 10_000 });
		const ids = await planned(campaign.id, [{ giftId: gift.id }], N);
		const { statuses, bodies } = await approveAll(ids);
		expect(count(statuses, 200)).toBe(10);
		expect(count(statuses, 409)).toBe(N - 10);
		expect(
			bodies
				.filter((b) => b.status === 409)
				.every((b) => String(b.detail).includes('budget is exhausted'))
		).toBe(true);
		expect(await f.money(campaign.id)).toEqual({ reserved: 10_000, spent: 0, budget: 10_000 });
		const approved = await database.db
			.select()
			.from(surprises)
			.where(sql`${surprises.campaignId} = ${campaign.id} and ${surprises.status} <> 'planned'`);
		expect(approved).toHaveLength(10);
		expect(approved.reduce((sum, s) => sum + s.costCents + s.postageCents, 0)).toBe(10_000);
	});

	it(`budget on the auto-approval path: ${N} parallel plans within the limit → exactly 10 auto-approved, the rest planned`, async () => {
		const gift = await f.gift({ kind: 'experience', unitCostCents: 1000 });
		const campaign = await f.campaign({
			giftIds: [gift.id],
			budgetCents: 10_000,
			autoApproveLimitCents: 1000
		});
		const customerIds = await f.customers(N);
		const { statuses, bodies } = await all(
			customerIds.map(
				(customerId) => () =>
					t.client.api.v1.surprises.$post(
						{ json: { customerId, campaignId: campaign.id, items: [{ giftId: gift.id }] } },
						{ headers: hub.headers }
					)
			)
		);
		expect(count(statuses, 201)).toBe(N);
		expect(bodies.filter((b) => (b.autoApproval as { approved: boolean }).approved)).toHaveLength(
			10
		);
		expect(bodies.filter((b) => b.status === 'planned')).toHaveLength(N - 10);
		expect((await f.money(campaign.id)).reserved).toBe(10_000);
	});

	it('voucher codes: 100 codes and 150 parallel approvals in 150 campaigns → 100 approved, each code to exactly one surprise', async () => {
		const gift = await f.gift({ kind: 'voucher', unitCostCents: 100, codes: 100 });
		const ids = await plannedAcrossCampaigns(gift.id, [{ giftId: gift.id }], 150);
		const { statuses } = await approveAll(ids);
		expect(count(statuses, 200)).toBe(100);
		expect(count(statuses, 409)).toBe(50);
		const items = await database.db
			.select()
			.from(surpriseItems)
			.where(inArray(surpriseItems.surpriseId, ids));
		const assigned = items.filter((i) => i.voucherCodeId !== null);
		expect(assigned).toHaveLength(100);
		expect(new Set(assigned.map((i) => i.voucherCodeId)).size).toBe(100);
		expect(new Set(assigned.map((i) => i.surpriseId)).size).toBe(100);
		const codes = await database.db
			.select()
			.from(voucherCodes)
			.where(eq(voucherCodes.giftId, gift.id));
		const holder = new Map(assigned.map((i) => [i.voucherCodeId, i.surpriseId]));
		for (const code of codes) expect(code.surpriseId).toBe(holder.get(code.id));
		expect(await f.freeCodes(gift.id)).toBe(0);
	});

	it(`stock: 25 in stock and ${N} parallel approvals of one, in ${N} campaigns → 25 approved, stock exactly 0, never below`, async () => {
		const gift = await f.gift({
			kind: 'item',
			unitCostCents: 100,
			variants: [{ name: '41–46', stock: 25 }]
		});
		const variantId = gift.variants[0]!.id;
		const ids = await plannedAcrossCampaigns(gift.id, [{ giftId: gift.id, variantId }], N);
		const { statuses } = await approveAll(ids);
		expect(count(statuses, 200)).toBe(25);
		expect(await f.stock(variantId)).toBe(0);
		const [{ held }] = (await database.db
			.select({ held: sql<number>`coalesce(sum(${surpriseItems.quantity}), 0)` })
			.from(surpriseItems)
			.innerJoin(surprises, eq(surprises.id, surpriseItems.surpriseId))
			.where(
				sql`${surpriseItems.variantId} = ${variantId} and ${surprises.status} <> 'planned'`
			)) as [{ held: number }];
		expect(Number(held)).toBe(25);
		const [row] = await database.db
			.select()
			.from(giftVariants)
			.where(eq(giftVariants.id, variantId));
		expect(row!.stock).toBeGreaterThanOrEqual(0);
	});

	it(`max surprises: a maximum of 7 and ${N} parallel approvals → exactly 7`, async () => {
		const gift = await f.gift({ kind: 'experience', unitCostCents: 100 });
		const campaign = await f.campaign({
			giftIds: [gift.id],
			budgetCents: 1_000_000,
			maxSurprises: 7
		});
		const ids = await planned(campaign.id, [{ giftId: gift.id }], N);
		const { statuses } = await approveAll(ids);
		expect(count(statuses, 200)).toBe(7);
		expect((await f.money(campaign.id)).reserved).toBe(700);
	});

	it('one Idempotency-Key, 50 parallel POST /nominations → one nomination', async () => {
		const inbox = await t.token(['nominations:write']);
		const customer = await f.customer();
		const body = {
			customerId: customer.id,
			reason: 'great_conversation' as const,
			text: 'Top service!'
		};
		const { statuses, bodies } = await all(
			Array.from(
				{ length: 50 },
				() => () =>
					t.client.api.v1.nominations.$post(
						{ json: body },
						{ headers: { ...inbox.headers, 'idempotency-key': 'webcare-msg-4711' } }
					)
			)
		);
		expect(statuses.every((s) => s === 201 || s === 409)).toBe(true);
		const created = bodies.filter((_, i) => statuses[i] === 201);
		expect(created.length).toBeGreaterThanOrEqual(1);
		expect(new Set(created.map((b) => b.id)).size).toBe(1);
		const rows = await database.db
			.select()
			.from(nominations)
			.where(eq(nominations.customerId, customer.id));
		expect(rows).toHaveLength(1);
	});

	it(`references: ${N} parallel plans → ${N} unique, consecutive references`, async () => {
		const gift = await f.gift({ kind: 'experience', unitCostCents: 100 });
		const campaign = await f.campaign({ giftIds: [gift.id] });
		const customerIds = await f.customers(N);
		const { statuses, bodies } = await all(
			customerIds.map(
				(customerId) => () =>
					t.client.api.v1.surprises.$post(
						{ json: { customerId, campaignId: campaign.id, items: [{ giftId: gift.id }] } },
						{ headers: hub.headers }
					)
			)
		);
		expect(count(statuses, 201)).toBe(N);
		const numbers = bodies.map((b) => Number(String(b.reference).slice(4))).sort((a, b) => a - b);
		expect(new Set(numbers).size).toBe(N);
		expect(numbers[N - 1]! - numbers[0]!).toBe(N - 1);
	});

	it('cooldown: 30 parallel plans for one customer → exactly one', async () => {
		const gift = await f.gift({ kind: 'experience', unitCostCents: 100 });
		const campaign = await f.campaign({ giftIds: [gift.id], cooldownDays: 30 });
		const customer = await f.customer();
		const { statuses } = await all(
			Array.from(
				{ length: 30 },
				() => () =>
					t.client.api.v1.surprises.$post(
						{
							json: {
								customerId: customer.id,
								campaignId: campaign.id,
								items: [{ giftId: gift.id }]
							}
						},
						{ headers: hub.headers }
					)
			)
		);
		expect(count(statuses, 201)).toBe(1);
		expect(count(statuses, 409)).toBe(29);
	});

	it('cancel: 50 parallel cancels of one approved surprise release budget, code and stock exactly once', async () => {
		const socks = await f.gift({
			kind: 'item',
			unitCostCents: 300,
			variants: [{ name: 'S', stock: 5 }]
		});
		const cinema = await f.gift({ kind: 'voucher', unitCostCents: 1000, codes: 2 });
		const campaign = await f.campaign({ giftIds: [socks.id, cinema.id], budgetCents: 100_000 });
		// Another surprise keeps budget reserved, so a double release would not be stopped by the
		// reserved >= 0 check constraint: the lock and the state machine must do it.
		const [id, other] = await planned(
			campaign.id,
			[{ giftId: socks.id, variantId: socks.variants[0]!.id, quantity: 2 }, { giftId: cinema.id }],
			2
		);
		expect((await approveAll([id!, other!])).statuses).toEqual([200, 200]);
		expect([
			await f.stock(socks.variants[0]!.id),
			await f.freeCodes(cinema.id),
			(await f.money(campaign.id)).reserved
		]).toEqual([1, 0, 3200]);
		const { statuses } = await all(
			Array.from(
				{ length: 50 },
				() => () =>
					t.client.api.v1.surprises[':id'].cancel.$post(
						{ param: { id }, json: { reason: 'Klant verhuisd' } },
						{ headers: hub.headers }
					)
			)
		);
		expect(count(statuses, 200)).toBe(1);
		expect(count(statuses, 409)).toBe(49);
		expect([
			await f.stock(socks.variants[0]!.id),
			await f.freeCodes(cinema.id),
			(await f.money(campaign.id)).reserved
		]).toEqual([3, 1, 1600]);
	});
});

/*
 * Guard removal, done once by hand (then restored) — each made its test above fail:
 * - budget: conditional UPDATE → read reserved, check in JS, then SET reserved = <read + cost>;
 * - max surprises: count before the budget UPDATE (so before the campaign row lock);
 * - voucher codes: FOR UPDATE SKIP LOCKED dropped from the SELECT of free codes;
 * - stock: conditional decrement → read stock, check in JS, then SET stock = <read − quantity>;
 * - idempotency: `idempotent: true` removed from POST /nominations;
 * - references: the advisory lock removed from nextReference;
 * - cooldown: the customer row lock (FOR UPDATE) removed from planning;
 * - cancel: the surprise row lock and the status condition of the UPDATE both removed.
 */
