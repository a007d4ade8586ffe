import { and, eq, gt, isNull, lte } from 'drizzle-orm';
import type { Executor } from '../../../../db/client.ts';
import { apiTokens, sessions, users } from '../../../../db/schema/index.ts';
import type { Actor } from '../context.ts';
import { sha256 } from './secrets.ts';

/** The user behind a session cookie, or null when it is unknown, expired or the user is deactivated. */
export async function resolveSession(
	db: Executor,
	token: string,
	now: Date
): Promise<Actor | null> {
	const [row] = await db
		.select({ user: users, lastSeenAt: sessions.lastSeenAt })
		.from(sessions)
		.innerJoin(users, eq(users.id, sessions.userId))
		.where(
			and(
				eq(sessions.tokenHash, sha256(token)),
				gt(sessions.expiresAt, now),
				eq(users.active, true)
			)
		);
	if (!row) return null;
	// Touch at most once a minute: a write per request would be waste.
	if (now.getTime() - row.lastSeenAt.getTime() > 60_000) {
		await db
			.update(sessions)
			.set({ lastSeenAt: now })
			.where(eq(sessions.tokenHash, sha256(token)));
	}
	return {
		type: 'user',
		id: row.user.id,
		role: row.user.role,
		name: row.user.name,
		email: row.user.email
	};
}

export async function resolveApiToken(
	db: Executor,
	token: string,
	now: Date
): Promise<Actor | null> {
	const [row] = await db
		.update(apiTokens)
		.set({ lastUsedAt: now })
		.where(and(eq(apiTokens.tokenHash, sha256(token)), isNull(apiTokens.revokedAt)))
		.returning({ id: apiTokens.id, name: apiTokens.name, scopes: apiTokens.scopes });
	if (!row) return null;
	return { type: 'token', id: row.id, name: row.name, scopes: row.scopes };
}

/** Sessions past their expiry are removed by the scheduler's hourly jobs (resolveActor already refuses them). */
export async function deleteExpiredSessions(db: Executor, now: Date): Promise<number> {
	const rows = await db
		.delete(sessions)
		// Through the column, which maps the Date for both drivers (postgres.js takes no raw Date).
		.where(lte(sessions.expiresAt, now))
		.returning({ t: sessions.tokenHash });
	return rows.length;
}
