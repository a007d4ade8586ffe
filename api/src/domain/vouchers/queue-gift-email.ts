import { randomUUID } from 'node:crypto';
import { asc, eq } from 'drizzle-orm';
import { customers, gifts, surpriseItems, users } from '../../../../db/schema/index.ts';
import { asClaimLocale } from '../claims/claim-links.ts';
import type { Ctx } from '../context.ts';
import { enqueueEmail } from '../email/enqueue-email.ts';
import { firstName } from '../email/format.ts';
import type { LockedSurprise } from '../surprises/lifecycle.ts';
import { auditCodeReveal, surpriseCodes } from './surprise-codes.ts';

/** The first e-voucher email of a surprise; the job moves the surprise to sent once it went out. */
export const giftEmailKey = (surpriseId: string) => `e-voucher:${surpriseId}`;

/**
 * Puts a digital surprise's email in the outbox, in the caller's transaction: the card message and,
 * for gifts with a code pool, the code and PIN in full (the one channel that carries them), in the
 * customer's language. `resend` sends the same codes again under a new event key. Returns false when
 * the customer has no email address (the surprise waits for one: the hub adds it and sends).
 */
export async function queueGiftEmail(
	ctx: Ctx,
	s: LockedSurprise,
	options: { resend?: boolean } = {}
): Promise<{ queued: boolean; eventKey: string | null }> {
	const [customer] = await ctx.db
		.select({
			name: customers.name,
			email: customers.email,
			locale: customers.locale,
			erasedAt: customers.erasedAt
		})
		.from(customers)
		.where(eq(customers.id, s.row.customerId));
	if (!customer?.email || customer.erasedAt) return { queued: false, eventKey: null };
	const locale = asClaimLocale(customer.locale);
	const items = await ctx.db
		.select({ name: gifts.name, quantity: surpriseItems.quantity })
		.from(surpriseItems)
		.innerJoin(gifts, eq(gifts.id, surpriseItems.giftId))
		.where(eq(surpriseItems.surpriseId, s.row.id))
		.orderBy(asc(gifts.name));
	const codes = await surpriseCodes(ctx, [s.row.id], 'email');
	const [signer] = s.row.signedBy
		? await ctx.db.select({ name: users.name }).from(users).where(eq(users.id, s.row.signedBy))
		: [];
	const eventKey = options.resend
		? `${giftEmailKey(s.row.id)}:resend:${randomUUID()}`
		: giftEmailKey(s.row.id);
	const { created } = await enqueueEmail({
		ctx,
		input: {
			eventKey,
			to: { name: customer.name, address: customer.email },
			template: 'e-voucher',
			locale,
			data: {
				firstName: firstName(customer.name),
				senderName: signer ? firstName(signer.name) : locale === 'nl' ? 'Het team' : 'The team',
				message: s.row.cardMessage
					.split(/\r\n|\r|\n/)
					.map((line) => line.trim())
					.filter(Boolean)
					.map((line) => ({ line })),
				gifts: items.map((i) => ({ name: i.quantity > 1 ? `${i.quantity}× ${i.name}` : i.name })),
				codes: codes.map((c) => ({ giftName: c.giftName, code: c.code, pin: c.pin }))
			}
		}
	});
	if (created && codes.length)
		await auditCodeReveal(ctx, codes, options.resend ? 'email_resend' : 'email');
	return { queued: created, eventKey };
}
