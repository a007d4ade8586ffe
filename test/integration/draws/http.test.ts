/** The draws API over HTTP: problem+json naming the field, hub prepares and draws, the public verification. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../db/client.ts';
import { freshDatabase } from '../../support/databases.ts';
import { testApi } from '../../support/api.ts';
import { expectProblem, expectStatus } from '../../support/expect-http.ts';
import { fixtures } from '../surprises/fixtures.ts';

type Draw = {
	id: string;
	status: string;
	record: { seed: string | null; result: { winners: string[] } | null };
	can: { draw: boolean; cancel: boolean };
};
type User = Awaited<ReturnType<ReturnType<typeof testApi>['user']>>;

describe('draws over HTTP (pglite)', () => {
	let database: Database;
	let t: ReturnType<typeof testApi>;
	let hub: User;
	let admin: User;
	let campaignId: string;

	beforeAll(async () => {
		database = await freshDatabase('pglite');
		t = testApi(database);
		const f = fixtures(database);
		[hub, admin] = await Promise.all([t.user('hub'), t.user('admin')]);
		campaignId = (await f.campaign({ giftIds: [] })).id;
		for (let i = 0; i < 5; i++)
			await f.customer({
				name: `Geheime Naam ${i}`,
				handle: { channel: 'x', handle: `@draw${i}` }
			});
	}, 60_000);
	afterAll(async () => {
		await database?.close();
	});

	const post = (path: string, who: User, json?: unknown) =>
		t.request(`/api/v1/draws${path}`, { method: 'POST', headers: who.headers, json });

	it('bad input is a 400 naming the field; too few candidates a 409 naming winners', async () => {
		const bad = await expectProblem(
			await post('', hub, { campaignId, pool: { kind: 'customers' }, winners: 0 }),
			400
		);
		expect(bad.fields).toContain('winners');
		const few = await expectProblem(
			await post('', hub, { campaignId, pool: { kind: 'customers', channel: 'x' }, winners: 6 }),
			409
		);
		expect(few.fields).toEqual(['winners']);
	});

	it('the hub prepares and draws; the admin reads without can flags; the public sees handles only', async () => {
		const prepared = await expectStatus<Draw>(
			await post('', hub, {
				campaignId,
				pool: { kind: 'customers', channel: 'x' },
				winners: 2,
				reserves: 1
			}),
			201
		);
		expect(prepared.can).toMatchObject({ draw: true, cancel: true });
		const seen = await expectStatus<Draw>(
			await t.request(`/api/v1/draws/${prepared.id}`, { headers: admin.headers }),
			200
		);
		expect(seen.can).toMatchObject({ draw: false, cancel: false });
		const before = await t.request(`/api/v1/draws/${prepared.id}/verification`);
		const beforeBody = await expectStatus<{ identical: null; record: Draw['record'] }>(before, 200);
		expect(beforeBody.record.seed).toBeNull();
		const drawn = await expectStatus<Draw>(await post(`/${prepared.id}/draw`, hub), 200);
		expect(drawn.record.result!.winners).toHaveLength(2);
		await expectProblem(await post(`/${prepared.id}/draw`, hub), 409);
		const res = await t.request(`/api/v1/draws/${prepared.id}/verification`);
		const text = await res.text();
		expect(res.status).toBe(200);
		expect(JSON.parse(text)).toMatchObject({ status: 'drawn', identical: true, difference: null });
		expect(text).toContain('@draw');
		expect(text).not.toContain('Geheime Naam');
	});

	it('the public verification is rate-limited (429 after 60 reads a minute)', async () => {
		const prepared = await expectStatus<Draw>(
			await post('', hub, { campaignId, pool: { kind: 'customers', channel: 'x' }, winners: 1 }),
			201
		);
		const statuses: number[] = [];
		for (let i = 0; i < 62; i++)
			statuses.push((await t.request(`/api/v1/draws/${prepared.id}/verification`)).status);
		expect(statuses.at(-1)).toBe(429);
		expect(statuses.filter((s) => s === 200).length).toBeLessThanOrEqual(60);
	});
});
