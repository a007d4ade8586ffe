import { and, asc, eq, gte, lt } from 'drizzle-orm';
import { ambassadorScores, scoreHistory } from '../../../../db/schema/index.ts';
import { amsterdamDate } from '../calendar/today.ts';
import { requireRole, type Ctx } from '../context.ts';
import { findCustomerRow } from '../customers/customer-view.ts';
import { readSetting } from '../settings/settings.ts';
import { liveScore } from './live.ts';
import { componentAt, DAY_MS, type Component, type Tier } from './score.ts';
import type { ScoreWeights, TierThresholds } from './weights.ts';

const HISTORY_DAYS = 365;
const TIER_ORDER: Tier[] = ['none', 'fan', 'supporter', 'advocate', 'ambassador'];

export const SCORE_FORMULA =
	'Each reaction contributes sentiment × kind × spontaneity × decay × reach; decay = 0.5^(age_days / halfLifeDays); ' +
	'reach = min(reachCap, 1 + log10(1 + followers) / reachDivisor); spontaneity applies outside a gift window. Score = sum, never below 0.';

export interface CustomerScoreView {
	customerId: string;
	score: number;
	tier: Tier;
	/** Why the customer scores 0 whatever they post: team member, opted out. Null when they count. */
	excluded: 'staff' | 'opted_out' | null;
	computedAt: string | null;
	scoreBefore: number;
	change: number;
	emerging: boolean;
	emergingSince: string | null;
	slipping: boolean;
	slippingSince: string | null;
	advocateSince: string | null;
	lastPositiveAt: string | null;
	reactionCount: number;
	nextTier: { tier: Tier; threshold: number; missing: number } | null;
	/** Every term of every reaction, newest first; decay and contribution as of now. */
	components: Component[];
	/** Stored points (a day on which the score's inputs or the tier changed), oldest first, last 365 days. */
	history: { day: string; score: number; tier: Tier }[];
	/**
	 * For the trend chart: one point per day from the first stored point to today, decay filled in
	 * between; the days before the first stored point (at most 365 days back, from the first reaction)
	 * are rebuilt from today's components, so a fresh installation shows its history too.
	 */
	trend: { day: string; score: number }[];
	/** Days the tier changed, oldest first; the first stored point counts as a change from none. */
	tierChanges: { day: string; from: Tier; to: Tier }[];
	weights: ScoreWeights;
	tiers: TierThresholds;
	formula: string;
}

/** A customer's score with its breakdown, trend and tier history. Any staff role. */
export async function getCustomerScore({
	ctx,
	input
}: {
	ctx: Ctx;
	input: { id: string };
}): Promise<CustomerScoreView> {
	requireRole(ctx, 'hub', 'marketing', 'admin');
	const customer = await findCustomerRow(ctx, input.id);
	const since = amsterdamDate(new Date(ctx.now().getTime() - HISTORY_DAYS * DAY_MS));
	const [[row], history, [earlier], weights, tiers] = await Promise.all([
		ctx.db.select().from(ambassadorScores).where(eq(ambassadorScores.customerId, customer.id)),
		ctx.db
			.select({ day: scoreHistory.day, score: scoreHistory.score, tier: scoreHistory.tier })
			.from(scoreHistory)
			.where(and(eq(scoreHistory.customerId, customer.id), gte(scoreHistory.day, since)))
			.orderBy(asc(scoreHistory.day)),
		// Any point before the window: without one, the first point in it is where the customer started.
		ctx.db
			.select({ day: scoreHistory.day })
			.from(scoreHistory)
			.where(and(eq(scoreHistory.customerId, customer.id), lt(scoreHistory.day, since)))
			.limit(1),
		readSetting(ctx, 'score_weights'),
		readSetting(ctx, 'tiers')
	]);
	const now = ctx.now();
	const excluded = customer.isStaff ? 'staff' : customer.optedOut ? 'opted_out' : null;
	const live =
		row && !excluded
			? liveScore(row, now, weights, tiers)
			: { score: 0, scoreBefore: 0, tier: 'none' as Tier };
	const { score, tier } = live;
	const next = TIER_ORDER.slice(TIER_ORDER.indexOf(tier) + 1)[0] as
		Exclude<Tier, 'none'> | undefined;
	const tierChanges: CustomerScoreView['tierChanges'] = [];
	history.forEach((h, i) => {
		const previous = i === 0 ? (earlier ? null : 'none') : history[i - 1]!.tier;
		if (previous !== null && previous !== h.tier)
			tierChanges.push({ day: h.day, from: previous, to: h.tier });
	});
	const scoreBefore = live.scoreBefore;
	const components = excluded
		? []
		: ((row?.components as Component[] | undefined) ?? [])
				.map((c) => componentAt(c, now, weights))
				.sort(
					(a, b) => b.postedAt.localeCompare(a.postedAt) || a.reactionId.localeCompare(b.reactionId)
				);
	return {
		customerId: customer.id,
		score,
		tier,
		excluded,
		computedAt: row?.computedAt.toISOString() ?? null,
		scoreBefore,
		change: score - scoreBefore,
		emerging: !excluded && !!row?.emergingSince,
		emergingSince: excluded ? null : (row?.emergingSince?.toISOString() ?? null),
		slipping: !excluded && !!row?.slippingSince,
		slippingSince: excluded ? null : (row?.slippingSince?.toISOString() ?? null),
		advocateSince: excluded ? null : (row?.advocateSince?.toISOString() ?? null),
		lastPositiveAt: row?.lastPositiveAt?.toISOString() ?? null,
		reactionCount: excluded ? 0 : (row?.reactionCount ?? 0),
		nextTier: next
			? { tier: next, threshold: tiers[next], missing: Math.max(0, tiers[next] - score) }
			: null,
		components,
		history: history.map((h) => ({ day: h.day, score: Number(h.score), tier: h.tier })),
		trend: [
			...backfillTrend(
				components,
				history[0]?.day ?? amsterdamDate(now),
				since,
				now,
				weights.halfLifeDays
			),
			...fillTrend(
				history.map((h) => ({ day: h.day, score: Number(h.score) })),
				amsterdamDate(now),
				score,
				weights.halfLifeDays
			)
		],
		tierChanges,
		weights,
		tiers,
		formula: SCORE_FORMULA
	};
}

const dayNumber = (day: string) => Date.parse(`${day}T00:00:00Z`) / DAY_MS;

/**
 * Daily points between stored ones: a score only decays (halving every halfLife days) until its
 * inputs change again, so the days without a stored point are the last one decayed. Today is the
 * live score.
 */
export function fillTrend(
	points: { day: string; score: number }[],
	today: string,
	todayScore: number,
	halfLifeDays: number
): { day: string; score: number }[] {
	if (points.length === 0) return todayScore > 0 ? [{ day: today, score: todayScore }] : [];
	const out: { day: string; score: number }[] = [];
	const last = dayNumber(today);
	let index = 0;
	for (let d = dayNumber(points[0]!.day); d <= last; d++) {
		while (index + 1 < points.length && dayNumber(points[index + 1]!.day) <= d) index++;
		const base = points[index]!;
		const day = new Date(d * DAY_MS).toISOString().slice(0, 10);
		out.push({
			day,
			score:
				d === last
					? todayScore
					: base.score * Math.pow(0.5, (d - dayNumber(base.day)) / halfLifeDays)
		});
	}
	return out;
}

/**
 * The days before the first stored point, rebuilt from the components: on day d the score is the
 * reactions posted by the end of d, each decayed to then (contribution now × 2^(age difference /
 * halfLife)), never below 0. Spontaneity is judged with today's gift windows.
 */
export function backfillTrend(
	components: Component[],
	firstStoredDay: string,
	since: string,
	now: Date,
	halfLifeDays: number
): { day: string; score: number }[] {
	if (components.length === 0) return [];
	const firstPosted = components.reduce(
		(min, c) => (c.postedAt < min ? c.postedAt : min),
		components[0]!.postedAt
	);
	const start = Math.max(dayNumber(amsterdamDate(new Date(firstPosted))), dayNumber(since));
	const out: { day: string; score: number }[] = [];
	for (let d = start; d < dayNumber(firstStoredDay); d++) {
		const day = new Date(d * DAY_MS).toISOString().slice(0, 10);
		// The end of that Amsterdam day, near enough (the hour of a day boundary does not change the chart).
		const end = (d + 1) * DAY_MS - 1;
		let sum = 0;
		for (const c of components) {
			if (Date.parse(c.postedAt) <= end)
				sum += c.contribution * Math.pow(2, (now.getTime() - end) / DAY_MS / halfLifeDays);
		}
		out.push({ day, score: Math.max(0, sum) });
	}
	return out;
}
