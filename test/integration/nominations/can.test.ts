/** The nomination view's `can` flags: the hub accepts, hub and marketing decline, the admin reads; each flag agrees with the verb. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '#db/client.ts';
import { freshDatabase } from '../../support/databases.ts';
import { testApi, type JsonOf } from '../../support/api.ts';
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
			await t.client.api.v1.nominations.$post(
				{
					json: { customerId: customer.id, reason: 'service_recovery', text: 'Bleef vriendelijk.' }
				},
				{ headers: marketing.headers }
			),
			201
		);
	};
	const view = async (id: string, who: User) =>
		(
			await expectStatus<Nomination>(
				await t.client.api.v1.nominations[':id'].$get({ param: { id } }, { headers: who.headers }),
				200
			)
		).can;
	type Action = 'accept' | 'decline';
	type Routes = (typeof t.client.api.v1.nominations)[':id'];
	type ActionJson = {
		accept: JsonOf<Routes['accept']['$post']>;
		decline: JsonOf<Routes['decline']['$post']>;
	};
	// One route per action; the cast only joins them: each call's body is checked against its action.
	const act = <A extends Action>(id: string, action: A, who: User, json: ActionJson[A]) =>
		(
			t.client.api.v1.nominations[':id'][action] as unknown as {
				$post: (
					args: { param: { id: string }; json: ActionJson[A] },
					options: { headers: Record<string, string> }
				) => Promise<Response>;
			}
		).$post({ param: { id }, json }, { headers: who.headers });

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
