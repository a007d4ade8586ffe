/**
 * /metrics: Prometheus text a scraper parses, behind METRICS_TOKEN (401 without it) or, with no
 * token set, for loopback clients only (403 otherwise, and through a proxy). Requests are counted
 * by route pattern, never by raw path; the mail queue, the pool and the jobs are there.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApi } from '#api/app.ts';
import { parseEnv } from '#api/env.ts';
import { CLIENT_IP_HEADER } from '#api/http/names.ts';
import { startScheduler } from '#api/jobs/scheduler.ts';
import type { Database } from '#db/client.ts';
import { emailOutbox } from '#db/schema/index.ts';
import { testApi } from '../../support/api.ts';
import { expectProblem } from '../../support/expect-http.ts';
import { engines, freshDatabase } from '../../support/databases.ts';

const TOKEN = 'metrics-token-for-the-test-0123456789';

interface Sample {
	name: string;
	labels: Record<string, string>;
	value: number;
}

/** The text exposition format, line by line: `name{a="b",…} value`; HELP/TYPE comments kept by name. */
function parse(text: string): { samples: Sample[]; types: Map<string, string> } {
	const samples: Sample[] = [];
	const types = new Map<string, string>();
	for (const line of text.split('\n')) {
		if (!line) continue;
		const type = line.match(/^# TYPE (\S+) (\S+)$/);
		if (type) types.set(type[1]!, type[2]!);
		if (line.startsWith('#')) continue;
		const m = line.match(/^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/);
		if (!m) throw new Error(`not a sample line: ${line}`);
		const labels: Record<string, string> = {};
		for (const l of (m[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)) labels[l[1]!] = l[2]!;
		samples.push({ name: m[1]!, labels, value: Number(m[3]) });
	}
	return { samples, types };
}

function value(samples: Sample[], name: string, labels: Record<string, string> = {}) {
	const found = samples.filter(
		(s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v)
	);
	return found.length === 1 ? found[0]!.value : found.length === 0 ? undefined : NaN;
}

describe.each(engines)('GET /metrics with METRICS_TOKEN on %s', (engine) => {
	let database: Database;
	let t: ReturnType<typeof testApi>;
	const scrape = (headers: Record<string, string> = { authorization: `Bearer ${TOKEN}` }) =>
		t.request('/metrics', { headers });

	beforeAll(async () => {
		database = await freshDatabase(engine);
		t = testApi(database, { METRICS_TOKEN: TOKEN });
	}, 60_000);
	afterAll(async () => {
		await database?.close();
	});

	it('refuses a scrape without the token, or with another, with 401 problem+json', async () => {
		for (const headers of [
			{} as Record<string, string>,
			{ authorization: 'Bearer wrong-token-of-some-length' },
			{ authorization: TOKEN },
			{ [CLIENT_IP_HEADER]: '127.0.0.1' }
		]) {
			const res = await scrape(headers);
			expect(res.headers.get('www-authenticate')).toBe('Bearer realm="metrics"');
			expect((await expectProblem(res, 401)).detail).toContain('METRICS_TOKEN');
		}
	});

	it('counts requests per method, route pattern and status, and times them', async () => {
		const hub = await t.user('hub');
		const ids = [crypto.randomUUID(), crypto.randomUUID()];
		for (const id of ids)
			expect((await t.request(`/api/v1/customers/${id}`, { headers: hub.headers })).status).toBe(
				404
			);
		await t.request('/api/health');
		await t.request('/api/health');
		await t.request(`/api/v1/no-such-thing/${ids[0]}`);

		const res = await scrape();
		expect(res.status).toBe(200);
		expect(res.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
		const text = await res.text();
		const { samples, types } = parse(text);
		for (const id of ids) expect(text).not.toContain(id);

		expect(types.get('hoppatee_http_requests_total')).toBe('counter');
		expect(types.get('hoppatee_http_request_duration_seconds')).toBe('histogram');
		const count = (route: string, status: string) =>
			value(samples, 'hoppatee_http_requests_total', { method: 'GET', route, status });
		expect(count('/api/v1/customers/:id', '404')).toBe(2);
		expect(count('/api/health', '200')).toBe(2);
		expect(count('unmatched', '404')).toBe(1);
		const health = { method: 'GET', route: '/api/health' };
		expect(value(samples, 'hoppatee_http_request_duration_seconds_count', health)).toBe(2);
		expect(
			value(samples, 'hoppatee_http_request_duration_seconds_bucket', { ...health, le: '+Inf' })
		).toBe(2);
		expect(value(samples, 'hoppatee_http_request_duration_seconds_sum', health)).toBeGreaterThan(0);
		// The scrape itself is not an API request, and the process figures come along.
		expect(samples.some((s) => s.labels.route === '/metrics')).toBe(false);
		expect(value(samples, 'process_resident_memory_bytes')).toBeGreaterThan(0);
	});

	it('reports the mail queue depth and the age of the oldest waiting mail', async () => {
		let { samples } = parse(await (await scrape()).text());
		expect(value(samples, 'hoppatee_mail_queue_depth')).toBe(0);
		expect(value(samples, 'hoppatee_mail_queue_oldest_age_seconds')).toBe(0);

		const mail = (key: string, status: string, ageSeconds: number) => ({
			eventKey: `${key}-${crypto.randomUUID()}`,
			toAddress: 'someone@example.test',
			subject: 'Test',
			html: '<p>Test</p>',
			text: 'Test',
			status,
			messageId: `<${crypto.randomUUID()}@example.test>`,
			createdAt: new Date(Date.now() - ageSeconds * 1000)
		});
		await database.db
			.insert(emailOutbox)
			.values([
				mail('a', 'queued', 600),
				mail('b', 'sending', 60),
				mail('c', 'sent', 7200),
				mail('d', 'failed', 7200),
				mail('e', 'outbox', 7200)
			]);
		({ samples } = parse(await (await scrape()).text()));
		expect(value(samples, 'hoppatee_mail_queue_depth')).toBe(2);
		const age = value(samples, 'hoppatee_mail_queue_oldest_age_seconds')!;
		expect(age).toBeGreaterThanOrEqual(600);
		expect(age).toBeLessThan(660);
		expect(value(samples, 'hoppatee_db_up')).toBe(1);
	});

	it('reports the database pool: its size and its open connections by state', async () => {
		const { samples } = parse(await (await scrape()).text());
		const open = samples.filter((s) => s.name === 'hoppatee_db_pool_connections');
		if (engine === 'pglite') {
			expect(value(samples, 'hoppatee_db_pool_max')).toBe(1);
			expect(open).toEqual([
				{ name: 'hoppatee_db_pool_connections', labels: { state: 'idle' }, value: 1 }
			]);
			return;
		}
		// freshDatabase opens a pool of 60; the requests above opened some of them.
		expect(value(samples, 'hoppatee_db_pool_max')).toBe(60);
		const total = open.reduce((n, s) => n + s.value, 0);
		expect(total).toBeGreaterThanOrEqual(1);
		expect(total).toBeLessThanOrEqual(60);
		expect(
			value(samples, 'hoppatee_db_pool_connections', { state: 'idle' })
		).toBeGreaterThanOrEqual(1);
	});
});

describe('GET /metrics without METRICS_TOKEN', () => {
	let database: Database;
	let t: ReturnType<typeof testApi>;
	beforeAll(async () => {
		database = await freshDatabase('pglite');
		t = testApi(database);
	}, 60_000);
	afterAll(async () => {
		await database?.close();
	});

	it('serves loopback clients, and refuses others and anything through a proxy with 403', async () => {
		for (const ip of ['127.0.0.1', '::1', '::ffff:127.0.0.1'])
			expect((await t.request('/metrics', { headers: { [CLIENT_IP_HEADER]: ip } })).status).toBe(
				200
			);
		for (const headers of [
			{} as Record<string, string>,
			{ [CLIENT_IP_HEADER]: '10.0.0.7' },
			{ [CLIENT_IP_HEADER]: '127.0.0.1', 'x-forwarded-for': '203.0.113.9' },
			{ [CLIENT_IP_HEADER]: '127.0.0.1', forwarded: 'for=203.0.113.9' },
			{ [CLIENT_IP_HEADER]: '10.0.0.7', authorization: `Bearer ${TOKEN}` }
		]) {
			const problem = await expectProblem(await t.request('/metrics', { headers }), 403);
			expect(problem.detail).toContain('loopback');
		}
	});
});

describe('GET /metrics and the background jobs', () => {
	let database: Database;
	beforeAll(async () => {
		database = await freshDatabase('pglite');
	}, 60_000);
	afterAll(async () => {
		await database?.close();
	});

	it('counts job runs and failures per job', async () => {
		const env = parseEnv({ LOG_LEVEL: 'silent', METRICS_TOKEN: TOKEN });
		// Two jobs of the test's own: one that works, one that fails every attempt (retried at once).
		const scheduler = await startScheduler({
			database,
			env,
			log: () => {},
			pollSeconds: 0.5,
			retry: { limit: 2, delaySeconds: 0, maxDelaySeconds: 1 },
			jobs: [
				{ name: 'works', everySeconds: 3600, run: async () => ({ done: 1 }) },
				{
					name: 'breaks',
					everySeconds: 3600,
					run: async () => {
						throw new Error('broken on purpose');
					}
				}
			]
		});
		const api = createApi({ database, env, log: () => {}, runsJobs: true });
		const scrape = async () =>
			parse(
				await (
					await api.fetch(
						new Request('http://localhost/metrics', {
							headers: { authorization: `Bearer ${TOKEN}` }
						})
					)
				).text()
			).samples;
		try {
			await expect
				.poll(async () => value(await scrape(), 'hoppatee_job_failures_total', { job: 'breaks' }), {
					timeout: 20_000
				})
				.toBeGreaterThanOrEqual(2);
			const samples = await scrape();
			expect(value(samples, 'hoppatee_job_runs_total', { job: 'works' })).toBe(1);
			expect(value(samples, 'hoppatee_job_failures_total', { job: 'works' })).toBe(0);
			expect(value(samples, 'hoppatee_job_runs_total', { job: 'breaks' })).toBe(
				value(samples, 'hoppatee_job_failures_total', { job: 'breaks' })
			);
			expect(value(samples, 'hoppatee_job_running', { job: 'works' })).toBe(0);
			expect(
				value(samples, 'hoppatee_job_last_duration_seconds', { job: 'works' })
			).toBeGreaterThanOrEqual(0);
		} finally {
			await scheduler.stop();
		}
	}, 40_000);
});
