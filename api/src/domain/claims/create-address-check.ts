import { and, eq, isNull } from 'drizzle-orm';
import { addressChecks, claimLinks } from '../../../../db/schema/index.ts';
import { newSecret } from '../accounts/secrets.ts';
import { recordAudit } from '../audit.ts';
import { inTransaction, requireRole, userId, type Ctx } from '../context.ts';
import { enqueueEmail } from '../email/enqueue-email.ts';
import { ConflictError, ValidationError } from '../errors.ts';
import { msg, word } from '../../messages/index.ts';
import { readSetting } from '../settings/settings.ts';
import { currentAddressId, moveSurprise } from '../surprises/lifecycle.ts';
import { isIn } from '../surprises/state-machine.ts';
import { CLAIM_LINK_CREATORS } from './access.ts';
import { addressCheckStatuses, addressCheckUrl } from './address-check-links.ts';
import { asClaimLocale, hashClaimToken, type ClaimLocale } from './claim-links.ts';
import { claimMailData, lockForCustomerLink } from './create-claim-link.ts';
import { CreateClaimLinkInput } from './schemas.ts';

export interface CreatedAddressCheck {
	id: string;
	surpriseId: string;
	/** Shown once: only the SHA-256 of the token is stored. */
	url: string;
	locale: ClaimLocale;
	expiresAt: string;
	emailed: boolean;
}

/**
 * "Is this still right?" instead of asking for the address again: a single-use link showing the
 * customer the address on file to confirm or correct. An approved surprise waits for the answer
 * (approved → awaiting_address); a ready one stays ready. A new check replaces the unanswered ones
 * and the unused claim links. Expires after `address_check_days`; unanswered, the job hands it back
 * to the hub with a notice. Optionally emailed (event `address-check:<id>`).
 */
export async function createAddressCheck({
	ctx,
	input,
	options
}: {
	ctx: Ctx;
	input: unknown;
	options: { origin: string };
}): Promise<CreatedAddressCheck> {
	requireRole(ctx, ...CLAIM_LINK_CREATORS);
	const data = CreateClaimLinkInput.parse(input);
	return inTransaction(ctx, async (ctx) => {
		const now = ctx.now();
		const locked = await lockForCustomerLink(ctx, data.surpriseId);
		const customer = locked.customer;
		let s = locked.surprise;
		if (s.kind === 'digital' || !isIn(addressCheckStatuses, s.row.status))
			throw new ConflictError(
				msg('address_check_not_now', { status: word('surprise_status', s.row.status) }),
				[{ field: 'surpriseId', message: msg('address_check_not_now_field') }]
			);
		const addressId = s.row.addressId ?? (await currentAddressId(ctx, s.row.customerId));
		if (!addressId)
			throw new ConflictError(msg('customer_no_address'), [
				{ field: 'surpriseId', message: msg('no_address_on_file') }
			]);
		if (data.sendEmail && !customer.email)
			throw new ValidationError(msg('claim_link_no_email'), [
				{ field: 'sendEmail', message: msg('customer_email_unknown') }
			]);
		const locale = data.locale ?? asClaimLocale(customer.locale);
		if (s.row.status === 'approved')
			s = await moveSurprise(ctx, s, 'awaiting_address', {
				note: msg('history_address_check_sent')
			});

		await ctx.db
			.delete(addressChecks)
			.where(and(eq(addressChecks.surpriseId, s.row.id), isNull(addressChecks.answeredAt)));
		await ctx.db
			.delete(claimLinks)
			.where(and(eq(claimLinks.surpriseId, s.row.id), isNull(claimLinks.usedAt)));

		const token = newSecret();
		const days = await readSetting(ctx, 'address_check_days');
		const expiresAt = new Date(now.getTime() + days * 24 * 3600_000);
		const [check] = await ctx.db
			.insert(addressChecks)
			.values({
				surpriseId: s.row.id,
				addressId,
				tokenHash: hashClaimToken(token),
				locale,
				expiresAt,
				emailedAt: data.sendEmail ? now : null,
				createdBy: userId(ctx.actor),
				createdAt: now
			})
			.returning({ id: addressChecks.id });
		const url = addressCheckUrl(options.origin, token);
		if (data.sendEmail)
			await enqueueEmail({
				ctx,
				input: {
					eventKey: `address-check:${check!.id}`,
					to: { name: customer.name, address: customer.email! },
					template: 'address-check',
					locale,
					data: await claimMailData(ctx, {
						surpriseId: s.row.id,
						customerName: customer.name,
						url,
						expiresAt,
						locale,
						senderId: userId(ctx.actor)
					})
				}
			});
		await recordAudit(ctx, {
			action: 'address_check.create',
			entity: 'surprise',
			entityId: s.row.id,
			data: {
				addressCheckId: check!.id,
				addressId,
				locale,
				expiresAt: expiresAt.toISOString(),
				emailed: data.sendEmail
			}
		});
		return {
			id: check!.id,
			surpriseId: s.row.id,
			url,
			locale,
			expiresAt: expiresAt.toISOString(),
			emailed: data.sendEmail
		};
	});
}
