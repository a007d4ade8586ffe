import { and, count, desc, eq, gte, isNotNull } from 'drizzle-orm';
import { ambassadorScores, customers, reactions, sentiments } from '../../../../db/schema/index.ts';
import { requireRole, type Ctx } from '../context.ts';
import { countedCustomer } from '../scores/list-ambassadors.ts';
import { liveScore } from '../scores/live.ts';
import { readSetting } from '../settings/settings.ts';
import { DAY_MS, type Sentiment } from '../scores/score.ts';

const NEWEST_EMERGING = 5;

/**
 * The dashboard's reaction figures: reactions posted in the last 7 days with their sentiment split,
 * and the newest emerging ambassadors. Any staff role. Counts are parsed (numbers from PGlite,
 * strings from postgres.js).
 */
export async function reactionsDashboard({ ctx }: { ctx: Ctx }) {
	requireRole(ctx, 'hub', 'marketing', 'admin');
	const since = new Date(ctx.now().getTime() - 7 * DAY_MS);
	const [weights, tiers] = await Promise.all([
		readSetting(ctx, 'score_weights'),
		readSetting(ctx, 'tiers')
	]);
	const [split, emerging] = await Promise.all([
		ctx.db
			.select({ sentiment: reactions.sentiment, n: count() })
			.from(reactions)
			.where(gte(reactions.postedAt, since))
			.groupBy(reactions.sentiment),
		ctx.db
			.select({
				customerId: ambassadorScores.customerId,
				name: customers.name,
				level: ambassadorScores.level,
				levelBefore: ambassadorScores.levelBefore,
				since: ambassadorScores.emergingSince
			})
			.from(ambassadorScores)
			.innerJoin(customers, eq(customers.id, ambassadorScores.customerId))
			.where(and(isNotNull(ambassadorScores.emergingSince), countedCustomer))
			.orderBy(desc(ambassadorScores.emergingSince), desc(ambassadorScores.level))
			.limit(NEWEST_EMERGING)
	]);
	const bySentiment = Object.fromEntries(sentiments.map((s) => [s, 0])) as Record<
		Sentiment,
		number
	>;
	for (const row of split) bySentiment[row.sentiment] = Number(row.n);
	return {
		reactions: {
			since: since.toISOString(),
			total: Object.values(bySentiment).reduce((a, b) => a + b, 0),
			bySentiment
		},
		emerging: emerging.map((e) => {
			const live = liveScore(e, ctx.now(), weights, tiers);
			return {
				customerId: e.customerId,
				name: e.name,
				score: live.score,
				change: live.score - live.scoreBefore,
				tier: live.tier,
				since: e.since!.toISOString()
			};
		})
	};
}
export type ReactionsDashboard = Awaited<ReturnType<typeof reactionsDashboard>>;
