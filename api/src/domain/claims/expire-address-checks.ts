import { and, asc, eq, isNull, lte, sql } from 'drizzle-orm';
import { addressChecks, claimLinks, surpriseEvents } from '../../../../db/schema/index.ts';
import { recordAudit } from '../audit.ts';
import { inTransaction, requireRole, type Ctx } from '../context.ts';
import { msg } from '../../messages/index.ts';
import { lockSurprise } from '../surprises/lifecycle.ts';
import { returnSurpriseToHub } from '../surprises/return-to-hub.ts';

/**
 * Job: an "is this still right?" check nobody answered within `address_check_days` goes back to the
 * hub with a notice on the surprise's history: a waiting surprise returns to `approved` (as an
 * expired claim link does), a ready one stays ready. Each check once (`expired_at`); a live claim
 * link or a newer check wins. Locks the claim links, then the surprise, as the claim verbs do.
 */
export async function expireAddressChecks({
	ctx,
	input = {}
}: {
	ctx: Ctx;
	input?: { limit?: number };
}): Promise<{ expired: number }> {
	if (ctx.actor.type !== 'system') requireRole(ctx, 'admin');
	const now = ctx.now();
	const due = await ctx.db
		.select({ id: addressChecks.id, surpriseId: addressChecks.surpriseId })
		.from(addressChecks)
		.where(
			and(
				isNull(addressChecks.answeredAt),
				isNull(addressChecks.expiredAt),
				lte(addressChecks.expiresAt, now)
			)
		)
		.orderBy(asc(addressChecks.expiresAt))
		.limit(input.limit ?? 200);
	let expired = 0;
	for (const check of due) {
		const done = await inTransaction(ctx, async (ctx) => {
			const links = await ctx.db
				.select({ usedAt: claimLinks.usedAt, expiresAt: claimLinks.expiresAt })
				.from(claimLinks)
				.where(eq(claimLinks.surpriseId, check.surpriseId))
				.for('update');
			const s = await lockSurprise(ctx, check.surpriseId);
			const [marked] = await ctx.db
				.update(addressChecks)
				.set({ expiredAt: now })
				.where(
					and(
						eq(addressChecks.id, check.id),
						isNull(addressChecks.answeredAt),
						isNull(addressChecks.expiredAt)
					)
				)
				.returning({ id: addressChecks.id });
			if (!marked) return false;
			const liveLink = links.some((l) => l.usedAt === null && l.expiresAt > now);
			const [newer] = await ctx.db
				.select({ id: addressChecks.id })
				.from(addressChecks)
				.where(
					and(
						eq(addressChecks.surpriseId, check.surpriseId),
						sql`${addressChecks.expiresAt} > ${now.toISOString()}::timestamptz`,
						isNull(addressChecks.answeredAt)
					)
				);
			if (liveLink || newer) return false;
			const note = msg('history_address_check_expired');
			if (s.row.status === 'awaiting_address')
				await returnSurpriseToHub(ctx, { id: s.row.id, note });
			else if (s.row.status === 'ready')
				await ctx.db.insert(surpriseEvents).values({
					surpriseId: s.row.id,
					fromStatus: 'ready',
					toStatus: 'ready',
					actorId: null,
					note: '',
					noteKey: note.key,
					noteParams: null,
					createdAt: now
				});
			else return false;
			await recordAudit(ctx, {
				action: 'address_check.expire',
				entity: 'surprise',
				entityId: s.row.id,
				data: { addressCheckId: check.id }
			});
			return true;
		});
		if (done) expired += 1;
	}
	return { expired };
}
