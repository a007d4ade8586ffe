import { and, asc, count, desc, eq, inArray, isNotNull, isNull, ne, sql } from 'drizzle-orm';
import {
	addresses,
	campaigns,
	giftVariants,
	gifts,
	surpriseEvents,
	surpriseItems,
	surprises,
	voucherCodes
} from '../../../../db/schema/index.ts';
import { recordAudit } from '../audit.ts';
import type { GiftKind } from '../gifts/schemas.ts';
import { actorId, type Ctx } from '../context.ts';
import { ConflictError, NotFoundError } from '../errors.ts';
import { msg, render, type Message } from '../../messages/index.ts';
import { codeChannelOf, type CodeChannel } from '../gifts/code-channel.ts';
import { applyStockDelta, OutOfStockError } from '../gifts/stock.ts';
import { rescoreAfterSurpriseMove } from '../scores/rescore-after-surprise-move.ts';
import {
	assertTransition,
	giftedStatuses,
	isIn,
	reservingStatuses,
	type SurpriseStatus
} from './state-machine.ts';
import { kindOf, type SurpriseKind, type SurpriseRow } from './surprise-view.ts';
import { queueGiftEmail } from '../vouchers/queue-gift-email.ts';

/**
 * The one place where a surprise changes state. Each move goes through the state machine, writes a
 * surprise_events row and an audit row, and carries its side effects on the campaign budget, the
 * voucher-code pool and the stock — so each effect happens exactly once, with the move:
 *
 * - planned → approved: reserve the total against the budget, respect max surprises, take voucher
 *   codes, decrement stock (for items whose variant is known);
 * - → shipped / → sent: the total is added to spent. Spent is part of reserved: reserved holds
 *   everything committed, so the budget guard and the campaign's "left" (budget − reserved, see
 *   campaigns/campaign-view.ts) need no second column;
 * - reserving state → cancelled: the reservation, the codes and the stock go back.
 *
 * Callers hold the surprise row lock (`lockSurprise`) for the whole transaction.
 */

export interface LockedItem {
	id: string;
	giftId: string;
	giftKind: GiftKind;
	giftName: string;
	faceValueCents: number | null;
	/** Where the gift's voucher code reaches the customer (gifts/code-channel.ts). */
	codeChannel: CodeChannel | null;
	/** The gift has variants (sizes…): an item cannot be ready without one. */
	giftHasVariants: boolean;
	variantId: string | null;
	voucherCodeId: string | null;
	quantity: number;
	unitCostCents: number;
}

export interface LockedSurprise {
	row: SurpriseRow;
	items: LockedItem[];
	kind: SurpriseKind;
}

const hasVariants = sql<boolean>`exists (select 1 from ${giftVariants} where ${giftVariants.giftId} = ${gifts.id})`;

async function loadItems(ctx: Ctx, surpriseId: string): Promise<LockedItem[]> {
	const rows = await ctx.db
		.select({
			id: surpriseItems.id,
			giftId: surpriseItems.giftId,
			giftKind: gifts.kind,
			giftName: gifts.name,
			faceValueCents: gifts.faceValueCents,
			codeChannel: gifts.codeChannel,
			giftHasVariants: hasVariants,
			variantId: surpriseItems.variantId,
			voucherCodeId: surpriseItems.voucherCodeId,
			quantity: surpriseItems.quantity,
			unitCostCents: surpriseItems.unitCostCents
		})
		.from(surpriseItems)
		.innerJoin(gifts, eq(gifts.id, surpriseItems.giftId))
		.where(eq(surpriseItems.surpriseId, surpriseId))
		.orderBy(asc(surpriseItems.id));
	return rows.map((r) => ({
		...r,
		codeChannel: codeChannelOf({ kind: r.giftKind, ...r }),
		giftHasVariants: r.giftHasVariants === true || String(r.giftHasVariants) === 'true'
	}));
}

/** The surprise row, locked until the transaction ends, with its items. */
export async function lockSurprise(ctx: Ctx, id: string): Promise<LockedSurprise> {
	// No key update: a reaction being linked to this surprise (its foreign key takes a key-share lock)
	// does not wait for this transaction, which may wait for that writer's customer lock (scores).
	const [row] = await ctx.db
		.select()
		.from(surprises)
		.where(eq(surprises.id, id))
		.for('no key update');
	if (!row) throw new NotFoundError('surprise', id);
	const items = await loadItems(ctx, id);
	return { row, items, kind: kindOf(items.map((i) => i.giftKind)) };
}

export const totalOf = (row: Pick<SurpriseRow, 'costCents' | 'postageCents'>) =>
	row.costCents + row.postageCents;

/** Items still waiting for a variant (e.g. a sock size the customer picks on the claim page). */
export const itemsWithoutVariant = (s: LockedSurprise) =>
	s.items.filter((i) => i.giftHasVariants && i.variantId === null);

/** Statuses that count towards a campaign's maximum number of surprises. */

/**
 * Budget, maximum, codes and stock for an approval, each under its own guard:
 * - budget: one conditional UPDATE (0 rows = exhausted), which also locks the campaign row;
 * - maximum: counted after that lock, so concurrent approvals of one campaign count one by one;
 * - codes: FOR UPDATE SKIP LOCKED, so two approvals never take the same free code;
 * - stock: a conditional decrement (0 rows = out of stock).
 * Any failure throws a ConflictError and the caller's transaction rolls everything back.
 */
async function reserve(ctx: Ctx, s: LockedSurprise): Promise<{ lowStockVariantIds: string[] }> {
	const total = totalOf(s.row);
	const campaignId = s.row.campaignId;
	const reserved = await ctx.db
		.update(campaigns)
		.set({
			reservedCents: sql`${campaigns.reservedCents} + ${total}::bigint`,
			updatedAt: ctx.now()
		})
		.where(
			and(
				eq(campaigns.id, campaignId),
				sql`${campaigns.reservedCents} + ${total}::bigint <= ${campaigns.budgetCents}`
			)
		)
		.returning({ id: campaigns.id, maxSurprises: campaigns.maxSurprises });
	if (reserved.length === 0) {
		const [c] = await ctx.db.select().from(campaigns).where(eq(campaigns.id, campaignId));
		const left = c ? c.budgetCents - c.reservedCents : 0;
		throw new ConflictError(
			msg('campaign_budget_exhausted', { total: euro(total), left: euro(Math.max(0, left)) }),
			[{ field: 'campaignId', message: msg('budget_exhausted') }],
			{ neededCents: total, leftCents: left, budgetCents: c?.budgetCents ?? null }
		);
	}

	const max = reserved[0]!.maxSurprises;
	if (max !== null) {
		const [{ n }] = (await ctx.db
			.select({ n: count() })
			.from(surprises)
			.where(
				and(
					eq(surprises.campaignId, campaignId),
					inArray(surprises.status, [...giftedStatuses]),
					ne(surprises.id, s.row.id)
				)
			)) as [{ n: number }];
		if (Number(n) >= max) {
			throw new ConflictError(
				msg('campaign_maximum_reached', { max }),
				[{ field: 'campaignId', message: msg('maximum_number_of_surprises_reached') }],
				{
					maxSurprises: max
				}
			);
		}
	}

	for (const item of s.items) {
		if (item.codeChannel === null || item.voucherCodeId !== null) continue;
		await takeCodes(ctx, s.row.id, item);
	}

	// One order for every transaction (by variant id), so concurrent approvals cannot deadlock.
	const byVariant = [...s.items]
		.filter((i) => i.variantId !== null)
		.sort((a, b) => (a.variantId! < b.variantId! ? -1 : 1));
	const lowStockVariantIds: string[] = [];
	for (const item of byVariant) {
		const low = await takeStock(ctx, item);
		if (low) lowStockVariantIds.push(low);
	}
	return { lowStockVariantIds };
}

/** Codes from the pool for one voucher item: one item row per code (a code belongs to one row). */
async function takeCodes(ctx: Ctx, surpriseId: string, item: LockedItem): Promise<void> {
	const free = await ctx.db
		.select({ id: voucherCodes.id })
		.from(voucherCodes)
		.where(and(eq(voucherCodes.giftId, item.giftId), isNull(voucherCodes.surpriseId)))
		.orderBy(asc(voucherCodes.createdAt), asc(voucherCodes.id))
		.limit(item.quantity)
		.for('update', { skipLocked: true });
	if (free.length < item.quantity) {
		throw new ConflictError(
			msg('voucher_codes_exhausted', { gift_name: item.giftName }),
			[{ field: 'items', message: msg('no_voucher_codes_left') }],
			{
				giftId: item.giftId
			}
		);
	}
	const now = ctx.now();
	await ctx.db
		.update(voucherCodes)
		.set({ surpriseId, assignedAt: now })
		.where(
			inArray(
				voucherCodes.id,
				free.map((c) => c.id)
			)
		);
	const [first, ...rest] = free;
	await ctx.db
		.update(surpriseItems)
		.set({ quantity: 1, voucherCodeId: first!.id })
		.where(eq(surpriseItems.id, item.id));
	if (rest.length) {
		await ctx.db.insert(surpriseItems).values(
			rest.map((c) => ({
				surpriseId,
				giftId: item.giftId,
				variantId: item.variantId,
				voucherCodeId: c.id,
				quantity: 1,
				unitCostCents: item.unitCostCents
			}))
		);
	}
}

/**
 * Take stock with the catalogue's single conditional UPDATE (gifts/stock.ts: `stock + delta >= 0`
 * in the WHERE), so stock never goes below zero whatever runs beside it. Returns the variant when
 * this took it to or below its low-stock threshold.
 */
export async function takeStock(
	ctx: Ctx,
	item: Pick<LockedItem, 'variantId' | 'quantity' | 'giftName'>
): Promise<string | null> {
	try {
		const change = await applyStockDelta(ctx, {
			variantId: item.variantId!,
			delta: -item.quantity
		});
		return change.lowStock ? change.variant.id : null;
	} catch (error) {
		if (!(error instanceof OutOfStockError)) throw error;
		const [v] = await ctx.db
			.select({ name: giftVariants.name, stock: giftVariants.stock })
			.from(giftVariants)
			.where(eq(giftVariants.id, item.variantId!));
		throw new ConflictError(
			msg('stock_exhausted', {
				gift_name: item.giftName,
				variant: v ? ` (${v.name})` : '',
				stock: v?.stock ?? 0,
				quantity: item.quantity
			}),
			[{ field: 'items', message: msg('out_of_stock') }],
			{
				variantId: item.variantId,
				stock: v?.stock ?? 0
			}
		);
	}
}

export async function returnStock(
	ctx: Ctx,
	item: Pick<LockedItem, 'variantId' | 'quantity'>
): Promise<void> {
	await applyStockDelta(ctx, { variantId: item.variantId!, delta: item.quantity });
}

/** Everything `reserve` took, given back. Only called on a move out of a reserving state. */
async function release(ctx: Ctx, s: LockedSurprise): Promise<void> {
	const total = totalOf(s.row);
	await ctx.db
		.update(campaigns)
		.set({
			reservedCents: sql`${campaigns.reservedCents} - ${total}::bigint`,
			updatedAt: ctx.now()
		})
		.where(eq(campaigns.id, s.row.campaignId));
	await ctx.db
		.update(voucherCodes)
		.set({ surpriseId: null, assignedAt: null })
		.where(eq(voucherCodes.surpriseId, s.row.id));
	await ctx.db
		.update(surpriseItems)
		.set({ voucherCodeId: null })
		.where(and(eq(surpriseItems.surpriseId, s.row.id), isNotNull(surpriseItems.voucherCodeId)));
	const byVariant = [...s.items]
		.filter((i) => i.variantId !== null)
		.sort((a, b) => (a.variantId! < b.variantId! ? -1 : 1));
	for (const item of byVariant) await returnStock(ctx, item);
}

/** Shipped or sent: the money has left the building (it stays reserved: reserved ⊇ spent). */
async function spend(ctx: Ctx, s: LockedSurprise): Promise<void> {
	const total = totalOf(s.row);
	await ctx.db
		.update(campaigns)
		.set({ spentCents: sql`${campaigns.spentCents} + ${total}::bigint`, updatedAt: ctx.now() })
		.where(eq(campaigns.id, s.row.campaignId));
}

const ACTIONS: Record<SurpriseStatus, string> = {
	planned: 'surprise.plan',
	approved: 'surprise.approve',
	awaiting_address: 'surprise.await_address',
	ready: 'surprise.ready',
	printed: 'surprise.print',
	shipped: 'surprise.ship',
	delivered: 'surprise.deliver',
	sent: 'surprise.send',
	cancelled: 'surprise.cancel'
};

export interface MoveOptions {
	/** A person's own note (as typed), or a note the system writes (a catalogue message, stored as its code). */
	note?: string | Message;
	/** Audit action; defaults to surprise.<verb of the target state>. */
	action?: string;
	/** Extra columns to set with the status (approvedBy, addressId, …). */
	set?: Partial<typeof surprises.$inferInsert>;
	auditData?: Record<string, unknown>;
}

export async function moveSurprise(
	ctx: Ctx,
	s: LockedSurprise,
	to: SurpriseStatus,
	options: MoveOptions = {}
): Promise<LockedSurprise> {
	const from = s.row.status as SurpriseStatus;
	assertTransition(from, to, s.kind);
	const now = ctx.now();

	// Variants this move took to their low-stock threshold: in the audit row, for the low-stock notice.
	const effects: Record<string, unknown> = {};
	if (from === 'planned' && to === 'approved') {
		const { lowStockVariantIds } = await reserve(ctx, s);
		if (lowStockVariantIds.length) effects.lowStockVariantIds = lowStockVariantIds;
	}
	if (to === 'shipped' || to === 'sent') await spend(ctx, s);
	if (to === 'cancelled' && isIn(reservingStatuses, from)) await release(ctx, s);

	const stamps: Partial<typeof surprises.$inferInsert> = {};
	if (to === 'printed') stamps.printedAt = now;
	if (to === 'ready' && from === 'printed') stamps.printedAt = null;
	if (to === 'shipped') stamps.shippedAt = now;
	if (to === 'delivered') stamps.deliveredAt = now;

	const [row] = await ctx.db
		.update(surprises)
		.set({ ...stamps, ...options.set, status: to, updatedAt: now })
		.where(and(eq(surprises.id, s.row.id), eq(surprises.status, from)))
		.returning();
	if (!row)
		throw new ConflictError(msg('surprise_changed_meanwhile'), [
			{ field: 'status', message: msg('changed_meanwhile') }
		]);
	const system = typeof options.note === 'object' ? options.note : null;
	const typed = typeof options.note === 'string' ? options.note : '';
	// The audit log keeps the note as English text; the history keeps the system's note as its code.
	const note = system ? render(system, 'en') : typed;
	await ctx.db.insert(surpriseEvents).values({
		surpriseId: row.id,
		fromStatus: from,
		toStatus: to,
		actorId: actorId(ctx.actor),
		note: typed,
		noteKey: system?.key ?? null,
		noteParams: (system?.params as Record<string, unknown> | undefined) ?? null,
		createdAt: now
	});
	await recordAudit(ctx, {
		action: options.action ?? ACTIONS[to],
		entity: 'surprise',
		entityId: row.id,
		data: {
			reference: row.reference,
			from,
			to,
			...(note ? { note } : {}),
			...effects,
			...options.auditData
		}
	});
	// The gift window may have moved: reactions in it are gift-triggered, not spontaneous.
	await rescoreAfterSurpriseMove(ctx, s.row, row);
	return {
		...s,
		row,
		items: from === 'planned' && to === 'approved' ? await loadItems(ctx, row.id) : s.items
	};
}

/** The customer's current full postal address (not anonymised), newest first. */
export async function currentAddressId(ctx: Ctx, customerId: string): Promise<string | null> {
	const [row] = await ctx.db
		.select({ id: addresses.id })
		.from(addresses)
		.where(
			and(
				eq(addresses.customerId, customerId),
				isNull(addresses.anonymisedAt),
				isNotNull(addresses.street)
			)
		)
		.orderBy(desc(addresses.createdAt), desc(addresses.id))
		.limit(1);
	return row?.id ?? null;
}

/**
 * Right after approval: digital-only surprises are emailed; physical ones are ready when the address is
 * on file and every variant is chosen, otherwise they wait for the address (claim link).
 */
export async function settleAfterApproval(ctx: Ctx, s: LockedSurprise): Promise<LockedSurprise> {
	// Digital: the email goes in the outbox; the mail job moves the surprise to sent once it is out.
	if (s.kind === 'digital') return (await queueGiftEmail(ctx, s), s);
	const addressId = s.row.addressId ?? (await currentAddressId(ctx, s.row.customerId));
	// A code shown on the claim page needs the claim, even with the address on file.
	const viaClaim = s.items.some((i) => i.codeChannel === 'claim_page');
	if (addressId && itemsWithoutVariant(s).length === 0 && !viaClaim) {
		return moveSurprise(ctx, s, 'ready', {
			set: { addressId },
			note: msg('history_address_on_file')
		});
	}
	return moveSurprise(ctx, s, 'awaiting_address', {
		note: !addressId
			? msg('history_no_address_send_claim_link')
			: itemsWithoutVariant(s).length
				? msg('history_waiting_for_variant')
				: msg('history_code_on_claim_page')
	});
}

export function euro(cents: number): string {
	const sign = cents < 0 ? '-' : '';
	const abs = Math.abs(cents);
	return `${sign}€ ${Math.floor(abs / 100)},${String(abs % 100).padStart(2, '0')}`;
}
