import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { migrateDatabase, openDatabase, type Database } from '#db/client.ts';
import { stopWallHub } from '#api/http/wall-hub.ts';
import { createDatabase, dropDatabase } from '../../support/pg-server.ts';
import { expectStatus } from '../../support/expect-http.ts';
import { testApi } from '../../support/api.ts';
import { sseReader } from '../../support/sse.ts';

/** Two app instances (each its own pool and listening connection) on one real PostgreSQL database. */
describe('the wall across two instances on one PostgreSQL database', () => {
	const adminUrl = inject('pgAdminUrl');
	let url: string;
	let name: string;
	let a: Database;
	let b: Database;

	beforeAll(async () => {
		name = `t_wall_two_${process.pid}_${Date.now().toString(36)}`;
		url = await createDatabase(adminUrl, name);
		a = await openDatabase({ url, max: 5 });
		await migrateDatabase(a);
		b = await openDatabase({ url, max: 5 });
	}, 60_000);
	afterAll(async () => {
		for (const d of [a, b]) {
			if (!d) continue;
			await stopWallHub(d.db);
			await d.close();
		}
		await dropDatabase(adminUrl, name);
	});

	it('a reaction logged on A arrives on B’s open stream within 2 s; revoking on A ends B’s stream', async () => {
		const onA = testApi(a);
		const onB = testApi(b);
		const admin = await onA.user('admin');
		const hub = await onA.user('hub');
		const link = await expectStatus<{ id: string; token: string }>(
			await onA.client.api.v1['display-links'].$post(
				{ json: { name: 'Koffiehoek' } },
				{ headers: admin.headers }
			),
			201
		);
		const res = await onB.request(`/api/v1/wall/${link.token}/events`);
		expect(res.status).toBe(200);
		const wall = sseReader(res.body!);
		await wall.next((e) => e.event === 'snapshot');

		const started = Date.now();
		const logged = await onA.client.api.v1.reactions.$post(
			{
				json: {
					handle: 'joost_fietst',
					channel: 'instagram',
					text: 'Top geregeld, dank jullie wel!',
					sentiment: 'positive',
					postedAt: new Date(Date.now() - 60_000).toISOString()
				}
			},
			{ headers: hub.headers }
		);
		expect(logged.status).toBe(201);
		const arrived = await wall.next((e) => e.event === 'reaction', { timeoutMs: 2_000 });
		expect(Date.now() - started).toBeLessThan(2_000);
		expect(JSON.parse(arrived.data)).toMatchObject({
			handle: 'joost_fietst',
			text: 'Top geregeld, dank jullie wel!'
		});

		const revokedAt = Date.now();
		await expectStatus(
			await onA.client.api.v1['display-links'][':id'].revoke.$post(
				{ param: { id: link.id } },
				{ headers: admin.headers }
			),
			200
		);
		await wall.next((e) => e.event === 'revoked', { timeoutMs: 2_000 });
		await wall.closed;
		expect(Date.now() - revokedAt).toBeLessThan(2_000);
		expect((await onB.request(`/api/v1/wall/${link.token}/events`)).status).toBe(404);
	});
});
