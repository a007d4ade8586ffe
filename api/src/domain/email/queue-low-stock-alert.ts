import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { giftVariants, gifts } from '../../../../db/schema/index.ts';
import { amsterdamDate } from '../calendar/today.ts';
import type { Ctx } from '../context.ts';
import { enqueueEmail } from './enqueue-email.ts';
import { firstName } from './format.ts';
import { activeUsers, appUrl } from './staff-mail.ts';

export const QueueLowStockAlertInput = z.object({
	variantId: z.uuid(),
	origin: z.string().optional()
});

/**
 * A variant's stock is at or below its threshold: tell marketing, at most once per variant per
 * Amsterdam day. Call it in the transaction that took the stock, after the decrement. Does
 * nothing when the stock is above the threshold (or no threshold is set). No role check: stock
 * also moves on the anonymous claim page, and the mail goes to marketing, never to the caller.
 */
export async function queueLowStockAlert({
	ctx,
	input
}: {
	ctx: Ctx;
	input: z.input<typeof QueueLowStockAlertInput>;
}): Promise<{ queued: number }> {
	const { variantId, origin } = QueueLowStockAlertInput.parse(input);
	const [row] = await ctx.db
		.select({
			giftId: gifts.id,
			giftName: gifts.name,
			variantName: giftVariants.name,
			stock: giftVariants.stock,
			threshold: giftVariants.lowStockThreshold
		})
		.from(giftVariants)
		.innerJoin(gifts, eq(gifts.id, giftVariants.giftId))
		.where(eq(giftVariants.id, variantId));
	if (!row || row.threshold <= 0 || row.stock > row.threshold) return { queued: 0 };
	const day = amsterdamDate(ctx.now());
	let queued = 0;
	for (const user of await activeUsers(ctx, 'marketing')) {
		const result = await enqueueEmail({
			ctx,
			input: {
				eventKey: `low-stock:${variantId}:${day}:${user.id}`,
				to: { name: user.name, address: user.email },
				template: 'low-stock',
				locale: user.locale,
				data: {
					recipientName: firstName(user.name),
					giftName: row.giftName,
					variantName: row.variantName,
					stock: row.stock,
					threshold: row.threshold,
					url: appUrl(origin, `/gifts/${row.giftId}`)
				}
			}
		});
		if (result.created) queued += 1;
	}
	return { queued };
}
