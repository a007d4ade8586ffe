import type { emailOutbox } from '../../../../db/schema/index.ts';
import type { Ctx } from '../context.ts';
import { maskCode } from '../gifts/gift-view.ts';
import { CODE_READERS } from './access.ts';
import { giftEmailKey } from './queue-gift-email.ts';
import { auditCodeReveal, surpriseCodes } from './surprise-codes.ts';

type OutboxRow = typeof emailOutbox.$inferSelect;

/**
 * A gift email in the outbox carries the customer's codes. Staff reading it see them masked; a code
 * reader (marketing) sees the message as sent, and that read is audited like any full read.
 */
export async function outboxBodiesFor(
	ctx: Ctx,
	row: OutboxRow
): Promise<{ html: string; text: string }> {
	const prefix = giftEmailKey('');
	if (!row.eventKey.startsWith(prefix)) return { html: row.html, text: row.text };
	const surpriseId = row.eventKey.slice(prefix.length).split(':')[0]!;
	const codes = await surpriseCodes(ctx, [surpriseId], 'email');
	const reader =
		ctx.actor.type === 'user' && (CODE_READERS as readonly string[]).includes(ctx.actor.role);
	if (reader) {
		if (codes.length) await auditCodeReveal(ctx, codes, 'marketing');
		return { html: row.html, text: row.text };
	}
	let { html, text } = row;
	for (const secret of codes.flatMap((c) => (c.pin ? [c.code, c.pin] : [c.code]))) {
		html = html.replaceAll(secret, maskCode(secret));
		text = text.replaceAll(secret, maskCode(secret));
	}
	return { html, text };
}
