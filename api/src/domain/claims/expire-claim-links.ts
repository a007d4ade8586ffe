import { and, asc, eq, sql } from 'drizzle-orm';
import { claimLinks, surprises } from '../../../../db/schema/index.ts';
import { recordAudit } from '../audit.ts';
import { inTransaction, requireRole, type Ctx } from '../context.ts';
import { lockSurprise } from '../surprises/lifecycle.ts';
import { returnSurpriseToHub } from '../surprises/return-to-hub.ts';
import { assertTransition } from '../surprises/state-machine.ts';
import { msg } from '../../messages/index.ts';

export const EXPIRY_NOTE = msg('history_claim_link_expired');

/**
 * Job: a surprise waiting for an address whose links have all expired unused goes back to
 * `approved` (awaiting_address → approved), with a notice on its history for the hub. Locks the
 * links, then the surprise (the same order as every other claim verb) and re-checks, so a link
 * created or used meanwhile wins.
 */
export async function expireClaimLinks({
	ctx,
	input = {}
}: {
	ctx: Ctx;
	input?: { limit?: number };
}): Promise<{ expired: number }> {
	if (ctx.actor.type !== 'system') requireRole(ctx, 'admin');
	const now = ctx.now();
	const at = now.toISOString();
	const candidates = await ctx.db
		.select({ id: surprises.id })
		.from(surprises)
		.where(
			and(
				eq(surprises.status, 'awaiting_address'),
				sql`exists (select 1 from ${claimLinks} l where l.surprise_id = ${surprises.id} and l.used_at is null and l.expires_at <= ${at}::timestamptz)`,
				sql`not exists (select 1 from ${claimLinks} l where l.surprise_id = ${surprises.id} and (l.used_at is not null or l.expires_at > ${at}::timestamptz))`
			)
		)
		.orderBy(asc(surprises.updatedAt))
		.limit(input.limit ?? 200);

	let expired = 0;
	for (const { id } of candidates) {
		const done = await inTransaction(ctx, async (ctx) => {
			const links = await ctx.db
				.select()
				.from(claimLinks)
				.where(eq(claimLinks.surpriseId, id))
				.for('update');
			const s = await lockSurprise(ctx, id);
			if (s.row.status !== 'awaiting_address') return false;
			if (links.length === 0 || links.some((l) => l.usedAt !== null || l.expiresAt > now))
				return false;
			// awaiting_address → approved through the surprises lifecycle (state machine, event with the notice, audit).
			assertTransition(s.row.status, 'approved', s.kind);
			await returnSurpriseToHub(ctx, { id, note: EXPIRY_NOTE });
			await recordAudit(ctx, {
				action: 'claim_link.expire',
				entity: 'surprise',
				entityId: id,
				data: { claimLinkIds: links.map((l) => l.id) }
			});
			return true;
		});
		if (done) expired += 1;
	}
	return { expired };
}
