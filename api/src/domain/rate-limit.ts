import { sql } from 'drizzle-orm';
import { rowsOf, type Executor } from '../../../db/client.ts';
import { RateLimitedError } from './errors.ts';

/** The counter's window as hitRateLimit found it, so the caller can hand its hit back. */
export interface RateLimitHit {
	key: string;
	windowStart: string;
}

/**
 * A fixed-window counter in PostgreSQL, so every instance behind a load balancer shares it.
 * One upsert: concurrent hits cannot both read the old count.
 */
export async function hitRateLimit(
	db: Executor,
	input: { key: string; limit: number; windowSeconds: number; now: Date }
): Promise<RateLimitHit> {
	// ISO strings with explicit casts: postgres.js does not bind Date objects in raw SQL.
	const now = input.now.toISOString();
	const windowStart = new Date(input.now.getTime() - input.windowSeconds * 1000).toISOString();
	const result = await db.execute(sql`
    insert into rate_limits (key, window_start, count) values (${input.key}, ${now}::timestamptz, 1)
    on conflict (key) do update set
      count = case when rate_limits.window_start <= ${windowStart}::timestamptz then 1 else rate_limits.count + 1 end,
      window_start = case when rate_limits.window_start <= ${windowStart}::timestamptz then ${now}::timestamptz else rate_limits.window_start end
    returning count, window_start`);
	const row = rowsOf<{ count: number | string; window_start: string | Date }>(result)[0]!;
	const started = new Date(row.window_start).getTime();
	if (Number(row.count) > input.limit) {
		const retryAfter = Math.max(
			1,
			Math.ceil((started + input.windowSeconds * 1000 - input.now.getTime()) / 1000)
		);
		throw new RateLimitedError(retryAfter);
	}
	return { key: input.key, windowStart: new Date(started).toISOString() };
}

/** Takes a hit back (it turned out not to count), unless its window has moved on meanwhile. */
export async function returnRateLimitHit(db: Executor, hit: RateLimitHit): Promise<void> {
	await db.execute(sql`
    update rate_limits set count = greatest(count - 1, 0)
    where key = ${hit.key} and window_start = ${hit.windowStart}::timestamptz`);
}

/**
 * Exponential back-off on one key: `free` attempts, then each next one waits
 * min(maxDelay, 2^(attempts − free)) seconds after the last; a key quiet for `forgetSeconds`
 * starts over. Taking a slot is one upsert, so concurrent attempts cannot share one: an attempt is
 * counted before it is checked, and `clearBackoff` forgets the key once one succeeds.
 */
export async function takeBackoffSlot(
	db: Executor,
	input: { key: string; free: number; maxDelaySeconds: number; forgetSeconds: number; now: Date }
): Promise<void> {
	const now = input.now.toISOString();
	const forgetBefore = new Date(input.now.getTime() - input.forgetSeconds * 1000).toISOString();
	const delay = sql`least(${input.maxDelaySeconds}::int, power(2, rate_limits.count - ${input.free}::int)) * interval '1 second'`;
	const taken = await db.execute(sql`
    insert into rate_limits (key, window_start, count) values (${input.key}, ${now}::timestamptz, 1)
    on conflict (key) do update set
      count = case when rate_limits.window_start <= ${forgetBefore}::timestamptz then 1 else rate_limits.count + 1 end,
      window_start = ${now}::timestamptz
    where rate_limits.count < ${input.free}::int
       or rate_limits.window_start + ${delay} <= ${now}::timestamptz
       or rate_limits.window_start <= ${forgetBefore}::timestamptz
    returning count`);
	if (rowsOf(taken).length > 0) return;
	const waiting = await db.execute(sql`
    select extract(epoch from (rate_limits.window_start + ${delay} - ${now}::timestamptz)) as seconds
    from rate_limits where key = ${input.key}`);
	const seconds = Number(rowsOf<{ seconds: number | string }>(waiting)[0]?.seconds ?? 1);
	throw new RateLimitedError(Math.max(1, Math.ceil(seconds)));
}

export async function clearBackoff(db: Executor, key: string): Promise<void> {
	await db.execute(sql`delete from rate_limits where key = ${key}`);
}
