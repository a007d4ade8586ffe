/**
 * The database goes away: the API says 503 with Retry-After (problem+json), readiness says no,
 * liveness stays yes. On a PostgreSQL server of this file's own, so stopping it spares the others.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateDatabase, openDatabase, type Database } from '../../../db/client.ts';
import { createDatabase, startPgServer, type PgServer } from '../../support/pg-server.ts';
import { TEST_PASSWORD, testApi } from '../../support/api.ts';
import { expectProblem } from '../../support/expect-http.ts';

describe('when the database is down', () => {
	let server: PgServer | undefined;
	let database: Database;
	let t: ReturnType<typeof testApi>;
	let hub: Awaited<ReturnType<typeof t.user>>;

	beforeAll(async () => {
		server = await startPgServer();
		database = await openDatabase({ url: await createDatabase(server.url, 'outage'), max: 4 });
		await migrateDatabase(database);
		t = testApi(database);
		hub = await t.user('hub');
		expect((await t.request('/api/ready')).status).toBe(200);
		expect((await t.request('/api/v1/customers', { headers: hub.headers })).status).toBe(200);
		await server.stop();
		server = undefined;
	}, 60_000);
	afterAll(async () => {
		await database?.close().catch(() => {});
		await server?.stop();
	});

	it('answers API calls with 503 problem+json and Retry-After, in the reader’s language', async () => {
		const res = await t.request('/api/v1/customers', {
			headers: { ...hub.headers, 'accept-language': 'nl' }
		});
		expect(res.headers.get('retry-after')).toBe('15');
		const problem = await expectProblem(res, 503);
		expect(problem).toMatchObject({
			code: 'unavailable',
			title: 'Tijdelijk niet beschikbaar',
			detail: 'Hoppatee kan zijn database nu niet bereiken. Probeer het zo opnieuw.'
		});
	});

	it('answers a login with 503, not 500', async () => {
		const res = await t.request('/api/v1/auth/login', {
			method: 'POST',
			json: { email: hub.email, password: TEST_PASSWORD }
		});
		expect(res.headers.get('retry-after')).toBe('15');
		expect((await expectProblem(res, 503)).detail).toContain('cannot reach its database');
	});

	it('says not ready on /api/ready, and stays alive on /api/health', async () => {
		const ready = await t.request('/api/ready');
		expect(ready.headers.get('retry-after')).toBe('15');
		await expectProblem(ready, 503);
		const health = await t.request('/api/health');
		expect(health.status).toBe(200);
		expect(await health.json()).toEqual({ status: 'ok', database: 'postgres' });
	});
});
