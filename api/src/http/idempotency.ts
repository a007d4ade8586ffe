import { and, eq, sql } from 'drizzle-orm';
import type { MiddlewareHandler } from 'hono';
import { idempotencyKeys } from '../../../db/schema/index.ts';
import { sha256 } from '../domain/accounts/secrets.ts';
import { ConflictError, IdempotencyMismatchError, ValidationError } from '../domain/errors.ts';
import { msg } from '../messages/index.ts';
import type { AppEnv } from './types.ts';

/** A request still "in progress" after this long was cut off mid-way; a retry may take it over. */
const ABANDONED_AFTER_MS = 60_000;

/**
 * `Idempotency-Key` on creating POSTs: the same key and body replay the first response; the same
 * key with another body is a 422. The key row is claimed before the work starts, so two
 * concurrent requests with one key cannot both create.
 */
export const idempotency: MiddlewareHandler<AppEnv> = async (c, next) => {
	const key = c.req.header('Idempotency-Key');
	if (key === undefined) return next();
	if (!/^[\x21-\x7e]{1,200}$/.test(key)) {
		throw new ValidationError(msg('idempotency_key_invalid'), [
			{ field: 'Idempotency-Key', message: msg('not_valid_key') }
		]);
	}
	const { db } = c.get('deps').database;
	const actor = c.get('actor');
	const actorKey =
		actor.type === 'user' || actor.type === 'token' ? `${actor.type}:${actor.id}` : actor.type;
	const path = new URL(c.req.url).pathname;
	const bodyHash = sha256(await c.req.raw.clone().text());
	const now = c.get('ctx').now();

	const claimed = await db
		.insert(idempotencyKeys)
		.values({ actor: actorKey, key, method: c.req.method, path, bodyHash, createdAt: now })
		.onConflictDoNothing()
		.returning({ key: idempotencyKeys.key });

	if (claimed.length === 0) {
		const [prior] = await db
			.select()
			.from(idempotencyKeys)
			.where(and(eq(idempotencyKeys.actor, actorKey), eq(idempotencyKeys.key, key)));
		if (prior) {
			if (prior.bodyHash !== bodyHash || prior.path !== path || prior.method !== c.req.method)
				throw new IdempotencyMismatchError();
			if (prior.statusCode !== null) {
				c.header('Idempotent-Replayed', 'true');
				return c.json(prior.response as object, prior.statusCode as 200);
			}
			if (now.getTime() - prior.createdAt.getTime() < ABANDONED_AFTER_MS) {
				throw new ConflictError(msg('idempotency_key_in_progress'));
			}
			await db
				.update(idempotencyKeys)
				.set({ createdAt: now })
				.where(and(eq(idempotencyKeys.actor, actorKey), eq(idempotencyKeys.key, key)));
		}
	}

	await next();

	const status = c.res.status;
	const where = and(eq(idempotencyKeys.actor, actorKey), eq(idempotencyKeys.key, key));
	if (status >= 200 && status < 300 && (c.res.headers.get('content-type') ?? '').includes('json')) {
		const response = await c.res.clone().json();
		await db.update(idempotencyKeys).set({ statusCode: status, response }).where(where);
	} else {
		// Failures are not remembered: the client fixes the request and retries with the same key.
		await db.delete(idempotencyKeys).where(sql`${where}`);
	}
};
