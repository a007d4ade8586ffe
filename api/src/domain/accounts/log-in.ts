import { eq, sql } from 'drizzle-orm';
import { sessions, users } from '../../../../db/schema/index.ts';
import { recordAudit } from '../audit.ts';
import type { Ctx } from '../context.ts';
import { UnauthenticatedError } from '../errors.ts';
import { msg } from '../../messages/index.ts';
import { clearBackoff, hitRateLimit, returnRateLimitHit, takeBackoffSlot } from '../rate-limit.ts';
import { LogInInput } from './schemas.ts';
import { dummyPasswordHash, newSecret, sha256, verifyPassword } from './secrets.ts';
import { toUserView } from './user-view.ts';

const LOGIN_WINDOW_SECONDS = 15 * 60;
/** 5 wrong passwords free, then 1, 2, 4 … seconds between tries, at most a minute; forgotten after 15 quiet minutes. */
export const ACCOUNT_BACKOFF = { free: 5, maxDelaySeconds: 60, forgetSeconds: 15 * 60 } as const;

export interface LogInOptions {
	sessionTtlHours: number;
	/** Failed logins per 15 minutes from one address. */
	rateLimit: number;
	userAgent?: string;
}

export async function logIn({
	ctx,
	input,
	options
}: {
	ctx: Ctx;
	input: unknown;
	options: LogInOptions;
}) {
	const { email, password } = LogInInput.parse(input);
	const now = ctx.now();
	// Failures count, successes do not. Each attempt is counted before the password is checked and
	// handed back when it succeeds, so concurrent guesses cannot slip through between check and count.
	// Per address: high enough for an office behind one NAT address. Per account: a short back-off,
	// never a lock-out — after the wait the right password gets in and clears it.
	const ipHit = await hitRateLimit(ctx.db, {
		key: `login:ip:${ctx.ip ?? 'unknown'}`,
		limit: options.rateLimit,
		windowSeconds: LOGIN_WINDOW_SECONDS,
		now
	});
	const accountKey = `login:account:${email}`;
	try {
		await takeBackoffSlot(ctx.db, { key: accountKey, ...ACCOUNT_BACKOFF, now });
	} catch (error) {
		// Refused before any password was checked: not a failure of this address.
		await returnRateLimitHit(ctx.db, ipHit);
		throw error;
	}

	const [user] = await ctx.db
		.select()
		.from(users)
		.where(sql`lower(${users.email}) = ${email}`);
	const ok = await verifyPassword(user?.passwordHash ?? (await dummyPasswordHash()), password);
	if (!user || !ok || !user.active) {
		await recordAudit(ctx, {
			action: 'login.failed',
			entity: 'user',
			entityId: user?.id,
			data: { email }
		});
		throw new UnauthenticatedError(msg('login_failed'));
	}

	await returnRateLimitHit(ctx.db, ipHit);
	await clearBackoff(ctx.db, accountKey);
	const token = newSecret();
	const expiresAt = new Date(now.getTime() + options.sessionTtlHours * 3600_000);
	return ctx.db.transaction(async (tx) => {
		await tx.insert(sessions).values({
			tokenHash: sha256(token),
			userId: user.id,
			expiresAt,
			userAgent: options.userAgent?.slice(0, 300)
		});
		await tx.update(users).set({ lastLoginAt: now }).where(eq(users.id, user.id));
		await recordAudit(
			{
				...ctx,
				db: tx,
				actor: { type: 'user', id: user.id, role: user.role, name: user.name, email: user.email }
			},
			{
				action: 'login',
				entity: 'user',
				entityId: user.id
			}
		);
		return { token, expiresAt, user: toUserView(user) };
	});
}
