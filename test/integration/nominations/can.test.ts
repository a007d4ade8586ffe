/** The nomination view's `can` flags: the hub accepts, hub and marketing decline, the admin reads; each flag agrees with the verb. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../db/client.ts';
import { freshDatabase } from '../../support/databases.ts';
import { testApi } from '../../support/api.ts';
import { expectProblem, expectStatus } from '../../support/expect-http.ts';
import { fixtures } from '../surprises/fixtures.ts';

type Nomination = { id: string; status: string; can: { accept: boolean; decline: boolean } };
type User = Awaited<ReturnType<ReturnType<typeof testApi>['user']>>;

describe('nomination can flags (pglite)', () => {
	let database: Database;
	let t: ReturnType<typeof testApi>;
	let f: ReturnType<typeof fixtures>;
	let hub: User;
	let marketing: User;
	let admin: User;

	beforeAll(async () => {
		database = await freshDatabase('pglite');
		t = testApi(database);
		f = fixtures(database);
		[hub, marketing, admin] = await Promise.all([
			t.user('hub'),
			t.user('marketing'),
			t.user('admin')
		]);
	}, 60_000);
	afterAll(async () => {
		await database?.close();
	});

	const nominate = async () => {
		const customer = await f.customer();
		return expectStatus<Nomination>(
			await t.request('/api/v1/nominations', {
				method: 'POST',
				headers: marketing.headers,
				json: { customerId: customer.id, reason: 'service_recovery', text: 'Bleef vriendelijk.' }
			}),
			201
		);
	};
	const view = async (id: string, who: User) =>
		(
			await expectStatus<Nomination>(
				await t.request(`/api/v1/nominations/${id}`, { headers: who.headers }),
				200
			)
		).can;
	const act = (id: string, action: string, who: User, json: unknown) =>
		t.request(`/api/v1/nominations/${id}/${action}`, {
			method: 'POST',
			headers: who.headers,
			json
		});

	it('open: hub accepts and declines, marketing declines, admin neither; once declined nobody can', async () => {
		const n = await nominate();
		expect(n.can).toEqual({ accept: false, decline: true });
		expect(await view(n.id, hub)).toEqual({ accept: true, decline: true });
		expect(await view(n.id, marketing)).toEqual({ accept: false, decline: true });
		expect(await view(n.id, admin)).toEqual({ accept: false, decline: false });
		await expectProblem(await act(n.id, 'accept', marketing, { items: [] }), 403);
		await expectProblem(await act(n.id, 'decline', admin, { reason: 'Nee' }), 403);
		const declined = await expectStatus<Nomination>(
			await act(n.id, 'decline', marketing, { reason: 'Al eerder verrast.' }),
			200
		);
		expect(declined.status).toBe('declined');
		for (const who of [hub, marketing, admin])
			expect(await view(n.id, who)).toEqual({ accept: false, decline: false });
		await expectProblem(await act(n.id, 'decline', hub, { reason: 'Nogmaals' }), 409);
	});
});
