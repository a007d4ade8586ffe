/**
 * Runs the scheduled jobs of jobs.ts on pg-boss, a PostgreSQL job queue, so that every instance on
 * one database may run the scheduler: each tick files the current period's run of every job as a
 * throttled pg-boss job (one per job per period, whichever instance files it first); any instance's
 * worker takes it; a failed run is retried with exponential backoff, and each failed attempt is
 * written to job_failures for the admins' jobs page. The embedded database gets the same through
 * pg-boss's PGlite adapter (one process there anyway). Opt-in: boot() starts it only when asked,
 * tests start their own.
 */
import type { PGlite } from '@electric-sql/pglite';
import { PgBoss, fromPglite, type JobWithMetadata } from 'pg-boss';
import type { Database } from '../../../db/client.ts';
import { systemCtx } from '../domain/context.ts';
import { emailTemplates } from '../domain/email/templates.ts';
import { createMailTransport } from '../domain/email/transport.ts';
import { recordJobFailure } from '../domain/jobs/job-failures.ts';
import type { Env } from '../env.ts';
import { JOB_STOP_TIMEOUT_MS } from '../http/shutdown.ts';
import type { Log } from '../http/types.ts';
import { countedRun } from './job-stats.ts';
import { jobs as defaultJobs, type Job, type JobDeps } from './jobs.ts';

/** One pg-boss queue for all jobs: one worker polls it, each job's period is its own throttle key. */
const QUEUE = 'scheduled-jobs';

export interface RetryPolicy {
	/** Attempts after the first. */
	limit: number;
	/** The first retry comes after 1–2× this, each next one after twice as long (pg-boss's jitter). */
	delaySeconds: number;
	maxDelaySeconds: number;
}
/** Retries after ≈ 30–60 s, 1–2, 2–4 and 4–8 minutes; then the period is given up. */
const DEFAULT_RETRY: RetryPolicy = { limit: 4, delaySeconds: 30, maxDelaySeconds: 1_800 };

export interface SchedulerOptions {
	database: Database;
	env: Env;
	log: Log;
	now?: () => Date;
	/** Defaults to every job in jobs.ts. */
	jobs?: readonly Job[];
	/** How often this instance files the current periods' runs (default 15 s). */
	tickMs?: number;
	/** How often an idle worker asks for work (default 2 s; at least 0.5). */
	pollSeconds?: number;
	retry?: RetryPolicy;
}

export interface Scheduler {
	/** One run of the named job now, in this process, outside the schedule. */
	run(name: string): Promise<Record<string, number>>;
	/** File the current period's run of every job (what the timer does). */
	tick(): Promise<void>;
	stop(): Promise<void>;
}

interface Runner {
	tickMs: number;
	lastTickAt: Date | null;
}
const runners = new Set<Runner>();

/**
 * Whether this process's job runner is alive, for readiness checks: started, not stopped, and its
 * last tick (filing the periods' runs in the database) within three tick intervals.
 */
export function jobRunnerStatus(at: Date = new Date()): {
	running: boolean;
	alive: boolean;
	lastTickAt: string | null;
} {
	let last: Runner | undefined;
	for (const r of runners) if (!last || (r.lastTickAt ?? 0) > (last.lastTickAt ?? 0)) last = r;
	const alive = !!last?.lastTickAt && at.getTime() - last.lastTickAt.getTime() < 3 * last.tickMs;
	return { running: runners.size > 0, alive, lastTickAt: last?.lastTickAt?.toISOString() ?? null };
}

export async function startScheduler(options: SchedulerOptions): Promise<Scheduler> {
	const { database, env, log } = options;
	const now = options.now ?? (() => new Date());
	const list = options.jobs ?? defaultJobs;
	const byName = new Map(list.map((job) => [job.name, job]));
	const retry = options.retry ?? DEFAULT_RETRY;
	const transport = createMailTransport(env);
	// A broken template should stop the start, not a delivery at 3 a.m.
	emailTemplates();
	const deps: JobDeps = {
		ctx: () => ({ ...systemCtx(database.db), now }),
		db: database.db,
		database,
		now,
		origin: env.PUBLIC_ORIGIN ? new URL(env.PUBLIC_ORIGIN).origin : `http://localhost:${env.PORT}`,
		transport,
		backupDir: env.BACKUP_DIR
	};

	const boss = newBoss(database, env);
	boss.on('error', (error) => log('error', 'job runner error', { error: error.message }));
	await boss.start();
	await boss.createQueue(QUEUE);

	const runner: Runner = { tickMs: options.tickMs ?? 15_000, lastTickAt: null };
	const run = async (name: string) => {
		const job = byName.get(name);
		if (!job) throw new Error(`no job named ${name}`);
		const result = await countedRun(name, () => job.run(deps));
		if (Object.values(result).some((n) => n > 0)) log('info', `job ${name}`, result);
		return result;
	};

	await boss.work(
		QUEUE,
		{
			pollingIntervalSeconds: options.pollSeconds ?? 2,
			batchSize: 1,
			// A slow SMTP server must not hold up the hourly jobs.
			localConcurrency: 2,
			includeMetadata: true
		},
		async ([job]: JobWithMetadata<{ job: string }>[]) => {
			const name = job!.data.job;
			if (!byName.has(name)) return; // a job an older version filed and this one dropped
			try {
				await run(name);
			} catch (error) {
				const attempt = job!.retryCount + 1;
				const attempts = job!.retryLimit + 1;
				const message = (error as Error)?.message || String(error);
				log('error', `job ${name} failed`, {
					attempt,
					attempts,
					error: (error as Error)?.stack ?? message
				});
				await recordJobFailure(database.db, {
					job: name,
					attempt,
					attempts,
					error: message,
					at: now()
				}).catch((e: Error) =>
					log('error', 'job failure not recorded', { job: name, error: e.message })
				);
				throw error; // pg-boss retries it later
			}
		}
	);

	const tick = async () => {
		let filed = true;
		for (const job of list) {
			try {
				await boss.sendThrottled(
					QUEUE,
					{ job: job.name },
					{
						retryLimit: retry.limit,
						retryDelay: retry.delaySeconds,
						retryBackoff: true,
						retryDelayMax: retry.maxDelaySeconds
					},
					job.everySeconds,
					job.name
				);
			} catch (error) {
				filed = false;
				log('error', 'job not filed', { job: job.name, error: (error as Error).message });
			}
		}
		if (filed) runner.lastTickAt = new Date();
	};

	let ticking: Promise<void> | null = null;
	const onTimer = () => {
		ticking ??= tick().finally(() => (ticking = null));
	};
	// The first tick right away, not a full interval later.
	onTimer();
	const timer = setInterval(onTimer, runner.tickMs);
	timer.unref();
	runners.add(runner);
	log('info', 'scheduler started', {
		jobs: list.length,
		smtp: transport ? 'yes' : 'no (local outbox)'
	});

	let stopped: Promise<void> | null = null;
	return {
		run,
		tick,
		stop() {
			stopped ??= (async () => {
				clearInterval(timer);
				runners.delete(runner);
				await ticking;
				// Graceful: running jobs finish (or, after the timeout, are retried by another instance).
				await boss.stop({ graceful: true, timeout: JOB_STOP_TIMEOUT_MS });
				transport?.close();
			})();
			return stopped;
		}
	};
}

/** PostgreSQL: pg-boss's own small pool; embedded: the one PGlite connection through its adapter. */
function newBoss(database: Database, env: Env): PgBoss {
	const common = { schedule: false, application_name: 'hoppatee-jobs' } as const;
	if (database.kind === 'pglite') {
		const client = (database.db as unknown as { $client: PGlite }).$client;
		return new PgBoss({ ...common, db: fromPglite(client), backend: 'pglite' });
	}
	if (!env.DATABASE_URL) throw new Error('the job runner needs DATABASE_URL for PostgreSQL');
	return new PgBoss({ ...common, connectionString: env.DATABASE_URL, max: 3 });
}
