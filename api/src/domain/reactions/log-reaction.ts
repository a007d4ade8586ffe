import { eq } from 'drizzle-orm';
import { reactions } from '../../../../db/schema/index.ts';
import { recordAudit } from '../audit.ts';
import { signalWall } from '../wall/display-links.ts';
import { inTransaction, userId, type Ctx } from '../context.ts';
import { ValidationError } from '../errors.ts';
import { readLiveScore, type ScoreSettings } from '../scores/live.ts';
import { readScoreSettingsForWrite, recomputeCustomerScores } from '../scores/recompute-scores.ts';
import { scoreMassOf } from '../scores/score-mass.ts';
import type { Tier } from '../scores/score.ts';
import { requireReactionWrite } from './access.ts';
import { canonicalPostUrl } from './post-url.ts';
import { loadReactionView, type ReactionView } from './reaction-view.ts';
import {
	assertSurpriseOf,
	followersOn,
	resolveAuthor,
	suggestSurpriseFor
} from './resolve-author.ts';
import { FUTURE_SLACK_MS, LogReactionInput } from './schemas.ts';
import { suggestSentiment } from './sentiment.ts';

export interface LoggedReaction {
	reaction: ReactionView;
	/** False when a reaction with this post link already existed: it is returned unchanged. */
	created: boolean;
	customerCreated: boolean;
	/** The customer's surprise whose gift window holds the post, when the reaction is not linked yet. */
	suggestedSurpriseId: string | null;
	/** The customer's score and tier after this reaction. */
	customerScore: { score: number; tier: Tier; previousTier: Tier };
}

/** A unique violation on reactions.url: another request logged the same post first. */
export function isReactionUrlViolation(error: unknown): boolean {
	const e = error as {
		code?: string;
		constraint?: string;
		constraint_name?: string;
		message?: string;
		cause?: unknown;
	} | null;
	if (!e) return false;
	if (e.code === '23505')
		return (e.constraint_name ?? e.constraint ?? e.message ?? '').includes('reactions_url_uq');
	return e.cause !== undefined && e.cause !== error && isReactionUrlViolation(e.cause);
}

export async function currentScore(
	ctx: Ctx,
	customerId: string,
	settings?: ScoreSettings
): Promise<{ score: number; tier: Tier }> {
	const { score, tier } = await readLiveScore(ctx, customerId, settings);
	return { score, tier };
}

/**
 * Log what a customer posted: from the post link (customer found or created by handle), with the
 * suggested sentiment unless one is chosen, and the customer's score recomputed in the same
 * transaction. Idempotent on the post link: the same post again returns the existing reaction
 * (`created: false`). Hub, admin, or a token with reactions:write.
 */
export async function logReaction({
	ctx,
	input
}: {
	ctx: Ctx;
	input: unknown;
}): Promise<LoggedReaction> {
	requireReactionWrite(ctx);
	const data = LogReactionInput.parse(input);
	const post = data.url ? canonicalPostUrl(data.url) : null;
	const postedAt = new Date(data.postedAt);
	if (postedAt.getTime() > ctx.now().getTime() + FUTURE_SLACK_MS) {
		throw new ValidationError('reaction_post_in_future', [
			{ field: 'postedAt', message: 'this_time_is_in_future' }
		]);
	}

	const attempt = () =>
		inTransaction(ctx, async (ctx): Promise<LoggedReaction> => {
			if (post) {
				const [existing] = await ctx.db
					.select({ id: reactions.id, customerId: reactions.customerId })
					.from(reactions)
					.where(eq(reactions.url, post.url));
				if (existing) {
					const score = await currentScore(ctx, existing.customerId);
					return {
						reaction: await loadReactionView(ctx, existing.id),
						created: false,
						customerCreated: false,
						suggestedSurpriseId: null,
						customerScore: { ...score, previousTier: score.tier }
					};
				}
			}
			const author = await resolveAuthor(ctx, data, post, { create: true });
			const customer = author.customer!;
			if (data.surpriseId) await assertSurpriseOf(ctx, data.surpriseId, customer.id);
			const suggestion = suggestSentiment(data.text, customer.locale);
			const followers = data.followers ?? (await followersOn(ctx, customer.id, author.channel));
			const settings = await readScoreSettingsForWrite(ctx, { customers: [customer.id] });
			const before = await currentScore(ctx, customer.id, settings);
			const now = ctx.now();
			const sentiment = data.sentiment ?? suggestion.sentiment;

			const [row] = await ctx.db
				.insert(reactions)
				.values({
					customerId: customer.id,
					surpriseId: data.surpriseId ?? null,
					channel: author.channel,
					url: post?.url ?? null,
					text: data.text,
					postedAt,
					kind: data.kind,
					sentiment,
					suggestedSentiment: suggestion.sentiment,
					sentimentBasis: {
						language: suggestion.language,
						score: suggestion.score,
						drivers: suggestion.drivers
					},
					likes: data.likes,
					shares: data.shares,
					comments: data.comments,
					followers,
					scoreMass: scoreMassOf(
						{
							sentiment,
							kind: data.kind,
							followers,
							postedAt,
							customerId: customer.id,
							surpriseId: data.surpriseId ?? null
						},
						settings.weights
					),
					scoreMassVersion: settings.version,
					createdBy: userId(ctx.actor),
					createdAt: now,
					updatedAt: now
				})
				.returning({ id: reactions.id });
			await recomputeCustomerScores(ctx, [customer.id], settings);
			const suggested = data.surpriseId
				? null
				: await suggestSurpriseFor(ctx, customer.id, postedAt, settings.weights.giftWindowDays);
			const after = await currentScore(ctx, customer.id, settings);
			// Open walls look again when this commits (on every instance).
			await signalWall(ctx.db, { kind: 'reactions' });
			await recordAudit(ctx, {
				action: 'reaction.create',
				entity: 'reaction',
				entityId: row!.id,
				// Numbers and choices only: the text and link are personal data.
				data: {
					customerId: customer.id,
					customerCreated: author.customerCreated,
					channel: author.channel,
					kind: data.kind,
					sentiment: data.sentiment ?? suggestion.sentiment,
					suggestedSentiment: suggestion.sentiment,
					surpriseId: data.surpriseId ?? null,
					tier: { before: before.tier, after: after.tier }
				}
			});
			return {
				reaction: await loadReactionView(ctx, row!.id),
				created: true,
				customerCreated: author.customerCreated,
				suggestedSurpriseId: suggested?.id ?? null,
				customerScore: { ...after, previousTier: before.tier }
			};
		});

	try {
		return await attempt();
	} catch (error) {
		// The same post logged by another request between our look-up and insert: return theirs.
		if (isReactionUrlViolation(error)) return attempt();
		throw error;
	}
}
