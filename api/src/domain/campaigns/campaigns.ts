import { and, asc, count, desc, eq, inArray, lt, type SQL } from 'drizzle-orm';
import {
	campaignDecisions,
	campaignGifts,
	campaigns,
	gifts,
	surprises,
	surpriseStatuses,
	users
} from '../../../../db/schema/index.ts';
import { recordAudit } from '../audit.ts';
import { todayInAmsterdam } from '../calendar/today.ts';
import { inTransaction, type Ctx } from '../context.ts';
import { ConflictError, ValidationError, type FieldText } from '../errors.ts';
import { msg, word } from '../../messages/index.ts';
import { afterTimestampCursor, exactTimestamp } from '../keyset.ts';
import { decodeCursor, encodeCursor } from '../pagination.ts';
import { requireCampaignManager, requireCampaignRead } from './access.ts';
import { loadCampaign, toCampaignViews, type CampaignView } from './campaign-view.ts';
import { CreateCampaignInput, ListCampaignsInput, UpdateCampaignInput } from './schemas.ts';
import { reservingStatuses } from '../surprises/state-machine.ts';
import { campaignCan } from './workflow.ts';
import { editableStatuses, effectiveCampaignStatus, isCampaignOpenForSurprises } from './status.ts';

type SurpriseStatus = (typeof surpriseStatuses)[number];
const OVERDUE_SHOWN = 100;

/** Allowed gifts must exist and be active; repeats are dropped. */
async function checkGiftIds(ctx: Ctx, giftIds: string[]): Promise<string[]> {
	const unique = [...new Set(giftIds)];
	if (!unique.length) return unique;
	const found = await ctx.db
		.select({ id: gifts.id, active: gifts.active })
		.from(gifts)
		.where(inArray(gifts.id, unique));
	const errors: FieldText[] = [];
	giftIds.forEach((id, i) => {
		const gift = found.find((g) => g.id === id);
		if (!gift) errors.push({ field: `giftIds.${i}`, message: msg('no_gift_with_this_id') });
		else if (!gift.active)
			errors.push({ field: `giftIds.${i}`, message: msg('this_gift_is_inactive') });
	});
	if (errors.length) throw new ValidationError(msg('campaign_gifts_not_offerable'), errors);
	return unique;
}

async function setGifts(ctx: Ctx, campaignId: string, giftIds: string[]): Promise<void> {
	await ctx.db.delete(campaignGifts).where(eq(campaignGifts.campaignId, campaignId));
	if (giftIds.length)
		await ctx.db.insert(campaignGifts).values(giftIds.map((giftId) => ({ campaignId, giftId })));
}

export async function listCampaigns({
	ctx,
	input
}: {
	ctx: Ctx;
	input: ListCampaignsInput;
}): Promise<{ items: CampaignView[]; nextCursor: string | null }> {
	requireCampaignRead(ctx);
	const q = ListCampaignsInput.parse(input);
	const where: SQL[] = [];
	if (q.status) where.push(eq(campaigns.status, q.status));
	if (q.kind) where.push(eq(campaigns.kind, q.kind));
	if (q.cursor)
		where.push(
			afterTimestampCursor(campaigns.createdAt, campaigns.id, decodeCursor(q.cursor), 'desc')
		);
	const rows = await ctx.db
		.select({ row: campaigns, sortKey: exactTimestamp(campaigns.createdAt) })
		.from(campaigns)
		.where(and(...where))
		.orderBy(desc(campaigns.createdAt), desc(campaigns.id))
		.limit(q.limit + 1);
	const page = rows.slice(0, q.limit);
	const last = page.at(-1);
	return {
		items: await toCampaignViews(
			ctx,
			page.map((r) => r.row)
		),
		nextCursor: rows.length > q.limit && last ? encodeCursor(last.sortKey, last.row.id) : null
	};
}

/** The campaign page: the campaign, its budget bar, its surprises by state, the overdue ones and every decision. */
export async function getCampaign({ ctx, input }: { ctx: Ctx; input: { id: string } }) {
	requireCampaignRead(ctx);
	const row = await loadCampaign(ctx, input.id);
	const today = todayInAmsterdam(ctx.now());
	const overdue = and(
		eq(surprises.campaignId, row.id),
		lt(surprises.dueOn, today),
		inArray(surprises.status, [...reservingStatuses])
	);
	const [[view], byStatus, [overdueCount], overdueRows, decisions, can] = await Promise.all([
		toCampaignViews(ctx, [row]),
		ctx.db
			.select({ status: surprises.status, n: count() })
			.from(surprises)
			.where(eq(surprises.campaignId, row.id))
			.groupBy(surprises.status),
		ctx.db.select({ n: count() }).from(surprises).where(overdue),
		ctx.db
			.select({
				id: surprises.id,
				reference: surprises.reference,
				status: surprises.status,
				dueOn: surprises.dueOn,
				customerId: surprises.customerId
			})
			.from(surprises)
			.where(overdue)
			.orderBy(asc(surprises.dueOn), asc(surprises.reference))
			.limit(OVERDUE_SHOWN),
		ctx.db
			.select({
				id: campaignDecisions.id,
				decision: campaignDecisions.decision,
				comment: campaignDecisions.comment,
				decidedBy: campaignDecisions.decidedBy,
				decidedByName: users.name,
				createdAt: campaignDecisions.createdAt
			})
			.from(campaignDecisions)
			.leftJoin(users, eq(users.id, campaignDecisions.decidedBy))
			.where(eq(campaignDecisions.campaignId, row.id))
			.orderBy(asc(campaignDecisions.createdAt), asc(campaignDecisions.id)),
		campaignCan(ctx, row)
	]);
	const surprisesByStatus = Object.fromEntries(surpriseStatuses.map((s) => [s, 0])) as Record<
		SurpriseStatus,
		number
	>;
	for (const r of byStatus) surprisesByStatus[r.status] = Number(r.n);
	const daysLate = (dueOn: string) =>
		Math.round((Date.parse(today) - Date.parse(dueOn)) / 86_400_000);
	return {
		...view!,
		today,
		effectiveStatus: effectiveCampaignStatus(row, today),
		openForSurprises: isCampaignOpenForSurprises(row, today),
		surprisesByStatus,
		surprisesTotal: Object.values(surprisesByStatus).reduce((a, b) => a + b, 0),
		overdue: {
			count: Number(overdueCount?.n ?? 0),
			items: overdueRows.map((s) => ({ ...s, dueOn: s.dueOn!, daysOverdue: daysLate(s.dueOn!) }))
		},
		decisions: decisions.map((d) => ({
			id: d.id,
			decision: d.decision,
			comment: d.comment,
			decidedBy: d.decidedBy ? { id: d.decidedBy, name: d.decidedByName ?? '' } : null,
			createdAt: d.createdAt.toISOString()
		})),
		can
	};
}
export type CampaignDetail = Awaited<ReturnType<typeof getCampaign>>;

export async function createCampaign({
	ctx,
	input
}: {
	ctx: Ctx;
	input: unknown;
}): Promise<CampaignDetail> {
	const actor = requireCampaignManager(ctx);
	const data = CreateCampaignInput.parse(input);
	const id = await inTransaction(ctx, async (ctx) => {
		const giftIds = await checkGiftIds(ctx, data.giftIds);
		const now = ctx.now();
		const { giftIds: _ignored, ...fields } = data;
		const [row] = await ctx.db
			.insert(campaigns)
			.values({ ...fields, status: 'draft', createdBy: actor.id, createdAt: now, updatedAt: now })
			.returning({ id: campaigns.id });
		await setGifts(ctx, row!.id, giftIds);
		await recordAudit(ctx, {
			action: 'campaign.create',
			entity: 'campaign',
			entityId: row!.id,
			data: { ...fields, giftIds }
		});
		return row!.id;
	});
	return getCampaign({ ctx, input: { id } });
}

/** Edit a draft, or a campaign marketing sent back with changes requested. */
export async function updateCampaign({
	ctx,
	input
}: {
	ctx: Ctx;
	input: { id: string; changes: unknown };
}): Promise<CampaignDetail> {
	requireCampaignManager(ctx);
	const changes = UpdateCampaignInput.parse(input.changes);
	await inTransaction(ctx, async (ctx) => {
		const before = await loadCampaign(ctx, input.id, { lock: true });
		if (!editableStatuses.includes(before.status)) {
			throw new ConflictError(
				msg('campaign_not_editable', { status: word('campaign_status', before.status) }),
				[
					{
						field: 'status',
						message: msg('campaign_is', { status: word('campaign_status', before.status) })
					}
				]
			);
		}
		const startsOn = changes.startsOn ?? before.startsOn;
		const endsOn = changes.endsOn ?? before.endsOn;
		if (startsOn > endsOn) {
			throw new ValidationError(msg('end_date_is_before_start_date'), [
				{
					field: changes.endsOn ? 'endsOn' : 'startsOn',
					message: msg('end_date_is_before_start_date')
				}
			]);
		}
		const { giftIds, ...fields } = changes;
		const defined = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined));
		if (giftIds) await setGifts(ctx, before.id, await checkGiftIds(ctx, giftIds));
		await ctx.db
			.update(campaigns)
			.set({ ...defined, updatedAt: ctx.now() })
			.where(eq(campaigns.id, before.id));
		const previous = Object.fromEntries(
			Object.keys(defined).map((k) => [k, before[k as keyof typeof before]])
		);
		await recordAudit(ctx, {
			action: 'campaign.update',
			entity: 'campaign',
			entityId: before.id,
			data: { changes: { ...defined, ...(giftIds ? { giftIds } : {}) }, before: previous }
		});
	});
	return getCampaign({ ctx, input: { id: input.id } });
}
