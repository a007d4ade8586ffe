import { eq } from 'drizzle-orm';
import { surprises } from '../../../../db/schema/index.ts';
import { inTransaction, requireRole, type Ctx } from '../context.ts';
import { NotFoundError } from '../errors.ts';
import { CODE_READERS } from './access.ts';
import { auditCodeReveal, surpriseCodes } from './surprise-codes.ts';

/** Marketing reads a surprise's codes in full (a customer who lost theirs, a partner's question): audited. */
export async function revealSurpriseCodes({ ctx, input }: { ctx: Ctx; input: { id: string } }) {
	requireRole(ctx, ...CODE_READERS);
	return inTransaction(ctx, async (ctx) => {
		const [row] = await ctx.db
			.select({ id: surprises.id })
			.from(surprises)
			.where(eq(surprises.id, input.id));
		if (!row) throw new NotFoundError('surprise', input.id);
		const codes = await surpriseCodes(ctx, [row.id]);
		if (codes.length) await auditCodeReveal(ctx, codes, 'marketing');
		return {
			surpriseId: row.id,
			codes: codes.map((c) => ({
				giftName: c.giftName,
				channel: c.channel,
				code: c.code,
				pin: c.pin
			}))
		};
	});
}
