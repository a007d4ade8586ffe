import { eq, inArray, sql, type SQL } from 'drizzle-orm';
import { ambassadorScores, settings } from '../../../../db/schema/index.ts';
import type { Ctx } from '../context.ts';
import { settingDefinitions } from '../settings/registry.ts';
import {
	DAY_MS,
	EMERGING_WINDOW_MS,
	LEVEL_EPOCH_MS,
	scoreAtLevel,
	tierFor,
	type Tier
} from './score.ts';
import type { ScoreWeights, TierThresholds } from './weights.ts';

/**
 * Reading stored scores at `now`: a row keeps its level (decay factored out), so its live score is
 * 2^(level − (now − epoch) / halfLife), and a tier is a range of levels at a given moment.
 */
export const shiftAt = (at: Date, weights: ScoreWeights) =>
	(at.getTime() - LEVEL_EPOCH_MS) / DAY_MS / weights.halfLifeDays;

export interface LiveScore {
	score: number;
	scoreBefore: number;
	tier: Tier;
}

export function liveScore(
	row: { level: number | null; levelBefore: number | null },
	now: Date,
	weights: ScoreWeights,
	tiers: TierThresholds
): LiveScore {
	const score = scoreAtLevel(row.level === null ? null : Number(row.level), now, weights);
	const scoreBefore = scoreAtLevel(
		row.levelBefore === null ? null : Number(row.levelBefore),
		new Date(now.getTime() - EMERGING_WINDOW_MS),
		weights
	);
	return { score, scoreBefore, tier: tierFor(score, tiers) };
}

const TIER_ORDER = ['fan', 'supporter', 'advocate', 'ambassador'] as const;

/** Rows whose live score at `now` is in `tier`: a range on the level index. */
export function levelRangeOfTier(
	tier: (typeof TIER_ORDER)[number],
	now: Date,
	weights: ScoreWeights,
	tiers: TierThresholds
): SQL {
	const shift = shiftAt(now, weights);
	const from = Math.log2(tiers[tier]) + shift;
	const next = TIER_ORDER[TIER_ORDER.indexOf(tier) + 1];
	const lower = sql`${ambassadorScores.level} >= ${String(from)}::float8`;
	return next
		? sql`${lower} and ${ambassadorScores.level} < ${String(Math.log2(tiers[next]) + shift)}::float8`
		: lower;
}

export interface ScoreSettings {
	weights: ScoreWeights;
	tiers: TierThresholds;
}

/** Both score settings in one query (the stored value when valid, else the default, as readSetting). */
export async function readScoreSettings(ctx: Ctx): Promise<ScoreSettings> {
	const rows = await ctx.db
		.select()
		.from(settings)
		.where(inArray(settings.key, ['score_weights', 'tiers']));
	const value = <K extends 'score_weights' | 'tiers'>(key: K) => {
		const parsed = settingDefinitions[key].schema.safeParse(rows.find((r) => r.key === key)?.value);
		return parsed.success ? parsed.data : settingDefinitions[key].default;
	};
	return {
		weights: value('score_weights') as ScoreWeights,
		tiers: value('tiers') as TierThresholds
	};
}

/** One customer's live score (0 and `none` without a row). */
export async function readLiveScore(
	ctx: Ctx,
	customerId: string,
	known?: ScoreSettings
): Promise<LiveScore> {
	const [[row], { weights, tiers }] = await Promise.all([
		ctx.db
			.select({ level: ambassadorScores.level, levelBefore: ambassadorScores.levelBefore })
			.from(ambassadorScores)
			.where(eq(ambassadorScores.customerId, customerId)),
		known ?? readScoreSettings(ctx)
	]);
	return row
		? liveScore(row, ctx.now(), weights, tiers)
		: { score: 0, scoreBefore: 0, tier: 'none' };
}
