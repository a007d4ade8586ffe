import { asc, eq, inArray, or, sql } from 'drizzle-orm';
import {
	addresses,
	ambassadorScores,
	auditLog,
	campaigns,
	claimLinks,
	customers,
	emailOutbox,
	gifts,
	giftVariants,
	handles,
	nominations,
	reactions,
	scoreHistory,
	shipments,
	surpriseEvents,
	surpriseItems,
	surprises
} from '../../../../db/schema/index.ts';
import { recordAudit } from '../audit.ts';
import { inTransaction, requireRole, type Ctx } from '../context.ts';
import { NotFoundError } from '../errors.ts';
import { emailsTo } from './emails-to.ts';
import { readFullAddresses } from './read-full-address.ts';
import { CustomerIdInput } from './schemas.ts';

export const EXPORT_FORMAT = 'hoppatee.customer-export';
export const EXPORT_VERSION = 1;

/**
 * Everything Hoppatee holds about one customer (GDPR right of access), as one JSON document:
 * the customer, handles, addresses (full ones read through readFullAddresses, so each is audited as
 * `address.read` with reason "export"), nominations, surprises with items and history, claim links
 * (never the token hash), shipments (carrier, tracking number), reactions, the ambassador score with
 * its history, every email sent to them (by address, with or without a display name),
 * and the audit rows about any of these. Admin only; the export itself is audited.
 */
export async function exportCustomer({ ctx, input }: { ctx: Ctx; input: unknown }) {
	requireRole(ctx, 'admin');
	const { id } = CustomerIdInput.parse(input);
	return inTransaction(ctx, async (ctx) => {
		const [customer] = await ctx.db.select().from(customers).where(eq(customers.id, id));
		if (!customer) throw new NotFoundError('customer', id);

		const customerHandles = await ctx.db
			.select()
			.from(handles)
			.where(eq(handles.customerId, id))
			.orderBy(asc(handles.createdAt));
		const addressRows = await ctx.db
			.select({
				id: addresses.id,
				anonymisedAt: addresses.anonymisedAt,
				createdAt: addresses.createdAt,
				country: addresses.country,
				postcodeArea: addresses.postcodeArea,
				city: addresses.city,
				region: addresses.region
			})
			.from(addresses)
			.where(eq(addresses.customerId, id))
			.orderBy(asc(addresses.createdAt));
		const full = await readFullAddresses({
			ctx,
			input: {
				addressIds: addressRows.filter((a) => !a.anonymisedAt).map((a) => a.id),
				reason: 'export'
			}
		});
		const fullById = new Map(full.addresses.map((a) => [a.id, a]));
		const exportedAddresses = addressRows.map((a) => ({ ...a, ...(fullById.get(a.id) ?? {}) }));

		const customerNominations = await ctx.db
			.select()
			.from(nominations)
			.where(eq(nominations.customerId, id))
			.orderBy(asc(nominations.createdAt));
		const surpriseRows = await ctx.db
			.select({ surprise: surprises, campaignName: campaigns.name })
			.from(surprises)
			.innerJoin(campaigns, eq(campaigns.id, surprises.campaignId))
			.where(eq(surprises.customerId, id))
			.orderBy(asc(surprises.createdAt));
		const surpriseIds = surpriseRows.map((r) => r.surprise.id);
		const items = surpriseIds.length
			? await ctx.db
					.select({
						id: surpriseItems.id,
						surpriseId: surpriseItems.surpriseId,
						gift: gifts.name,
						giftKind: gifts.kind,
						variant: giftVariants.name,
						quantity: surpriseItems.quantity,
						unitCostCents: surpriseItems.unitCostCents,
						hasVoucherCode: sql<boolean>`${surpriseItems.voucherCodeId} is not null`
					})
					.from(surpriseItems)
					.innerJoin(gifts, eq(gifts.id, surpriseItems.giftId))
					.leftJoin(giftVariants, eq(giftVariants.id, surpriseItems.variantId))
					.where(inArray(surpriseItems.surpriseId, surpriseIds))
			: [];
		const events = surpriseIds.length
			? await ctx.db
					.select()
					.from(surpriseEvents)
					.where(inArray(surpriseEvents.surpriseId, surpriseIds))
					.orderBy(asc(surpriseEvents.createdAt))
			: [];
		const claims = surpriseIds.length
			? await ctx.db
					.select({
						id: claimLinks.id,
						surpriseId: claimLinks.surpriseId,
						locale: claimLinks.locale,
						expiresAt: claimLinks.expiresAt,
						usedAt: claimLinks.usedAt,
						emailedAt: claimLinks.emailedAt,
						reminderSentAt: claimLinks.reminderSentAt,
						createdAt: claimLinks.createdAt
					})
					.from(claimLinks)
					.where(inArray(claimLinks.surpriseId, surpriseIds))
					.orderBy(asc(claimLinks.createdAt))
			: [];
		const shipmentRows = surpriseIds.length
			? await ctx.db
					.select({
						surpriseId: shipments.surpriseId,
						carrier: shipments.carrier,
						trackingNumber: shipments.trackingNumber,
						emailedAt: shipments.emailedAt,
						createdAt: shipments.createdAt
					})
					.from(shipments)
					.where(inArray(shipments.surpriseId, surpriseIds))
			: [];
		const customerReactions = await ctx.db
			.select()
			.from(reactions)
			.where(eq(reactions.customerId, id))
			.orderBy(asc(reactions.postedAt));
		const [score] = await ctx.db
			.select()
			.from(ambassadorScores)
			.where(eq(ambassadorScores.customerId, id));
		const history = await ctx.db
			.select()
			.from(scoreHistory)
			.where(eq(scoreHistory.customerId, id))
			.orderBy(asc(scoreHistory.day));
		const emails = customer.email
			? await ctx.db
					.select({
						id: emailOutbox.id,
						eventKey: emailOutbox.eventKey,
						toAddress: emailOutbox.toAddress,
						subject: emailOutbox.subject,
						text: emailOutbox.text,
						html: emailOutbox.html,
						status: emailOutbox.status,
						createdAt: emailOutbox.createdAt,
						sentAt: emailOutbox.sentAt
					})
					.from(emailOutbox)
					.where(emailsTo(customer.email))
					.orderBy(asc(emailOutbox.createdAt))
			: [];

		const exportedAt = ctx.now();
		await recordAudit(ctx, {
			action: 'customer.export',
			entity: 'customer',
			entityId: id,
			data: { addressesRead: full.addresses.length }
		});

		const relatedIds = [
			id,
			...customerHandles.map((h) => h.id),
			...addressRows.map((a) => a.id),
			...customerNominations.map((n) => n.id),
			...surpriseIds,
			...claims.map((c) => c.id),
			...customerReactions.map((r) => r.id),
			...emails.map((e) => e.id)
		];
		const audit = await ctx.db
			.select({
				at: auditLog.at,
				actorType: auditLog.actorType,
				actorId: auditLog.actorId,
				action: auditLog.action,
				entity: auditLog.entity,
				entityId: auditLog.entityId,
				data: auditLog.data
			})
			.from(auditLog)
			.where(
				or(inArray(auditLog.entityId, relatedIds), sql`${auditLog.data} ->> 'customerId' = ${id}`)
			)
			.orderBy(asc(auditLog.id));

		return {
			format: EXPORT_FORMAT,
			version: EXPORT_VERSION,
			exportedAt: exportedAt.toISOString(),
			customer,
			handles: customerHandles,
			addresses: exportedAddresses,
			nominations: customerNominations,
			surprises: surpriseRows.map(({ surprise, campaignName }) => ({
				...surprise,
				campaign: campaignName,
				items: items.filter((i) => i.surpriseId === surprise.id),
				events: events.filter((e) => e.surpriseId === surprise.id),
				shipment: shipmentRows.find((r) => r.surpriseId === surprise.id) ?? null
			})),
			claimLinks: claims,
			reactions: customerReactions,
			ambassadorScore: score ?? null,
			scoreHistory: history,
			emails,
			auditLog: audit
		};
	});
}
