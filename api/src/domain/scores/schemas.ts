import { z } from 'zod';
import { optionalFilter, Page } from '../surprises/schemas.ts';
import { leaderboardTiers, leaderboardViews } from '../vocabulary.ts';

export { leaderboardTiers, leaderboardViews };

/** The leaderboard: everyone with a score, or one tier, or the emerging / slipping-away view. */
export const ListAmbassadorsInput = z.object({
	tier: optionalFilter(leaderboardTiers),
	view: optionalFilter(leaderboardViews),
	...Page
});
export type ListAmbassadorsInput = z.output<typeof ListAmbassadorsInput>;
