import { and, asc, eq, lte } from 'drizzle-orm';
import { surprises } from '../../../../db/schema/index.ts';
import { inTransaction, requireRole, type Ctx } from '../context.ts';
import { msg } from '../../messages/index.ts';
import { readSetting } from '../settings/settings.ts';
import { lockSurprise, moveSurprise } from '../surprises/lifecycle.ts';

const DAY_MS = 86_400_000;

/**
 * Job: a parcel nobody marked delivered counts as delivered `delivered_after_days` (setting,
 * default 10) after shipping, so address retention starts for it too and no address waits for
 * ever. Each surprise in its own transaction, locked and re-checked (the hub or the customer may
 * have marked it meanwhile). Run by the system actor (scheduler) or an admin.
 */
export async function deliverShipped({
	ctx,
	input = {}
}: {
	ctx: Ctx;
	input?: { limit?: number };
}): Promise<{ delivered: number }> {
	if (ctx.actor.type !== 'system') requireRole(ctx, 'admin');
	const days = await readSetting(ctx, 'delivered_after_days');
	const cutoff = new Date(ctx.now().getTime() - days * DAY_MS);
	const due = await ctx.db
		.select({ id: surprises.id })
		.from(surprises)
		.where(and(eq(surprises.status, 'shipped'), lte(surprises.shippedAt, cutoff)))
		.orderBy(asc(surprises.shippedAt))
		.limit(input.limit ?? 500);
	let delivered = 0;
	for (const { id } of due) {
		const done = await inTransaction(ctx, async (ctx) => {
			const s = await lockSurprise(ctx, id);
			if (s.row.status !== 'shipped' || !s.row.shippedAt || s.row.shippedAt > cutoff) return false;
			// Dated N days after shipping, not when the job got to it (after a stop it may run late).
			const at = new Date(Math.min(ctx.now().getTime(), s.row.shippedAt.getTime() + days * DAY_MS));
			await moveSurprise(ctx, s, 'delivered', {
				note: msg('history_delivered_automatically', { days }),
				set: { deliveredAt: at },
				auditData: { via: 'automatic', days }
			});
			return true;
		});
		if (done) delivered += 1;
	}
	return { delivered };
}
