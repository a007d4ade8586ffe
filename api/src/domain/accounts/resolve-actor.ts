import { and, eq, gt, isNull, lte, sql } from 'drizzle-orm';
import type { Executor } from '../../../../db/client.ts';
import { apiTokens, sessions, users } from '../../../../db/schema/index.ts';
import type { Actor } from '../context.ts';
import { sha256 } from './secrets.ts';

/**
 * The session lookup runs on every request: built once per database as a prepared query (the SQL
 * text is not rebuilt each time, and PostgreSQL keeps its plan), reading only what the actor needs.
 */
function sessionQuery(db: Executor) {
	return db
		.select({
			id: users.id,
			role: users.role,
			name: users.name,
			email: users.email,
			lastSeenAt: sessions.lastSeenAt
		})
		.from(sessions)
		.innerJoin(users, eq(users.id, sessions.userId))
		.where(
			and(
				eq(sessions.tokenHash, sql.placeholder('tokenHash')),
				gt(sessions.expiresAt, sql`${sql.placeholder('now')}::timestamptz`),
				eq(users.active, true)
			)
		)
		.prepare('resolve_session');
}
const sessionQueries = new WeakMap<Executor, ReturnType<typeof sessionQuery>>();

/** The user behind a session cookie, or null when it is unknown, expired or the user is deactivated. */
export async function resolveSession(
	db: Executor,
	token: string,
	now: Date
): Promise<Actor | null> {
	let query = sessionQueries.get(db);
	if (!query) sessionQueries.set(db, (query = sessionQuery(db)));
	const tokenHash = sha256(token);
	// Placeholders skip the column's encoder: the instant goes as ISO text, as drizzle would send it.
	const [row] = await query.execute({ tokenHash, now: now.toISOString() });
	if (!row) return null;
	// Touch at most once a minute: a write per request would be waste.
	if (now.getTime() - row.lastSeenAt.getTime() > 60_000) {
		await db.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.tokenHash, tokenHash));
	}
	return { type: 'user', id: row.id, role: row.role, name: row.name, email: row.email };
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
