import { inTransaction, requireRole, type Ctx } from '../context.ts';
import { loadSurpriseView } from './get-surprise.ts';
import { lockSurprise, moveSurprise } from './lifecycle.ts';
import { CancelSurpriseInput } from './schemas.ts';

/**
 * Call a surprise off before it ships. From a reserving state the budget reservation, voucher codes
 * and stock go back (lifecycle.ts); the row lock and the state machine make that happen once.
 */
export async function cancelSurprise({
	ctx,
	input
}: {
	ctx: Ctx;
	input: { id: string; body: unknown };
}) {
	if (ctx.actor.type !== 'system') requireRole(ctx, 'hub', 'marketing');
	const data = CancelSurpriseInput.parse(input.body);
	return inTransaction(ctx, async (ctx) => {
		const s = await lockSurprise(ctx, input.id);
		await moveSurprise(ctx, s, 'cancelled', { note: data.reason });
		return loadSurpriseView(ctx, input.id);
	});
}
