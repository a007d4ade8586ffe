import { and, asc, eq, gt, isNotNull, isNull, lte } from 'drizzle-orm';
import { claimLinks, customers, surprises } from '../../../../db/schema/index.ts';
import { newSecret } from '../accounts/secrets.ts';
import { recordAudit } from '../audit.ts';
import { inTransaction, requireRole, type Ctx } from '../context.ts';
import { enqueueEmail } from '../email/enqueue-email.ts';
import { DEFAULT_ORIGIN } from '../email/staff-mail.ts';
import { asClaimLocale, claimUrl, hashClaimToken, REMINDER_BEFORE_MS } from './claim-links.ts';
import { claimMailData } from './create-claim-link.ts';

/**
 * Job: 2 days before an unused link expires, remind the customer by email when their address is
 * known — once per link (reminder_sent_at, claimed with a conditional UPDATE, and the outbox's
 * event key `claim-reminder:<link id>`).
 *
 * Only the token's hash is stored, so the original link cannot be put in the mail. The reminder
 * carries a sibling link instead: a new token for the same surprise with the same expiry. Both
 * work until one is used; the surprise's awaiting_address → ready step (under its row lock) lets
 * only the first through.
 */
export async function sendClaimReminders({
	ctx,
	input = {}
}: {
	ctx: Ctx;
	input?: { origin?: string; limit?: number };
}): Promise<{ reminded: number }> {
	if (ctx.actor.type !== 'system') requireRole(ctx, 'admin');
	const now = ctx.now();
	const origin = input.origin ?? DEFAULT_ORIGIN;
	const due = await ctx.db
		.select({ id: claimLinks.id })
		.from(claimLinks)
		.innerJoin(surprises, eq(surprises.id, claimLinks.surpriseId))
		.innerJoin(customers, eq(customers.id, surprises.customerId))
		.where(
			and(
				isNull(claimLinks.usedAt),
				isNull(claimLinks.reminderSentAt),
				gt(claimLinks.expiresAt, now),
				lte(claimLinks.expiresAt, new Date(now.getTime() + REMINDER_BEFORE_MS)),
				eq(surprises.status, 'awaiting_address'),
				isNotNull(customers.email),
				isNull(customers.erasedAt)
			)
		)
		.orderBy(asc(claimLinks.expiresAt))
		.limit(input.limit ?? 200);

	let reminded = 0;
	for (const { id } of due) {
		const sent = await inTransaction(ctx, async (ctx) => {
			// Claim the reminder: of several instances running this job, one gets the row back.
			const [link] = await ctx.db
				.update(claimLinks)
				.set({ reminderSentAt: now })
				.where(
					and(
						eq(claimLinks.id, id),
						isNull(claimLinks.reminderSentAt),
						isNull(claimLinks.usedAt),
						gt(claimLinks.expiresAt, now)
					)
				)
				.returning();
			if (!link) return false;
			const [customer] = await ctx.db
				.select({ name: customers.name, email: customers.email })
				.from(surprises)
				.innerJoin(customers, eq(customers.id, surprises.customerId))
				.where(eq(surprises.id, link.surpriseId));
			if (!customer?.email) return false;
			const locale = asClaimLocale(link.locale);
			const token = newSecret();
			await ctx.db.insert(claimLinks).values({
				surpriseId: link.surpriseId,
				tokenHash: hashClaimToken(token),
				locale,
				expiresAt: link.expiresAt,
				emailedAt: now,
				// Marks the sibling as a reminder link itself, so it is never reminded about again.
				reminderSentAt: now,
				createdBy: link.createdBy,
				createdAt: now
			});
			await enqueueEmail({
				ctx,
				input: {
					eventKey: `claim-reminder:${link.id}`,
					to: { name: customer.name, address: customer.email },
					template: 'claim-reminder',
					locale,
					data: await claimMailData(ctx, {
						surpriseId: link.surpriseId,
						customerName: customer.name,
						url: claimUrl(origin, token),
						expiresAt: link.expiresAt,
						locale,
						senderId: link.createdBy
					})
				}
			});
			await recordAudit(ctx, {
				action: 'claim_link.remind',
				entity: 'surprise',
				entityId: link.surpriseId,
				data: { claimLinkId: link.id }
			});
			return true;
		});
		if (sent) reminded += 1;
	}
	return { reminded };
}
