import { eq } from 'drizzle-orm';
import { reactions } from '../../../../db/schema/index.ts';
import { recordAudit } from '../audit.ts';
import { inTransaction, requireRole, userId, type Ctx } from '../context.ts';
import { REACTION_STARRERS } from './access.ts';
import { findReactionRow, loadReactionView, type ReactionView } from './reaction-view.ts';

/**
 * Star a reaction as a highlight for the reports, or take the star away. Setting what is already
 * so changes nothing (the first star's time and person stay), so a double click is harmless.
 */
export async function starReaction({
	ctx,
	input
}: {
	ctx: Ctx;
	input: { id: string; starred: boolean };
}): Promise<ReactionView> {
	requireRole(ctx, ...REACTION_STARRERS);
	return inTransaction(ctx, async (ctx) => {
		const row = await findReactionRow(ctx, input.id, { forUpdate: true });
		if ((row.starredAt !== null) !== input.starred) {
			await ctx.db
				.update(reactions)
				.set(
					input.starred
						? { starredAt: ctx.now(), starredBy: userId(ctx.actor) }
						: { starredAt: null, starredBy: null }
				)
				.where(eq(reactions.id, row.id));
			await recordAudit(ctx, {
				action: input.starred ? 'reaction.star' : 'reaction.unstar',
				entity: 'reaction',
				entityId: row.id,
				data: {}
			});
		}
		return loadReactionView(ctx, row.id);
	});
}
