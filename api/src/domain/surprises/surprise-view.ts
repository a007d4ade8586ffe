import { asc, eq, inArray } from 'drizzle-orm';
import {
	campaigns,
	customers,
	giftVariants,
	gifts,
	surpriseEvents,
	surpriseItems,
	surprises,
	users,
	voucherCodes
} from '../../../../db/schema/index.ts';
import type { Ctx } from '../context.ts';
import { maskCode } from '../gifts/gift-view.ts';
import { giftDelivery } from '../../../../db/schema/enums.ts';
import type { GiftKind } from '../gifts/schemas.ts';
import { amsterdamDate } from '../calendar/today.ts';
import { isIn, nextStatuses, reservingStatuses, type SurpriseStatus } from './state-machine.ts';
import type { Message } from '../../messages/index.ts';
import { surpriseCan } from './surprise-can.ts';

export type SurpriseRow = typeof surprises.$inferSelect;
export type SurpriseKind = 'physical' | 'digital';

/** A surprise whose gifts all go by email needs no address and is never mailed: approved → sent. */
export function kindOf(giftKinds: readonly GiftKind[]): SurpriseKind {
	return giftKinds.length > 0 && giftKinds.every((k) => giftDelivery[k] === 'email')
		? 'digital'
		: 'physical';
}

const iso = (d: Date | null) => d?.toISOString() ?? null;
const ref = (id: string | null, names: Map<string, string>) =>
	id ? { id, name: names.get(id) ?? '' } : null;

/** Staff views of surprises (internal note included), with their items and optionally their history. */
export async function toSurpriseViews(
	ctx: Ctx,
	rows: SurpriseRow[],
	options: { events?: boolean } = {}
) {
	if (rows.length === 0) return [];
	const ids = rows.map((r) => r.id);
	const items = await ctx.db
		.select({
			id: surpriseItems.id,
			surpriseId: surpriseItems.surpriseId,
			giftId: surpriseItems.giftId,
			giftName: gifts.name,
			giftKind: gifts.kind,
			variantId: surpriseItems.variantId,
			variantName: giftVariants.name,
			quantity: surpriseItems.quantity,
			unitCostCents: surpriseItems.unitCostCents,
			code: voucherCodes.code
		})
		.from(surpriseItems)
		.innerJoin(gifts, eq(gifts.id, surpriseItems.giftId))
		.leftJoin(giftVariants, eq(giftVariants.id, surpriseItems.variantId))
		.leftJoin(voucherCodes, eq(voucherCodes.id, surpriseItems.voucherCodeId))
		.where(inArray(surpriseItems.surpriseId, ids))
		.orderBy(asc(surpriseItems.surpriseId), asc(gifts.name), asc(surpriseItems.id));
	const events = options.events
		? await ctx.db
				.select()
				.from(surpriseEvents)
				.where(inArray(surpriseEvents.surpriseId, ids))
				.orderBy(asc(surpriseEvents.createdAt), asc(surpriseEvents.id))
		: [];

	const userIds = new Set<string>();
	for (const r of rows)
		for (const u of [r.signedBy, r.approvedBy, r.createdBy]) if (u) userIds.add(u);
	for (const e of events) if (e.actorId) userIds.add(e.actorId);
	const [customerRows, campaignRows, userRows] = await Promise.all([
		ctx.db
			.select({ id: customers.id, name: customers.name })
			.from(customers)
			.where(inArray(customers.id, [...new Set(rows.map((r) => r.customerId))])),
		ctx.db
			.select({ id: campaigns.id, name: campaigns.name })
			.from(campaigns)
			.where(inArray(campaigns.id, [...new Set(rows.map((r) => r.campaignId))])),
		userIds.size
			? ctx.db
					.select({ id: users.id, name: users.name })
					.from(users)
					.where(inArray(users.id, [...userIds]))
			: Promise.resolve([])
	]);
	const names = new Map<string, string>(
		[...customerRows, ...campaignRows, ...userRows].map((r) => [r.id, r.name])
	);
	const today = amsterdamDate(ctx.now());

	return rows.map((r) => {
		const own = items.filter((i) => i.surpriseId === r.id);
		const kind = kindOf(own.map((i) => i.giftKind));
		const status = r.status as SurpriseStatus;
		return {
			id: r.id,
			reference: r.reference,
			status,
			kind,
			customer: { id: r.customerId, name: names.get(r.customerId) ?? '' },
			campaign: { id: r.campaignId, name: names.get(r.campaignId) ?? '' },
			nominationId: r.nominationId,
			cardMessage: r.cardMessage,
			internalNote: r.internalNote,
			signedBy: ref(r.signedBy, names),
			items: own.map((i) => ({
				id: i.id,
				giftId: i.giftId,
				giftName: i.giftName,
				giftKind: i.giftKind,
				variantId: i.variantId,
				variantName: i.variantName,
				quantity: i.quantity,
				unitCostCents: i.unitCostCents,
				/** Masked: only the claim page and the e-voucher email carry the code itself. */
				voucherCode: i.code === null ? null : maskCode(i.code)
			})),
			costCents: r.costCents,
			postageCents: r.postageCents,
			totalCents: r.costCents + r.postageCents,
			postage: r.postage,
			addressId: r.addressId,
			approvedBy: ref(r.approvedBy, names),
			approvedAt: iso(r.approvedAt),
			dueOn: r.dueOn,
			overdue: r.dueOn !== null && isIn(reservingStatuses, status) && r.dueOn < today,
			printedAt: iso(r.printedAt),
			shippedAt: iso(r.shippedAt),
			deliveredAt: iso(r.deliveredAt),
			createdBy: ref(r.createdBy, names),
			createdAt: r.createdAt.toISOString(),
			updatedAt: r.updatedAt.toISOString(),
			nextStatuses: [...nextStatuses(status, kind)],
			can: surpriseCan(ctx.actor, { status, kind, hasCodes: own.some((i) => i.code !== null) }),
			...(options.events
				? {
						events: events
							.filter((e) => e.surpriseId === r.id)
							.map((e) => ({
								id: e.id,
								from: e.fromStatus,
								to: e.toStatus,
								actor: e.actorId ? { id: e.actorId, name: names.get(e.actorId) ?? '' } : null,
								/** A person's note as typed; a note the system wrote is `noteMessage`, rendered into `note` in the reader's language at the edge. */
								note: e.note,
								noteMessage: e.noteKey
									? ({
											key: e.noteKey,
											...(e.noteParams ? { params: e.noteParams } : {})
										} as Message)
									: null,
								at: e.createdAt.toISOString()
							}))
					}
				: {})
		};
	});
}
export type SurpriseView = Awaited<ReturnType<typeof toSurpriseViews>>[number];

/**
 * What a recipient may see of their surprise (claim page, emails): no internal note, no costs, no
 * staff ids. Every customer-facing surface builds on this, never on the staff view.
 */
export function toRecipientView(view: SurpriseView) {
	return {
		reference: view.reference,
		status: view.status,
		kind: view.kind,
		cardMessage: view.cardMessage,
		signedByName: view.signedBy?.name ?? null,
		items: view.items.map((i) => ({
			giftName: i.giftName,
			giftKind: i.giftKind,
			variantName: i.variantName,
			quantity: i.quantity
		}))
	};
}
export type RecipientView = ReturnType<typeof toRecipientView>;
