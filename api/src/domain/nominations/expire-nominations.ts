import { and, eq, lt } from 'drizzle-orm';
import { nominations } from '../../../../db/schema/index.ts';
import { recordAudit } from '../audit.ts';
import { inTransaction, requireRole, type Ctx } from '../context.ts';
import { readSetting } from '../settings/settings.ts';
import { ExpireNominationsInput } from './schemas.ts';

const DAY_MS = 86_400_000;

/**
 * Daily job: open nominations older than N days (setting `nomination_expiry_days`, default 30)
 * expire. Safe to run twice; one audit row per run that expired something.
 */
export async function expireNominations({
	ctx,
	input = {}
}: {
	ctx: Ctx;
	input?: unknown;
}): Promise<{ expired: number; ids: string[] }> {
	if (ctx.actor.type !== 'system') requireRole(ctx, 'admin');
	const data = ExpireNominationsInput.parse(input);
	return inTransaction(ctx, async (ctx) => {
		const days = data.olderThanDays ?? (await readSetting(ctx, 'nomination_expiry_days'));
		const now = ctx.now();
		const cutoff = new Date(now.getTime() - days * DAY_MS);
		const rows = await ctx.db
			.update(nominations)
			.set({ status: 'expired', decidedAt: now })
			.where(and(eq(nominations.status, 'open'), lt(nominations.createdAt, cutoff)))
			.returning({ id: nominations.id });
		const ids = rows.map((r) => r.id);
		if (ids.length)
			await recordAudit(ctx, {
				action: 'nomination.expire',
				entity: 'nomination',
				data: { olderThanDays: days, count: ids.length, ids }
			});
		return { expired: ids.length, ids };
	});
}
