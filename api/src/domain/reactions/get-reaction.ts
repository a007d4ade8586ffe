import type { Ctx } from '../context.ts';
import { requireReactionRead } from './access.ts';
import { loadReactionView, type ReactionView } from './reaction-view.ts';

/** One reaction with its customer, surprise and the basis of its sentiment suggestion. */
export async function getReaction({
	ctx,
	input
}: {
	ctx: Ctx;
	input: { id: string };
}): Promise<ReactionView> {
	requireReactionRead(ctx);
	return loadReactionView(ctx, input.id);
}
