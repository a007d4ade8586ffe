/**
 * /api/ready names what is not ready: the database's migrations against this code's journal, and
 * the background jobs' scheduler (stopped, or no timer fired for too long). Liveness stays 200.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApi } from '#api/app.ts';
import { parseEnv } from '#api/env.ts';
import { jobRunnerStatus, startScheduler } from '#api/jobs/scheduler.ts';
import { rowsOf, type Database } from '#db/client.ts';
import { expectProblem, expectStatus } from '../../support/expect-http.ts';
import { engines, freshDatabase } from '../../support/databases.ts';

const env = parseEnv({ LOG_LEVEL: 'silent' });
const quiet = () => {};

function appWith(database: Database, runsJobs = false, now?: () => Date) {
	const api = createApi({ database, env, log: quiet, runsJobs, now });
	return (path: string) => api.fetch(new Request(`http://localhost${path}`));
}

describe.each(engines)('GET /api/ready on %s', (engine) => {
	let database: Database;
	let get: ReturnType<typeof appWith>;

	beforeAll(async () => {
		database = await freshDatabase(engine);
		get = appWith(database);
	}, 60_000);
	afterAll(async () => {
		await database?.close();
	});

	it('is ready on a migrated database, jobs off where the process runs none', async () => {
		const body = await expectStatus(await get('/api/ready'), 200);
		expect(body).toEqual({
			status: 'ready',
			database: engine,
			checks: { database: 'ok', migrations: 'ok', jobs: 'off' }
		});
	});

	it('says 503 naming the migrations when one of this version is not applied', async () => {
		const [last] = rowsOf<{ id: number; hash: string; created_at: string }>(
			await database.db.execute(
				sql`select id, hash, created_at from drizzle.__drizzle_migrations order by created_at desc limit 1`
			)
		);
		await database.db.execute(sql`delete from drizzle.__drizzle_migrations where id = ${last!.id}`);
		try {
			const res = await get('/api/ready');
			expect(res.headers.get('retry-after')).toBeNull();
			const problem = await expectProblem(res, 503);
			expect(problem).toMatchObject({
				code: 'not_ready',
				checks: { database: 'ok', migrations: 'failing', jobs: 'off' }
			});
			expect(problem.detail).toBe(
				'Hoppatee is not ready: 1 migrations of this version are not applied (npm run db:migrate).'
			);
			expect((await get('/api/health')).status).toBe(200);
		} finally {
			await database.db.execute(
				sql`insert into drizzle.__drizzle_migrations (id, hash, created_at) values (${last!.id}, ${last!.hash}, ${last!.created_at})`
			);
		}
		expect((await get('/api/ready')).status).toBe(200);
	});

	it('says 503 when a newer version migrated the database, in the reader’s language', async () => {
		await database.db.execute(
			sql`insert into drizzle.__drizzle_migrations (hash, created_at) values ('newer', 4102444800000)`
		);
		try {
			const api = createApi({ database, env, log: quiet });
			const res = await api.fetch(
				new Request('http://localhost/api/ready', { headers: { 'accept-language': 'nl' } })
			);
			const problem = await expectProblem(res, 503);
			expect(problem.checks).toMatchObject({ migrations: 'failing' });
			expect(problem.detail).toBe(
				'Hoppatee is niet gereed: de database bevat 1 migraties die deze versie niet kent (een nieuwere versie heeft hem gemigreerd).'
			);
		} finally {
			await database.db.execute(sql`delete from drizzle.__drizzle_migrations where hash = 'newer'`);
		}
	});
});

describe('GET /api/ready and the background jobs', () => {
	let database: Database;
	beforeAll(async () => {
		database = await freshDatabase('pglite');
	}, 60_000);
	afterAll(async () => {
		await database?.close();
	});

	it('is ready while the scheduler ticks, 503 naming the jobs once it stopped', async () => {
		const scheduler = await startScheduler({ database, env, log: quiet });
		try {
			const get = appWith(database, true);
			await expect
				.poll(async () => (await get('/api/ready')).status, { timeout: 10_000 })
				.toBe(200);
			expect(await expectStatus(await get('/api/ready'), 200)).toMatchObject({
				checks: { database: 'ok', migrations: 'ok', jobs: 'ok' }
			});
			await scheduler.stop();
			const problem = await expectProblem(await get('/api/ready'), 503);
			expect(problem).toMatchObject({ code: 'not_ready', checks: { jobs: 'failing' } });
			expect(problem.detail).toBe('Hoppatee is not ready: the background jobs have stopped.');
		} finally {
			await scheduler.stop();
		}
	});

	it('says 503 when its timer has not fired for three intervals', async () => {
		// Ticks every 15 s: 30 s on is still alive, ten minutes on is not.
		const scheduler = await startScheduler({ database, env, log: quiet, tickMs: 15_000 });
		try {
			const later = (ms: number) => () => new Date(Date.now() + ms);
			await expect.poll(() => jobRunnerStatus().lastTickAt, { timeout: 10_000 }).not.toBeNull();
			expect((await appWith(database, true, later(30_000))('/api/ready')).status).toBe(200);
			const problem = await expectProblem(
				await appWith(database, true, later(600_000))('/api/ready'),
				503
			);
			expect(problem.detail).toBe(
				'Hoppatee is not ready: the background jobs have not run for 600 s.'
			);
		} finally {
			await scheduler.stop();
		}
	});
});
