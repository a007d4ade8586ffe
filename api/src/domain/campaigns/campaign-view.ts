import { asc, eq, inArray } from 'drizzle-orm';
import { campaignGifts, campaigns, gifts, users } from '../../../../db/schema/index.ts';
import type { Ctx } from '../context.ts';
import { NotFoundError } from '../errors.ts';

export type CampaignRow = typeof campaigns.$inferSelect;

/** Reserved is everything committed (spent included, see the surprises flow): left = budget − reserved. */
export function budgetBar(c: Pick<CampaignRow, 'budgetCents' | 'reservedCents' | 'spentCents'>) {
	return {
		budgetCents: c.budgetCents,
		reservedCents: c.reservedCents,
		spentCents: c.spentCents,
		leftCents: c.budgetCents - c.reservedCents
	};
}

type Person = { id: string; name: string } | null;

/** Campaign rows as the API shows them, with their allowed gifts and people's names. */
export async function toCampaignViews(ctx: Ctx, rows: CampaignRow[]) {
	const ids = rows.map((c) => c.id);
	const peopleIds = [
		...new Set(rows.flatMap((c) => [c.createdBy, c.approvedBy]).filter((id): id is string => !!id))
	];
	const [giftRows, people] = await Promise.all([
		ids.length
			? ctx.db
					.select({
						campaignId: campaignGifts.campaignId,
						id: gifts.id,
						name: gifts.name,
						kind: gifts.kind
					})
					.from(campaignGifts)
					.innerJoin(gifts, eq(gifts.id, campaignGifts.giftId))
					.where(inArray(campaignGifts.campaignId, ids))
					.orderBy(asc(gifts.name))
			: [],
		peopleIds.length
			? ctx.db
					.select({ id: users.id, name: users.name })
					.from(users)
					.where(inArray(users.id, peopleIds))
			: []
	]);
	const person = (id: string | null): Person =>
		id ? { id, name: people.find((p) => p.id === id)?.name ?? '' } : null;
	return rows.map((c) => {
		const allowed = giftRows
			.filter((g) => g.campaignId === c.id)
			.map(({ id, name, kind }) => ({ id, name, kind }));
		return {
			id: c.id,
			name: c.name,
			kind: c.kind,
			status: c.status,
			description: c.description,
			startsOn: c.startsOn,
			endsOn: c.endsOn,
			budget: budgetBar(c),
			maxSurprises: c.maxSurprises,
			autoApproveLimitCents: c.autoApproveLimitCents,
			cooldownDays: c.cooldownDays,
			giftIds: allowed.map((g) => g.id),
			gifts: allowed,
			createdBy: person(c.createdBy),
			approvedBy: person(c.approvedBy),
			approvedAt: c.approvedAt?.toISOString() ?? null,
			createdAt: c.createdAt.toISOString(),
			updatedAt: c.updatedAt.toISOString()
		};
	});
}
export type CampaignView = Awaited<ReturnType<typeof toCampaignViews>>[number];

export async function loadCampaign(
	ctx: Ctx,
	id: string,
	options: { lock?: boolean } = {}
): Promise<CampaignRow> {
	const query = ctx.db.select().from(campaigns).where(eq(campaigns.id, id));
	const [row] = options.lock ? await query.for('update') : await query;
	if (!row) throw new NotFoundError('campaign', id);
	return row;
}
