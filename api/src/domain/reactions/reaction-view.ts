import { eq } from 'drizzle-orm';
import { customers, reactions, surprises, users } from '../../../../db/schema/index.ts';
import type { Ctx } from '../context.ts';
import { NotFoundError } from '../errors.ts';
import { exactTimestamp } from '../keyset.ts';
import type { SentimentDriver } from './sentiment.ts';
import { ReactionId } from './schemas.ts';

export type ReactionRow = typeof reactions.$inferSelect;

export interface SentimentBasis {
	language: 'nl' | 'en';
	score: number;
	drivers: SentimentDriver[];
}

const EMPTY_BASIS: SentimentBasis = { language: 'nl', score: 0, drivers: [] };

/**
 * What leaves the domain about a reaction. `text` is the customer's text exactly as stored: a
 * client shows it as text (escaped), never as HTML. `sentimentOverridden` says staff chose another
 * sentiment than the suggestion, which stays in `suggestedSentiment` with the words behind it.
 */
export function toReactionView(
	r: ReactionRow,
	joined: {
		customerName: string;
		customerTier: string;
		surpriseReference: string | null;
		createdByName: string | null;
	}
) {
	return {
		id: r.id,
		customerId: r.customerId,
		customer: { id: r.customerId, name: joined.customerName, tier: joined.customerTier },
		surpriseId: r.surpriseId,
		surprise:
			r.surpriseId && joined.surpriseReference
				? { id: r.surpriseId, reference: joined.surpriseReference }
				: null,
		channel: r.channel,
		url: r.url,
		text: r.text,
		postedAt: r.postedAt.toISOString(),
		kind: r.kind,
		sentiment: r.sentiment,
		suggestedSentiment: r.suggestedSentiment,
		sentimentOverridden: r.suggestedSentiment !== null && r.suggestedSentiment !== r.sentiment,
		sentimentBasis: (r.sentimentBasis as SentimentBasis | null) ?? EMPTY_BASIS,
		likes: r.likes,
		shares: r.shares,
		comments: r.comments,
		followers: r.followers,
		/** A highlight: staff starred it for the reports. */
		starred: r.starredAt !== null,
		createdBy: r.createdBy ? { id: r.createdBy, name: joined.createdByName ?? '' } : null,
		createdAt: r.createdAt.toISOString(),
		updatedAt: r.updatedAt.toISOString()
	};
}
export type ReactionView = ReturnType<typeof toReactionView>;

const joinedColumns = {
	reaction: reactions,
	customerName: customers.name,
	customerTier: customers.tier,
	surpriseReference: surprises.reference,
	createdByName: users.name,
	/** posted_at as exact text (microseconds) for keyset cursors. */
	postedAtExact: exactTimestamp(reactions.postedAt)
};

export function selectReactions(ctx: Ctx) {
	return ctx.db
		.select(joinedColumns)
		.from(reactions)
		.innerJoin(customers, eq(customers.id, reactions.customerId))
		.leftJoin(surprises, eq(surprises.id, reactions.surpriseId))
		.leftJoin(users, eq(users.id, reactions.createdBy));
}

type JoinedRow = {
	reaction: ReactionRow;
	customerName: string;
	customerTier: string;
	surpriseReference: string | null;
	createdByName: string | null;
};
export const viewOf = (row: JoinedRow) => toReactionView(row.reaction, row);

export async function findReactionRow(
	ctx: Ctx,
	id: string,
	options: { forUpdate?: boolean } = {}
): Promise<ReactionRow> {
	if (!ReactionId.safeParse(id).success) throw new NotFoundError('reaction', id);
	const query = ctx.db.select().from(reactions).where(eq(reactions.id, id));
	const [row] = options.forUpdate ? await query.for('update') : await query;
	if (!row) throw new NotFoundError('reaction', id);
	return row;
}

export async function loadReactionView(ctx: Ctx, id: string): Promise<ReactionView> {
	if (!ReactionId.safeParse(id).success) throw new NotFoundError('reaction', id);
	const [row] = await selectReactions(ctx).where(eq(reactions.id, id));
	if (!row) throw new NotFoundError('reaction', id);
	return viewOf(row);
}
