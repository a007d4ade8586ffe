/** What the address-check verbs share: the one "link does not work" answer, URLs, the live-link lookup. */
import { and, eq, gt, inArray, isNull } from 'drizzle-orm';
import { addressChecks, addresses, customers, surprises } from '../../../../db/schema/index.ts';
import type { Ctx } from '../context.ts';
import { asClaimLocale, hashClaimToken } from './claim-links.ts';

/** The statuses a surprise may be in while its address is checked (ready: the address on file was used). */
export const addressCheckStatuses = ['approved', 'awaiting_address', 'ready'] as const;

export function addressCheckUrl(origin: string, token: string): string {
	return `${origin.replace(/\/+$/, '')}/address-check/${token}`;
}

/** A check that works right now: unanswered, not expired, its surprise still waiting or ready, its customer not erased. */
export async function findLiveCheck(ctx: Ctx, token: string) {
	const [row] = await ctx.db
		.select({
			id: addressChecks.id,
			surpriseId: addressChecks.surpriseId,
			addressId: addressChecks.addressId,
			locale: addressChecks.locale,
			expiresAt: addressChecks.expiresAt,
			customerName: customers.name,
			address: addresses
		})
		.from(addressChecks)
		.innerJoin(surprises, eq(surprises.id, addressChecks.surpriseId))
		.innerJoin(customers, eq(customers.id, surprises.customerId))
		.innerJoin(addresses, eq(addresses.id, addressChecks.addressId))
		.where(
			and(
				eq(addressChecks.tokenHash, hashClaimToken(token)),
				isNull(addressChecks.answeredAt),
				gt(addressChecks.expiresAt, ctx.now()),
				inArray(surprises.status, ['awaiting_address', 'ready']),
				isNull(customers.erasedAt),
				isNull(addresses.anonymisedAt)
			)
		);
	return row ? { ...row, locale: asClaimLocale(row.locale) } : null;
}
