import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import { rowsOf } from '../../../../db/client.ts';
import { auditLog, reactions, scoreWeightRebuilds } from '../../../../db/schema/index.ts';
import { recordAudit } from '../audit.ts';
import { amsterdamDate } from '../calendar/today.ts';
import { inTransaction, requireRole, type Ctx } from '../context.ts';
import { ConflictError } from '../errors.ts';
import { readScoreSettings, type ScoreSettings } from './live.ts';
import { recomputeStatement, type RecomputeScope } from './recompute-sql.ts';
import { rebuildScoreMasses } from './score-mass.ts';
import type { ScoreWeights } from './weights.ts';

/**
 * Advisory locks that keep the incremental and the full recompute from overwriting each other
 * with an older snapshot: the full recompute holds SCORES_LOCK exclusively; an incremental one
 * holds it shared plus a per-customer lock, so two writes for one customer score in turn and the
 * later one sees both reactions.
 */
export const SCORES_LOCK = 7_370_001;
const CUSTOMER_LOCK_SPACE = 7_370_002;
const MAX_IDS_PER_STATEMENT = 5000;

const customerLocks = (ids: readonly string[]) =>
	sql.join(
		[
			sql`pg_advisory_xact_lock_shared(${SCORES_LOCK}::bigint)`,
			...ids.map((id) => sql`pg_advisory_xact_lock(${CUSTOMER_LOCK_SPACE}::int, hashtext(${id}))`)
		],
		sql`, `
	);

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
	// Sorted like every other taker of customer locks (string order is uuid order), so none deadlock.
	const locks =
		kind === 'few' ? customerLocks(ids) : sql`pg_advisory_xact_lock(${SCORES_LOCK}::bigint)`;
	const plan =
		kind === 'all'
			? sql`set_config('enable_hashjoin', 'off', true)`
			: sql`set_config('work_mem', '32MB', true)`;
	return sql`select set_config('jit', 'off', true), ${plan}, ${locks}`;
}

/** The score settings as a writer reads them: with the weights version its stored terms carry. */
export interface ScoreWriteSettings extends ScoreSettings {
	/** The newest weights version (score_weight_rebuilds; 0 before the first change). */
	version: number;
	/** Whether that version is still being rebuilt (the weights above are its weights). */
	rebuilding: boolean;
}

/**
 * For a transaction about to write reactions: the scores lock shared and the locks of the customers
 * whose reactions it writes (or the scores lock exclusively, for a bulk write whose customers are
 * not known yet), then the score settings and the newest weights version, in one round trip. Taken
 * before the weights are read and before any stored term is computed, so that
 *   - a weights change (which holds the scores lock exclusively while it saves the weights and
 *     starts their rebuild, see weights-rebuild.ts) waits for this writer, whose rows the rebuild
 *     then rewrites, or this writer waits and writes terms of the new weights and version;
 *   - a surprise move (which holds its customer's lock while it rebuilds that customer's terms, see
 *     rescoreAfterSurpriseMove) waits for this writer and sees its rows, or this writer waits and
 *     classifies its reactions against the moved gift window;
 * so no reaction keeps a stored term of old weights or old gift windows.
 */
export async function readScoreSettingsForWrite(
	ctx: Ctx,
	lock: { customers?: readonly string[]; exclusive?: boolean } = {}
): Promise<ScoreWriteSettings> {
	const ids = [...new Set(lock.customers ?? [])].sort();
	const locks = lock.exclusive
		? sql`pg_advisory_xact_lock(${SCORES_LOCK}::bigint)`
		: customerLocks(ids);
	// The newest version is the running one if any: a save supersedes every older one.
	const [, settings, [row]] = await Promise.all([
		ctx.db.execute(sql`select ${locks}`),
		readScoreSettings(ctx),
		ctx.db
			.select({ version: scoreWeightRebuilds.version, state: scoreWeightRebuilds.state })
			.from(scoreWeightRebuilds)
			.orderBy(desc(scoreWeightRebuilds.version))
			.limit(1)
	]);
	return { ...settings, version: row?.version ?? 0, rebuilding: row?.state === 'running' };
}

/** The weights being rebuilt (the newest running version), if any. */
export interface RunningRebuild {
	version: number;
	weights: ScoreWeights;
}

export async function readRunningRebuild(ctx: Ctx): Promise<RunningRebuild | null> {
	const [row] = await ctx.db
		.select({ version: scoreWeightRebuilds.version, weights: scoreWeightRebuilds.weights })
		.from(scoreWeightRebuilds)
		.where(eq(scoreWeightRebuilds.state, 'running'))
		.orderBy(desc(scoreWeightRebuilds.version))
		.limit(1);
	return row ? { version: row.version, weights: row.weights as ScoreWeights } : null;
}

/**
 * Recompute the scores of the customers a write touched, inside the caller's transaction (no role
 * check: the calling verb did it). Indexed: only these customers' reactions and surprises are read.
 * Up to 20 customers take their own locks (in id order, so two writers never deadlock); a bulk
 * import takes the scores lock exclusively for its short statement; a weights rebuild's batch
 * (`lockEach`) takes each customer's lock whatever their number, so writers of other customers go on.
 * While new weights are being rebuilt, these customers' terms behind the newest version are rebuilt
 * first (read after the locks, so a batch of the rebuild never races it): a customer is never scored
 * from a mix of old and new terms.
 */
export async function recomputeCustomerScores(
	ctx: Ctx,
	customerIds: readonly string[],
	settings?: ScoreSettings,
	options: { lockEach?: boolean; rebuild?: RunningRebuild } = {}
): Promise<RecomputeResult> {
	const ids = [...new Set(customerIds)].sort();
	const total: RecomputeResult = { scored: 0, tierChanges: 0, historyRows: 0 };
	if (ids.length === 0) return total;
	// A writer's settings say whether a rebuild runs: read under the locks this transaction still
	// holds, so it stands (no save can start meanwhile, and no batch can take these customers).
	const known =
		options.rebuild ??
		(settings && 'rebuilding' in settings
			? (settings as ScoreWriteSettings).rebuilding
				? { version: (settings as ScoreWriteSettings).version, weights: settings.weights }
				: null
			: undefined);
	const [resolved, , rebuild] = await Promise.all([
		settings ?? readScoreSettings(ctx),
		ctx.db.execute(prepare(ids.length <= 20 || options.lockEach ? 'few' : 'many', ids)),
		known === undefined ? readRunningRebuild(ctx) : known
	]);
	for (let i = 0; i < ids.length; i += MAX_IDS_PER_STATEMENT) {
		const part = ids.slice(i, i + MAX_IDS_PER_STATEMENT);
		if (rebuild) {
			await rebuildScoreMasses(ctx, rebuild.weights, inArray(reactions.customerId, part), {
				version: rebuild.version,
				onlyStale: true
			});
		}
		const result = await run(ctx, { kind: 'customers', ids: part }, resolved);
		total.scored += result.scored;
		total.tierChanges += result.tierChanges;
		total.historyRows += result.historyRows;
	}
	return total;
}

/** Every customer's score in one set-based statement (decay moves every score, so nightly). */
async function recomputeAll(
	ctx: Ctx,
	trigger: 'manual' | 'nightly'
): Promise<(RecomputeResult & { ms: number }) | null> {
	const started = performance.now();
	await ctx.db.execute(prepare('all'));
	// Mid-rebuild, the customers not reached yet have terms of the old weights: scoring them all now
	// would mix weights. The rebuild rescores every customer itself.
	if (await readRunningRebuild(ctx)) {
		if (trigger === 'nightly') return null;
		throw new ConflictError('scores_weights_rebuilding');
	}
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
	const result = (await inTransaction(ctx, (ctx) => recomputeAll(ctx, 'manual')))!;
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
		return { recomputed: result?.scored ?? 0 };
	});
}
