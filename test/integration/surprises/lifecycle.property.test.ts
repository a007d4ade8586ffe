/**
 * Model-free invariants under random sequences of surprise operations (fast-check): whatever the
 * hub and marketing do, in any order, the campaign's money, the stock and the code pool always
 * add up to what the surprises hold. Runs the real verbs on PGlite.
 */
import fc from 'fast-check';
import { eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '#db/client.ts';
import { surpriseEvents, surpriseItems, surprises, voucherCodes } from '#db/schema/index.ts';
import type { Ctx } from '#api/domain/context.ts';
import { DomainError } from '#api/domain/errors.ts';
import { giftedStatuses, isIn, spentStatuses } from '#api/domain/surprises/state-machine.ts';
import { shipSurprise } from '#api/domain/printing/ship-surprise.ts';
import { advanceSurprise } from '#api/domain/surprises/advance-surprise.ts';
import { approveSurprise, rejectSurprise } from '#api/domain/surprises/approve-surprise.ts';
import { cancelSurprise } from '#api/domain/surprises/cancel-surprise.ts';
import { chooseSurpriseVariant } from '#api/domain/surprises/choose-variant.ts';
import { planSurprise } from '#api/domain/surprises/plan-surprise.ts';
import { returnSurpriseToHub } from '#api/domain/surprises/return-to-hub.ts';
import { freshDatabase } from '../../support/databases.ts';
import { testApi } from '../../support/api.ts';
import { fixtures } from './fixtures.ts';

const STOCK = 6;
const CODES = 4;

const op = fc.oneof(
	fc.record({
		kind: fc.constant('plan' as const),
		gifts: fc.subarray(['socks', 'sized', 'cinema', 'ecard'] as const, { minLength: 1 }),
		qty: fc.integer({ min: 1, max: 3 }),
		address: fc.boolean()
	}),
	fc.record({
		kind: fc.constantFrom(
			'approve',
			'reject',
			'cancel',
			'print',
			'ship',
			'deliver',
			'ready',
			'return',
			'size' as const
		),
		pick: fc.nat()
	})
);

describe('surprise lifecycle invariants (property, PGlite)', () => {
	let database: Database;
	let f: ReturnType<typeof fixtures>;
	let hubCtx: Ctx;
	let marketingCtx: Ctx;

	beforeAll(async () => {
		database = await freshDatabase('pglite');
		const t = testApi(database);
		f = fixtures(database);
		const hub = await t.user('hub');
		const marketing = await t.user('marketing');
		hubCtx = {
			...t.ctx,
			actor: { type: 'user', id: hub.id, role: 'hub', name: hub.name, email: hub.email }
		};
		marketingCtx = {
			...t.ctx,
			actor: {
				type: 'user',
				id: marketing.id,
				role: 'marketing',
				name: marketing.name,
				email: marketing.email
			}
		};
	}, 60_000);
	afterAll(async () => {
		await database?.close();
	});

	it('budget, stock and voucher codes always match what the surprises hold', async () => {
		await fc.assert(
			fc.asyncProperty(
				fc.array(op, { minLength: 1, maxLength: 25 }),
				fc.integer({ min: 0, max: 4000 }),
				async (ops, autoLimit) => {
					const socks = await f.gift({
						kind: 'item',
						unitCostCents: 300,
						variants: [
							{ name: 'S', stock: STOCK },
							{ name: 'L', stock: STOCK }
						]
					});
					const cinema = await f.gift({ kind: 'voucher', unitCostCents: 1000, codes: CODES });
					const ecard = await f.gift({ kind: 'digital', unitCostCents: 50 });
					const campaign = await f.campaign({
						giftIds: [socks.id, cinema.id, ecard.id],
						budgetCents: 6000,
						autoApproveLimitCents: autoLimit,
						maxSurprises: 5
					});
					const ids: string[] = [];

					const attempt = async (work: () => Promise<unknown>) => {
						try {
							await work();
						} catch (error) {
							// Refusals (illegal move, budget, stock, codes, cooldown …) are fine; crashes are not.
							if (!(error instanceof DomainError)) throw error;
							expect(['conflict', 'validation']).toContain(error.code);
						}
					};

					for (const o of ops) {
						if (o.kind === 'plan') {
							const items = o.gifts.map((g) =>
								g === 'socks'
									? { giftId: socks.id, variantId: socks.variants[0]!.id, quantity: o.qty }
									: g === 'sized'
										? { giftId: socks.id, quantity: o.qty }
										: g === 'cinema'
											? { giftId: cinema.id }
											: { giftId: ecard.id }
							);
							const customer = await f.customer({ address: o.address });
							await attempt(async () =>
								ids.push(
									(
										await planSurprise({
											ctx: hubCtx,
											input: { customerId: customer.id, campaignId: campaign.id, items }
										})
									).id
								)
							);
							continue;
						}
						if (ids.length === 0) continue;
						const id = ids[o.pick % ids.length]!;
						const body = { reason: 'r', comment: 'c' };
						switch (o.kind) {
							case 'approve':
								await attempt(() => approveSurprise({ ctx: marketingCtx, input: { id } }));
								break;
							case 'reject':
								await attempt(() => rejectSurprise({ ctx: marketingCtx, input: { id, body } }));
								break;
							case 'cancel':
								await attempt(() => cancelSurprise({ ctx: hubCtx, input: { id, body } }));
								break;
							case 'ship':
								// Shipping goes through the pre-ship checklist, never the generic transition.
								await attempt(() =>
									shipSurprise({
										ctx: hubCtx,
										input: { id, body: { checklist: { cardIn: true, postageOn: true } } }
									})
								);
								break;
							case 'print':
							case 'deliver':
							case 'ready': {
								const to = { print: 'printed', deliver: 'delivered', ready: 'ready' }[o.kind];
								await attempt(() => advanceSurprise({ ctx: hubCtx, input: { id, body: { to } } }));
								break;
							}
							case 'return':
								await attempt(() => returnSurpriseToHub(hubCtx, { id, note: 'claim expired' }));
								break;
							case 'size': {
								const [item] = await database.db
									.select()
									.from(surpriseItems)
									.where(eq(surpriseItems.surpriseId, id));
								if (item)
									await attempt(() =>
										chooseSurpriseVariant({
											ctx: hubCtx,
											input: { id, itemId: item.id, body: { variantId: socks.variants[1]!.id } }
										})
									);
								break;
							}
						}
					}

					// Invariants.
					const rows = ids.length
						? await database.db.select().from(surprises).where(inArray(surprises.id, ids))
						: [];
					const items = ids.length
						? await database.db
								.select()
								.from(surpriseItems)
								.where(inArray(surpriseItems.surpriseId, ids))
						: [];
					const statusOf = new Map(rows.map((r) => [r.id, r.status]));
					const total = (r: (typeof rows)[number]) => r.costCents + r.postageCents;
					const money = await f.money(campaign.id);
					expect(money.reserved).toBe(
						rows.filter((r) => isIn(giftedStatuses, r.status)).reduce((s, r) => s + total(r), 0)
					);
					expect(money.spent).toBe(
						rows.filter((r) => isIn(spentStatuses, r.status)).reduce((s, r) => s + total(r), 0)
					);
					expect(money.reserved).toBeLessThanOrEqual(money.budget);
					expect(rows.filter((r) => isIn(giftedStatuses, r.status)).length).toBeLessThanOrEqual(5);
					for (const variant of socks.variants) {
						const held = items
							.filter(
								(i) =>
									i.variantId === variant.id && isIn(giftedStatuses, statusOf.get(i.surpriseId)!)
							)
							.reduce((s, i) => s + i.quantity, 0);
						expect((await f.stock(variant.id)) + held).toBe(STOCK);
					}
					const codes = await database.db
						.select()
						.from(voucherCodes)
						.where(eq(voucherCodes.giftId, cinema.id));
					const withCode = items.filter((i) => i.voucherCodeId !== null);
					expect(withCode.every((i) => isIn(giftedStatuses, statusOf.get(i.surpriseId)!))).toBe(
						true
					);
					expect(codes.filter((c) => c.surpriseId !== null).length).toBe(withCode.length);
					for (const item of withCode)
						expect(codes.find((c) => c.id === item.voucherCodeId)!.surpriseId).toBe(
							item.surpriseId
						);
					// Every surprise holding a coded voucher item holds a code for it.
					for (const item of items)
						if (item.giftId === cinema.id && isIn(giftedStatuses, statusOf.get(item.surpriseId)!))
							expect(item.voucherCodeId).not.toBeNull();
					// The history is a chain from planned to the current status: each event starts where the last ended.
					for (const r of rows) {
						const events = await database.db
							.select()
							.from(surpriseEvents)
							.where(eq(surpriseEvents.surpriseId, r.id));
						let at: string | null = null;
						for (let left = events.length; left > 0; left--) {
							const next = events.find((e) => e.fromStatus === at && !('used' in e));
							expect(next, `history of ${r.reference}`).toBeDefined();
							Object.assign(next!, { used: true });
							at = next!.toStatus;
						}
						expect(at).toBe(r.status);
					}
				}
			),
			{ numRuns: 25 }
		);
	}, 120_000);
});
