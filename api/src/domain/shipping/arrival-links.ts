import { eq } from 'drizzle-orm';
import { customers, shipments, surprises } from '../../../../db/schema/index.ts';
import { sha256 } from '../accounts/secrets.ts';
import { asClaimLocale, CLAIM_RATE_LIMIT, type ClaimLocale } from '../claims/claim-links.ts';
import { inTransaction, type Ctx } from '../context.ts';
import { DomainError } from '../errors.ts';
import { firstName } from '../email/format.ts';
import { msg } from '../../messages/index.ts';
import { hitRateLimit } from '../rate-limit.ts';
import { lockSurprise, moveSurprise } from '../surprises/lifecycle.ts';

/** Unknown, replaced or the customer erased: one answer, so it never tells which. */
export class ArrivalLinkUnavailableError extends DomainError {
	constructor() {
		super('not_found', msg('arrival_link_unavailable'));
	}
}

export function hashArrivalToken(token: string): string {
	return sha256(token);
}

export function arrivalUrl(origin: string, token: string): string {
	return `${origin.replace(/\/+$/, '')}/arrived/${token}`;
}

export interface ArrivalView {
	locale: ClaimLocale;
	firstName: string;
	/** Already marked delivered (by this link, the hub or the automatic step). */
	delivered: boolean;
}

async function limitArrivalAttempts(ctx: Ctx): Promise<void> {
	await hitRateLimit(ctx.db, {
		key: `arrival:ip:${ctx.ip ?? 'unknown'}`,
		...CLAIM_RATE_LIMIT,
		now: ctx.now()
	});
}

async function findArrival(ctx: Ctx, token: string) {
	const [row] = await ctx.db
		.select({
			surpriseId: shipments.surpriseId,
			status: surprises.status,
			name: customers.name,
			locale: customers.locale,
			erasedAt: customers.erasedAt
		})
		.from(shipments)
		.innerJoin(surprises, eq(surprises.id, shipments.surpriseId))
		.innerJoin(customers, eq(customers.id, surprises.customerId))
		.where(eq(shipments.arrivalTokenHash, hashArrivalToken(token)));
	if (!row || row.erasedAt) throw new ArrivalLinkUnavailableError();
	return row;
}

/**
 * The public "did it arrive?" page. Read-only, since mail scanners open links before people do:
 * only the button (confirmArrival) marks the parcel delivered. Anonymous and rate-limited per IP.
 */
export async function getArrival({
	ctx,
	input
}: {
	ctx: Ctx;
	input: { token: string };
}): Promise<ArrivalView> {
	await limitArrivalAttempts(ctx);
	const row = await findArrival(ctx, input.token);
	return {
		locale: asClaimLocale(row.locale),
		firstName: firstName(row.name),
		delivered: row.status === 'delivered'
	};
}

/**
 * The customer says it arrived: shipped → delivered through the lifecycle (event, audit), which
 * starts the address's retention. Saying it twice, or after the hub did, changes nothing.
 */
export async function confirmArrival({
	ctx,
	input
}: {
	ctx: Ctx;
	input: { token: string };
}): Promise<ArrivalView> {
	await limitArrivalAttempts(ctx);
	const found = await findArrival(ctx, input.token);
	return inTransaction(ctx, async (ctx) => {
		const s = await lockSurprise(ctx, found.surpriseId);
		if (s.row.status === 'shipped')
			await moveSurprise(ctx, s, 'delivered', {
				note: msg('history_delivered_by_customer'),
				auditData: { via: 'customer' }
			});
		else if (s.row.status !== 'delivered') throw new ArrivalLinkUnavailableError();
		return {
			locale: asClaimLocale(found.locale),
			firstName: firstName(found.name),
			delivered: true
		};
	});
}
