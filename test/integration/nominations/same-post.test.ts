/**
 * One open nomination per post: the same link twice without an Idempotency-Key is a 409 naming the
 * open one (with the key, the first answer is replayed); an Instagram /p/ or /reel/ link is taken
 * with the poster's handle beside it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '#db/client.ts';
import { engines, freshDatabase } from '../../support/databases.ts';
import { testApi, type JsonOf } from '../../support/api.ts';
import { expectProblem, expectStatus } from '../../support/expect-http.ts';

type Nomination = {
	id: string;
	customer: { id: string; handles: { channel: string; handle: string }[] };
};

describe.each(engines)('nominations of one post on %s', (engine) => {
	let database: Database;
	let t: ReturnType<typeof testApi>;
	let hub: Awaited<ReturnType<ReturnType<typeof testApi>['user']>>;

	beforeAll(async () => {
		database = await freshDatabase(engine);
		t = testApi(database);
		hub = await t.user('hub');
	}, 60_000);
	afterAll(async () => {
		await database?.close();
	});

	type Nominate = JsonOf<typeof t.client.api.v1.nominations.$post>;
	const nominate = (json: Nominate, headers: Record<string, string> = {}) =>
		t.client.api.v1.nominations.$post({ json }, { headers: { ...hub.headers, ...headers } });

	it('the same post twice: the second is a 409 pointing to the open nomination; once decided, it may be nominated again', async () => {
		const json = { postUrl: 'https://x.com/jan_dubbel/status/77', reason: 'loyalty' } as const;
		const first = await expectStatus<Nomination>(await nominate(json), 201);
		const second = await expectProblem(await nominate({ ...json, reason: 'other' }), 409);
		expect(second.fields).toEqual(['postUrl']);
		expect(second).toMatchObject({
			nominationId: first.id,
			nomination: `/api/v1/nominations/${first.id}`
		});
		await expectStatus(
			await t.client.api.v1.nominations[':id'].decline.$post(
				{ param: { id: first.id }, json: { reason: 'Al eerder verrast' } },
				{ headers: hub.headers }
			),
			200
		);
		await expectStatus(await nominate(json), 201);
	});

	it('with one Idempotency-Key the first answer comes back; at once without keys exactly one is made', async () => {
		const json = { postUrl: 'https://x.com/jan_race/status/78', reason: 'loyalty' } as const;
		const key = { 'idempotency-key': crypto.randomUUID() };
		const a = await expectStatus<Nomination>(await nominate(json, key), 201);
		const b = await expectStatus<Nomination>(await nominate(json, key), 201);
		expect(b.id).toBe(a.id);
		const race = await Promise.all(
			Array.from({ length: 10 }, () =>
				nominate({ postUrl: 'https://x.com/jan_race/status/79', reason: 'other' })
			)
		);
		expect(race.map((r) => r.status).sort()).toEqual([201, ...Array(9).fill(409)]);
	});

	it('an Instagram post or reel link with the poster’s handle finds or creates them; without it, a 400 on postUrl', async () => {
		const post = 'https://www.instagram.com/p/CxYz123abc/';
		expect(
			(await expectProblem(await nominate({ postUrl: post, reason: 'loyalty' }), 400)).fields
		).toEqual(['postUrl']);
		const n = await expectStatus<Nomination>(
			await nominate({ postUrl: post, handle: '@zoe.hek', reason: 'loyalty' }),
			201
		);
		expect(n.customer.handles).toEqual([{ channel: 'instagram', handle: 'zoe.hek' }]);
		const reel = await expectStatus<Nomination>(
			await nominate({
				postUrl: 'https://www.instagram.com/reel/Cabc987/',
				handle: 'Zoe.Hek',
				reason: 'other'
			}),
			201
		);
		expect(reel.customer.id).toBe(n.customer.id);
		const tiktok = await expectStatus<Nomination>(
			await nominate({
				postUrl: 'https://www.tiktok.com/@stroopwafel.fan/video/7301234567890123456',
				reason: 'other'
			}),
			201
		);
		expect(tiktok.customer.handles).toEqual([{ channel: 'tiktok', handle: 'stroopwafel.fan' }]);
	});
});
