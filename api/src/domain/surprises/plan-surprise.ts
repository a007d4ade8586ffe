import { and, desc, eq, gt, inArray, ne } from 'drizzle-orm';
import {
	campaignGifts,
	giftVariants,
	gifts,
	surpriseEvents,
	surpriseItems,
	surprises,
	users
} from '../../../../db/schema/index.ts';
import { recordAudit } from '../audit.ts';
import type { GiftKind } from '../gifts/schemas.ts';
import { amsterdamDate } from '../calendar/today.ts';
import { actorId, inTransaction, requireRole, userId, type Ctx } from '../context.ts';
import { findCustomerRow } from '../customers/customer-view.ts';
import {
	ConflictError,
	DomainError,
	NotFoundError,
	ValidationError,
	type FieldText
} from '../errors.ts';
import { msg } from '../../messages/index.ts';
import { queueApprovalRequest } from '../email/queue-approval-request.ts';
import { approveLocked } from './approve-surprise.ts';
import { openCampaign, type CampaignRow } from './campaign-gate.ts';
import { euro, lockSurprise, totalOf } from './lifecycle.ts';
import { postageFor } from './postage.ts';
import { nextReference } from './reference.ts';
import { PlanSurpriseInput } from './schemas.ts';
import { toSurpriseViews, type SurpriseView } from './surprise-view.ts';

export interface AutoApproval {
	/** The total was within the campaign's auto-approve limit, so approval was tried. */
	attempted: boolean;
	approved: boolean;
	/** Why it stays planned (over the limit, budget exhausted, out of stock …). */
	reason: string | null;
}
export type PlannedSurprise = SurpriseView & { autoApproval: AutoApproval };

/** Hub plans a surprise inside an open campaign; approved at once when within the auto-approve limit. */
export async function planSurprise({
	ctx,
	input,
	options = {}
}: {
	ctx: Ctx;
	input: unknown;
	/** origin: for the link in marketing's approval request. */
	options?: { origin?: string };
}): Promise<PlannedSurprise> {
	if (ctx.actor.type !== 'system') requireRole(ctx, 'hub');
	const data = PlanSurpriseInput.parse(input);
	return inTransaction(ctx, async (ctx) => {
		const { id, autoApproval } = await planInTransaction(ctx, data, {
			nominationId: null,
			...(options.origin ? { origin: options.origin } : {})
		});
		const [row] = await ctx.db.select().from(surprises).where(eq(surprises.id, id));
		const [view] = await toSurpriseViews(ctx, [row!]);
		return { ...view!, autoApproval };
	});
}

const DAY_MS = 86_400_000;

/**
 * The planning itself, inside the caller's transaction (accepting a nomination calls it too). The
 * role check and input parsing are the caller's.
 */
export async function planInTransaction(
	ctx: Ctx,
	data: PlanSurpriseInput,
	options: { nominationId: string | null; fieldPrefix?: string; origin?: string }
): Promise<{ id: string; autoApproval: AutoApproval }> {
	const field = (name: string) => `${options.fieldPrefix ?? ''}${name}`;
	// The customer row lock makes the cooldown check hold under concurrent plans for one customer.
	const customer = await findCustomerRow(ctx, data.customerId, { forUpdate: true }).catch(
		(error: unknown) => {
			if (error instanceof NotFoundError)
				throw new ValidationError(msg('this_customer_does_not_exist'), [
					{ field: field('customerId'), message: msg('no_such_customer') }
				]);
			throw error;
		}
	);
	const campaign = await openCampaign(ctx, data.campaignId, field('campaignId'));
	await assertCooldown(ctx, customer.id, campaign, field('customerId'));

	const lines = await resolveItems(ctx, data, campaign, field);
	const signedBy = await resolveSigner(ctx, data.signedBy, field('signedBy'));
	const costCents = lines.reduce((sum, l) => sum + l.unitCostCents * l.quantity, 0);
	const { postage, cents: postageCents } = await postageFor(
		ctx,
		lines.map((l) => l.kind),
		data.postage
	);
	const now = ctx.now();

	const reference = await nextReference(ctx);
	const [row] = await ctx.db
		.insert(surprises)
		.values({
			reference,
			customerId: customer.id,
			campaignId: campaign.id,
			nominationId: options.nominationId,
			status: 'planned',
			cardMessage: data.cardMessage,
			internalNote: data.internalNote,
			signedBy,
			costCents,
			postageCents,
			postage,
			createdBy: userId(ctx.actor),
			createdAt: now,
			updatedAt: now
		})
		.returning();
	await ctx.db.insert(surpriseItems).values(
		lines.map((l) => ({
			surpriseId: row!.id,
			giftId: l.giftId,
			variantId: l.variantId,
			quantity: l.quantity,
			unitCostCents: l.unitCostCents
		}))
	);
	await ctx.db.insert(surpriseEvents).values({
		surpriseId: row!.id,
		fromStatus: null,
		toStatus: 'planned',
		actorId: actorId(ctx.actor),
		note: '',
		createdAt: now
	});

	const total = totalOf(row!);
	const autoApproval = await tryAutoApproval(ctx, row!.id, total, campaign);
	await recordAudit(ctx, {
		action: 'surprise.plan',
		entity: 'surprise',
		entityId: row!.id,
		data: {
			reference,
			customerId: customer.id,
			campaignId: campaign.id,
			nominationId: options.nominationId,
			totalCents: total,
			autoApproval
		}
	});
	// Waiting for marketing: they hear of it now, or in their daily digest (their choice).
	if (!autoApproval.approved)
		await queueApprovalRequest({
			ctx,
			input: {
				kind: 'surprise',
				id: row!.id,
				...(options.origin ? { origin: options.origin } : {})
			}
		});
	return { id: row!.id, autoApproval };
}

/** Inside a savepoint: when the approval fails (budget, stock, codes), the surprise stays planned. */
async function tryAutoApproval(
	ctx: Ctx,
	id: string,
	total: number,
	campaign: CampaignRow
): Promise<AutoApproval> {
	if (total > campaign.autoApproveLimitCents) {
		return {
			attempted: false,
			approved: false,
			reason: `${euro(total)} is above the campaign's auto-approve limit of ${euro(campaign.autoApproveLimitCents)}: marketing approves.`
		};
	}
	try {
		await inTransaction(ctx, async (ctx) => {
			const s = await lockSurprise(ctx, id);
			await approveLocked(ctx, s, {
				approvedBy: null,
				note: msg('history_approved_automatically', {
					total: euro(total),
					limit: euro(campaign.autoApproveLimitCents)
				})
			});
		});
		return { attempted: true, approved: true, reason: null };
	} catch (error) {
		if (error instanceof DomainError && error.code === 'conflict')
			return {
				attempted: true,
				approved: false,
				reason: `${error.message} Marketing can approve it later.`
			};
		throw error;
	}
}

/**
 * No second surprise to one customer within the campaign's cooldown of an earlier one that was
 * not cancelled, in any campaign. The error names the earlier surprise.
 */
async function assertCooldown(
	ctx: Ctx,
	customerId: string,
	campaign: CampaignRow,
	field: string
): Promise<void> {
	if (campaign.cooldownDays <= 0) return;
	const since = new Date(ctx.now().getTime() - campaign.cooldownDays * DAY_MS);
	const [earlier] = await ctx.db
		.select({
			id: surprises.id,
			reference: surprises.reference,
			createdAt: surprises.createdAt,
			status: surprises.status
		})
		.from(surprises)
		.where(
			and(
				eq(surprises.customerId, customerId),
				ne(surprises.status, 'cancelled'),
				gt(surprises.createdAt, since)
			)
		)
		.orderBy(desc(surprises.createdAt))
		.limit(1);
	if (!earlier) return;
	const date = amsterdamDate(earlier.createdAt);
	const next = amsterdamDate(
		new Date(earlier.createdAt.getTime() + campaign.cooldownDays * DAY_MS)
	);
	const message = msg('campaign_cooldown', {
		reference: earlier.reference,
		date,
		name: campaign.name,
		cooldown_days: campaign.cooldownDays,
		next
	});
	throw new ConflictError(message, [{ field, message }], {
		earlierSurprise: { id: earlier.id, reference: earlier.reference, date, status: earlier.status },
		cooldownDays: campaign.cooldownDays
	});
}

interface Line {
	giftId: string;
	variantId: string | null;
	quantity: number;
	unitCostCents: number;
	kind: GiftKind;
}

/** Every gift exists, is active and allowed by the campaign; every variant belongs to its gift. */
async function resolveItems(
	ctx: Ctx,
	data: PlanSurpriseInput,
	campaign: CampaignRow,
	field: (name: string) => string
): Promise<Line[]> {
	const giftIds = [...new Set(data.items.map((i) => i.giftId))];
	const variantIds = [
		...new Set(data.items.map((i) => i.variantId).filter((v): v is string => !!v))
	];
	const [giftRows, allowedRows, variantRows] = await Promise.all([
		ctx.db.select().from(gifts).where(inArray(gifts.id, giftIds)),
		ctx.db
			.select({ giftId: campaignGifts.giftId })
			.from(campaignGifts)
			.where(
				and(eq(campaignGifts.campaignId, campaign.id), inArray(campaignGifts.giftId, giftIds))
			),
		variantIds.length
			? ctx.db.select().from(giftVariants).where(inArray(giftVariants.id, variantIds))
			: Promise.resolve([])
	]);
	const allowed = new Set(allowedRows.map((r) => r.giftId));
	const errors: FieldText[] = [];
	const lines: Line[] = [];
	data.items.forEach((item, i) => {
		const gift = giftRows.find((g) => g.id === item.giftId);
		if (!gift)
			return errors.push({ field: field(`items.${i}.giftId`), message: msg('no_such_gift') });
		if (!gift.active)
			return errors.push({
				field: field(`items.${i}.giftId`),
				message: msg('is_no_longer_in_catalogue', { name: gift.name })
			});
		if (!allowed.has(gift.id))
			return errors.push({
				field: field(`items.${i}.giftId`),
				message: msg('surprise_gift_not_in_campaign', { gift: gift.name, campaign: campaign.name })
			});
		const variantId = item.variantId ?? null;
		if (variantId) {
			const variant = variantRows.find((v) => v.id === variantId);
			if (!variant || variant.giftId !== gift.id)
				return errors.push({
					field: field(`items.${i}.variantId`),
					message: msg('surprise_variant_not_of_gift', { name: gift.name })
				});
		}
		lines.push({
			giftId: gift.id,
			variantId,
			quantity: item.quantity,
			unitCostCents: gift.unitCostCents,
			kind: gift.kind
		});
	});
	if (errors.length)
		throw new ValidationError(
			errors.length === 1 ? errors[0]!.message : msg('surprise_gifts_invalid'),
			errors
		);
	return lines;
}

/** The signing hub'er: an active staff user; by default whoever plans. */
export async function resolveSigner(
	ctx: Ctx,
	signedBy: string | null | undefined,
	field: string
): Promise<string | null> {
	const id = signedBy === undefined ? userId(ctx.actor) : signedBy;
	if (id === null) return null;
	const [user] = await ctx.db
		.select({ id: users.id, active: users.active })
		.from(users)
		.where(eq(users.id, id));
	if (!user || !user.active)
		throw new ValidationError(msg('surprise_signer_inactive'), [
			{ field, message: msg('no_such_active_user') }
		]);
	return user.id;
}
