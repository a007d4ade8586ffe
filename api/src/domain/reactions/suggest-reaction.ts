import { eq } from 'drizzle-orm';
import { reactions } from '../../../../db/schema/index.ts';
import type { Ctx } from '../context.ts';
import type { Channel } from '../customers/handles.ts';
import { readSetting } from '../settings/settings.ts';
import { requireReactionWrite } from './access.ts';
import { canonicalPostUrl } from './post-url.ts';
import { ValidationError, type MessageText } from '../errors.ts';
import { render } from '../../messages/index.ts';
import { followersOn, resolveAuthor, suggestSurpriseFor, type Author } from './resolve-author.ts';
import { SuggestReactionInput } from './schemas.ts';
import { suggestSentiment, type SentimentSuggestion } from './sentiment.ts';

export interface ReactionSuggestion {
	/** The post link as it will be stored (one spelling per post). */
	url: string | null;
	channel: Channel | null;
	handle: string | null;
	/** Who holds the handle (or the chosen customer); null: logging creates them. */
	customer: { id: string; name: string; tier: string; locale: string } | null;
	/** A reaction with this link exists already: logging it again returns that one. */
	existingReactionId: string | null;
	sentiment: SentimentSuggestion;
	suggestedSurpriseId: string | null;
	suggestedSurprise: { id: string; reference: string } | null;
	/** The customer's followers on the channel: the default for the reaction. */
	followers: number | null;
	/** What the form still needs to know who posted (e.g. the handle for an Instagram post link). */
	/** What is missing to know the author: English `message`, its code in `text` (told in the reader's language at the edge). */
	authorProblem: { field: string; message: string; readonly text?: MessageText } | null;
}

/**
 * The form's helper while a hub'er pastes a link and types: who posted it, the suggested sentiment
 * with the words behind it, the surprise it is probably about, and whether it is logged already.
 * Writes nothing. A link that is not a link is a 400 on `url`; who posted it, when not clear yet, is
 * reported in `authorProblem`.
 */
export async function suggestReaction({
	ctx,
	input
}: {
	ctx: Ctx;
	input: unknown;
}): Promise<ReactionSuggestion> {
	requireReactionWrite(ctx);
	const data = SuggestReactionInput.parse(input);
	const post = data.url ? canonicalPostUrl(data.url) : null;
	const postedAt = data.postedAt ? new Date(data.postedAt) : ctx.now();
	const [existing] = post
		? await ctx.db.select({ id: reactions.id }).from(reactions).where(eq(reactions.url, post.url))
		: [];
	let author: Author | null = null;
	let authorProblem: ReactionSuggestion['authorProblem'] = null;
	if (data.customerId || post || data.handle) {
		try {
			author = await resolveAuthor(ctx, data, post, { create: false });
		} catch (error) {
			// Half-filled forms are normal here: say what is missing instead of failing.
			if (!(error instanceof ValidationError)) throw error;
			const first = error.fieldTexts[0] ?? { field: 'url', message: error.text };
			authorProblem = {
				field: first.field,
				message: render(first.message, 'en'),
				text: first.message
			};
		}
	}
	const customer = author?.customer ?? null;
	const weights = await readSetting(ctx, 'score_weights');
	const surprise = customer
		? await suggestSurpriseFor(ctx, customer.id, postedAt, weights.giftWindowDays)
		: null;
	return {
		url: post?.url ?? null,
		channel: author?.channel ?? post?.channel ?? null,
		handle: author?.handle ?? null,
		customer: customer
			? { id: customer.id, name: customer.name, tier: customer.tier, locale: customer.locale }
			: null,
		existingReactionId: existing?.id ?? null,
		sentiment: suggestSentiment(data.text, customer?.locale),
		suggestedSurpriseId: surprise?.id ?? null,
		suggestedSurprise: surprise,
		followers: customer && author ? await followersOn(ctx, customer.id, author.channel) : null,
		authorProblem
	};
}
