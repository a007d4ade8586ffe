/**
 * `/metrics` in the Prometheus text format (prom-client): API requests by route pattern, the
 * background jobs, the mail queue, the database pool and the process. One registry per app, so
 * every app (and every test) counts its own.
 *
 * Who may scrape: with METRICS_TOKEN set, whoever sends `Authorization: Bearer <token>` (401
 * otherwise); without it, this machine only — a loopback client address and no proxy header, since
 * a reverse proxy on the same host makes every request look local (403 otherwise).
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { Context, Hono } from 'hono';
import { matchedRoutes } from 'hono/route';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { poolStats } from '../../../db/pool-stats.ts';
import { mailQueueStats } from '../domain/email/mail-queue-stats.ts';
import { jobStats } from '../jobs/job-stats.ts';
import { msg } from '../messages/index.ts';
import { CLIENT_IP_HEADER, METRICS_PATH } from './names.ts';
import { problem } from './problem.ts';
import type { ApiDeps, AppEnv } from './types.ts';

/** Seconds: from a cached read to a CSV import or a label sheet. */
const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

const PROXY_HEADERS = ['x-forwarded-for', 'forwarded', 'x-real-ip'];

function isLoopback(address: string | undefined): boolean {
	return !!address && /^(127\.|::1$|::ffff:127\.)/.test(address);
}

function sameToken(given: string, expected: string): boolean {
	const digest = (s: string) => createHash('sha256').update(s).digest();
	return timingSafeEqual(digest(given), digest(expected));
}

/** The route pattern that answered (`/api/v1/customers/:id`), never the raw path: no ids in labels. */
function routeOf(c: Context<AppEnv>): string {
	const handler = matchedRoutes(c).findLast((r) => r.method !== 'ALL');
	return handler?.path ?? 'unmatched';
}

type AnyHono = Hono<AppEnv, never, string>;

/** Counts every request of `api` (mount it outermost) and serves the registry at /metrics on `root`. */
export function mountMetrics(root: AnyHono, api: AnyHono, deps: ApiDeps): void {
	const registers = [new Registry()];
	const [registry] = registers as [Registry];
	const now = () => (deps.now ?? (() => new Date()))();

	const requests = new Counter({
		name: 'hoppatee_http_requests_total',
		help: 'API requests answered, by method, route pattern and status',
		labelNames: ['method', 'route', 'status'],
		registers
	});
	const latency = new Histogram({
		name: 'hoppatee_http_request_duration_seconds',
		help: 'API request latency, by method and route pattern',
		labelNames: ['method', 'route'],
		buckets: LATENCY_BUCKETS,
		registers
	});

	// The job runner keeps its own tallies (jobs/job-stats.ts); a scrape copies them.
	const jobs = () => [...jobStats()];
	new Counter({
		name: 'hoppatee_job_runs_total',
		help: 'Background job runs finished, by job',
		labelNames: ['job'],
		registers,
		collect() {
			this.reset();
			for (const [job, s] of jobs()) this.inc({ job }, s.runs);
		}
	});
	new Counter({
		name: 'hoppatee_job_failures_total',
		help: 'Background job runs that failed, by job',
		labelNames: ['job'],
		registers,
		collect() {
			this.reset();
			for (const [job, s] of jobs()) this.inc({ job }, s.failures);
		}
	});
	new Gauge({
		name: 'hoppatee_job_running',
		help: 'Runs of the job in hand',
		labelNames: ['job'],
		registers,
		collect() {
			this.reset();
			for (const [job, s] of jobs()) this.set({ job }, s.running);
		}
	});
	new Gauge({
		name: 'hoppatee_job_last_duration_seconds',
		help: 'How long the last finished run of the job took',
		labelNames: ['job'],
		registers,
		collect() {
			this.reset();
			for (const [job, s] of jobs()) if (s.lastSeconds !== null) this.set({ job }, s.lastSeconds);
		}
	});

	// Database-backed figures: read once per scrape, before the registry renders; an unreachable
	// database leaves them out and says so in hoppatee_db_up.
	let figures: {
		mail: Awaited<ReturnType<typeof mailQueueStats>>;
		pool: Awaited<ReturnType<typeof poolStats>>;
	} | null = null;
	const readDatabase = async () => {
		try {
			figures = {
				mail: await mailQueueStats(deps.database.db, now()),
				pool: await poolStats(deps.database)
			};
		} catch (error) {
			figures = null;
			deps.log('warn', 'metrics: database figures unavailable', { error: String(error) });
		}
	};
	const fromDatabase = (help: string, name: string, read: (g: Gauge) => void, labels = false) =>
		new Gauge({
			name,
			help,
			labelNames: labels ? ['state'] : [],
			registers,
			collect() {
				this.reset();
				if (figures) read(this);
			}
		});
	new Gauge({
		name: 'hoppatee_db_up',
		help: '1 when the database answered the scrape',
		registers,
		collect() {
			this.set(figures ? 1 : 0);
		}
	});
	fromDatabase('Mail waiting to go out (queued or being sent)', 'hoppatee_mail_queue_depth', (g) =>
		g.set(figures!.mail.depth)
	);
	fromDatabase(
		'Age of the oldest mail waiting to go out, 0 when none waits',
		'hoppatee_mail_queue_oldest_age_seconds',
		(g) => g.set(figures!.mail.oldestAgeSeconds)
	);
	fromDatabase('Connections the pool may open', 'hoppatee_db_pool_max', (g) =>
		g.set(figures!.pool.max)
	);
	fromDatabase(
		"The pool's open connections by state (the scrape's own counts as idle)",
		'hoppatee_db_pool_connections',
		(g) => {
			for (const [state, n] of Object.entries(figures!.pool.connections)) g.set({ state }, n);
		},
		true
	);

	api.use(async (c, next) => {
		const started = performance.now();
		await next();
		const route = routeOf(c);
		requests.inc({ method: c.req.method, route, status: String(c.res.status) });
		latency.observe({ method: c.req.method, route }, (performance.now() - started) / 1000);
	});

	let processMetrics = false;
	root.get(METRICS_PATH, async (c) => {
		const token = deps.env.METRICS_TOKEN;
		if (token) {
			const given = c.req
				.header('authorization')
				?.match(/^bearer\s+(.+)$/i)?.[1]
				?.trim();
			if (!given || !sameToken(given, token)) {
				c.header('WWW-Authenticate', 'Bearer realm="metrics"');
				return problem(c, 401, msg('metrics_token_required'), { code: 'unauthenticated' });
			}
		} else if (
			!isLoopback(c.req.header(CLIENT_IP_HEADER)) ||
			PROXY_HEADERS.some((h) => c.req.header(h) !== undefined)
		) {
			return problem(c, 403, msg('metrics_loopback_only'), { code: 'forbidden' });
		}
		// Started on the first scrape: an app nobody scrapes (every test's) keeps no event-loop monitor.
		if (!processMetrics) collectDefaultMetrics({ register: registry });
		processMetrics = true;
		await readDatabase();
		return c.body(await registry.metrics(), 200, { 'Content-Type': registry.contentType });
	});
}
