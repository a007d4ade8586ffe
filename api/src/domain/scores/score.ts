import type { reactionKinds, sentiments } from '../../../../db/schema/reactions.ts';
import type { tiers } from '../../../../db/schema/customers.ts';
import { giftedStatuses, isIn } from '../surprises/state-machine.ts';
import { EMERGING, SLIPPING, type ScoreWeights, type TierThresholds } from './weights.ts';

/**
 * The ambassador score as pure functions: the one definition that tests check, and that the
 * set-based SQL in recompute-sql.ts mirrors term for term (a test holds them equal).
 */
export type Sentiment = (typeof sentiments)[number];
export type ReactionKind = (typeof reactionKinds)[number];
export type Tier = (typeof tiers)[number];

export const DAY_MS = 86_400_000;
/** Decay is factored out against this instant (see `levelOf`). */
export const LEVEL_EPOCH_MS = Date.UTC(2020, 0, 1);
export const EMERGING_WINDOW_MS = EMERGING.windowDays * DAY_MS;
/**
 * A reaction's stored term (score-mass.ts) is sentiment × kind × reach × 2^((t − epoch) / halfLife):
 * within this many half-lives of the epoch it fits a float8 with room for a million of them summed
 * (|weight| ≤ 200, so ≤ 2^968 each); further out it is not stored and the reaction is computed in full.
 */
export const MASS_MAX_HALF_LIVES = 960;

export interface ScoredReaction {
	id: string;
	postedAt: Date;
	kind: ReactionKind;
	sentiment: Sentiment;
	followers: number;
	surpriseId: string | null;
}

/** When a surprise reached the customer: from its approval until it arrived (delivered, else shipped, else approved). */
export interface GiftWindow {
	surpriseId: string;
	from: Date;
	until: Date;
}

/** The gift window of a surprise row, or null when it never reached the customer. */
export function giftWindowOf(s: {
	id: string;
	status: string;
	approvedAt: Date | null;
	shippedAt: Date | null;
	deliveredAt: Date | null;
}): GiftWindow | null {
	if (!s.approvedAt || !isIn(giftedStatuses, s.status)) return null;
	return {
		surpriseId: s.id,
		from: s.approvedAt,
		until: s.deliveredAt ?? s.shippedAt ?? s.approvedAt
	};
}

/** One reaction's contribution and every term of it: what staff see, and what ambassador_scores.components stores. */
export interface Component {
	reactionId: string;
	postedAt: string;
	kind: ReactionKind;
	sentiment: Sentiment;
	followers: number;
	surpriseId: string | null;
	/** Inside a gift window (or linked to a surprise): no spontaneity bonus. */
	giftTriggered: boolean;
	sentimentWeight: number;
	kindWeight: number;
	spontaneity: number;
	decay: number;
	reach: number;
	contribution: number;
}

export function reachFactor(followers: number, weights: ScoreWeights): number {
	return Math.min(
		weights.reachCap,
		1 + Math.log10(1 + Math.max(0, followers)) / weights.reachDivisor
	);
}

export function decayFactor(ageDays: number, weights: ScoreWeights): number {
	return Math.pow(0.5, Math.max(0, ageDays) / weights.halfLifeDays);
}

/**
 * The time-independent term of a reaction's contribution (what reactions.score_mass stores):
 * sentiment × kind × reach × spontaneity × 2^((postedAt − epoch) / halfLife), so that its
 * contribution at any moment it has reached is this × 2^(−(now − epoch) / halfLife). Spontaneity is
 * 1 for a gift-triggered reaction (isGiftTriggered). Null outside MASS_MAX_HALF_LIVES.
 */
export function scoreMass(
	reaction: Pick<ScoredReaction, 'postedAt' | 'kind' | 'sentiment' | 'followers'>,
	weights: ScoreWeights,
	giftTriggered: boolean
): number | null {
	const halfLives = (reaction.postedAt.getTime() - LEVEL_EPOCH_MS) / DAY_MS / weights.halfLifeDays;
	if (Math.abs(halfLives) > MASS_MAX_HALF_LIVES) return null;
	const spontaneity = giftTriggered ? 1 : weights.spontaneity;
	return (
		weights.sentiment[reaction.sentiment] *
		weights.kind[reaction.kind] *
		reachFactor(reaction.followers, weights) *
		spontaneity *
		Math.pow(2, halfLives)
	);
}

/** Posted inside a gift window of the customer (from approval until `giftWindowDays` after arrival), or linked to a surprise. */
export function isGiftTriggered(
	reaction: Pick<ScoredReaction, 'postedAt' | 'surpriseId'>,
	windows: readonly GiftWindow[],
	weights: ScoreWeights
): boolean {
	if (reaction.surpriseId) return true;
	const at = reaction.postedAt.getTime();
	return windows.some(
		(w) => at >= w.from.getTime() && at <= w.until.getTime() + weights.giftWindowDays * DAY_MS
	);
}

/** sentiment × kind × spontaneity × decay × reach for one reaction at `now`. */
export function reactionContribution(
	reaction: ScoredReaction,
	windows: readonly GiftWindow[],
	now: Date,
	weights: ScoreWeights
): Component {
	const giftTriggered = isGiftTriggered(reaction, windows, weights);
	const ageDays = Math.max(0, (now.getTime() - reaction.postedAt.getTime()) / DAY_MS);
	const sentimentWeight = weights.sentiment[reaction.sentiment];
	const kindWeight = weights.kind[reaction.kind];
	const spontaneity = giftTriggered ? 1 : weights.spontaneity;
	const decay = decayFactor(ageDays, weights);
	const reach = reachFactor(reaction.followers, weights);
	return {
		reactionId: reaction.id,
		postedAt: reaction.postedAt.toISOString(),
		kind: reaction.kind,
		sentiment: reaction.sentiment,
		followers: reaction.followers,
		surpriseId: reaction.surpriseId,
		giftTriggered,
		sentimentWeight,
		kindWeight,
		spontaneity,
		decay,
		reach,
		contribution: sentimentWeight * kindWeight * spontaneity * decay * reach
	};
}

/** A stored component's decay and contribution moved to `now` (the other terms do not change with time). */
export function componentAt(component: Component, now: Date, weights: ScoreWeights): Component {
	const ageDays = Math.max(0, (now.getTime() - Date.parse(component.postedAt)) / DAY_MS);
	const decay = decayFactor(ageDays, weights);
	return {
		...component,
		decay,
		contribution:
			component.sentimentWeight *
			component.kindWeight *
			component.spontaneity *
			decay *
			component.reach
	};
}

/**
 * Decay factored out: log2(score at t) + (t − epoch) / halfLife is the same number at every t
 * (every contribution halves at the same rate), so it only changes when the reactions, surprises or
 * weights do. Null for a score of 0.
 */
export function levelOf(score: number, at: Date, weights: ScoreWeights): number | null {
	return score > 0
		? Math.log2(score) + (at.getTime() - LEVEL_EPOCH_MS) / DAY_MS / weights.halfLifeDays
		: null;
}

/** The score a level stands for at `at`. */
export function scoreAtLevel(level: number | null, at: Date, weights: ScoreWeights): number {
	return level === null
		? 0
		: Math.pow(2, level - (at.getTime() - LEVEL_EPOCH_MS) / DAY_MS / weights.halfLifeDays);
}

export function tierFor(score: number, thresholds: TierThresholds): Tier {
	if (score >= thresholds.ambassador) return 'ambassador';
	if (score >= thresholds.advocate) return 'advocate';
	if (score >= thresholds.supporter) return 'supporter';
	if (score >= thresholds.fan) return 'fan';
	return 'none';
}

export interface CustomerScore {
	score: number;
	tier: Tier;
	/** Newest reaction first. */
	components: Component[];
	/** The score `EMERGING.windowDays` earlier: the reactions posted by then, decayed to then. */
	scoreBefore: number;
	/** levelOf(score, now) and levelOf(scoreBefore, now − 30 days). */
	level: number | null;
	levelBefore: number | null;
	reactionCount: number;
	/** Reactions inside a gift window or linked to a surprise. */
	giftCount: number;
	lastPositiveAt: Date | null;
	/** Rose by ≥ 50 % and ≥ 2 points over the window, and not yet ambassador. */
	emerging: boolean;
}

/**
 * A customer's score at `now`: the sum of their reactions' contributions, never below 0. Team
 * members and opted-out customers (`excluded`) score 0 with no components.
 */
export function scoreCustomer(
	reactions: readonly ScoredReaction[],
	windows: readonly GiftWindow[],
	now: Date,
	weights: ScoreWeights,
	options: { tiers: TierThresholds; excluded?: boolean }
): CustomerScore {
	if (options.excluded) {
		return {
			score: 0,
			tier: 'none',
			components: [],
			scoreBefore: 0,
			level: null,
			levelBefore: null,
			reactionCount: 0,
			giftCount: 0,
			lastPositiveAt: null,
			emerging: false
		};
	}
	const then = new Date(now.getTime() - EMERGING.windowDays * DAY_MS);
	const components = reactions
		.map((r) => reactionContribution(r, windows, now, weights))
		.sort(
			(a, b) => b.postedAt.localeCompare(a.postedAt) || a.reactionId.localeCompare(b.reactionId)
		);
	const score = Math.max(
		0,
		components.reduce((sum, c) => sum + c.contribution, 0)
	);
	const scoreBefore = Math.max(
		0,
		reactions
			.filter((r) => r.postedAt.getTime() <= then.getTime())
			.reduce((sum, r) => sum + reactionContribution(r, windows, then, weights).contribution, 0)
	);
	const positives = reactions
		.filter((r) => r.sentiment === 'positive')
		.map((r) => r.postedAt.getTime());
	const tier = tierFor(score, options.tiers);
	return {
		score,
		tier,
		components,
		scoreBefore,
		level: levelOf(score, now, weights),
		levelBefore: levelOf(scoreBefore, then, weights),
		reactionCount: reactions.length,
		giftCount: components.filter((c) => c.giftTriggered).length,
		lastPositiveAt: positives.length ? new Date(Math.max(...positives)) : null,
		emerging: isEmerging(score, scoreBefore, tier)
	};
}

export function isEmerging(score: number, scoreBefore: number, tier: Tier): boolean {
	return (
		tier !== 'ambassador' &&
		score - scoreBefore >= EMERGING.minPoints &&
		score >= (1 + EMERGING.minRise) * scoreBefore
	);
}

/** Reached advocate or above, and no positive reaction for 60 days since (or since reaching advocate). */
export function isSlipping(
	advocateSince: Date | null,
	lastPositiveAt: Date | null,
	now: Date
): boolean {
	if (!advocateSince) return false;
	const quietSince = Math.max(advocateSince.getTime(), lastPositiveAt?.getTime() ?? 0);
	return quietSince < now.getTime() - SLIPPING.quietDays * DAY_MS;
}
