import { z } from 'zod';
import { channels } from '../../../../db/schema/customers.ts';
import { reactionKinds, sentiments } from '../../../../db/schema/reactions.ts';
import { CustomerName } from '../customers/schemas.ts';
import { longText } from '../fields.ts';
import { optionalFilter, optionalId, Page } from '../surprises/schemas.ts';
import { MAX_URL_CHARS } from './post-url.ts';
import { parsePostedAt } from './posted-at.ts';
import { msg, type MessageKey } from '../../messages/index.ts';
import { zodText, zodIssue } from '../../messages/zod.ts';

export { reactionKinds, sentiments };
export const MAX_REACTION_TEXT = 10_000;
export const MAX_REACTION_CSV_CHARS = 4 * 1024 * 1024;
/** A clock a few minutes fast at the webcare inbox is fine; a reaction from tomorrow is not. */
export const FUTURE_SLACK_MS = 10 * 60_000;

/** What the customer wrote: untrusted, stored and returned as typed (NFC, trimmed), never interpreted. */
export const ReactionText = longText(MAX_REACTION_TEXT);

/** When the post was made; the output is the ISO instant (UTC). */
export const PostedAt = z
	.string(zodText('reaction_give_posted_at'))
	.max(40, zodText('reaction_give_posted_at'))
	.transform((s, ctx) => {
		const at = parsePostedAt(s);
		if (!at) {
			ctx.addIssue({ code: 'custom', ...zodIssue('use_date_and_time_like_2026_11') });
			return z.NEVER;
		}
		if (at.getTime() < Date.UTC(2000, 0, 1)) {
			ctx.addIssue({ code: 'custom', ...zodIssue('this_date_is_before_2000') });
			return z.NEVER;
		}
		// An ISO instant (not a Date): parsing the output again gives the same value, so routes may
		// validate and the verb parse once more.
		return at.toISOString();
	});

const Count = (what: MessageKey) =>
	z
		.number(zodText('reaction_count_whole', { what: msg(what) }))
		.int(zodText('reaction_count_whole', { what: msg(what) }))
		.min(0, zodText('reaction_count_whole', { what: msg(what) }))
		.max(2_147_483_647, zodText('reaction_count_too_large', { what: msg(what) }));

const Url = z
	.string(zodText('reaction_paste_post_link'))
	.max(MAX_URL_CHARS, zodText('this_link_is_too_long'));
const Kind = z.enum(reactionKinds, zodText('choose_one_of', { values: reactionKinds.join(', ') }));
const SentimentChoice = z.enum(
	sentiments,
	zodText('choose_one_of', { values: sentiments.join(', ') })
);
const Channel = z.enum(channels, zodText('choose_one_of', { values: channels.join(', ') }));

/**
 * Log a reaction. Who posted it comes from, in order: `customerId`; the post link (x.com/jan/…,
 * facebook.com/…, linkedin.com/posts/jan_…), found or created by handle; or `handle` (a handle or
 * profile link) on the link's channel — an Instagram post link does not say who posted it.
 * `sentiment` left out: the suggestion is used. `followers` left out: the customer's followers on
 * that channel.
 */
export const LogReactionInput = z
	.object({
		url: Url.nullable().optional(),
		customerId: z.uuid(zodText('choose_customer')).optional(),
		handle: z
			.string(zodText('reaction_handle_as_text'))
			.max(400, zodText('this_handle_is_too_long'))
			.optional(),
		customerName: CustomerName.optional(),
		channel: Channel.optional(),
		text: ReactionText.default(''),
		postedAt: PostedAt,
		kind: Kind.default('post'),
		sentiment: SentimentChoice.optional(),
		likes: Count('reaction_count_likes').default(0),
		shares: Count('reaction_count_shares').default(0),
		comments: Count('reaction_count_comments').default(0),
		followers: Count('reaction_count_followers').optional(),
		surpriseId: z.uuid(zodText('choose_surprise')).nullable().optional()
	})
	.refine((v) => !!(v.customerId || v.url || v.handle), {
		path: ['url'],
		...zodText('reaction_paste_link_or_choose_customer'),
		when: (payload) => typeof payload.value === 'object' && payload.value !== null
	});
export type LogReactionInput = z.output<typeof LogReactionInput>;

/** Everything the form knows so far; the answer fills in the rest (nothing is written). */
export const SuggestReactionInput = z.object({
	url: Url.nullable().optional(),
	customerId: z.uuid(zodText('choose_customer')).optional(),
	handle: z.string().max(400, zodText('this_handle_is_too_long')).optional(),
	channel: Channel.optional(),
	text: ReactionText.default(''),
	postedAt: PostedAt.optional()
});
export type SuggestReactionInput = z.output<typeof SuggestReactionInput>;

/** Every field optional. Changing the text re-suggests the sentiment; a chosen (overridden) one stays. */
export const UpdateReactionInput = z
	.object({
		url: Url.nullable().optional(),
		customerId: z.uuid(zodText('choose_customer')).optional(),
		channel: Channel.optional(),
		text: ReactionText.optional(),
		postedAt: PostedAt.optional(),
		kind: Kind.optional(),
		sentiment: SentimentChoice.optional(),
		likes: Count('reaction_count_likes').optional(),
		shares: Count('reaction_count_shares').optional(),
		comments: Count('reaction_count_comments').optional(),
		followers: Count('reaction_count_followers').optional(),
		surpriseId: z.uuid(zodText('choose_surprise')).nullable().optional()
	})
	.refine((v) => Object.values(v).some((x) => x !== undefined), zodText('nothing_to_change'));
export type UpdateReactionInput = z.output<typeof UpdateReactionInput>;

const DateFilter = z
	.union([z.literal(''), PostedAt], zodText('reaction_date_filter'))
	.optional()
	.transform((v) => (v === '' ? undefined : v));

export const ListReactionsInput = z.object({
	customerId: optionalId,
	surpriseId: optionalId,
	channel: optionalFilter(channels),
	sentiment: optionalFilter(sentiments),
	kind: optionalFilter(reactionKinds),
	/** Posted at or after / before (ISO, or an Amsterdam date). */
	from: DateFilter,
	to: DateFilter,
	q: z.string().max(200, zodText('search_with_at_most_200_characters')).optional(),
	/** `true`: only the highlights staff starred (the output parses again: routes and verbs both do). */
	starred: z
		.enum(['true', 'false', ''], zodText('use_true_or_false'))
		.optional()
		.transform((v) => (v === 'true' ? ('true' as const) : undefined)),
	...Page
});
export type ListReactionsInput = z.output<typeof ListReactionsInput>;

export const ImportReactionsInput = z.object({
	csv: z
		.string(zodText('send_csv_text_in_field_csv'))
		.max(MAX_REACTION_CSV_CHARS, zodText('reaction_csv_too_large'))
		.refine((s) => s.trim().length > 0, zodText('file_is_empty'))
});
export type ImportReactionsInput = z.output<typeof ImportReactionsInput>;

export const ReactionId = z.uuid();
