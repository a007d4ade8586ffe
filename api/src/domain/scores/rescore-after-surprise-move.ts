import { eq } from 'drizzle-orm';
import { reactions } from '../../../../db/schema/index.ts';
import type { Ctx } from '../context.ts';
import { recomputeCustomerScores } from './recompute-scores.ts';
import { giftWindowOf } from './score.ts';

type SurpriseState = Parameters<typeof giftWindowOf>[0] & { customerId: string };

const sameWindow = (a: ReturnType<typeof giftWindowOf>, b: ReturnType<typeof giftWindowOf>) =>
  a === null || b === null ? a === b : a.from.getTime() === b.from.getTime() && a.until.getTime() === b.until.getTime();

/**
 * A surprise moved (surprises/lifecycle.ts): when its gift window changed — approved, shipped,
 * delivered, cancelled — the customer's reactions may have moved in or out of it (spontaneous or
 * gift-triggered), so their score is recomputed in the same transaction. Customers without
 * reactions score 0 whatever their windows: nothing to do.
 */
export async function rescoreAfterSurpriseMove(ctx: Ctx, before: SurpriseState, after: SurpriseState): Promise<void> {
  if (sameWindow(giftWindowOf(before), giftWindowOf(after))) return;
  const [any] = await ctx.db.select({ id: reactions.id }).from(reactions).where(eq(reactions.customerId, after.customerId)).limit(1);
  if (any) await recomputeCustomerScores(ctx, [after.customerId]);
}
