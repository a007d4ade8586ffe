import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { migrateDatabase, openDatabase, type Database } from '#db/client.ts';
import { parseEnv } from '#api/env.ts';
import type { Log } from '#api/http/types.ts';
import { jobs as shippedJobs, type Job } from '#api/jobs/jobs.ts';
import { jobRunnerStatus, startScheduler, type Scheduler } from '#api/jobs/scheduler.ts';
import type { JobFailureView } from '#api/domain/jobs/job-failures.ts';
import { createDatabase, dropDatabase } from '../../support/pg-server.ts';
import { testApi } from '../../support/api.ts';

/** Two app instances' schedulers (each its own pg-boss and pool) on one real PostgreSQL database. */
describe('two schedulers racing on one PostgreSQL database', () => {
	const adminUrl = inject('pgAdminUrl');
	let url: string;
	let name: string;
	let database: Database;
	let sql: postgres.Sql;
	const errors: unknown[] = [];
	const log: Log = (level, msg, data) => {
		if (level === 'error') errors.push({ msg, ...data });
	};

	beforeAll(async () => {
		name = `t_jobs_race_${process.pid}_${Date.now().toString(36)}`;
		url = await createDatabase(adminUrl, name);
		database = await openDatabase({ url, max: 10 });
		await migrateDatabase(database);
		sql = postgres(url, { max: 1, onnotice: () => {} });
	}, 60_000);
	afterAll(async () => {
		await sql?.end({ timeout: 5 });
		await database?.close();
		await dropDatabase(adminUrl, name);
	});

	async function two(jobs: readonly Job[], extra: { tickMs?: number } = {}) {
		const env = parseEnv({ DATABASE_URL: url, LOG_LEVEL: 'silent' });
		const options = {
			database,
			env,
			log,
			jobs,
			pollSeconds: 0.5,
			retry: { limit: 3, delaySeconds: 1, maxDelaySeconds: 60 },
			...extra
		};
		return Promise.all([startScheduler(options), startScheduler(options)]);
	}
	const stopAll = (schedulers: Scheduler[]) => Promise.all(schedulers.map((s) => s.stop()));
	const runsOf = async (job: string) =>
		sql<{ state: string; slot: string }[]>`
			select state, singleton_on::text as slot from pgboss.job
			where name = 'scheduled-jobs' and data->>'job' = ${job} order by singleton_on`;

	it('the shipped jobs run once per period however often both instances tick, without an error', async () => {
		errors.length = 0;
		// A session that ran out an hour ago, for the clean-up to delete; a live one to keep.
		const t = testApi(database);
		const live = await t.user('hub');
		const stale = await t.user('marketing');
		await sql`update sessions set expires_at = now() - interval '1 hour' where user_id = ${stale.id}`;
		const schedulers = await two(shippedJobs, { tickMs: 60_000 });
		try {
			// Both instances file every job ten times, all at once.
			await Promise.all(Array.from({ length: 10 }, () => schedulers.map((s) => s.tick())).flat());
			for (const job of shippedJobs) {
				await expect
					.poll(async () => (await runsOf(job.name)).map((r) => r.state), {
						timeout: 20_000,
						interval: 250
					})
					.toSatisfy(
						(states: string[]) => states.length > 0 && states.every((s) => s === 'completed')
					);
				const runs = await runsOf(job.name);
				// One per period: only a minute boundary inside the test adds a second mail run.
				expect(new Set(runs.map((r) => r.slot)).size).toBe(runs.length);
				expect(runs.length).toBeLessThanOrEqual(job.everySeconds === 60 ? 2 : 1);
			}
			expect(errors).toEqual([]);
			const left = await sql<{ user_id: string }[]>`select user_id from sessions`;
			expect(left.map((r) => r.user_id)).toEqual([live.id]);
			expect(jobRunnerStatus()).toMatchObject({ running: true, alive: true });
		} finally {
			await stopAll(schedulers);
		}
		expect(jobRunnerStatus().running).toBe(false);
	}, 60_000);

	it('a one-second job ticked by both every 100 ms runs exactly once in each second', async () => {
		const ran: number[] = [];
		const perSecond: Job = {
			name: 'every-second',
			everySeconds: 1,
			run: async () => {
				ran.push(Date.now());
				return {};
			}
		};
		const schedulers = await two([perSecond], { tickMs: 100 });
		try {
			await new Promise((resolve) => setTimeout(resolve, 4_500));
		} finally {
			await stopAll(schedulers);
		}
		const runs = await runsOf('every-second');
		const completed = runs.filter((r) => r.state === 'completed');
		expect(completed.length).toBeGreaterThanOrEqual(3);
		// Every period's run was filed once and ran once, across both instances.
		expect(new Set(runs.map((r) => r.slot)).size).toBe(runs.length);
		expect(ran).toHaveLength(completed.length);
	}, 30_000);

	it('a failing job is retried with growing delays; every attempt shows with its error on the admins’ page', async () => {
		const attemptsAt: number[] = [];
		const failing: Job = {
			name: 'always-fails',
			everySeconds: 3_600,
			run: async () => {
				attemptsAt.push(Date.now());
				throw new Error(`SMTP said no (${attemptsAt.length})`);
			}
		};
		const schedulers = await two([failing], { tickMs: 200 });
		try {
			// 1 + 3 retries (retryDelay 1 s: the n-th retry waits 2^(n-1) to 2^n seconds).
			await expect
				.poll(async () => (await runsOf('always-fails')).map((r) => r.state), {
					timeout: 25_000,
					interval: 250
				})
				.toEqual(['failed']);
		} finally {
			await stopAll(schedulers);
		}
		expect(attemptsAt).toHaveLength(4);
		const gaps = attemptsAt.slice(1).map((t, i) => (t - attemptsAt[i]!) / 1000);
		expect(gaps[0]).toBeGreaterThanOrEqual(0.95);
		expect(gaps[1]).toBeGreaterThanOrEqual(1.95);
		expect(gaps[2]).toBeGreaterThanOrEqual(3.95);
		expect(gaps[2]).toBeGreaterThan(gaps[0]!);

		const t = testApi(database);
		const admin = await t.user('admin');
		const res = await t.client.api.v1.jobs.failures.$get({}, { headers: admin.headers });
		expect(res.status).toBe(200);
		const { items } = (await res.json()) as { items: JobFailureView[] };
		const mine = items.filter((f) => f.job === 'always-fails');
		expect(mine.map((f) => [f.attempt, f.attempts, f.gaveUp, f.error])).toEqual([
			[4, 4, true, 'SMTP said no (4)'],
			[3, 4, false, 'SMTP said no (3)'],
			[2, 4, false, 'SMTP said no (2)'],
			[1, 4, false, 'SMTP said no (1)']
		]);
		expect(new Date(mine[0]!.failedAt).getTime()).toBeGreaterThanOrEqual(attemptsAt[3]!);

		// Admins only, from the role list the route declares.
		for (const role of ['hub', 'marketing'] as const) {
			const other = await t.user(role);
			const refused = await t.client.api.v1.jobs.failures.$get({}, { headers: other.headers });
			expect(refused.status).toBe(403);
		}
		expect((await t.client.api.v1.jobs.failures.$get({})).status).toBe(401);
	}, 40_000);
});
