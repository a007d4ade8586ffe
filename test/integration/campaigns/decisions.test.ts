import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { campaignDecisions, campaigns, users } from '#db/schema/index.ts';
import { todayInAmsterdam } from '#api/domain/calendar/today.ts';
import { refreshCampaignStatuses } from '#api/domain/campaigns/refresh-statuses.ts';
import { engines, freshDatabase } from '../../support/databases.ts';
import { auditRows, expectProblem, expectStatus } from '../../support/expect-http.ts';
import { testApi, type JsonOf, invalid } from '../../support/api.ts';
import { addDays, type Campaign } from './fixtures.ts';

type User = Awaited<ReturnType<ReturnType<typeof testApi>['user']>>;
const today = todayInAmsterdam();

/** A fresh database with a card gift, and helpers to act on campaigns over HTTP. */
async function setUp(engine: (typeof engines)[number]) {
	const database = await freshDatabase(engine);
	const t = testApi(database);
	let giftId: string | undefined;
	async function submitted(creator: User, extra: Record<string, unknown> = {}): Promise<Campaign> {
		giftId ??= (
			await expectStatus<{ id: string }>(
				await t.client.api.v1.gifts.$post(
					{ json: { name: 'Kaart', kind: 'card', unitCostCents: 95 } },
					{ headers: creator.headers }
				),
				201
			)
		).id;
		const c = await expectStatus<Campaign>(
			await t.client.api.v1.campaigns.$post(
				{
					json: {
						name: 'Bedankweek',
						kind: 'theme',
						startsOn: addDays(today, 5),
						endsOn: addDays(today, 12),
						budgetCents: 15_000,
						giftIds: [giftId],
						...extra
					}
				},
				{ headers: creator.headers }
			),
			201
		);
		return expectStatus<Campaign>(
			await t.client.api.v1.campaigns[':id'].submit.$post(
				{ param: { id: c.id } },
				{ headers: creator.headers }
			),
			200
		);
	}
	type Decision = JsonOf<(typeof t.client.api.v1.campaigns)[':id']['decisions']['$post']>;
	const decide = (id: string, who: User, decision: Decision['decision'], comment?: string) =>
		t.client.api.v1.campaigns[':id'].decisions.$post(
			{
				param: { id },
				json: {
					decision,
					...(comment !== undefined ? { comment } : {})
				}
			},
			{ headers: who.headers }
		);
	return { database, t, submitted, decide };
}

describe.each(engines)('campaign decisions on %s', (engine) => {
	let s: Awaited<ReturnType<typeof setUp>>;
	let creator: User;
	let colleague: User;
	let hub: User;
	let admin: User;

	beforeAll(async () => {
		s = await setUp(engine);
		[creator, colleague, hub, admin] = await Promise.all([
			s.t.user('marketing'),
			s.t.user('marketing'),
			s.t.user('hub'),
			s.t.user('admin')
		]);
	}, 60_000);
	afterAll(async () => {
		await s?.database.close();
	});

	it('the creator cannot decide on their own campaign (403, separation of duties); nothing is recorded', async () => {
		const c = await s.submitted(creator);
		for (const decision of ['approve', 'reject', 'request_changes'] as const) {
			const problem = await expectProblem(
				await s.decide(c.id, creator, decision, 'Zelf gedaan'),
				403
			);
			expect(problem).toMatchObject({ code: 'forbidden', reason: 'separation_of_duties' });
			expect(problem.fields).toEqual(['decision']);
		}
		expect(
			await s.database.db
				.select()
				.from(campaignDecisions)
				.where(eq(campaignDecisions.campaignId, c.id))
		).toEqual([]);
		expect(await auditRows(s.database, 'campaign.decide', c.id)).toEqual([]);
	});

	it('another marketing user approves: status, approver and time recorded in campaign_decisions and the audit log', async () => {
		const c = await s.submitted(creator);
		const approved = await expectStatus<
			Campaign & { approvedBy: { id: string }; approvedAt: string }
		>(await s.decide(c.id, colleague, 'approve', 'Akkoord.'), 200);
		expect(approved).toMatchObject({
			status: 'approved',
			approvedBy: { id: colleague.id, name: colleague.name },
			openForSurprises: false
		});
		expect(approved.decisions).toEqual([
			expect.objectContaining({
				decision: 'approved',
				comment: 'Akkoord.',
				decidedBy: { id: colleague.id, name: colleague.name }
			})
		]);
		const [row] = await s.database.db
			.select()
			.from(campaignDecisions)
			.where(eq(campaignDecisions.campaignId, c.id));
		expect(row).toMatchObject({ decision: 'approved', decidedBy: colleague.id });
		expect(row!.createdAt).toBeInstanceOf(Date);
		const [audit] = await auditRows(s.database, 'campaign.decide', c.id);
		expect(audit).toMatchObject({
			actorType: 'user',
			actorId: colleague.id,
			data: {
				decision: 'approved',
				comment: 'Akkoord.',
				from: 'submitted',
				status: 'approved',
				selfDecision: false
			}
		});
	});

	it('an approval within the campaign dates makes it active at once; the comment is optional for approvals', async () => {
		const c = await s.submitted(creator, {
			startsOn: addDays(today, -1),
			endsOn: addDays(today, 1)
		});
		const res = await expectStatus<Campaign>(await s.decide(c.id, colleague, 'approve'), 200);
		expect(res).toMatchObject({
			status: 'active',
			effectiveStatus: 'active',
			openForSurprises: true
		});
	});

	it('reject and request changes need a comment (400, field comment)', async () => {
		const c = await s.submitted(creator);
		for (const decision of ['reject', 'request_changes'] as const) {
			expect((await expectProblem(await s.decide(c.id, colleague, decision), 400)).fields).toEqual([
				'comment'
			]);
			expect(
				(await expectProblem(await s.decide(c.id, colleague, decision, '   \n '), 400)).fields
			).toEqual(['comment']);
		}
		expect(
			(await expectProblem(await s.decide(c.id, colleague, invalid('maybe'), 'Hmm'), 400)).fields
		).toEqual(['decision']);
		const rejected = await expectStatus<Campaign>(
			await s.decide(c.id, colleague, 'reject', 'Te duur voor nu.'),
			200
		);
		expect(rejected).toMatchObject({
			status: 'rejected',
			decisions: [expect.objectContaining({ decision: 'rejected', comment: 'Te duur voor nu.' })]
		});
	});

	it('changes requested → the creator edits and resubmits → approved; every decision stays on the page', async () => {
		const c = await s.submitted(creator);
		await expectStatus(
			await s.decide(c.id, colleague, 'request_changes', 'Halveer het budget.'),
			200
		);
		const edited = await expectStatus<Campaign>(
			await s.t.client.api.v1.campaigns[':id'].$patch(
				{ param: { id: c.id }, json: { budgetCents: 7_500 } },
				{ headers: creator.headers }
			),
			200
		);
		expect(edited).toMatchObject({ status: 'changes_requested', budget: { budgetCents: 7_500 } });
		await expectStatus(
			await s.t.client.api.v1.campaigns[':id'].submit.$post(
				{ param: { id: c.id } },
				{ headers: creator.headers }
			),
			200
		);
		const approved = await expectStatus<Campaign>(
			await s.decide(c.id, colleague, 'approve', 'Prima zo.'),
			200
		);
		expect(approved.decisions.map((d) => [d.decision, d.comment])).toEqual([
			['changes_requested', 'Halveer het budget.'],
			['approved', 'Prima zo.']
		]);
	});

	it('whoever edited the campaign counts as its author too and cannot decide on it', async () => {
		const c = await s.submitted(creator);
		await expectStatus(
			await s.decide(c.id, colleague, 'request_changes', 'Andere naam graag.'),
			200
		);
		// The colleague makes the change themselves …
		await expectStatus(
			await s.t.client.api.v1.campaigns[':id'].$patch(
				{ param: { id: c.id }, json: { name: 'Bedankweek 2' } },
				{ headers: colleague.headers }
			),
			200
		);
		await expectStatus(
			await s.t.client.api.v1.campaigns[':id'].submit.$post(
				{ param: { id: c.id } },
				{ headers: creator.headers }
			),
			200
		);
		// … so neither of them can approve it now; a third marketer can.
		await expectProblem(await s.decide(c.id, colleague, 'approve'), 403);
		await expectProblem(await s.decide(c.id, creator, 'approve'), 403);
		const third = await s.t.user('marketing');
		expect(await expectStatus<Campaign>(await s.decide(c.id, third, 'approve'), 200)).toMatchObject(
			{ status: 'approved' }
		);
	});

	it('illegal transitions are 409 with the allowed moves', async () => {
		const c = await expectStatus<Campaign>(
			await s.t.client.api.v1.campaigns.$post(
				{
					json: {
						name: 'Concept',
						kind: 'theme',
						startsOn: addDays(today, 5),
						endsOn: addDays(today, 6),
						budgetCents: 100
					}
				},
				{ headers: creator.headers }
			),
			201
		);
		const early = await expectProblem(await s.decide(c.id, colleague, 'approve'), 409);
		expect(early).toMatchObject({ from: 'draft', to: 'approved' });
		expect(early.errors).toEqual([{ field: 'status', message: 'Allowed from draft: submitted.' }]);

		const done = await s.submitted(creator);
		await expectStatus(await s.decide(done.id, colleague, 'approve'), 200);
		await expectProblem(await s.decide(done.id, colleague, 'approve'), 409);
		await expectProblem(await s.decide(done.id, colleague, 'reject', 'Toch niet'), 409);
		await expectProblem(
			await s.t.client.api.v1.campaigns[':id'].submit.$post(
				{ param: { id: done.id } },
				{ headers: creator.headers }
			),
			409
		);
		await expectProblem(
			await s.t.client.api.v1.campaigns[':id'].$patch(
				{ param: { id: done.id }, json: { name: 'Nu nog?' } },
				{ headers: creator.headers }
			),
			409
		);

		const rejected = await s.submitted(creator);
		await expectStatus(await s.decide(rejected.id, colleague, 'reject', 'Nee.'), 200);
		await expectProblem(
			await s.t.client.api.v1.campaigns[':id'].submit.$post(
				{ param: { id: rejected.id } },
				{ headers: creator.headers }
			),
			409
		);
		await expectProblem(
			await s.t.client.api.v1.campaigns[':id'].$patch(
				{ param: { id: rejected.id }, json: { name: 'Opnieuw' } },
				{ headers: creator.headers }
			),
			409
		);
		await expectProblem(await s.decide(crypto.randomUUID(), colleague, 'approve'), 404);
	});

	it('hub and admin cannot decide (403)', async () => {
		const c = await s.submitted(creator);
		await expectProblem(await s.decide(c.id, hub, 'approve'), 403);
		await expectProblem(await s.decide(c.id, admin, 'approve'), 403);
	});

	it('the daily refresh activates approved campaigns within their dates and closes finished ones, once', async () => {
		const future = await s.submitted(creator, {
			startsOn: addDays(today, 3),
			endsOn: addDays(today, 9)
		});
		await expectStatus(await s.decide(future.id, colleague, 'approve'), 200);
		const ending = await s.submitted(creator, {
			startsOn: addDays(today, 0),
			endsOn: addDays(today, 1)
		});
		await expectStatus(await s.decide(ending.id, colleague, 'approve'), 200); // active now
		const ctxAt = (date: string) => ({ ...s.t.ctx, now: () => new Date(`${date}T12:00:00Z`) });

		// Four days from now: the future one starts, the short one has ended.
		const first = await refreshCampaignStatuses({ ctx: ctxAt(addDays(today, 4)) });
		expect(first.activated).toContain(future.id);
		expect(first.closed).toContain(ending.id);
		const status = async (id: string) =>
			(
				await s.database.db
					.select({ status: campaigns.status })
					.from(campaigns)
					.where(eq(campaigns.id, id))
			)[0]!.status;
		expect([await status(future.id), await status(ending.id)]).toEqual(['active', 'closed']);
		const again = await refreshCampaignStatuses({ ctx: ctxAt(addDays(today, 4)) });
		expect(again.activated).not.toContain(future.id);
		expect(again.closed).not.toContain(ending.id);
		expect(await auditRows(s.database, 'campaign.activate', future.id)).toHaveLength(1);
		expect(await auditRows(s.database, 'campaign.close', ending.id)).toMatchObject([
			{ actorType: 'system' }
		]);

		await expect(
			refreshCampaignStatuses({
				ctx: {
					...s.t.ctx,
					actor: { type: 'user', id: hub.id, role: 'hub', name: hub.name, email: hub.email }
				}
			})
		).rejects.toMatchObject({ code: 'forbidden' });
	});
});

describe.each(engines)('sole marketing self-approval on %s', (engine) => {
	let s: Awaited<ReturnType<typeof setUp>>;
	let only: User;
	let admin: User;

	beforeAll(async () => {
		s = await setUp(engine);
		[only, admin] = await Promise.all([s.t.user('marketing'), s.t.user('admin')]);
	}, 60_000);
	afterAll(async () => {
		await s?.database.close();
	});

	const setting = (value: unknown, who = admin) =>
		s.t.client.api.v1.settings[':key'].$put(
			{ param: { key: 'allow_sole_marketing_self_approval' }, json: { value } },
			{ headers: who.headers }
		);

	it('is refused while the setting is off (the default), even for the only marketing user', async () => {
		const c = await s.submitted(only);
		await expectProblem(await s.decide(c.id, only, 'approve'), 403);
		const current = await expectStatus(
			await s.t.client.api.v1.settings[':key'].$get(
				{ param: { key: 'allow_sole_marketing_self_approval' } },
				{ headers: admin.headers }
			),
			200
		);
		expect(current).toMatchObject({ value: false, isDefault: true });
	});

	it('only an admin changes the setting; values are validated; unknown keys are 404', async () => {
		await expectProblem(await setting(true, only), 403);
		expect((await expectProblem(await setting('yes'), 400)).fields).toEqual(['value']);
		expect(
			(
				await expectProblem(
					await s.t.client.api.v1.settings[':key'].$put(
						{ param: { key: 'no_such_setting' }, json: { value: true } },
						{ headers: admin.headers }
					),
					404
				)
			).code
		).toBe('not_found');
		expect(
			(
				await expectProblem(
					await s.t.client.api.v1.settings[':key'].$get(
						{ param: { key: 'Bad-Key' } },
						{ headers: admin.headers }
					),
					400
				)
			).fields
		).toEqual(['key']);
		const list = await expectStatus<{ items: { key: string }[] }>(
			await s.t.client.api.v1.settings.$get({}, { headers: admin.headers }),
			200
		);
		expect(list.items.map((i) => i.key)).toContain('allow_sole_marketing_self_approval');
	});

	it('with the setting on, the only active marketing user may decide on their own campaign; it is recorded as a self-decision', async () => {
		const c = await s.submitted(only);
		const changed = await expectStatus(await setting(true), 200);
		expect(changed).toMatchObject({ value: true, isDefault: false, updatedBy: { id: admin.id } });
		expect(
			await auditRows(s.database, 'setting.update', 'allow_sole_marketing_self_approval')
		).toMatchObject([{ actorId: admin.id, data: { before: false, after: true } }]);
		const approved = await expectStatus<Campaign>(
			await s.decide(c.id, only, 'approve', 'Ik ben de enige.'),
			200
		);
		expect(approved.status).toBe('approved');
		expect(await auditRows(s.database, 'campaign.decide', c.id)).toMatchObject([
			{ actorId: only.id, data: { selfDecision: true } }
		]);
	});

	it('as soon as a second marketing user is active, the exception no longer applies', async () => {
		const c = await s.submitted(only);
		const second = await s.t.user('marketing');
		await expectProblem(await s.decide(c.id, only, 'approve'), 403);
		// Deactivated colleagues do not count.
		await s.database.db.update(users).set({ active: false }).where(eq(users.id, second.id));
		await expectStatus(await s.decide(c.id, only, 'request_changes', 'Toch even aanpassen.'), 200);
		await expectStatus(await setting(false), 200);
		await expectStatus(
			await s.t.client.api.v1.campaigns[':id'].submit.$post(
				{ param: { id: c.id } },
				{ headers: only.headers }
			),
			200
		);
		await expectProblem(await s.decide(c.id, only, 'approve'), 403);
	});
});

describe('concurrent decisions (real PostgreSQL)', () => {
	it('two marketers approving at the same moment: one wins, the other gets 409', async () => {
		const s = await setUp('postgres');
		try {
			const [creator, a, b] = await Promise.all([
				s.t.user('marketing'),
				s.t.user('marketing'),
				s.t.user('marketing')
			]);
			const c = await s.submitted(creator);
			const results = await Promise.all([
				s.decide(c.id, a, 'approve'),
				s.decide(c.id, b, 'reject', 'Nee')
			]);
			expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
			expect(
				await s.database.db
					.select()
					.from(campaignDecisions)
					.where(eq(campaignDecisions.campaignId, c.id))
			).toHaveLength(1);
		} finally {
			await s.database.close();
		}
	});
});
