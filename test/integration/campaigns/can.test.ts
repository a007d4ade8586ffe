/**
 * The `can` flags of the campaign page say what THIS caller may do next: marketing edits, submits
 * and decides; the one who wrote a campaign gets no decision it would be refused (separation of
 * duties); hub and admin read only. Each flag agrees with the verb.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../db/client.ts';
import { todayInAmsterdam } from '../../../api/src/domain/calendar/today.ts';
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
				await t.request('/api/v1/gifts', {
					method: 'POST',
					headers: creator.headers,
					json: { name: 'Kaart', kind: 'card', unitCostCents: 95 }
				}),
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
				await t.request(`/api/v1/campaigns/${id}`, { headers: who.headers }),
				200
			)
		).can;
	const post = (path: string, who: User, json?: unknown) =>
		t.request(path, {
			method: 'POST',
			headers: who.headers,
			...(json !== undefined ? { json } : {})
		});
	const create = async () =>
		expectStatus<Campaign>(
			await post('/api/v1/campaigns', creator, {
				name: 'Bedankweek',
				kind: 'theme',
				startsOn: addDays(today, 5),
				endsOn: addDays(today, 12),
				budgetCents: 15_000,
				giftIds: [giftId]
			}),
			201
		);

	it('a draft: marketing edits and submits; hub and admin neither; the verbs agree', async () => {
		const c = await create();
		expect(c.can).toEqual({ ...none, edit: true, submit: true });
		expect(await get(c.id, colleague)).toEqual({ ...none, edit: true, submit: true });
		expect(await get(c.id, hub)).toEqual(none);
		expect(await get(c.id, admin)).toEqual(none);
		await expectProblem(await post(`/api/v1/campaigns/${c.id}/submit`, hub), 403);
		await expectProblem(
			await post(`/api/v1/campaigns/${c.id}/decisions`, colleague, { decision: 'approve' }),
			409
		);
		const submitted = await expectStatus<Campaign>(
			await post(`/api/v1/campaigns/${c.id}/submit`, creator),
			200
		);
		expect(submitted.status).toBe('submitted');
	});

	it('submitted: the creator may not decide (no flags, 403), another marketer may (200); hub and admin read only', async () => {
		const c = await create();
		const submitted = await expectStatus<Campaign>(
			await post(`/api/v1/campaigns/${c.id}/submit`, creator),
			200
		);
		expect(submitted.can).toEqual(none);
		expect(await get(c.id, creator)).toEqual(none);
		expect(await get(c.id, colleague)).toEqual(deciding);
		expect(await get(c.id, hub)).toEqual(none);
		expect(await get(c.id, admin)).toEqual(none);
		await expectProblem(
			await post(`/api/v1/campaigns/${c.id}/decisions`, creator, { decision: 'approve' }),
			403
		);
		await expectProblem(
			await post(`/api/v1/campaigns/${c.id}/decisions`, admin, { decision: 'approve' }),
			403
		);
		const changes = await expectStatus<Campaign>(
			await post(`/api/v1/campaigns/${c.id}/decisions`, colleague, {
				decision: 'request_changes',
				comment: 'Korter graag.'
			}),
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
		await expectStatus(await post(`/api/v1/campaigns/${c.id}/submit`, creator), 200);
		const approved = await expectStatus<Campaign>(
			await post(`/api/v1/campaigns/${c.id}/decisions`, colleague, { decision: 'approve' }),
			200
		);
		expect(approved.status).toBe('approved');
		for (const who of [creator, colleague, hub, admin]) expect(await get(c.id, who)).toEqual(none);
		await expectProblem(
			await t.request(`/api/v1/campaigns/${c.id}`, {
				method: 'PATCH',
				headers: creator.headers,
				json: { name: 'Anders' }
			}),
			409
		);
	});
});
