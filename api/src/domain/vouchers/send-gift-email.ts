import { eq } from 'drizzle-orm';
import { emailOutbox } from '../../../../db/schema/index.ts';
import { recordAudit } from '../audit.ts';
import { inTransaction, requireRole, type Ctx } from '../context.ts';
import { ConflictError } from '../errors.ts';
import { msg, word } from '../../messages/index.ts';
import { loadSurpriseView } from '../surprises/get-surprise.ts';
import { lockSurprise } from '../surprises/lifecycle.ts';
import { giftEmailStatuses } from './access.ts';
import { giftEmailKey, queueGiftEmail } from './queue-gift-email.ts';

/**
 * The hub sends a digital surprise's email: the first time (after adding a missing email address,
 * or again once the first was given up), or a resend of a sent one. A resend carries the same codes
 * under a new event key and is audited; the surprise moves to sent when the first email is out.
 */
export async function sendGiftEmail({ ctx, input }: { ctx: Ctx; input: { id: string } }) {
	requireRole(ctx, 'hub');
	return inTransaction(ctx, async (ctx) => {
		const s = await lockSurprise(ctx, input.id);
		const status = s.row.status;
		if (s.kind !== 'digital' || !(giftEmailStatuses as readonly string[]).includes(status))
			throw new ConflictError(
				msg('gift_email_not_now', { status: word('surprise_status', status) }),
				[{ field: 'status', message: msg('gift_email_only_digital') }]
			);
		const [first] = await ctx.db
			.select({ id: emailOutbox.id, status: emailOutbox.status })
			.from(emailOutbox)
			.where(eq(emailOutbox.eventKey, giftEmailKey(s.row.id)));
		let resend = false;
		if (first && status === 'approved' && first.status === 'failed') {
			// The first one was given up: it goes back in the queue as it is (same codes, same key).
			await ctx.db
				.update(emailOutbox)
				.set({ status: 'queued', attempts: 0, nextAttemptAt: ctx.now(), lastError: null })
				.where(eq(emailOutbox.id, first.id));
		} else if (first && status === 'approved') {
			throw new ConflictError(msg('gift_email_on_its_way'), [
				{ field: 'status', message: msg('gift_email_on_its_way') }
			]);
		} else {
			resend = first !== undefined;
			const { queued } = await queueGiftEmail(ctx, s, { resend });
			if (!queued)
				throw new ConflictError(msg('gift_email_no_address'), [
					{ field: 'email', message: msg('customer_email_unknown') }
				]);
		}
		await recordAudit(ctx, {
			action: resend ? 'surprise.gift_email_resend' : 'surprise.gift_email_send',
			entity: 'surprise',
			entityId: s.row.id,
			data: { reference: s.row.reference }
		});
		return loadSurpriseView(ctx, s.row.id);
	});
}
