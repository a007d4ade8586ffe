import { sql } from 'drizzle-orm';
import { rowsOf, type Executor } from '../../../db/client.ts';
import { RateLimitedError } from './errors.ts';

/**
 * A fixed-window counter in PostgreSQL, so every instance behind a load balancer shares it.
 * One upsert: concurrent hits cannot both read the old count.
 */
export async function hitRateLimit(
	db: Executor,
	input: { key: string; limit: number; windowSeconds: number; now: Date }
): Promise<void> {
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
	if (Number(row.count) > input.limit) {
		const started = new Date(row.window_start).getTime();
		const retryAfter = Math.max(
			1,
			Math.ceil((started + input.windowSeconds * 1000 - input.now.getTime()) / 1000)
		);
		throw new RateLimitedError(retryAfter);
	}
}
