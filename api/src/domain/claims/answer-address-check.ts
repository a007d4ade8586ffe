import { and, eq, gt, isNull } from 'drizzle-orm';
import { z } from 'zod';
import {
	addressChecks,
	addresses,
	customers,
	surpriseEvents
} from '../../../../db/schema/index.ts';
import { recordAudit } from '../audit.ts';
import { inTransaction, type Ctx } from '../context.ts';
import {
	ConflictError,
	DomainError,
	ValidationError,
	type FieldText,
	type MessageText
} from '../errors.ts';
import { firstName } from '../email/format.ts';
import { msg, type MessageKey } from '../../messages/index.ts';
import { attachAddressLocked } from '../surprises/attach-address.ts';
import { lockSurprise } from '../surprises/lifecycle.ts';
import { validateAddress } from './address.ts';
import { findLiveCheck } from './address-check-links.ts';
import { hashClaimToken, limitClaimAttempts, type ClaimLocale } from './claim-links.ts';
import { ClaimAddressInput } from './schemas.ts';

/** Unknown, answered, expired or replaced: one answer with no details, as for claim links. */
export class AddressCheckUnavailableError extends DomainError {
	constructor() {
		super('not_found', msg('claim_link_unavailable'));
	}
}

export const AnswerAddressCheckInput = z.discriminatedUnion('answer', [
	z.object({ answer: z.literal('confirm') }),
	z.object({ answer: z.literal('correct'), address: ClaimAddressInput, consent: z.boolean() })
]);

export interface AddressCheckView {
	locale: ClaimLocale;
	firstName: string;
	expiresAt: string;
	address: {
		recipientName: string | null;
		street: string | null;
		houseNumber: string | null;
		addition: string | null;
		postcode: string | null;
		city: string | null;
		country: string;
	};
}

/**
 * What the public "is this still right?" page shows: the first name and the address on file (it is
 * the customer's own; each showing is audited as `address.read`). Read-only: mail scanners open
 * links first. Rate-limited per IP with the claim pages.
 */
export async function getAddressCheck({
	ctx,
	input
}: {
	ctx: Ctx;
	input: { token: string };
}): Promise<AddressCheckView> {
	await limitClaimAttempts(ctx);
	const check = await findLiveCheck(ctx, input.token);
	if (!check) throw new AddressCheckUnavailableError();
	const a = check.address;
	await recordAudit(ctx, {
		action: 'address.read',
		entity: 'address',
		entityId: a.id,
		data: { reason: 'address check', customerId: a.customerId }
	});
	return {
		locale: check.locale,
		firstName: firstName(check.customerName),
		expiresAt: check.expiresAt.toISOString(),
		address: {
			recipientName: a.recipientName,
			street: a.street,
			houseNumber: a.houseNumber,
			addition: a.addition,
			postcode: a.postcode,
			city: a.city,
			country: a.country
		}
	};
}

/**
 * The customer's answer: `confirm` attaches the address on file; `correct` stores the new address
 * (the claim page's rules, errors in the link's language, consent required) and attaches that. One
 * answer per link, however many race: the conditional UPDATE on address_checks is the guard, in the
 * transaction that attaches the address (awaiting_address → ready through the lifecycle).
 */
export async function answerAddressCheck({
	ctx,
	input
}: {
	ctx: Ctx;
	input: { token: string; body: unknown };
}): Promise<{ ok: true; locale: ClaimLocale; answer: 'confirmed' | 'corrected' }> {
	await limitClaimAttempts(ctx);
	const body = AnswerAddressCheckInput.parse(input.body);
	const live = await findLiveCheck(ctx, input.token);
	if (!live) throw new AddressCheckUnavailableError();
	const told = (key: MessageKey) => ({ key, locale: live.locale });
	let corrected: ReturnType<typeof validateAddress> | null = null;
	if (body.answer === 'correct') {
		corrected = validateAddress(body.address, { locale: live.locale });
		const errors: FieldText[] = corrected.ok
			? []
			: corrected.errors.map((e) => ({ field: e.field, message: e.message as MessageText }));
		if (body.consent !== true) errors.push({ field: 'consent', message: told('claim_consent') });
		if (errors.length) throw new ValidationError(told('claim_fields_invalid'), errors);
	}
	const answer = corrected ? ('corrected' as const) : ('confirmed' as const);

	return inTransaction(ctx, async (ctx) => {
		const now = ctx.now();
		const [check] = await ctx.db
			.update(addressChecks)
			.set({ answeredAt: now, answer })
			.where(
				and(
					eq(addressChecks.tokenHash, hashClaimToken(input.token)),
					isNull(addressChecks.answeredAt),
					gt(addressChecks.expiresAt, now)
				)
			)
			.returning();
		if (!check) throw new AddressCheckUnavailableError();
		const s = await lockSurprise(ctx, check.surpriseId);
		const [customer] = await ctx.db
			.select({ erasedAt: customers.erasedAt })
			.from(customers)
			.where(eq(customers.id, s.row.customerId));
		if (!customer || customer.erasedAt) throw new AddressCheckUnavailableError();
		if (s.row.status !== 'awaiting_address' && s.row.status !== 'ready')
			throw new ConflictError(told('claim_changed'));

		let addressId = check.addressId;
		if (corrected?.ok) {
			const [stored] = await ctx.db
				.insert(addresses)
				.values({ customerId: s.row.customerId, ...corrected.address, createdAt: now })
				.returning({ id: addresses.id });
			addressId = stored!.id;
		}
		const note = corrected
			? msg('history_address_check_corrected')
			: msg('history_address_check_confirmed');
		const wasReady = s.row.status === 'ready';
		if (!wasReady || addressId !== s.row.addressId)
			await attachAddressLocked(ctx, s, addressId, note);
		// A ready surprise stays ready: its history still tells the hub the customer answered.
		if (wasReady)
			await ctx.db.insert(surpriseEvents).values({
				surpriseId: s.row.id,
				fromStatus: 'ready',
				toStatus: 'ready',
				actorId: null,
				note: '',
				noteKey: note.key,
				noteParams: null,
				createdAt: now
			});
		await recordAudit(ctx, {
			action: 'address_check.answer',
			entity: 'surprise',
			entityId: s.row.id,
			data: { addressCheckId: check.id, answer, addressId }
		});
		return { ok: true as const, locale: live.locale, answer };
	});
}
