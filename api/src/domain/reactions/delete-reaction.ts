import { eq } from 'drizzle-orm';
import { reactions } from '../../../../db/schema/index.ts';
import { recordAudit } from '../audit.ts';
import { signalWall } from '../wall/display-links.ts';
import { inTransaction, type Ctx } from '../context.ts';
import { recomputeCustomerScores } from '../scores/recompute-scores.ts';
import { requireReactionWrite } from './access.ts';
import { findReactionRow } from './reaction-view.ts';

/** Delete a reaction (logged by mistake) and rescore its customer. Hub, admin or reactions:write. */
export async function deleteReaction({
	ctx,
	input
}: {
	ctx: Ctx;
	input: { id: string };
}): Promise<{ id: string; customerId: string }> {
	requireReactionWrite(ctx);
	return inTransaction(ctx, async (ctx) => {
		const row = await findReactionRow(ctx, input.id, { forUpdate: true });
		await ctx.db.delete(reactions).where(eq(reactions.id, row.id));
		await recomputeCustomerScores(ctx, [row.customerId]);
		// Open walls look again when this commits (on every instance).
		await signalWall(ctx.db, { kind: 'reactions' });
		await recordAudit(ctx, {
			action: 'reaction.delete',
			entity: 'reaction',
			entityId: row.id,
			data: { customerId: row.customerId, sentiment: row.sentiment, kind: row.kind }
		});
		return { id: row.id, customerId: row.customerId };
	});
}
