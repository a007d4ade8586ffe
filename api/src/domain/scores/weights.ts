import { z } from 'zod';
import { zodText } from '../../messages/zod.ts';
import type { MessageKey } from '../../messages/index.ts';

/**
 * The ambassador score's weights, an admin setting (`score_weights`).
 * Each reaction contributes sentiment × kind × spontaneity × decay × reach:
 *
 *   sentiment    positive 1, neutral 0.2, negative −0.5
 *   kind         post 1, review 1.2, photo_video 1.5, comment 0.6, share 0.4
 *   spontaneity  1.5 when the reaction is NOT inside a gift window of that customer, else 1
 *                (gift window: from the surprise's approval until `giftWindowDays` after it
 *                arrived — delivered, else shipped, else approved; a reaction linked to a
 *                surprise is gift-triggered whatever its date)
 *   decay        0.5^(age_days / halfLifeDays)
 *   reach        min(reachCap, 1 + log10(1 + followers) / reachDivisor)
 *
 * "Fair, not loud": reach may at most double a contribution, so reachCap is capped at 2.
 */
const weight = (min: number, max: number, message: MessageKey) =>
	z.number(zodText(message)).min(min, zodText(message)).max(max, zodText(message));

export const ScoreWeights = z
	.object({
		sentiment: z.object({
			positive: weight(0.01, 10, 'score_weight_positive'),
			neutral: weight(0, 10, 'score_weight_neutral'),
			negative: weight(-10, 0, 'score_weight_negative')
		}),
		kind: z.object({
			post: weight(0, 10, 'use_weight_from_0_to_10'),
			review: weight(0, 10, 'use_weight_from_0_to_10'),
			photo_video: weight(0, 10, 'use_weight_from_0_to_10'),
			comment: weight(0, 10, 'use_weight_from_0_to_10'),
			share: weight(0, 10, 'use_weight_from_0_to_10')
		}),
		spontaneity: weight(1, 10, 'score_weight_spontaneity'),
		giftWindowDays: z
			.number(zodText('use_whole_number_of_days'))
			.int(zodText('use_whole_number_of_days'))
			.min(0, zodText('at_least_0_days'))
			.max(365, zodText('at_most_days')),
		halfLifeDays: weight(1, 3650, 'score_weight_half_life'),
		reachCap: weight(1, 2, 'score_weight_reach_cap'),
		reachDivisor: weight(0.5, 100, 'score_weight_reach_divisor')
	})
	.strict();
export type ScoreWeights = z.output<typeof ScoreWeights>;

export const DEFAULT_SCORE_WEIGHTS: ScoreWeights = {
	sentiment: { positive: 1, neutral: 0.2, negative: -0.5 },
	kind: { post: 1, review: 1.2, photo_video: 1.5, comment: 0.6, share: 0.4 },
	spontaneity: 1.5,
	giftWindowDays: 30,
	halfLifeDays: 90,
	reachCap: 2,
	reachDivisor: 4
};

/** Tier thresholds (setting `tiers`). */
export interface TierThresholds {
	fan: number;
	supporter: number;
	advocate: number;
	ambassador: number;
}
export const DEFAULT_TIERS: TierThresholds = { fan: 1, supporter: 3, advocate: 6, ambassador: 10 };

/** Emerging and slipping away: fixed, not settings. */
export const EMERGING = { windowDays: 30, minRise: 0.5, minPoints: 2 } as const;
export const SLIPPING = { quietDays: 60 } as const;
