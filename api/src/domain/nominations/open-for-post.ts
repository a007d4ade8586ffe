import { and, eq, sql } from 'drizzle-orm';
import { nominations } from '../../../../db/schema/index.ts';
import type { Ctx } from '../context.ts';
import { ConflictError } from '../errors.ts';
import { msg } from '../../messages/index.ts';

/**
 * One open nomination per post: the same link pasted twice (without an Idempotency-Key, which would
 * replay the first answer) is a 409 naming the open one. A transaction lock on the link makes two
 * at once take turns, so the second sees the first.
 */
export async function refuseSecondOpenNomination(ctx: Ctx, postUrl: string): Promise<void> {
	await ctx.db.execute(sql`select pg_advisory_xact_lock(hashtextextended(${postUrl}, 7013))`);
	const [open] = await ctx.db
		.select({ id: nominations.id })
		.from(nominations)
		.where(and(eq(nominations.postUrl, postUrl), eq(nominations.status, 'open')))
		.limit(1);
	if (open)
		throw new ConflictError(
			msg('nomination_post_already_open'),
			[{ field: 'postUrl', message: msg('nomination_open_for_post', { id: open.id }) }],
			{ nominationId: open.id, nomination: `/api/v1/nominations/${open.id}` }
		);
}
