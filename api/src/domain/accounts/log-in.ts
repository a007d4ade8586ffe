import { eq, sql } from 'drizzle-orm';
import { sessions, users } from '../../../../db/schema/index.ts';
import { recordAudit } from '../audit.ts';
import type { Ctx } from '../context.ts';
import { UnauthenticatedError } from '../errors.ts';
import { msg } from '../../messages/index.ts';
import { hitRateLimit } from '../rate-limit.ts';
import { LogInInput } from './schemas.ts';
import { dummyPasswordHash, newSecret, sha256, verifyPassword } from './secrets.ts';
import { toUserView } from './user-view.ts';

export interface LogInOptions {
	sessionTtlHours: number;
	/** Attempts per 15 minutes, per address and per account. */
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
	// Both limits count every attempt, so neither many accounts from one address nor one account
	// from many addresses can be guessed at speed.
	await hitRateLimit(ctx.db, {
		key: `login:ip:${ctx.ip ?? 'unknown'}`,
		limit: options.rateLimit,
		windowSeconds: 900,
		now
	});
	await hitRateLimit(ctx.db, {
		key: `login:email:${email}`,
		limit: options.rateLimit,
		windowSeconds: 900,
		now
	});

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
