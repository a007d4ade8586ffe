import {
	leaderboardTiers,
	leaderboardViews,
	reactionKinds,
	sentiments,
	type LeaderboardTier,
	type LeaderboardView,
	type ReactionKind,
	type Sentiment
} from '#api/client';
import { m } from '#lib/paraglide/messages.js';
import { getLocale } from '#lib/paraglide/runtime.js';

/** Reaction kinds, sentiments and leaderboard views come from #api/client; this file gives them words. */
export {
	leaderboardTiers,
	leaderboardViews,
	reactionKinds,
	sentiments,
	type LeaderboardTier,
	type LeaderboardView,
	type ReactionKind,
	type Sentiment
};

const kindLabels: Record<ReactionKind, () => string> = {
	post: m.scores_kind_post,
	review: m.scores_kind_review,
	photo_video: m.scores_kind_photo_video,
	comment: m.scores_kind_comment,
	share: m.scores_kind_share
};
const sentimentLabels: Record<Sentiment, () => string> = {
	positive: m.sentiment_positive,
	neutral: m.sentiment_neutral,
	negative: m.sentiment_negative
};

export const kindLabel = (kind: string) =>
	kind in kindLabels ? kindLabels[kind as ReactionKind]() : kind;
export const sentimentLabel = (sentiment: string) =>
	sentiment in sentimentLabels ? sentimentLabels[sentiment as Sentiment]() : sentiment;

export const isKind = (v: unknown): v is ReactionKind => reactionKinds.includes(v as ReactionKind);
export const isSentiment = (v: unknown): v is Sentiment => sentiments.includes(v as Sentiment);
export const isLeaderboardTier = (v: unknown): v is LeaderboardTier =>
	leaderboardTiers.includes(v as LeaderboardTier);
export const isLeaderboardView = (v: unknown): v is LeaderboardView =>
	leaderboardViews.includes(v as LeaderboardView);

/** A score or a factor with a fixed number of decimals, in the reader's language. */
export function formatScore(value: number, digits = 2): string {
	return new Intl.NumberFormat(getLocale(), {
		minimumFractionDigits: digits,
		maximumFractionDigits: digits
	}).format(value);
}
/** A change with its sign: +2,40 / −1,10. */
export function formatChange(value: number, digits = 2): string {
	return new Intl.NumberFormat(getLocale(), {
		minimumFractionDigits: digits,
		maximumFractionDigits: digits,
		signDisplay: 'exceptZero'
	}).format(value);
}

/** An ISO instant as the value of an <input type="datetime-local"> in Amsterdam time (2026-11-20T14:05). */
export function toAmsterdamLocalInput(iso: string | Date): string {
	const date = typeof iso === 'string' ? new Date(iso) : iso;
	const parts = Object.fromEntries(
		new Intl.DateTimeFormat('en-GB', {
			timeZone: 'Europe/Amsterdam',
			year: 'numeric',
			month: '2-digit',
			day: '2-digit',
			hour: '2-digit',
			minute: '2-digit',
			hourCycle: 'h23'
		})
			.formatToParts(date)
			.map((p) => [p.type, p.value])
	);
	return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}`;
}
