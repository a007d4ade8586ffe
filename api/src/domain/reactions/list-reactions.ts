import { and, desc, eq, gte, isNotNull, lte, sql, type SQL } from 'drizzle-orm';
import { reactions } from '../../../../db/schema/index.ts';
import type { Ctx } from '../context.ts';
import { containsPattern } from '../customers/search-fold.ts';
import { afterTimestampCursor } from '../keyset.ts';
import { decodeCursor, encodeCursor } from '../pagination.ts';
import { ValidationError } from '../errors.ts';
import { requireReactionRead } from './access.ts';
import { selectReactions, viewOf, type ReactionView } from './reaction-view.ts';
import { ListReactionsInput } from './schemas.ts';

/**
 * Reactions, newest post first, keyset-paginated on (posted_at, id). Filters: customer, surprise
 * (the reactions a gesture brought), channel, sentiment, kind, posted from/to, and `q` anywhere in
 * the text (case-insensitive, wildcards literal), only the starred highlights.
 */
export async function listReactions({
	ctx,
	input
}: {
	ctx: Ctx;
	input: unknown;
}): Promise<{ items: ReactionView[]; nextCursor: string | null }> {
	requireReactionRead(ctx);
	const filters = ListReactionsInput.parse(input);
	const conditions: (SQL | undefined)[] = [
		filters.customerId ? eq(reactions.customerId, filters.customerId) : undefined,
		filters.surpriseId ? eq(reactions.surpriseId, filters.surpriseId) : undefined,
		filters.channel ? eq(reactions.channel, filters.channel) : undefined,
		filters.sentiment ? eq(reactions.sentiment, filters.sentiment) : undefined,
		filters.kind ? eq(reactions.kind, filters.kind) : undefined,
		filters.from ? gte(reactions.postedAt, new Date(filters.from)) : undefined,
		filters.to ? lte(reactions.postedAt, new Date(filters.to)) : undefined,
		filters.starred === 'true' ? isNotNull(reactions.starredAt) : undefined
	];
	const q = filters.q?.normalize('NFC').trim();
	if (q) conditions.push(sql`lower(${reactions.text}) like ${containsPattern(q.toLowerCase())}`);
	if (filters.cursor) {
		const after = decodeCursor(filters.cursor);
		if (typeof after.sortValue !== 'string')
			throw new ValidationError('cursor_is_not_valid', [
				{ field: 'cursor', message: 'use_nextcursor_of_previous_page' }
			]);
		conditions.push(afterTimestampCursor(reactions.postedAt, reactions.id, after, 'desc'));
	}
	const rows = await selectReactions(ctx)
		.where(and(...conditions))
		.orderBy(desc(reactions.postedAt), desc(reactions.id))
		.limit(filters.limit + 1);
	const page = rows.slice(0, filters.limit);
	const last = page.at(-1);
	return {
		items: page.map(viewOf),
		nextCursor:
			rows.length > filters.limit && last
				? encodeCursor(last.postedAtExact, last.reaction.id)
				: null
	};
}
