import { z } from '@hono/zod-openapi';
import { sql } from 'drizzle-orm';
import { defineRoute } from '../http/access.ts';
import { newRouter } from '../http/router.ts';
import { json, problemResponses } from '../http/schemas.ts';
import { DatabaseUnavailableError } from '../http/unavailable.ts';
import { jobRunnerStatus } from '../jobs/scheduler.ts';
import { msg, type Message } from '../messages/index.ts';
import { migrationStatus } from '../../../db/migration-status.ts';
import { problem } from '../http/problem.ts';

/** How long /ready waits for the database before it says no. */
const READY_TIMEOUT_MS = 3000;

const Check = z.enum(['ok', 'off', 'failing']);
const Checks = z.object({ database: Check, migrations: Check, jobs: Check });

/** The job runner ticks: started, not stopped, its timer fired lately (jobRunnerStatus's window). */
function jobsProblem(at: Date): Message | null {
	const status = jobRunnerStatus(at);
	if (!status.running) return msg('not_ready_jobs_stopped');
	// Just started, its first tick still under way: the instance serves meanwhile.
	if (status.alive || !status.lastTickAt) return null;
	const since = at.getTime() - Date.parse(status.lastTickAt);
	return msg('not_ready_jobs_stalled', { seconds: Math.round(since / 1000) });
}

const health = defineRoute({
	method: 'get',
	path: '/health',
	summary: 'Liveness: the process answers (the database is not asked; see /ready)',
	tags: ['meta'],
	access: { public: true },
	responses: {
		200: json(z.object({ status: z.literal('ok'), database: z.enum(['pglite', 'postgres']) }))
	}
});

const ready = defineRoute({
	method: 'get',
	path: '/ready',
	summary:
		"Readiness: the database answers, its migrations are this version's, the background jobs run; else 503 problem+json naming what is not",
	tags: ['meta'],
	access: { public: true },
	responses: {
		200: json(
			z.object({
				status: z.literal('ready'),
				database: z.enum(['pglite', 'postgres']),
				checks: Checks
			})
		),
		503: {
			description:
				'Not ready: the database is out of reach (code unavailable, with Retry-After), or migrations or jobs are not (code not_ready, with checks)',
			content: problemResponses[400].content
		}
	}
});

export const healthRoutes = newRouter()
	// A restart does not bring the database back: liveness stays 200 through an outage.
	.openapi(health, (c) =>
		c.json({ status: 'ok' as const, database: c.get('deps').database.kind }, 200)
	)
	.openapi(ready, async (c) => {
		const { database } = c.get('deps');
		let timer: NodeJS.Timeout | undefined;
		const timeout = new Promise<never>((_, reject) => {
			timer = setTimeout(() => reject(new DatabaseUnavailableError()), READY_TIMEOUT_MS);
		});
		let migrations;
		try {
			await Promise.race([database.db.execute(sql`select 1`), timeout]);
			migrations = await Promise.race([migrationStatus(database), timeout]);
		} finally {
			clearTimeout(timer);
		}
		const reasons: Message[] = [];
		if (migrations.pending)
			reasons.push(msg('not_ready_migrations_pending', { count: migrations.pending }));
		if (migrations.unknown)
			reasons.push(msg('not_ready_migrations_unknown', { count: migrations.unknown }));
		const { runsJobs, now } = c.get('deps');
		const jobs = runsJobs ? jobsProblem(now?.() ?? new Date()) : null;
		if (jobs) reasons.push(jobs);
		const checks: z.infer<typeof Checks> = {
			database: 'ok',
			migrations: migrations.pending || migrations.unknown ? 'failing' : 'ok',
			// A process that runs no jobs (tests, a web-only instance) is not waiting for them.
			jobs: !runsJobs ? 'off' : jobs ? 'failing' : 'ok'
		};
		if (reasons.length)
			return problem(c, 503, msg('not_ready', { reasons }), { code: 'not_ready', checks }) as never;
		return c.json({ status: 'ready' as const, database: database.kind, checks }, 200);
	});
