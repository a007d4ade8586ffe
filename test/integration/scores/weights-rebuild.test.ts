/**
 * A weights change rebuilds every reaction's term and every score in batches, in the background,
 * while the hub works: on both engines the rebuild ends consistent with a from-scratch recompute,
 * stops and resumes from its committed place, starts over when the weights are saved again, and
 * gives a reaction logged meanwhile the new weights; on PostgreSQL a batch failing mid-way is
 * retried, and many connections log and edit reactions and read the leaderboard while it runs.
 */
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf, type Database } from '#db/client.ts';
import { ambassadorScores, auditLog, reactions, scoreWeightRebuilds } from '#db/schema/index.ts';
import { systemCtx, type Ctx } from '#api/domain/context.ts';
import { logReaction } from '#api/domain/reactions/log-reaction.ts';
import { updateReaction } from '#api/domain/reactions/update-reaction.ts';
import { listAmbassadors } from '#api/domain/scores/list-ambassadors.ts';
import { recomputeScores, runNightlyScoreRecompute } from '#api/domain/scores/recompute-scores.ts';
import { DAY_MS } from '#api/domain/scores/score.ts';
import { rebuildScoreMasses, scoreMassOfColumns } from '#api/domain/scores/score-mass.ts';
import {
	continueWeightsRebuild,
	getWeightsRebuild,
	settleWeightsRebuild,
	stopWeightsRebuild
} from '#api/domain/scores/weights-rebuild.ts';
import { DEFAULT_SCORE_WEIGHTS, type ScoreWeights } from '#api/domain/scores/weights.ts';
import { putSetting } from '#api/domain/settings/settings.ts';
import { engines, freshDatabase } from '../../support/databases.ts';
import { testApi } from '../../support/api.ts';
import { expectProblem, expectStatus } from '../../support/expect-http.ts';
import { adminCtx, expectStoredEqualsPure, scoreFixtures } from './support.ts';

const NOW = Date.UTC(2026, 10, 20, 12);
const kinds = ['post', 'review', 'photo_video', 'comment', 'share'] as const;
const sentiments = ['positive', 'neutral', 'negative'] as const;
let halfLife = 90;
/** Weights that differ from every earlier set in the run (a new half-life each time). */
const nextWeights = (): ScoreWeights => ({
	...DEFAULT_SCORE_WEIGHTS,
	halfLifeDays: ++halfLife,
	kind: { ...DEFAULT_SCORE_WEIGHTS.kind, review: 1 + (halfLife % 7) / 2 }
});

describe.each(engines)('weights rebuild on %s', (engine) => {
	let database: Database;
	let admin: Ctx;
	const at = (ms: number): Ctx => ({ ...systemCtx(database.db), now: () => new Date(ms) });
	const staff = (): Ctx => ({
		...at(NOW),
		actor: { type: 'user', id: crypto.randomUUID(), role: 'hub', name: 'Hub', email: 'h@x.test' }
	});

	beforeAll(async () => {
		database = await freshDatabase(engine);
		admin = await adminCtx(database, NOW);
	}, 60_000);
	afterAll(async () => {
		await stopWeightsRebuild();
		await database?.close();
	});

	/** Customers with reactions (some gift-triggered), their terms stored and scored, as before a change. */
	async function hub(customers: number, perCustomer: number) {
		const f = scoreFixtures(database);
		const people = [];
		for (let i = 0; i < customers; i++) people.push(await f.customer({ followers: i * 37 }));
		for (const [i, p] of people.entries()) {
			if (i % 3 === 0) {
				await f.surprise(p.id, {
					status: 'delivered',
					approvedAt: new Date(NOW - 40 * DAY_MS),
					shippedAt: new Date(NOW - 38 * DAY_MS),
					deliveredAt: new Date(NOW - 37 * DAY_MS)
				});
			}
		}
		await database.db.insert(reactions).values(
			people.flatMap((p, i) =>
				Array.from({ length: perCustomer + (i % 4) }, (_, j) => ({
					customerId: p.id,
					channel: 'x' as const,
					url: `https://x.com/${p.handle}/status/${j}`,
					postedAt: new Date(NOW - ((i * 7 + j * 13) % 300) * DAY_MS),
					kind: kinds[(i + j) % kinds.length]!,
					sentiment: sentiments[(i * j) % 3]!,
					followers: i * 37
				}))
			)
		);
		const current = (await getWeightsRebuild({ ctx: admin }))?.version ?? 0;
		await rebuildScoreMasses(at(NOW), await currentWeights(), sql`true`, { version: current });
		await recomputeScores({ ctx: at(NOW) });
		return people.map((p) => p.id);
	}

	async function currentWeights(): Promise<ScoreWeights> {
		const [row] = await database.db
			.select({ weights: scoreWeightRebuilds.weights })
			.from(scoreWeightRebuilds)
			.orderBy(sql`${scoreWeightRebuilds.version} desc`)
			.limit(1);
		return (row?.weights as ScoreWeights | undefined) ?? DEFAULT_SCORE_WEIGHTS;
	}

	/** Saves new weights and stops the run the save started, so the test drives the batches. */
	async function saveHeld(weights: ScoreWeights) {
		await putSetting({ ctx: admin, input: { key: 'score_weights', value: weights } });
		await stopWeightsRebuild();
		return (await getWeightsRebuild({ ctx: admin }))!;
	}

	/** Every reaction's term is of `version` and equals the term the SQL computes for `weights`. */
	async function expectTermsOf(version: number, weights: ScoreWeights) {
		const [row] = rowsOf<{ behind: number; wrong: number }>(
			await database.db.execute(
				sql`select count(*) filter (where score_mass_version <> ${version}::int)::int as behind,
				           count(*) filter (where score_mass is distinct from ${scoreMassOfColumns(weights)})::int as wrong
				    from reactions`
			)
		);
		expect(row).toEqual({ behind: 0, wrong: 0 });
	}

	/** The stored scores equal a recompute from scratch (every score row deleted first). */
	async function expectSameAsFromScratch() {
		const key = (r: typeof ambassadorScores.$inferSelect) => ({
			score: Number(r.score.toPrecision(9)),
			level: r.level === null ? null : Number(r.level.toPrecision(9)),
			tier: r.tier,
			reactionCount: r.reactionCount,
			giftCount: r.giftCount,
			components: (r.components as { reactionId: string }[]).map((c) => c.reactionId).sort()
		});
		const stored = new Map(
			(await database.db.select().from(ambassadorScores)).map((r) => [r.customerId, key(r)])
		);
		await database.db.delete(ambassadorScores);
		await recomputeScores({ ctx: at(NOW) });
		const scratch = new Map(
			(await database.db.select().from(ambassadorScores)).map((r) => [r.customerId, key(r)])
		);
		expect(stored.size).toBe(scratch.size);
		expect(Object.fromEntries(stored)).toEqual(Object.fromEntries(scratch));
	}

	it('saving weights answers at once, the rebuild runs in the background, and ends consistent with a from-scratch recompute', async () => {
		const ids = await hub(30, 4);
		const weights = nextWeights();
		const t = testApi(database);
		const adminUser = await t.user('admin');
		await putSetting({ ctx: admin, input: { key: 'score_weights', value: weights } });
		// The save answered with the rebuild under way (its batches start after the answer).
		expect((await getWeightsRebuild({ ctx: admin }))?.state).toBe('running');
		await settleWeightsRebuild();
		const { rebuild } = await expectStatus<{
			rebuild: { version: number; state: string; done: number; total: number; error: null };
		}>(
			await t.client.api.v1.scores['weights-rebuild'].$get({}, { headers: adminUser.headers }),
			200
		);
		expect(rebuild).toMatchObject({ state: 'finished', error: null });
		expect(rebuild.done).toBe(rebuild.total);
		expect(rebuild.total).toBeGreaterThanOrEqual(ids.length);
		await expectTermsOf(rebuild.version, weights);
		await expectStoredEqualsPure(database, ids, new Date(NOW), { weights });
		await expectSameAsFromScratch();
		const hubUser = await t.user('hub');
		await expectProblem(
			await t.client.api.v1.scores['weights-rebuild'].$get({}, { headers: hubUser.headers }),
			403
		);
	}, 120_000);

	it('stopped part-way it resumes from its committed place; meanwhile a logged reaction and its customer get the new weights, and no full recompute mixes them', async () => {
		const ids = await hub(24, 3);
		const weights = nextWeights();
		const job = await saveHeld(weights);
		expect(job).toMatchObject({ state: 'running', done: 0 });
		expect(job.total).toBeGreaterThanOrEqual(ids.length);

		const first = await continueWeightsRebuild({
			ctx: at(NOW),
			input: { batchSize: 5, maxBatches: 2 }
		});
		expect(first.batches).toBe(2);
		expect(first.job).toMatchObject({ version: job.version, state: 'running', done: 10 });

		// The last customer (id order) is not reached yet: logging for them rebuilds their terms first.
		const [late] = rowsOf<{ id: string }>(
			await database.db.execute(
				sql`select c.id from customers c where exists (select 1 from reactions r where r.customer_id = c.id) order by c.id desc limit 1`
			)
		);
		await logReaction({
			ctx: at(NOW),
			input: {
				customerId: late!.id,
				text: 'Geweldig 😍',
				postedAt: new Date(NOW - DAY_MS).toISOString(),
				kind: 'review'
			}
		});
		const mine = await database.db
			.select({ version: reactions.scoreMassVersion })
			.from(reactions)
			.where(eq(reactions.customerId, late!.id));
		expect(mine.length).toBeGreaterThan(1);
		expect(mine.map((r) => r.version)).toEqual(mine.map(() => job.version));
		await expectStoredEqualsPure(database, [late!.id], new Date(NOW), { weights });

		// A full recompute now would score the customers not reached with old terms: refused, and the
		// nightly run waits for the rebuild.
		await expect(recomputeScores({ ctx: at(NOW) })).rejects.toMatchObject({ code: 'conflict' });
		const auditsBefore = await database.db
			.select()
			.from(auditLog)
			.where(eq(auditLog.action, 'scores.recompute'));
		expect(
			await runNightlyScoreRecompute({ ctx: at(Date.UTC(2026, 10, 21, 4)), input: {} })
		).toEqual({ recomputed: 0 });
		expect(
			await database.db.select().from(auditLog).where(eq(auditLog.action, 'scores.recompute'))
		).toHaveLength(auditsBefore.length);

		// As the scheduler's next tick does: on from the committed place, not from the start.
		const rest = await continueWeightsRebuild({ ctx: at(NOW), input: { batchSize: 5 } });
		expect(rest.job).toMatchObject({ state: 'finished', error: null });
		expect(rest.batches).toBe(Math.ceil((rest.job!.done - 10) / 5));
		await expectTermsOf(job.version, weights);
		await expectStoredEqualsPure(database, ids, new Date(NOW), { weights });
		await expectSameAsFromScratch();
		expect(await continueWeightsRebuild({ ctx: at(NOW) })).toEqual({ job: null, batches: 0 });
	}, 120_000);

	it('saving again during a rebuild supersedes it and starts over with the newest weights', async () => {
		const ids = await hub(20, 3);
		const older = await saveHeld(nextWeights());
		await continueWeightsRebuild({ ctx: at(NOW), input: { batchSize: 4, maxBatches: 2 } });
		const newest = nextWeights();
		const job = await saveHeld(newest);
		expect(job).toMatchObject({ version: older.version + 1, state: 'running', done: 0 });
		const [was] = await database.db
			.select()
			.from(scoreWeightRebuilds)
			.where(eq(scoreWeightRebuilds.version, older.version));
		expect(was).toMatchObject({ state: 'superseded', done: 8 });
		const done = await continueWeightsRebuild({ ctx: at(NOW), input: { batchSize: 4 } });
		expect(done.job).toMatchObject({ version: job.version, state: 'finished' });
		expect(done.job!.done).toBe(job.total);
		await expectTermsOf(job.version, newest);
		await expectStoredEqualsPure(database, ids, new Date(NOW), { weights: newest });
		await expectSameAsFromScratch();
	}, 120_000);

	if (engine === 'postgres')
		it('a batch that fails mid-way (its statement cancelled while it waits) is rolled back and its error shown; the next run redoes it and finishes', async () => {
			const ids = await hub(12, 3);
			const weights = nextWeights();
			const job = await saveHeld(weights);
			await continueWeightsRebuild({ ctx: at(NOW), input: { batchSize: 4, maxBatches: 1 } });
			// The next batch waits for a customer's lock held elsewhere; then its statement is cancelled.
			const [next] = rowsOf<{ id: string }>(
				await database.db.execute(
					sql`select c.id from customers c, score_weight_rebuilds w where w.version = ${job.version}::int and c.id > w.cursor
					    and exists (select 1 from reactions r where r.customer_id = c.id) order by c.id limit 1`
				)
			);
			let release!: () => void;
			const held = new Promise<void>((resolve) => (release = resolve));
			let locked!: () => void;
			const lockTaken = new Promise<void>((resolve) => (locked = resolve));
			const holder = database.db.transaction(async (tx) => {
				await tx.execute(sql`select pg_advisory_xact_lock(7370002, hashtext(${next!.id}))`);
				locked();
				await held;
			});
			await lockTaken;
			const batch = continueWeightsRebuild({ ctx: at(NOW), input: { batchSize: 4 } });
			let pid: number | undefined;
			for (let i = 0; i < 200 && pid === undefined; i++) {
				const [waiting] = rowsOf<{ pid: number }>(
					await database.db.execute(
						sql`select pid from pg_stat_activity where datname = current_database() and wait_event = 'advisory' and pid <> pg_backend_pid() limit 1`
					)
				);
				pid = waiting?.pid;
				if (pid === undefined) await new Promise((r) => setTimeout(r, 25));
			}
			expect(pid).toBeDefined();
			await database.db.execute(sql`select pg_cancel_backend(${pid}::int)`);
			await expect(batch).rejects.toThrow();
			release();
			await holder;
			const failed = (await getWeightsRebuild({ ctx: admin }))!;
			expect(failed).toMatchObject({ version: job.version, state: 'running', done: 4 });
			expect(failed.error).toBeTruthy();

			const resumed = await continueWeightsRebuild({ ctx: at(NOW), input: { batchSize: 4 } });
			expect(resumed.job).toMatchObject({ state: 'finished', error: null });
			await expectTermsOf(job.version, weights);
			await expectStoredEqualsPure(database, ids, new Date(NOW), { weights });
			await expectSameAsFromScratch();
		}, 120_000);

	if (engine === 'postgres')
		it('many connections log and edit reactions and read the leaderboard while the rebuild runs; it ends consistent', async () => {
			const ids = await hub(120, 4);
			const weights = nextWeights();
			const job = await saveHeld(weights);
			let rebuilding = true;
			let duringRebuild = 0;
			const rebuild = (async () => {
				try {
					return await continueWeightsRebuild({ ctx: at(NOW), input: { batchSize: 3 } });
				} finally {
					rebuilding = false;
				}
			})();
			const board = staff();
			const workers = Array.from({ length: 24 }, async (_, w) => {
				for (let i = 0; i < 12; i++) {
					const customerId = ids[(w * 31 + i * 17) % ids.length]!;
					if (rebuilding) duringRebuild += 1;
					if (i % 3 === 2) {
						const [some] = await database.db
							.select({ id: reactions.id })
							.from(reactions)
							.where(eq(reactions.customerId, customerId))
							.limit(1);
						await updateReaction({
							ctx: at(NOW),
							input: { id: some!.id, changes: { sentiment: sentiments[(w + i) % 3]! } }
						});
					} else if (i % 4 === 3) {
						const page = await listAmbassadors({ ctx: board, input: {} });
						expect(page.items.length).toBeGreaterThan(0);
					} else {
						await logReaction({
							ctx: at(NOW),
							input: {
								customerId,
								text: 'Top service 👍',
								postedAt: new Date(NOW - ((w * 12 + i) % 200) * DAY_MS).toISOString(),
								kind: kinds[(w + i) % kinds.length]!
							}
						});
					}
				}
			});
			await Promise.all(workers);
			const result = await rebuild;
			expect(result.job).toMatchObject({ version: job.version, state: 'finished', error: null });
			expect(duringRebuild).toBeGreaterThan(50);
			await expectTermsOf(job.version, weights);
			await expectStoredEqualsPure(database, ids, new Date(NOW), { weights });
			await expectSameAsFromScratch();
		}, 180_000);
});
