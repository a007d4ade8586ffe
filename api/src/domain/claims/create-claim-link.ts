import { CLAIM_LINK_CREATORS } from './access.ts';
import { and, eq, isNull } from 'drizzle-orm';
import { claimLinks, customers, gifts, surpriseItems, users } from '../../../../db/schema/index.ts';
import { newSecret } from '../accounts/secrets.ts';
import { recordAudit } from '../audit.ts';
import { inTransaction, requireRole, userId, type Ctx } from '../context.ts';
import { enqueueEmail } from '../email/enqueue-email.ts';
import { firstName, formatMoment } from '../email/format.ts';
import { ConflictError, ValidationError } from '../errors.ts';
import { msg } from '../../messages/index.ts';
import { readSetting } from '../settings/settings.ts';
import { lockSurprise, moveSurprise } from '../surprises/lifecycle.ts';
import { assertTransition } from '../surprises/state-machine.ts';
import { asClaimLocale, claimUrl, hashClaimToken, type ClaimLocale } from './claim-links.ts';
import { CreateClaimLinkInput } from './schemas.ts';

/**
 * The first step of every verb that makes a link for the customer (claim link, address check):
 * lock in the order the claim verbs share — the surprise's claim links, then the surprise — and
 * refuse an erased customer. Inside the caller's transaction.
 */
export async function lockForCustomerLink(ctx: Ctx, surpriseId: string) {
	await ctx.db
		.select({ id: claimLinks.id })
		.from(claimLinks)
		.where(eq(claimLinks.surpriseId, surpriseId))
		.for('update');
	const surprise = await lockSurprise(ctx, surpriseId);
	const [customer] = await ctx.db
		.select()
		.from(customers)
		.where(eq(customers.id, surprise.row.customerId));
	if (!customer || customer.erasedAt) throw new ConflictError(msg('claim_link_customer_erased'));
	return { surprise, customer };
}

export interface CreatedClaimLink {
	id: string;
	surpriseId: string;
	/** The only time the link exists outside the customer's hands: show it once, copy it into a DM. */
	url: string;
	locale: ClaimLocale;
	expiresAt: string;
	emailed: boolean;
	/** Unused links of this surprise that the new one replaced (they stop working). */
	replaced: number;
}

/**
 * A single-use link for the customer to enter their address (and pick a variant). Moves an
 * `approved` surprise to `awaiting_address`; for one already waiting, the new link replaces the
 * unused ones. The token has 256 random bits and only its SHA-256 is stored. Optionally emailed
 * through the outbox (event `claim-link:<link id>`), in the same transaction.
 */
export async function createClaimLink({
	ctx,
	input,
	options
}: {
	ctx: Ctx;
	input: unknown;
	options: { origin: string };
}): Promise<CreatedClaimLink> {
	requireRole(ctx, ...CLAIM_LINK_CREATORS);
	const data = CreateClaimLinkInput.parse(input);
	return inTransaction(ctx, async (ctx) => {
		const now = ctx.now();
		const { surprise: s, customer } = await lockForCustomerLink(ctx, data.surpriseId);

		const locale = data.locale ?? asClaimLocale(customer.locale);
		if (data.sendEmail && !customer.email) {
			throw new ValidationError(msg('claim_link_no_email'), [
				{ field: 'sendEmail', message: msg('customer_email_unknown') }
			]);
		}
		const surprise = { id: s.row.id };
		if (s.row.status !== 'awaiting_address') {
			// approved → awaiting_address through the surprises lifecycle (state machine, event, audit).
			assertTransition(s.row.status, 'awaiting_address', s.kind);
			await moveSurprise(ctx, s, 'awaiting_address', {
				note: data.sendEmail
					? msg('history_claim_link_created_and_emailed')
					: msg('history_claim_link_created')
			});
		}

		const replaced = await ctx.db
			.delete(claimLinks)
			.where(and(eq(claimLinks.surpriseId, surprise.id), isNull(claimLinks.usedAt)))
			.returning({ id: claimLinks.id });

		const token = newSecret();
		const days = await readSetting(ctx, 'claim_link_days');
		const expiresAt = new Date(now.getTime() + days * 24 * 3600_000);
		const [link] = await ctx.db
			.insert(claimLinks)
			.values({
				surpriseId: surprise.id,
				tokenHash: hashClaimToken(token),
				locale,
				expiresAt,
				emailedAt: data.sendEmail ? now : null,
				createdBy: userId(ctx.actor),
				createdAt: now
			})
			.returning({ id: claimLinks.id });
		const url = claimUrl(options.origin, token);

		if (data.sendEmail) {
			await enqueueEmail({
				ctx,
				input: {
					eventKey: `claim-link:${link!.id}`,
					to: { name: customer.name, address: customer.email! },
					template: 'claim-link',
					locale,
					data: await claimMailData(ctx, {
						surpriseId: surprise.id,
						customerName: customer.name,
						url,
						expiresAt,
						locale,
						senderId: userId(ctx.actor)
					})
				}
			});
		}

		await recordAudit(ctx, {
			action: 'claim_link.create',
			entity: 'surprise',
			entityId: surprise.id,
			data: {
				claimLinkId: link!.id,
				locale,
				expiresAt: expiresAt.toISOString(),
				emailed: data.sendEmail,
				replaced: replaced.length
			}
		});
		return {
			id: link!.id,
			surpriseId: surprise.id,
			url,
			locale,
			expiresAt: expiresAt.toISOString(),
			emailed: data.sendEmail,
			replaced: replaced.length
		};
	});
}

/** The data the claim-link and reminder templates need. Never the card message or the internal note. */
export async function claimMailData(
	ctx: Ctx,
	input: {
		surpriseId: string;
		customerName: string;
		url: string;
		expiresAt: Date;
		locale: ClaimLocale;
		senderId: string | null;
	}
) {
	const items = await ctx.db
		.select({ name: gifts.name, quantity: surpriseItems.quantity })
		.from(surpriseItems)
		.innerJoin(gifts, eq(gifts.id, surpriseItems.giftId))
		.where(eq(surpriseItems.surpriseId, input.surpriseId))
		.orderBy(gifts.name);
	const [sender] = input.senderId
		? await ctx.db.select({ name: users.name }).from(users).where(eq(users.id, input.senderId))
		: [];
	return {
		firstName: firstName(input.customerName),
		url: input.url,
		expiresOn: formatMoment(input.expiresAt, input.locale),
		senderName: sender ? firstName(sender.name) : input.locale === 'nl' ? 'Het team' : 'The team',
		gifts: items.map((i) => ({ name: i.quantity > 1 ? `${i.quantity}× ${i.name}` : i.name }))
	};
}
