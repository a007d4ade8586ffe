/** What the claim verbs share: the one "link does not work" error, hashing, URLs, the rate limit, lookups. */
import { and, eq, gt, isNull } from 'drizzle-orm';
import { claimLinks, customers, surprises } from '../../../../db/schema/index.ts';
import { sha256 } from '../accounts/secrets.ts';
import type { Ctx } from '../context.ts';
import { DomainError } from '../errors.ts';
import { msg } from '../../messages/index.ts';
import { hitRateLimit } from '../rate-limit.ts';

/**
 * Unknown, used, expired, replaced, or the surprise moved on: always this error, with the same
 * message and no details, so a response never tells an attacker which case it was.
 */
export class ClaimLinkUnavailableError extends DomainError {
	constructor() {
		super('not_found', msg('claim_link_unavailable'));
	}
}

export const claimLocales = ['nl', 'en'] as const;
export type ClaimLocale = (typeof claimLocales)[number];

/** Requests per IP per minute on the public claim endpoints, GET and POST together. */
export const CLAIM_RATE_LIMIT = { limit: 30, windowSeconds: 60 } as const;
/** A reminder goes out this long before a link expires (when the customer's email is known). */
export const REMINDER_BEFORE_MS = 2 * 24 * 3600_000;

export function hashClaimToken(token: string): string {
	return sha256(token);
}

export function claimUrl(origin: string, token: string): string {
	return `${origin.replace(/\/+$/, '')}/claim/${token}`;
}

export function asClaimLocale(value: string | null | undefined): ClaimLocale {
	return value === 'en' ? 'en' : 'nl';
}

/** Counted before anything else (and outside any transaction, so a rolled-back attempt still counts). */
export async function limitClaimAttempts(ctx: Ctx): Promise<void> {
	await hitRateLimit(ctx.db, {
		key: `claim:ip:${ctx.ip ?? 'unknown'}`,
		...CLAIM_RATE_LIMIT,
		now: ctx.now()
	});
}

/** A link that works right now: unused, not expired, its surprise waiting for an address, its customer not erased. Read-only. */
export async function findLiveLink(ctx: Ctx, tokenHash: string) {
	const now = ctx.now();
	const [row] = await ctx.db
		.select({
			id: claimLinks.id,
			surpriseId: claimLinks.surpriseId,
			locale: claimLinks.locale,
			expiresAt: claimLinks.expiresAt,
			customerName: customers.name
		})
		.from(claimLinks)
		.innerJoin(surprises, eq(surprises.id, claimLinks.surpriseId))
		.innerJoin(customers, eq(customers.id, surprises.customerId))
		.where(
			and(
				eq(claimLinks.tokenHash, tokenHash),
				isNull(claimLinks.usedAt),
				gt(claimLinks.expiresAt, now),
				eq(surprises.status, 'awaiting_address'),
				isNull(customers.erasedAt)
			)
		);
	return row ? { ...row, locale: asClaimLocale(row.locale) } : null;
}
