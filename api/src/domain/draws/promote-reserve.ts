import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { draws, surprises } from '../../../../db/schema/index.ts';
import { msg } from '../../messages/index.ts';
import { recordAudit } from '../audit.ts';
import { inTransaction, requireRole, userId, type Ctx } from '../context.ts';
import { ConflictError, ValidationError } from '../errors.ts';
import { lockSurprise, moveSurprise } from '../surprises/lifecycle.ts';
import { DRAW_RUNNERS } from './draw-can.ts';
import {
	loadDrawRow,
	loadDrawView,
	promotionReasons,
	promotionsOf,
	standing,
	winnerSurprisesOf,
	type Promotion
} from './draw-view.ts';
import { DrawRecordSchema } from './record.ts';

const REPLACED_NOTE = {
	no_response: 'history_draw_winner_replaced_no_response',
	not_claimed: 'history_draw_winner_replaced_not_claimed'
} as const;

export const PromoteReserveInput = z.strictObject({
	/** The winner (candidate id in the record) who did not respond or claim. */
	candidateId: z.string().min(1).max(100),
	reason: z.enum(promotionReasons)
});

/**
 * A winner who did not respond or claim makes way for the next reserve, in one action: the reserve
 * takes the winner's place, the winner's surprise (when one was made) is cancelled through the
 * surprises lifecycle (budget, stock and codes go back), and the promotion joins the draw's history.
 * The record itself stays as drawn, so it still verifies.
 */
export async function promoteReserve({
	ctx,
	input
}: {
	ctx: Ctx;
	input: { id: string; body: unknown };
}) {
	if (ctx.actor.type !== 'system') requireRole(ctx, ...DRAW_RUNNERS);
	const data = PromoteReserveInput.parse(input.body);
	return inTransaction(ctx, async (ctx) => {
		const row = await loadDrawRow(ctx, input.id, { forUpdate: true });
		if (row.status !== 'drawn')
			throw new ConflictError(msg('draw_not_drawn', { status: row.status }), [], {
				status: row.status
			});
		const record = DrawRecordSchema.parse(row.record);
		const promotions = promotionsOf(row);
		const { winners, reservesLeft } = standing(record, promotions);
		const index = winners.indexOf(data.candidateId);
		if (index < 0)
			throw new ValidationError(msg('draw_not_a_winner'), [
				{ field: 'candidateId', message: msg('draw_not_a_winner') }
			]);
		const reserve = reservesLeft[0];
		if (!reserve) throw new ConflictError(msg('draw_no_reserves_left'));

		const made = { ...winnerSurprisesOf(row) };
		let cancelledSurprise: string | null = null;
		const surpriseId = made[data.candidateId];
		if (surpriseId) {
			const [s] = await ctx.db
				.select({ status: surprises.status, reference: surprises.reference })
				.from(surprises)
				.where(eq(surprises.id, surpriseId));
			if (s && s.status !== 'cancelled') {
				// Through the lifecycle, as cancelSurprise does: budget, stock and codes go back once.
				const locked = await lockSurprise(ctx, surpriseId);
				await moveSurprise(ctx, locked, 'cancelled', {
					note: msg(REPLACED_NOTE[data.reason], {
						reserve: record.pool.find((c) => c.id === reserve)?.handle ?? reserve
					})
				});
				cancelledSurprise = s.reference;
			}
		}
		const promotion: Promotion = {
			at: ctx.now().toISOString(),
			by: userId(ctx.actor),
			position: index + 1,
			replaced: data.candidateId,
			reserve,
			reason: data.reason,
			cancelledSurprise
		};
		await ctx.db
			.update(draws)
			.set({ promotions: [...promotions, promotion] })
			.where(eq(draws.id, input.id));
		await recordAudit(ctx, {
			action: 'draw.reserve_promoted',
			entity: 'draw',
			entityId: input.id,
			data: promotion
		});
		return loadDrawView(ctx, input.id);
	});
}
