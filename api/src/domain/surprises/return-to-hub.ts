import { inTransaction, type Ctx } from '../context.ts';
import { lockSurprise, moveSurprise } from './lifecycle.ts';
import { type Message } from '../../messages/index.ts';

/**
 * A claim link expired unused: awaiting_address → approved, so the surprise is back on the hub's
 * list (its reservation stays). For the claim-link job; no role check (system actor).
 */
export async function returnSurpriseToHub(
	ctx: Ctx,
	input: { id: string; note: string | Message }
): Promise<void> {
	await inTransaction(ctx, async (ctx) => {
		const s = await lockSurprise(ctx, input.id);
		await moveSurprise(ctx, s, 'approved', { note: input.note, action: 'surprise.return_to_hub' });
	});
}
