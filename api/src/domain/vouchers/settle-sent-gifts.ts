import { and, eq, inArray, sql } from 'drizzle-orm';
import { emailOutbox, surprises } from '../../../../db/schema/index.ts';
import { inTransaction, type Ctx } from '../context.ts';
import { msg } from '../../messages/index.ts';
import { lockSurprise, moveSurprise } from '../surprises/lifecycle.ts';
import { giftEmailKey } from './queue-gift-email.ts';

/**
 * After a delivery run: digital surprises whose email SMTP accepted (or the outbox filed, without
 * SMTP) move approved → sent, and only then count as spent. One transaction per surprise, under its
 * row lock, so two instances settling at once move each surprise once.
 */
export async function settleSentGifts({ ctx }: { ctx: Ctx }): Promise<{ settled: number }> {
	// Approved surprises are few (the status index); each joins its first email by its unique key.
	const due = await ctx.db
		.select({ id: surprises.id })
		.from(surprises)
		.innerJoin(
			emailOutbox,
			eq(emailOutbox.eventKey, sql`${giftEmailKey('')} || ${surprises.id}::text`)
		)
		.where(and(eq(surprises.status, 'approved'), inArray(emailOutbox.status, ['sent', 'outbox'])));
	let settled = 0;
	for (const { id } of due) {
		await inTransaction(ctx, async (ctx) => {
			const s = await lockSurprise(ctx, id);
			if (s.row.status !== 'approved' || s.kind !== 'digital') return;
			await moveSurprise(ctx, s, 'sent', { note: msg('history_gift_email_sent') });
			settled += 1;
		});
	}
	return { settled };
}
