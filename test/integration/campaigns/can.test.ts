/**
 * The `can` flags of the campaign page say what THIS caller may do next: marketing edits, submits
 * and decides; the one who wrote a campaign gets no decision it would be refused (separation of
 * duties); hub and admin read only. Each flag agrees with the verb.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '#db/client.ts';
import { todayInAmsterdam } from '#api/domain/calendar/today.ts';
import { freshDatabase } from '../../support/databases.ts';
import { expectProblem, expectStatus } from '../../support/expect-http.ts';
import { testApi } from '../../support/api.ts';
import { addDays } from './fixtures.ts';

type Can = {
	edit: boolean;
	submit: boolean;
	approve: boolean;
	reject: boolean;
	requestChanges: boolean;
};
type Campaign = { id: string; status: string; can: Can };
type User = Awaited<ReturnType<ReturnType<typeof testApi>['user']>>;
const none: Can = {
	edit: false,
	submit: false,
	approve: false,
	reject: false,
	requestChanges: false
};
const deciding: Can = { ...none, approve: true, reject: true, requestChanges: true };
const today = todayInAmsterdam();

describe('campaign can flags (pglite)', () => {
	let database: Database;
	let t: ReturnType<typeof testApi>;
	let creator: User;
	let colleague: User;
	let hub: User;
	let admin: User;
	let giftId: string;

	beforeAll(async () => {
		database = await freshDatabase('pglite');
		t = testApi(database);
		[creator, colleague, hub, admin] = await Promise.all([
			t.user('marketing'),
			t.user('marketing'),
			t.user('hub'),
			t.user('admin')
		]);
		giftId = (
			await expectStatus<{ id: string }>(
				await t.client.api.v1.gifts.$post(
					{ json: { name: 'Kaart', kind: 'card', unitCostCents: 95 } },
					{ headers: creator.headers }
				),
				201
			)
		).id;
	}, 60_000);
	afterAll(async () => {
		await database?.close();
	});

	const get = async (id: string, who: User) =>
		(
			await expectStatus<Campaign>(
				await t.client.api.v1.campaigns[':id'].$get({ param: { id } }, { headers: who.headers }),
				200
			)
		).can;
	const create = async () =>
		expectStatus<Campaign>(
			await t.client.api.v1.campaigns.$post(
				{
					json: {
						name: 'Bedankweek',
						kind: 'theme',
						startsOn: addDays(today, 5),
						endsOn: addDays(today, 12),
						budgetCents: 15_000,
						giftIds: [giftId]
					}
				},
				{ headers: creator.headers }
			),
			201
		);

	it('a draft: marketing edits and submits; hub and admin neither; the verbs agree', async () => {
		const c = await create();
		expect(c.can).toEqual({ ...none, edit: true, submit: true });
		expect(await get(c.id, colleague)).toEqual({ ...none, edit: true, submit: true });
		expect(await get(c.id, hub)).toEqual(none);
		expect(await get(c.id, admin)).toEqual(none);
		await expectProblem(
			await t.client.api.v1.campaigns[':id'].submit.$post(
				{ param: { id: c.id } },
				{ headers: hub.headers }
			),
			403
		);
		await expectProblem(
			await t.client.api.v1.campaigns[':id'].decisions.$post(
				{ param: { id: c.id }, json: { decision: 'approve' } },
				{ headers: colleague.headers }
			),
			409
		);
		const submitted = await expectStatus<Campaign>(
			await t.client.api.v1.campaigns[':id'].submit.$post(
				{ param: { id: c.id } },
				{ headers: creator.headers }
			),
			200
		);
		expect(submitted.status).toBe('submitted');
	});

	it('submitted: the creator may not decide (no flags, 403), another marketer may (200); hub and admin read only', async () => {
		const c = await create();
		const submitted = await expectStatus<Campaign>(
			await t.client.api.v1.campaigns[':id'].submit.$post(
				{ param: { id: c.id } },
				{ headers: creator.headers }
			),
			200
		);
		expect(submitted.can).toEqual(none);
		expect(await get(c.id, creator)).toEqual(none);
		expect(await get(c.id, colleague)).toEqual(deciding);
		expect(await get(c.id, hub)).toEqual(none);
		expect(await get(c.id, admin)).toEqual(none);
		await expectProblem(
			await t.client.api.v1.campaigns[':id'].decisions.$post(
				{ param: { id: c.id }, json: { decision: 'approve' } },
				{ headers: creator.headers }
			),
			403
		);
		await expectProblem(
			await t.client.api.v1.campaigns[':id'].decisions.$post(
				{ param: { id: c.id }, json: { decision: 'approve' } },
				{ headers: admin.headers }
			),
			403
		);
		const changes = await expectStatus<Campaign>(
			await t.client.api.v1.campaigns[':id'].decisions.$post(
				{
					param: { id: c.id },
					json: {
						decision: 'request_changes',
						comment: 'Korter graag.'
					}
				},
				{ headers: colleague.headers }
			),
			200
		);
		expect(changes.status).toBe('changes_requested');
		// Sent back: editable and submittable again, by marketing only.
		expect(changes.can).toEqual({ ...none, edit: true, submit: true });
		expect(await get(c.id, creator)).toEqual({ ...none, edit: true, submit: true });
		expect(await get(c.id, hub)).toEqual(none);
	});

	it('decided: nobody edits or decides any more', async () => {
		const c = await create();
		await expectStatus(
			await t.client.api.v1.campaigns[':id'].submit.$post(
				{ param: { id: c.id } },
				{ headers: creator.headers }
			),
			200
		);
		const approved = await expectStatus<Campaign>(
			await t.client.api.v1.campaigns[':id'].decisions.$post(
				{ param: { id: c.id }, json: { decision: 'approve' } },
				{ headers: colleague.headers }
			),
			200
		);
		expect(approved.status).toBe('approved');
		for (const who of [creator, colleague, hub, admin]) expect(await get(c.id, who)).toEqual(none);
		await expectProblem(
			await t.client.api.v1.campaigns[':id'].$patch(
				{ param: { id: c.id }, json: { name: 'Anders' } },
				{ headers: creator.headers }
			),
			409
		);
	});
});
