import { and, eq, ne } from 'drizzle-orm';
import { reactions } from '../../../../db/schema/index.ts';
import { recordAudit } from '../audit.ts';
import { signalWall } from '../wall/display-links.ts';
import { inTransaction, type Ctx } from '../context.ts';
import { findCustomerRow } from '../customers/customer-view.ts';
import { ConflictError, NotFoundError, ValidationError } from '../errors.ts';
import { readScoreSettingsForWrite, recomputeCustomerScores } from '../scores/recompute-scores.ts';
import { scoreMassOf } from '../scores/score-mass.ts';
import { requireReactionWrite } from './access.ts';
import { isReactionUrlViolation } from './log-reaction.ts';
import { canonicalPostUrl } from './post-url.ts';
import { findReactionRow, loadReactionView, type ReactionView } from './reaction-view.ts';
import { assertSurpriseOf } from './resolve-author.ts';
import { FUTURE_SLACK_MS, UpdateReactionInput } from './schemas.ts';
import { suggestSentiment } from './sentiment.ts';
import { msg } from '../../messages/index.ts';

/**
 * Change a reaction. Choosing a sentiment overrides the suggestion (the suggestion stays, so the
 * override is visible); a new text gets a new suggestion, which the sentiment follows only when it
 * was not overridden. Moving it to another customer rescores both. Hub, admin or reactions:write.
 */
export async function updateReaction({
	ctx,
	input
}: {
	ctx: Ctx;
	input: { id: string; changes: unknown };
}): Promise<ReactionView> {
	requireReactionWrite(ctx);
	const changes = UpdateReactionInput.parse(input.changes);
	const postedAt = changes.postedAt ? new Date(changes.postedAt) : undefined;
	if (postedAt && postedAt.getTime() > ctx.now().getTime() + FUTURE_SLACK_MS) {
		throw new ValidationError('reaction_post_in_future', [
			{ field: 'postedAt', message: 'this_time_is_in_future' }
		]);
	}
	const url =
		changes.url === undefined
			? undefined
			: changes.url === null || !changes.url.trim()
				? null
				: canonicalPostUrl(changes.url).url;
	try {
		return await inTransaction(ctx, async (ctx) => {
			// The customers' locks before the row's (a surprise move holds a customer's lock while it
			// rewrites their reactions' terms), then the row, which must still be theirs.
			const current = await findReactionRow(ctx, input.id);
			const settings = await readScoreSettingsForWrite(ctx, {
				customers: [current.customerId, ...(changes.customerId ? [changes.customerId] : [])]
			});
			const row = await findReactionRow(ctx, input.id, { forUpdate: true });
			if (row.customerId !== current.customerId)
				throw new ConflictError('reaction_changed_meanwhile', [
					{ field: 'customerId', message: 'changed_meanwhile' }
				]);
			const set: Partial<typeof reactions.$inferInsert> = {};

			let customerId = row.customerId;
			if (changes.customerId && changes.customerId !== row.customerId) {
				const customer = await findCustomerRow(ctx, changes.customerId).catch((error: unknown) => {
					if (error instanceof NotFoundError)
						throw new ValidationError('reaction_customer_does_not_exist', [
							{ field: 'customerId', message: 'reaction_no_such_customer' }
						]);
					throw error;
				});
				customerId = customer.id;
				set.customerId = customerId;
			}
			if (url !== undefined && url !== row.url) {
				if (url) {
					const [other] = await ctx.db
						.select({ id: reactions.id })
						.from(reactions)
						.where(and(eq(reactions.url, url), ne(reactions.id, row.id)));
					if (other)
						throw new ConflictError(
							'reaction_post_link_taken',
							[{ field: 'url', message: msg('reaction_already_logged_as', { id: other.id }) }],
							{ existingReactionId: other.id }
						);
				}
				set.url = url;
			}
			if (changes.surpriseId !== undefined) {
				if (changes.surpriseId) await assertSurpriseOf(ctx, changes.surpriseId, customerId);
				set.surpriseId = changes.surpriseId;
			} else if (set.customerId && row.surpriseId) {
				// The linked surprise went to the previous customer: the link no longer holds.
				set.surpriseId = null;
			}
			if (changes.text !== undefined && changes.text !== row.text) {
				const customer = await findCustomerRow(ctx, customerId);
				const suggestion = suggestSentiment(changes.text, customer.locale);
				set.text = changes.text;
				set.suggestedSentiment = suggestion.sentiment;
				set.sentimentBasis = {
					language: suggestion.language,
					score: suggestion.score,
					drivers: suggestion.drivers
				};
				const overridden =
					row.suggestedSentiment !== null && row.sentiment !== row.suggestedSentiment;
				if (!overridden) set.sentiment = suggestion.sentiment;
			}
			if (changes.sentiment !== undefined) set.sentiment = changes.sentiment;
			for (const key of ['channel', 'kind', 'likes', 'shares', 'comments', 'followers'] as const) {
				if (changes[key] !== undefined) (set as Record<string, unknown>)[key] = changes[key];
			}
			if (postedAt) set.postedAt = postedAt;

			// The stored score term from the row as it will be (an UPDATE's SET reads the old columns).
			const scoreMass = scoreMassOf(
				{
					sentiment: set.sentiment ?? row.sentiment,
					kind: set.kind ?? row.kind,
					followers: set.followers ?? row.followers,
					postedAt: set.postedAt ?? row.postedAt,
					customerId,
					surpriseId: 'surpriseId' in set ? (set.surpriseId ?? null) : row.surpriseId
				},
				settings.weights
			);
			await ctx.db
				.update(reactions)
				.set({ ...set, scoreMass, scoreMassVersion: settings.version, updatedAt: ctx.now() })
				.where(eq(reactions.id, row.id));
			await recomputeCustomerScores(ctx, [row.customerId, customerId], settings);
			// Open walls look again when this commits (on every instance).
			await signalWall(ctx.db, { kind: 'reactions' });
			await recordAudit(ctx, {
				action: 'reaction.update',
				entity: 'reaction',
				entityId: row.id,
				data: {
					fields: Object.keys(changes).filter(
						(k) => changes[k as keyof typeof changes] !== undefined
					),
					...(set.sentiment && set.sentiment !== row.sentiment
						? { sentiment: { before: row.sentiment, after: set.sentiment } }
						: {}),
					...(set.customerId
						? { customerId: { before: row.customerId, after: set.customerId } }
						: {})
				}
			});
			return loadReactionView(ctx, row.id);
		});
	} catch (error) {
		if (isReactionUrlViolation(error))
			throw new ConflictError('reaction_post_link_taken', [
				{ field: 'url', message: 'reaction_already_logged' }
			]);
		throw error;
	}
}
