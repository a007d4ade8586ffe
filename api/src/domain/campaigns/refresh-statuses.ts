import { and, eq, inArray, sql } from 'drizzle-orm';
import { campaigns } from '../../../../db/schema/index.ts';
import { recordAudit } from '../audit.ts';
import { todayInAmsterdam } from '../calendar/today.ts';
import { inTransaction, requireRole, type Ctx } from '../context.ts';
import { runningStatuses } from './status.ts';

/**
 * Persist what effectiveCampaignStatus says for today (Amsterdam): approved campaigns within their
 * dates become active, approved or active ones past their end close. For the daily job (system
 * actor); an admin may run it by hand. Idempotent: a second run the same day changes nothing.
 */
export async function refreshCampaignStatuses({
	ctx
}: {
	ctx: Ctx;
}): Promise<{ today: string; activated: string[]; closed: string[] }> {
	if (ctx.actor.type !== 'system') requireRole(ctx, 'admin');
	const today = todayInAmsterdam(ctx.now());
	return inTransaction(ctx, async (ctx) => {
		const now = ctx.now();
		// Close first: a campaign approved and already past its end goes straight to closed.
		const closed = await ctx.db
			.update(campaigns)
			.set({ status: 'closed', updatedAt: now })
			.where(
				and(
					inArray(campaigns.status, [...runningStatuses]),
					sql`${campaigns.endsOn} < ${today}::date`
				)
			)
			.returning({ id: campaigns.id });
		const activated = await ctx.db
			.update(campaigns)
			.set({ status: 'active', updatedAt: now })
			.where(
				and(
					eq(campaigns.status, 'approved'),
					sql`${campaigns.startsOn} <= ${today}::date`,
					sql`${campaigns.endsOn} >= ${today}::date`
				)
			)
			.returning({ id: campaigns.id });
		for (const { id } of closed)
			await recordAudit(ctx, {
				action: 'campaign.close',
				entity: 'campaign',
				entityId: id,
				data: { today }
			});
		for (const { id } of activated)
			await recordAudit(ctx, {
				action: 'campaign.activate',
				entity: 'campaign',
				entityId: id,
				data: { today }
			});
		return { today, activated: activated.map((r) => r.id), closed: closed.map((r) => r.id) };
	});
}
