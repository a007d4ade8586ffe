import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '#db/client.ts';
import { engines, freshDatabase } from '../../support/databases.ts';
import { testApi } from '../../support/api.ts';
import { expectStatus } from '../../support/expect-http.ts';
import { fixtures } from '../surprises/fixtures.ts';

type Nominators = { items: { id: string; name: string }[] };

describe.each(engines)('the nominator filter’s choices, on %s', (engine) => {
	let database: Database;
	let t: ReturnType<typeof testApi>;
	let f: ReturnType<typeof fixtures>;

	beforeAll(async () => {
		database = await freshDatabase(engine);
		t = testApi(database);
		f = fixtures(database);
	}, 60_000);
	afterAll(async () => {
		await database?.close();
	});

	it('lists each person who nominated once, by name; tokens and people who never nominated are not in it', async () => {
		const wim = await t.user('hub', { name: 'Wim Hub' });
		const els = await t.user('marketing', { name: 'Els Marketing' });
		await t.user('hub', { name: 'Niet Genomineerd' });
		const inbox = await t.token(['nominations:write']);
		const customer = await f.customer();
		const nominate = async (headers: Record<string, string>) =>
			expectStatus(
				await t.client.api.v1.nominations.$post(
					{ json: { customerId: customer.id, reason: 'loyalty' } },
					{ headers }
				),
				201
			);
		await nominate(wim.headers);
		await nominate(wim.headers);
		await nominate(els.headers);
		await nominate(inbox.headers);

		const res = await expectStatus<Nominators>(
			await t.client.api.v1.nominations.nominators.$get({}, { headers: wim.headers }),
			200
		);
		expect(res.items).toEqual([
			{ id: els.id, name: 'Els Marketing' },
			{ id: wim.id, name: 'Wim Hub' }
		]);
		expect(JSON.stringify(res)).not.toContain('@');
	});

	it('is for staff only', async () => {
		expect((await t.client.api.v1.nominations.nominators.$get({})).status).toBe(401);
	});
});
