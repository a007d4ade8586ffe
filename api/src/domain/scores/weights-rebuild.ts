import { desc, eq, sql } from 'drizzle-orm';
import { rowsOf } from '../../../../db/client.ts';
import { scoreWeightRebuilds } from '../../../../db/schema/index.ts';
import { recordAudit } from '../audit.ts';
import { inTransaction, requireRole, userId, type Ctx } from '../context.ts';
import { readScoreSettings } from './live.ts';
import { recomputeCustomerScores, SCORES_LOCK } from './recompute-scores.ts';
import { massWeightsDiffer } from './score-mass.ts';
import type { ScoreWeights } from './weights.ts';

/**
 * New score weights without stopping the hub. Saving them (settings.ts) adds a version
 * (score_weight_rebuilds) in a short transaction; then every customer is rescored in batches, in
 * customer id order, each batch in its own transaction holding only its customers' locks: their
 * reactions' stored terms rewritten for the new weights and stamped with the version, and their
 * scores recomputed. Reaction logging, editing and the leaderboard go on meanwhile; a writer for a
 * customer the rebuild has not reached yet brings that customer's terms to the new version itself
 * (recomputeCustomerScores), so its reaction and its customer's score have the new weights at once.
 *
 * The job's place (`cursor`, the last customer rescored) is committed with each batch, so a stopped
 * or crashed instance loses at most the batch it was in: the next call of continueWeightsRebuild (the
 * scheduler's tick, the instance starting) carries on from there. A batch claims the job row with
 * SKIP LOCKED, so two instances never rescore the same batch. Saving again supersedes the running
 * version: the rebuild starts over with the newest weights.
 */

export interface WeightsRebuild {
	version: number;
	state: 'running' | 'finished' | 'superseded';
	/** Customers rescored and to rescore (customers with reactions, a score row or a tier). */
	done: number;
	total: number;
	startedAt: string;
	finishedAt: string | null;
	/** The last failed batch's error; cleared by the next batch that succeeds. */
	error: string | null;
}

const DEFAULT_BATCH = 100;
/**
 * A batch runs a quarter of the time: measured at a million reactions on 2 cores, a rebuild running
 * flat out (or half the time) slows logging a reaction to a p95 above 50 ms; see the README.
 */
const DEFAULT_REST_RATIO = 3;

/** Customers the rebuild rescores: those the full recompute would write (see recompute-sql.ts). */
const scored = sql`(c.tier <> 'none' or exists (select 1 from reactions r where r.customer_id = c.id) or exists (select 1 from ambassador_scores s where s.customer_id = c.id))`;

function viewOf(row: typeof scoreWeightRebuilds.$inferSelect): WeightsRebuild {
	return {
		version: row.version,
		state: row.state,
		done: row.done,
		total: Math.max(row.total, row.done),
		startedAt: row.startedAt.toISOString(),
		finishedAt: row.finishedAt?.toISOString() ?? null,
		error: row.error
	};
}

/**
 * In the transaction that saves the weights: a new version when a weight the terms depend on
 * changed (every weight does, see massWeightsDiffer), superseding a running one. Holds the scores
 * lock exclusively until the save commits, so every reaction writer either finished before (its
 * rows are rebuilt) or reads the new weights and version after. Returns the version, or null.
 */
export async function beginWeightsRebuild(
	ctx: Ctx,
	after: ScoreWeights,
	before: ScoreWeights
): Promise<number | null> {
	if (!massWeightsDiffer(before, after)) return null;
	// Counted before the lock (an index probe per customer): writers wait only for the short part.
	const [count] = rowsOf<{ n: number | string }>(
		await ctx.db.execute(sql`select count(*)::int as n from customers c where ${scored}`)
	);
	await ctx.db.execute(sql`select pg_advisory_xact_lock(${SCORES_LOCK}::bigint)`);
	const at = ctx.now();
	await ctx.db
		.update(scoreWeightRebuilds)
		.set({ state: 'superseded', finishedAt: at })
		.where(eq(scoreWeightRebuilds.state, 'running'));
	const [row] = await ctx.db
		.insert(scoreWeightRebuilds)
		.values({
			version: sql`(select coalesce(max(version), 0) + 1 from score_weight_rebuilds)`,
			weights: after,
			total: Number(count?.n ?? 0),
			startedAt: at,
			startedBy: userId(ctx.actor)
		})
		.returning({ version: scoreWeightRebuilds.version });
	return row!.version;
}

let abort = new AbortController();

type Step =
	| { kind: 'idle' }
	| { kind: 'batch'; job: WeightsRebuild }
	| { kind: 'finished'; job: WeightsRebuild };

/** One batch of the newest running version, in its own transaction. */
async function step(ctx: Ctx, batchSize: number): Promise<Step> {
	return inTransaction(ctx, async (ctx) => {
		// The scores lock shared first, as every writer takes it (a save takes it exclusively before
		// it supersedes the job row this claims), so the two never wait for each other in a cycle.
		await ctx.db.execute(
			sql`select set_config('jit', 'off', true), pg_advisory_xact_lock_shared(${SCORES_LOCK}::bigint)`
		);
		const [job] = await ctx.db
			.select()
			.from(scoreWeightRebuilds)
			.where(eq(scoreWeightRebuilds.state, 'running'))
			.orderBy(desc(scoreWeightRebuilds.version))
			.limit(1)
			.for('update', { skipLocked: true });
		if (!job) return { kind: 'idle' };
		const ids = rowsOf<{ id: string }>(
			await ctx.db.execute(
				sql`select c.id from customers c where ${job.cursor ? sql`c.id > ${job.cursor}::uuid and` : sql``} ${scored} order by c.id limit ${batchSize}`
			)
		).map((r) => r.id);
		const at = ctx.now();
		if (ids.length === 0) {
			const [done] = await ctx.db
				.update(scoreWeightRebuilds)
				.set({ state: 'finished', finishedAt: at, error: null, total: job.done })
				.where(eq(scoreWeightRebuilds.version, job.version))
				.returning();
			await recordAudit(ctx, {
				action: 'scores.weights_rebuilt',
				entity: 'scores',
				entityId: String(job.version),
				data: { customers: job.done, ms: at.getTime() - job.startedAt.getTime() }
			});
			return { kind: 'finished', job: viewOf(done!) };
		}
		const settings = await readScoreSettings(ctx);
		await recomputeCustomerScores(ctx, ids, settings, {
			lockEach: true,
			rebuild: { version: job.version, weights: job.weights as ScoreWeights }
		});
		const [next] = await ctx.db
			.update(scoreWeightRebuilds)
			.set({
				cursor: ids.at(-1)!,
				done: sql`${scoreWeightRebuilds.done} + ${ids.length}`,
				error: null
			})
			.where(eq(scoreWeightRebuilds.version, job.version))
			.returning();
		return { kind: 'batch', job: viewOf(next!) };
	});
}

/**
 * Carry the running weights rebuild on from where it stands, batch after batch, until it finishes,
 * `maxBatches` batches ran, `budgetMs` has passed or stopWeightsRebuild() is called (each batch commits its progress). The scheduler calls it
 * every tick, so a rebuild an instance left behind (stopped, crashed) is finished by whichever runs
 * next. A failed batch's error is stored on the job (shown on the settings page) and thrown; the
 * next call retries that batch. Returns the job as it stands, or null when none is running here.
 */
export async function continueWeightsRebuild({
	ctx,
	input = {}
}: {
	ctx: Ctx;
	input?: {
		batchSize?: number;
		maxBatches?: number;
		budgetMs?: number;
		/** Rest after each batch for this many times its duration: the hub keeps most of the machine. */
		restRatio?: number;
	};
}): Promise<{ job: WeightsRebuild | null; batches: number }> {
	const started = performance.now();
	// stopWeightsRebuild() (shutdown) stops every run in this process, the scheduler's too.
	const stopping = abort.signal;
	let job: WeightsRebuild | null = null;
	let batches = 0;
	while (
		!stopping.aborted &&
		batches < (input.maxBatches ?? Infinity) &&
		performance.now() - started < (input.budgetMs ?? Infinity)
	) {
		let result: Step;
		const batchStarted = performance.now();
		try {
			result = await step(ctx, input.batchSize ?? DEFAULT_BATCH);
		} catch (error) {
			await ctx.db
				.update(scoreWeightRebuilds)
				.set({ error: String((error as Error).message ?? error).slice(0, 2000) })
				.where(eq(scoreWeightRebuilds.state, 'running'));
			throw error;
		}
		if (result.kind === 'idle') break;
		job = result.job;
		if (result.kind === 'finished') break;
		batches += 1;
		const rest = (performance.now() - batchStarted) * (input.restRatio ?? DEFAULT_REST_RATIO);
		if (rest > 0) await new Promise((resolve) => setTimeout(resolve, rest));
	}
	return { job, batches };
}

/** GET /scores/weights-rebuild: the newest weights rebuild (admin), or null before the first change. */
export async function getWeightsRebuild({ ctx }: { ctx: Ctx }): Promise<WeightsRebuild | null> {
	requireRole(ctx, 'admin');
	const [row] = await ctx.db
		.select()
		.from(scoreWeightRebuilds)
		.orderBy(desc(scoreWeightRebuilds.version))
		.limit(1);
	return row ? viewOf(row) : null;
}

/**
 * The in-process run a save starts (the scheduler's tick finishes what it leaves): one at a time per
 * process; a save while it runs makes it look again when it would stop, so the newest version is
 * taken up at once. stopWeightsRebuild() lets the current batch commit and stops every run in this
 * process (shutdown; call it before stopping the scheduler, whose tick may be in one).
 */
let running: Promise<void> | null = null;
let again = false;

export function kickWeightsRebuild(ctx: Ctx): void {
	if (running) {
		again = true;
		return;
	}
	const system: Ctx = { db: ctx.db, actor: { type: 'system' }, now: ctx.now };
	const stopped = abort.signal;
	running = (async () => {
		// After the caller's answer has gone out.
		await new Promise((resolve) => setImmediate(resolve));
		do {
			again = false;
			try {
				await continueWeightsRebuild({ ctx: system });
			} catch {
				// Stored on the job (the settings page shows it); the scheduler's next tick retries.
				return;
			}
		} while (again && !stopped.aborted);
	})().finally(() => {
		running = null;
	});
}

/** Resolves once this process's run has stopped (tests; a caller that wants the new scores now). */
export async function settleWeightsRebuild(): Promise<void> {
	while (running) await running;
}

export async function stopWeightsRebuild(): Promise<void> {
	abort.abort();
	await running;
	abort = new AbortController();
}
