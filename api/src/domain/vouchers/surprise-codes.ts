import { and, asc, eq, inArray, isNotNull } from 'drizzle-orm';
import { gifts, surpriseItems, voucherCodes } from '../../../../db/schema/index.ts';
import { recordAudit } from '../audit.ts';
import type { Ctx } from '../context.ts';
import { codeChannelOf, type CodeChannel } from '../gifts/code-channel.ts';
import { maskCode } from '../gifts/gift-view.ts';

/** One code a surprise holds, in full: only for its channel to the customer and for marketing. */
export interface SurpriseCode {
	surpriseId: string;
	codeId: string;
	giftName: string;
	channel: CodeChannel;
	code: string;
	pin: string | null;
}

/** The codes the given surprises hold, by gift name; optionally only one channel's. */
export async function surpriseCodes(
	ctx: Ctx,
	surpriseIds: string[],
	channel?: CodeChannel
): Promise<SurpriseCode[]> {
	if (surpriseIds.length === 0) return [];
	const rows = await ctx.db
		.select({
			surpriseId: surpriseItems.surpriseId,
			codeId: voucherCodes.id,
			giftName: gifts.name,
			kind: gifts.kind,
			faceValueCents: gifts.faceValueCents,
			codeChannel: gifts.codeChannel,
			code: voucherCodes.code,
			pin: voucherCodes.pin
		})
		.from(surpriseItems)
		.innerJoin(gifts, eq(gifts.id, surpriseItems.giftId))
		.innerJoin(voucherCodes, eq(voucherCodes.id, surpriseItems.voucherCodeId))
		.where(
			and(inArray(surpriseItems.surpriseId, surpriseIds), isNotNull(surpriseItems.voucherCodeId))
		)
		.orderBy(asc(gifts.name), asc(voucherCodes.id));
	return rows
		.map((r) => ({
			surpriseId: r.surpriseId,
			codeId: r.codeId,
			giftName: r.giftName,
			channel: codeChannelOf(r) ?? 'card',
			code: r.code,
			pin: r.pin
		}))
		.filter((c) => channel === undefined || c.channel === channel);
}

/**
 * Every time a full code leaves the database (card print, claim page, email, marketing's view) it
 * is audited per surprise, masked: who, which codes, through which channel.
 */
export async function auditCodeReveal(
	ctx: Ctx,
	codes: SurpriseCode[],
	via: 'card' | 'claim_page' | 'email' | 'email_resend' | 'marketing'
): Promise<void> {
	const bySurprise = Map.groupBy(codes, (c) => c.surpriseId);
	for (const [surpriseId, list] of bySurprise) {
		await recordAudit(ctx, {
			action: 'voucher_code.reveal',
			entity: 'surprise',
			entityId: surpriseId,
			data: { via, codes: list.map((c) => ({ codeId: c.codeId, masked: maskCode(c.code) })) }
		});
	}
}
