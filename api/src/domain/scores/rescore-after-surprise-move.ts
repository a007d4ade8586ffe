import { eq, sql } from 'drizzle-orm';
import { reactions } from '../../../../db/schema/index.ts';
import type { Ctx } from '../context.ts';
import { readScoreSettingsForWrite, recomputeCustomerScores } from './recompute-scores.ts';
import { rebuildScoreMasses } from './score-mass.ts';
import { giftWindowOf } from './score.ts';

type SurpriseState = Parameters<typeof giftWindowOf>[0] & { customerId: string };

const sameWindow = (a: ReturnType<typeof giftWindowOf>, b: ReturnType<typeof giftWindowOf>) =>
	a === null || b === null
		? a === b
		: a.from.getTime() === b.from.getTime() && a.until.getTime() === b.until.getTime();

/**
 * A surprise moved (surprises/lifecycle.ts): when its gift window changed — approved, shipped,
 * delivered, cancelled — the customer's reactions may have moved in or out of it (spontaneous or
 * gift-triggered): their stored terms (which include spontaneity, score-mass.ts) are rebuilt and
 * their score recomputed, in the same transaction, holding the customer's lock from before the
 * terms are read (a reaction written for this customer meanwhile either waits and sees the moved
 * window, or is seen here). Customers without reactions score 0 whatever their windows: nothing to do.
 */
export async function rescoreAfterSurpriseMove(
	ctx: Ctx,
	before: SurpriseState,
	after: SurpriseState
): Promise<void> {
	if (sameWindow(giftWindowOf(before), giftWindowOf(after))) return;
	const settings = await readScoreSettingsForWrite(ctx, { customers: [after.customerId] });
	const [any] = await ctx.db
		.select({ id: reactions.id })
		.from(reactions)
		.where(eq(reactions.customerId, after.customerId))
		.limit(1);
	if (!any) return;
	await rebuildScoreMasses(
		ctx,
		settings.weights,
		sql`reactions.customer_id = ${after.customerId}::uuid`,
		{ version: settings.version }
	);
	await recomputeCustomerScores(ctx, [after.customerId], settings);
}
