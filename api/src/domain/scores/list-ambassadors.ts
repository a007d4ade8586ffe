import { and, desc, eq, isNotNull, isNull, not, sql, type SQL } from 'drizzle-orm';
import { ambassadorScores, customers } from '../../../../db/schema/index.ts';
import { requireRole, type Ctx } from '../context.ts';
import { ValidationError } from '../errors.ts';
import { decodeCursor, encodeCursor } from '../pagination.ts';
import { readSetting } from '../settings/settings.ts';
import { levelRangeOfTier, liveScore } from './live.ts';
import type { Tier } from './score.ts';
import { ListAmbassadorsInput } from './schemas.ts';

export interface AmbassadorItem {
	customerId: string;
	name: string;
	/** The score now (decayed to this moment) and its tier. */
	score: number;
	tier: Tier;
	/** The score 30 days ago, and the change since: what "emerging" is judged on. */
	scoreBefore: number;
	change: number;
	reactionCount: number;
	lastPositiveAt: string | null;
	emergingSince: string | null;
	slippingSince: string | null;
	computedAt: string;
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** Customers who count: not staff, not opted out, not erased. */
export const countedCustomer = and(
	not(customers.isStaff),
	not(customers.optedOut),
	isNull(customers.erasedAt)
);

/**
 * The leaderboard, highest score first (ties by id), keyset-paginated: everyone with a score above
 * 0, one tier (by the score now), the emerging ones (rose ≥ 50 % and ≥ 2 points over 30 days, not
 * yet ambassador) or those slipping away (advocate or more, no positive reaction for 60 days) as of
 * the last recompute. Team members and opted-out customers are never listed. Any staff role.
 */
export async function listAmbassadors({
	ctx,
	input
}: {
	ctx: Ctx;
	input: unknown;
}): Promise<{ items: AmbassadorItem[]; nextCursor: string | null }> {
	// The system (the scheduled report) reads it too.
	if (ctx.actor.type !== 'system') requireRole(ctx, 'hub', 'marketing', 'admin');
	const { tier, view, cursor, limit } = ListAmbassadorsInput.parse(input);
	const now = ctx.now();
	const [weights, tiers] = await Promise.all([
		readSetting(ctx, 'score_weights'),
		readSetting(ctx, 'tiers')
	]);
	const conditions: (SQL | undefined)[] = [isNotNull(ambassadorScores.level), countedCustomer];
	if (tier) conditions.push(levelRangeOfTier(tier, now, weights, tiers));
	if (view === 'emerging') conditions.push(isNotNull(ambassadorScores.emergingSince));
	if (view === 'slipping') conditions.push(isNotNull(ambassadorScores.slippingSince));
	if (cursor) {
		const after = decodeCursor(cursor);
		if (typeof after.sortValue !== 'number' || !Number.isFinite(after.sortValue)) {
			throw new ValidationError('cursor_is_not_valid', [
				{ field: 'cursor', message: 'use_nextcursor_of_previous_page' }
			]);
		}
		conditions.push(
			sql`(${ambassadorScores.level}, ${ambassadorScores.customerId}) < (${String(after.sortValue)}::float8, ${after.id}::uuid)`
		);
	}
	const rows = await ctx.db
		.select({
			// Not the components: the leaderboard needs the numbers only.
			customerId: ambassadorScores.customerId,
			level: ambassadorScores.level,
			levelBefore: ambassadorScores.levelBefore,
			reactionCount: ambassadorScores.reactionCount,
			lastPositiveAt: ambassadorScores.lastPositiveAt,
			emergingSince: ambassadorScores.emergingSince,
			slippingSince: ambassadorScores.slippingSince,
			computedAt: ambassadorScores.computedAt,
			name: customers.name
		})
		.from(ambassadorScores)
		.innerJoin(customers, eq(customers.id, ambassadorScores.customerId))
		.where(and(...conditions))
		.orderBy(desc(ambassadorScores.level), desc(ambassadorScores.customerId))
		.limit(limit + 1);
	const page = rows.slice(0, limit);
	const last = page.at(-1);
	return {
		items: page.map((r) => {
			const live = liveScore(r, now, weights, tiers);
			return {
				customerId: r.customerId,
				name: r.name,
				score: live.score,
				tier: live.tier,
				scoreBefore: live.scoreBefore,
				change: live.score - live.scoreBefore,
				reactionCount: r.reactionCount,
				lastPositiveAt: iso(r.lastPositiveAt),
				emergingSince: iso(r.emergingSince),
				slippingSince: iso(r.slippingSince),
				computedAt: r.computedAt.toISOString()
			};
		}),
		nextCursor:
			rows.length > limit && last ? encodeCursor(Number(last.level), last.customerId) : null
	};
}
