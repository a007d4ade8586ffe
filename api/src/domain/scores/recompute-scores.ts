import { and, eq, sql } from 'drizzle-orm';
import { rowsOf } from '../../../../db/client.ts';
import { auditLog } from '../../../../db/schema/index.ts';
import { recordAudit } from '../audit.ts';
import { amsterdamDate } from '../calendar/today.ts';
import { inTransaction, requireRole, type Ctx } from '../context.ts';
import { readScoreSettings, type ScoreSettings } from './live.ts';
import { recomputeStatement, type RecomputeScope } from './recompute-sql.ts';
import { massWeightsDiffer, rebuildScoreMasses } from './score-mass.ts';
import type { ScoreWeights } from './weights.ts';

/**
 * Advisory locks that keep the incremental and the full recompute from overwriting each other
 * with an older snapshot: the full recompute holds SCORES_LOCK exclusively; an incremental one
 * holds it shared plus a per-customer lock, so two writes for one customer score in turn and the
 * later one sees both reactions.
 */
const SCORES_LOCK = 7_370_001;
const CUSTOMER_LOCK_SPACE = 7_370_002;
const MAX_IDS_PER_STATEMENT = 5000;

export interface RecomputeResult {
	scored: number;
	tierChanges: number;
	historyRows: number;
}

async function run(
	ctx: Ctx,
	scope: RecomputeScope,
	settings: ScoreSettings
): Promise<RecomputeResult> {
	const now = ctx.now();
	const [row] = rowsOf<{
		scored: number | string;
		tier_changes: number | string;
		history_rows: number | string;
	}>(
		await ctx.db.execute(recomputeStatement(scope, { now, day: amsterdamDate(now), ...settings }))
	);
	// count(*)::int: a number from both drivers, parsed anyway.
	return {
		scored: Number(row?.scored ?? 0),
		tierChanges: Number(row?.tier_changes ?? 0),
		historyRows: Number(row?.history_rows ?? 0)
	};
}

/**
 * For this transaction only: no JIT (compiling this statement costs more than it saves: ~0.8 s at
 * 1M reactions, and its cost estimate would trigger it even for one customer) and the locks, all in
 * one round trip. The incremental run gets memory for its sorts and hashes; the full run merges
 * sorted streams (reactions in customer order from reactions_score_idx, customers and scores by key)
 * instead of hashing 100,000 rows three times, and needs no more than the default work_mem.
 */
function prepare(kind: 'all' | 'few' | 'many', ids: readonly string[] = []) {
	const locks =
		kind === 'few'
			? sql.join(
					[
						sql`pg_advisory_xact_lock_shared(${SCORES_LOCK}::bigint)`,
						...ids.map(
							(id) => sql`pg_advisory_xact_lock(${CUSTOMER_LOCK_SPACE}::int, hashtext(${id}))`
						)
					],
					sql`, `
				)
			: sql`pg_advisory_xact_lock(${SCORES_LOCK}::bigint)`;
	const plan =
		kind === 'all'
			? sql`set_config('enable_hashjoin', 'off', true)`
			: sql`set_config('work_mem', '32MB', true)`;
	return sql`select set_config('jit', 'off', true), ${plan}, ${locks}`;
}

/**
 * For a transaction about to write reactions: the scores lock shared and the locks of the customers
 * whose reactions it writes (or the scores lock exclusively, for a bulk write whose customers are
 * not known yet), then the score settings, in one round trip. Taken before the weights are read and
 * before any stored term is computed, so that
 *   - a weights change (which holds the scores lock exclusively while it rebuilds every stored term,
 *     see rebuildScoreMassesForWeights) waits for this writer and sees its rows, or this writer
 *     waits and reads the new weights;
 *   - a surprise move (which holds its customer's lock while it rebuilds that customer's terms, see
 *     rescoreAfterSurpriseMove) waits for this writer and sees its rows, or this writer waits and
 *     classifies its reactions against the moved gift window;
 * so no reaction keeps a stored term of old weights or old gift windows.
 */
export async function readScoreSettingsForWrite(
	ctx: Ctx,
	lock: { customers?: readonly string[]; exclusive?: boolean } = {}
): Promise<ScoreSettings> {
	const ids = [...new Set(lock.customers ?? [])].sort();
	const locks = lock.exclusive
		? sql`pg_advisory_xact_lock(${SCORES_LOCK}::bigint)`
		: sql.join(
				[
					sql`pg_advisory_xact_lock_shared(${SCORES_LOCK}::bigint)`,
					...ids.map(
						(id) => sql`pg_advisory_xact_lock(${CUSTOMER_LOCK_SPACE}::int, hashtext(${id}))`
					)
				],
				sql`, `
			);
	const [, settings] = await Promise.all([
		ctx.db.execute(sql`select ${locks}`),
		readScoreSettings(ctx)
	]);
	return settings;
}

/**
 * New weights: every reaction's stored term rebuilt in the caller's transaction, holding the scores
 * lock exclusively (reaction writers wait; see readScoreSettingsForWrite). Given the weights
 * before, only when a weight the term depends on changed (every weight: spontaneity and the gift
 * window decide each reaction's spontaneity, which the term includes).
 * Returns the rows rewritten.
 */
export async function rebuildScoreMassesForWeights(
	ctx: Ctx,
	after: ScoreWeights,
	before?: ScoreWeights
): Promise<number> {
	if (before && !massWeightsDiffer(before, after)) return 0;
	await ctx.db.execute(sql`select pg_advisory_xact_lock(${SCORES_LOCK}::bigint)`);
	return rebuildScoreMasses(ctx, after);
}

/**
 * Recompute the scores of the customers a write touched, inside the caller's transaction (no role
 * check: the calling verb did it). Indexed: only these customers' reactions and surprises are read.
 * Up to 20 customers take their own locks (in id order, so two writers never deadlock); a bulk
 * import takes the scores lock exclusively for its short statement.
 */
export async function recomputeCustomerScores(
	ctx: Ctx,
	customerIds: readonly string[],
	settings?: ScoreSettings
): Promise<RecomputeResult> {
	const ids = [...new Set(customerIds)].sort();
	const total: RecomputeResult = { scored: 0, tierChanges: 0, historyRows: 0 };
	if (ids.length === 0) return total;
	const [resolved] = await Promise.all([
		settings ?? readScoreSettings(ctx),
		ctx.db.execute(prepare(ids.length <= 20 ? 'few' : 'many', ids))
	]);
	for (let i = 0; i < ids.length; i += MAX_IDS_PER_STATEMENT) {
		const part = await run(
			ctx,
			{ kind: 'customers', ids: ids.slice(i, i + MAX_IDS_PER_STATEMENT) },
			resolved
		);
		total.scored += part.scored;
		total.tierChanges += part.tierChanges;
		total.historyRows += part.historyRows;
	}
	return total;
}

/** Every customer's score in one set-based statement (decay moves every score, so nightly). */
async function recomputeAll(
	ctx: Ctx,
	trigger: 'manual' | 'nightly'
): Promise<RecomputeResult & { ms: number }> {
	const started = performance.now();
	await ctx.db.execute(prepare('all'));
	const result = await run(ctx, { kind: 'all' }, await readScoreSettings(ctx));
	const ms = Math.round(performance.now() - started);
	await recordAudit(ctx, {
		action: 'scores.recompute',
		entity: 'scores',
		entityId: amsterdamDate(ctx.now()),
		data: { trigger, ...result, ms }
	});
	return { ...result, ms };
}

/** POST /scores/recompute: admin (or the system) recomputes every score now. */
export async function recomputeScores({
	ctx
}: {
	ctx: Ctx;
}): Promise<RecomputeResult & { ms: number; computedAt: string }> {
	if (ctx.actor.type !== 'system') requireRole(ctx, 'admin');
	const result = await inTransaction(ctx, (ctx) => recomputeAll(ctx, 'manual'));
	return { ...result, computedAt: ctx.now().toISOString() };
}

/**
 * The nightly recompute (decay moves every score): runs once per Amsterdam day from `fromHour`,
 * whichever instance gets there first; the others find today's audit row and skip.
 */
export async function runNightlyScoreRecompute({
	ctx,
	input = {}
}: {
	ctx: Ctx;
	input?: { fromHour?: number };
}): Promise<{ recomputed: number }> {
	const now = ctx.now();
	const hour =
		Number(
			new Intl.DateTimeFormat('en-GB', {
				timeZone: 'Europe/Amsterdam',
				hour: '2-digit',
				hour12: false
			}).format(now)
		) % 24;
	if (hour < (input.fromHour ?? 3)) return { recomputed: 0 };
	const day = amsterdamDate(now);
	return inTransaction(ctx, async (ctx) => {
		await ctx.db.execute(sql`select pg_advisory_xact_lock(${SCORES_LOCK}::bigint)`);
		const [done] = await ctx.db
			.select({ id: auditLog.id })
			.from(auditLog)
			.where(
				and(
					eq(auditLog.entity, 'scores'),
					eq(auditLog.entityId, day),
					eq(auditLog.action, 'scores.recompute'),
					sql`${auditLog.data}->>'trigger' = 'nightly'`
				)
			)
			.limit(1);
		if (done) return { recomputed: 0 };
		const result = await recomputeAll(ctx, 'nightly');
		return { recomputed: result.scored };
	});
}
