import { sql, type SQL } from 'drizzle-orm';
import type { Ctx } from '../context.ts';
import {
	DAY_MS,
	LEVEL_EPOCH_MS,
	MASS_MAX_HALF_LIVES,
	type ReactionKind,
	type Sentiment
} from './score.ts';
import type { ScoreWeights } from './weights.ts';
import { giftedStatuses } from '../surprises/state-machine.ts';

/**
 * A reaction's stored score term, `reactions.score_mass`: decay factored out of the sum.
 *
 * A reaction's contribution at `now` is w · 2^(−(now − t) / h), with
 * w = sentiment × kind × reach × spontaneity (the reaction, the weights, and whether it is
 * gift-triggered: linked to a surprise or posted inside one of the customer's gift windows), t its
 * posting time and h the half-life. That is 2^(−(now − epoch) / h) · [w · 2^((t − epoch) / h)]: the bracket does not
 * depend on `now`, so it is stored per reaction and the full recompute sums the stored terms of
 * every reaction per customer and multiplies once per customer (recompute-sql.ts). Every reaction is
 * still read and summed at every recompute; nothing about a result is cached, only time is
 * factored out of each term.
 *
 * The term is null when it would not fit a float8 (more than MASS_MAX_HALF_LIVES half-lives from
 * the epoch: only with very short half-lives), and for rows written without it: the recompute then
 * computes that reaction's contribution in full, so a null is slower, never wrong.
 *
 * Kept in step with the reaction in the same transaction as every write that can change it (log,
 * edit, import; a deleted row takes its term with it), rebuilt for a customer's reactions when one
 * of their gift windows moves (rescore-after-surprise-move.ts), and for every reaction when the
 * weights change (weights-rebuild.ts: in batches of customers, in the background). Each row carries
 * the weights version of its term (`score_mass_version`); a customer is scored only once their rows
 * are of the newest version (recomputeCustomerScores brings them there first), so no score mixes
 * old and new weights.
 */

export interface MassInputs {
	sentiment: SQL;
	kind: SQL;
	followers: SQL;
	postedAt: SQL;
	customerId: SQL;
	surpriseId: SQL;
}

const f8 = (n: number) => sql`${String(n)}::float8`;

/**
 * Gift-triggered (no spontaneity bonus): linked to a surprise, or posted inside a gift window of the
 * customer (a gifted surprise's approval → its arrival + giftWindowDays, both ends included; the
 * same windows as recompute-sql.ts), by index (surprises_customer_idx): one look-up per reaction.
 */
export function giftTriggeredSql(
	r: Pick<MassInputs, 'customerId' | 'surpriseId' | 'postedAt'>,
	w: ScoreWeights
): SQL {
	const gifted = sql.join(
		giftedStatuses.map((s) => sql`${s}::surprise_status`),
		sql`, `
	);
	return sql`(${r.surpriseId} is not null or exists (select 1 from surprises gs where gs.customer_id = ${r.customerId} and gs.approved_at is not null and gs.status in (${gifted})
    and ${r.postedAt} >= gs.approved_at and ${r.postedAt} <= coalesce(gs.delivered_at, gs.shipped_at, gs.approved_at) + ${String(w.giftWindowDays)}::int * interval '1 day'))`;
}

/** The term as SQL over any inputs (columns or values): one expression, so every writer stores the same bits. */
export function scoreMassSql(r: MassInputs, w: ScoreWeights): SQL {
	const sentimentWeight = sql`(case ${r.sentiment} when 'positive' then ${f8(w.sentiment.positive)} when 'neutral' then ${f8(w.sentiment.neutral)} else ${f8(w.sentiment.negative)} end)`;
	const kindWeight = sql`(case ${r.kind} when 'post' then ${f8(w.kind.post)} when 'review' then ${f8(w.kind.review)} when 'photo_video' then ${f8(w.kind.photo_video)} when 'comment' then ${f8(w.kind.comment)} else ${f8(w.kind.share)} end)`;
	const reach = sql`least(${f8(w.reachCap)}, 1 + log(1 + ${r.followers}::float8) / ${f8(w.reachDivisor)})`;
	// (t − epoch) / halfLife in half-lives; date_part returns float8 (extract() is numeric).
	const halfLives = sql`((date_part('epoch', ${r.postedAt}) - ${f8(LEVEL_EPOCH_MS / 1000)}) / ${f8((DAY_MS / 1000) * w.halfLifeDays)})`;
	const spontaneity = sql`(case when ${giftTriggeredSql(r, w)} then 1::float8 else ${f8(w.spontaneity)} end)`;
	return sql`(case when abs(${halfLives}) <= ${f8(MASS_MAX_HALF_LIVES)} then ${sentimentWeight} * ${kindWeight} * ${reach} * ${spontaneity} * power(2::float8, ${halfLives}) end)`;
}

/** The term of the row being written, from its values (an UPDATE's SET sees the old columns, so values). */
export function scoreMassOf(
	values: {
		sentiment: Sentiment;
		kind: ReactionKind;
		followers: number;
		postedAt: Date;
		customerId: string;
		surpriseId: string | null;
	},
	weights: ScoreWeights
): SQL {
	return scoreMassSql(
		{
			sentiment: sql`${values.sentiment}::sentiment`,
			kind: sql`${values.kind}::reaction_kind`,
			followers: sql`${values.followers}::int`,
			postedAt: sql`${values.postedAt.toISOString()}::timestamptz`,
			customerId: sql`${values.customerId}::uuid`,
			surpriseId: sql`${values.surpriseId}::uuid`
		},
		weights
	);
}

/** The term over the columns of `reactions` (qualified by the table name: for an UPDATE of reactions). */
export const scoreMassOfColumns = (weights: ScoreWeights) =>
	scoreMassSql(
		{
			sentiment: sql.raw('reactions.sentiment'),
			kind: sql.raw('reactions.kind'),
			followers: sql.raw('reactions.followers'),
			postedAt: sql.raw('reactions.posted_at'),
			customerId: sql.raw('reactions.customer_id'),
			surpriseId: sql.raw('reactions.surprise_id')
		},
		weights
	);

/** Whether two weight sets give different terms (every weight is in the term now, spontaneity and the gift window included). */
export function massWeightsDiffer(a: ScoreWeights, b: ScoreWeights): boolean {
	const key = (w: ScoreWeights) =>
		JSON.stringify([
			w.sentiment.positive,
			w.sentiment.neutral,
			w.sentiment.negative,
			w.kind,
			w.halfLifeDays,
			w.reachCap,
			w.reachDivisor,
			w.spontaneity,
			w.giftWindowDays
		]);
	return key(a) !== key(b);
}

/**
 * Reactions' terms rebuilt for the given weights, in the caller's transaction, which holds the
 * locks of the customers whose rows `where` selects (or the scores lock exclusively). `where`
 * limits it (a surprise move: that customer's rows; a weights rebuild: a batch of customers; seeds:
 * the rows they inserted). With `version`, the rows are stamped with it; `onlyStale` then rewrites
 * only the rows behind it (a weights rebuild), else every row whose term differs (a gift window
 * moved). Returns the number of rows rewritten.
 */
export async function rebuildScoreMasses(
	ctx: Ctx,
	weights: ScoreWeights,
	where: SQL = sql`true`,
	options: { version?: number; onlyStale?: boolean } = {}
): Promise<number> {
	const mass = scoreMassOfColumns(weights);
	const { version } = options;
	const result = await ctx.db.execute(
		version === undefined
			? sql`update reactions set score_mass = ${mass} where (${where}) and score_mass is distinct from ${mass}`
			: options.onlyStale
				? sql`update reactions set score_mass = ${mass}, score_mass_version = ${version}::int where (${where}) and score_mass_version <> ${version}::int`
				: sql`update reactions set score_mass = ${mass}, score_mass_version = ${version}::int where (${where}) and (score_mass is distinct from ${mass} or score_mass_version <> ${version}::int)`
	);
	const r = result as unknown as { count?: number; affectedRows?: number };
	return Number(r.count ?? r.affectedRows ?? 0);
}
