import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '#db/client.ts';
import { customers, surprises } from '#db/schema/index.ts';
import { todayInAmsterdam } from '#api/domain/calendar/today.ts';
import { engines, freshDatabase } from '../../support/databases.ts';
import { auditRows, expectProblem, expectStatus } from '../../support/expect-http.ts';
import { testApi, type JsonOf, invalid } from '../../support/api.ts';
import { addDays, type Campaign } from './fixtures.ts';

type User = Awaited<ReturnType<ReturnType<typeof testApi>['user']>>;
describe.each(engines)('campaigns on %s', (engine) => {
	let database: Database;
	let t: ReturnType<typeof testApi>;
	let marketing: User;
	let hub: User;
	let admin: User;
	let giftId: string;
	const today = todayInAmsterdam();

	beforeAll(async () => {
		database = await freshDatabase(engine);
		t = testApi(database);
		[marketing, hub, admin] = await Promise.all([
			t.user('marketing'),
			t.user('hub'),
			t.user('admin')
		]);
		giftId = (
			await expectStatus<{ id: string }>(
				await t.client.api.v1.gifts.$post(
					{ json: { name: 'Kaart', kind: 'card', unitCostCents: 95 } },
					{ headers: marketing.headers }
				),
				201
			)
		).id;
	}, 60_000);
	afterAll(async () => {
		await database?.close();
	});

	type Draft = JsonOf<typeof t.client.api.v1.campaigns.$post>;
	const draft = (extra: Partial<Draft> = {}): Draft => ({
		name: 'Random Act of Kindness Day',
		kind: 'day',
		description: 'Vijftien klanten verrassen.',
		startsOn: addDays(today, 10),
		endsOn: addDays(today, 20),
		budgetCents: 30_000,
		maxSurprises: 15,
		giftIds: [giftId],
		autoApproveLimitCents: 2_000,
		cooldownDays: 90,
		...extra
	});

	it('marketing creates a draft: the page shows the budget bar, empty surprise counts, and the write is audited', async () => {
		const c = await expectStatus<Campaign>(
			await t.client.api.v1.campaigns.$post({ json: draft() }, { headers: marketing.headers }),
			201
		);
		expect(c).toMatchObject({
			status: 'draft',
			effectiveStatus: 'draft',
			openForSurprises: false,
			budget: { budgetCents: 30_000, reservedCents: 0, spentCents: 0, leftCents: 30_000 },
			giftIds: [giftId],
			maxSurprises: 15,
			surprisesTotal: 0,
			overdue: { count: 0, items: [] },
			decisions: [],
			createdBy: { id: marketing.id, name: marketing.name }
		});
		expect(Object.values(c.surprisesByStatus).every((n) => n === 0)).toBe(true);
		const [audit] = await auditRows(database, 'campaign.create', c.id);
		expect(audit).toMatchObject({ actorId: marketing.id, entity: 'campaign' });
		expect(
			await expectStatus<Campaign>(
				await t.client.api.v1.campaigns[':id'].$get(
					{ param: { id: c.id } },
					{ headers: hub.headers }
				),
				200
			)
		).toMatchObject({ id: c.id });
	});

	it('only marketing creates, edits and submits; hub and admin read', async () => {
		const c = await expectStatus<Campaign>(
			await t.client.api.v1.campaigns.$post({ json: draft() }, { headers: marketing.headers }),
			201
		);
		for (const who of [hub, admin]) {
			await expectProblem(
				await t.client.api.v1.campaigns.$post({ json: draft() }, { headers: who.headers }),
				403
			);
			await expectProblem(
				await t.client.api.v1.campaigns[':id'].$patch(
					{ param: { id: c.id }, json: { name: 'X' } },
					{ headers: who.headers }
				),
				403
			);
			await expectProblem(
				await t.client.api.v1.campaigns[':id'].submit.$post(
					{ param: { id: c.id } },
					{ headers: who.headers }
				),
				403
			);
			expect(
				(await t.client.api.v1.campaigns.$get({ query: {} }, { headers: who.headers })).status
			).toBe(200);
		}
	});

	it('refuses bad input with a 400 per field: reversed dates, negative budget, impossible dates, unknown gifts …', async () => {
		const before = (await auditRows(database, 'campaign.create')).length;
		const reversed = await expectProblem(
			await t.client.api.v1.campaigns.$post(
				{ json: draft({ startsOn: '2026-11-20', endsOn: '2026-11-13' }) },
				{ headers: marketing.headers }
			),
			400
		);
		expect(reversed.fields).toEqual(['endsOn']);
		expect(
			(
				await expectProblem(
					await t.client.api.v1.campaigns.$post(
						{ json: draft({ budgetCents: -1 }) },
						{ headers: marketing.headers }
					),
					400
				)
			).fields
		).toEqual(['budgetCents']);
		expect(
			(
				await expectProblem(
					await t.client.api.v1.campaigns.$post(
						{ json: draft({ budgetCents: 12.5 }) },
						{ headers: marketing.headers }
					),
					400
				)
			).fields
		).toEqual(['budgetCents']);
		const wrong = await expectProblem(
			await t.client.api.v1.campaigns.$post(
				{
					json: draft({
						startsOn: '2026-02-30',
						endsOn: '13-11-2026',
						kind: invalid('week'),
						maxSurprises: 0,
						cooldownDays: -1,
						autoApproveLimitCents: -5,
						name: ''
					})
				},
				{ headers: marketing.headers }
			),
			400
		);
		expect(wrong.fields.sort()).toEqual([
			'autoApproveLimitCents',
			'cooldownDays',
			'endsOn',
			'kind',
			'maxSurprises',
			'name',
			'startsOn'
		]);
		const unknown = await expectProblem(
			await t.client.api.v1.campaigns.$post(
				{ json: draft({ giftIds: [giftId, crypto.randomUUID()] }) },
				{ headers: marketing.headers }
			),
			400
		);
		expect(unknown.fields).toEqual(['giftIds.1']);
		expect(
			(
				await expectProblem(
					await t.client.api.v1.campaigns.$post(
						{ json: draft({ giftIds: ['nope'] }) },
						{ headers: marketing.headers }
					),
					400
				)
			).fields
		).toEqual(['giftIds.0']);
		const missing = await expectProblem(
			await t.client.api.v1.campaigns.$post(
				{ json: invalid({ name: 'Leeg' }) },
				{ headers: marketing.headers }
			),
			400
		);
		expect(missing.fields.sort()).toEqual(['budgetCents', 'endsOn', 'kind', 'startsOn']);
		expect((await auditRows(database, 'campaign.create')).length).toBe(before);
	});

	it('refuses an inactive gift', async () => {
		const old = await expectStatus<{ id: string }>(
			await t.client.api.v1.gifts.$post(
				{
					json: {
						name: 'Oud',
						kind: 'card',
						unitCostCents: 1,
						active: false
					}
				},
				{ headers: marketing.headers }
			),
			201
		);
		const res = await expectProblem(
			await t.client.api.v1.campaigns.$post(
				{ json: draft({ giftIds: [old.id] }) },
				{ headers: marketing.headers }
			),
			400
		);
		expect(res.errors).toEqual([{ field: 'giftIds.0', message: 'This gift is inactive.' }]);
	});

	it('edits a draft (dates checked against the stored ones); audits what changed', async () => {
		const c = await expectStatus<Campaign>(
			await t.client.api.v1.campaigns.$post({ json: draft() }, { headers: marketing.headers }),
			201
		);
		const edited = await expectStatus<Campaign>(
			await t.client.api.v1.campaigns[':id'].$patch(
				{
					param: { id: c.id },
					json: {
						name: 'RAK-dag',
						budgetCents: 40_000,
						maxSurprises: null,
						giftIds: []
					}
				},
				{ headers: marketing.headers }
			),
			200
		);
		expect(edited).toMatchObject({
			name: 'RAK-dag',
			budget: { budgetCents: 40_000, leftCents: 40_000 },
			maxSurprises: null,
			giftIds: []
		});
		const reversed = await expectProblem(
			await t.client.api.v1.campaigns[':id'].$patch(
				{ param: { id: c.id }, json: { endsOn: addDays(c.startsOn, -1) } },
				{ headers: marketing.headers }
			),
			400
		);
		expect(reversed.fields).toEqual(['endsOn']);
		expect(
			(
				await expectProblem(
					await t.client.api.v1.campaigns[':id'].$patch(
						{ param: { id: c.id }, json: { startsOn: addDays(c.endsOn, 1) } },
						{ headers: marketing.headers }
					),
					400
				)
			).fields
		).toEqual(['startsOn']);
		expect(
			(
				await expectProblem(
					await t.client.api.v1.campaigns[':id'].$patch(
						{ param: { id: c.id }, json: { budgetCents: -100 } },
						{ headers: marketing.headers }
					),
					400
				)
			).fields
		).toEqual(['budgetCents']);
		const [audit] = await auditRows(database, 'campaign.update', c.id);
		expect(audit!.data).toMatchObject({
			changes: { name: 'RAK-dag', budgetCents: 40_000, maxSurprises: null, giftIds: [] },
			before: { name: 'Random Act of Kindness Day', budgetCents: 30_000, maxSurprises: 15 }
		});
		await expectProblem(
			await t.client.api.v1.campaigns[':id'].$patch(
				{ param: { id: crypto.randomUUID() }, json: { name: 'X' } },
				{ headers: marketing.headers }
			),
			404
		);
	});

	it('submit needs at least one gift and an end date not in the past; after submit, edits are refused (409)', async () => {
		const noGifts = await expectStatus<Campaign>(
			await t.client.api.v1.campaigns.$post(
				{ json: draft({ giftIds: [] }) },
				{ headers: marketing.headers }
			),
			201
		);
		expect(
			(
				await expectProblem(
					await t.client.api.v1.campaigns[':id'].submit.$post(
						{ param: { id: noGifts.id } },
						{ headers: marketing.headers }
					),
					409
				)
			).fields
		).toEqual(['giftIds']);
		const past = await expectStatus<Campaign>(
			await t.client.api.v1.campaigns.$post(
				{ json: draft({ startsOn: addDays(today, -10), endsOn: addDays(today, -1) }) },
				{ headers: marketing.headers }
			),
			201
		);
		expect(
			(
				await expectProblem(
					await t.client.api.v1.campaigns[':id'].submit.$post(
						{ param: { id: past.id } },
						{ headers: marketing.headers }
					),
					409
				)
			).fields
		).toEqual(['endsOn']);

		const c = await expectStatus<Campaign>(
			await t.client.api.v1.campaigns.$post({ json: draft() }, { headers: marketing.headers }),
			201
		);
		expect(
			await expectStatus<Campaign>(
				await t.client.api.v1.campaigns[':id'].submit.$post(
					{ param: { id: c.id } },
					{ headers: marketing.headers }
				),
				200
			)
		).toMatchObject({ status: 'submitted' });
		const locked = await expectProblem(
			await t.client.api.v1.campaigns[':id'].$patch(
				{ param: { id: c.id }, json: { budgetCents: 1 } },
				{ headers: marketing.headers }
			),
			409
		);
		expect(locked.fields).toEqual(['status']);
		expect(
			(
				await expectProblem(
					await t.client.api.v1.campaigns[':id'].submit.$post(
						{ param: { id: c.id } },
						{ headers: marketing.headers }
					),
					409
				)
			).fields
		).toEqual(['status']);
		expect(await auditRows(database, 'campaign.submit', c.id)).toHaveLength(1);
	});

	it('lists newest first with status and kind filters and cursor pagination', async () => {
		const db = await freshDatabase(engine);
		try {
			const t2 = testApi(db);
			const m = await t2.user('marketing');
			const g = (
				await expectStatus<{ id: string }>(
					await t2.client.api.v1.gifts.$post(
						{ json: { name: 'K', kind: 'card', unitCostCents: 1 } },
						{ headers: m.headers }
					),
					201
				)
			).id;
			const made: string[] = [];
			for (let i = 0; i < 5; i++) {
				const c = await expectStatus<Campaign>(
					await t2.client.api.v1.campaigns.$post(
						{ json: draft({ name: `C${i}`, kind: i % 2 ? 'theme' : 'day', giftIds: [g] }) },
						{ headers: m.headers }
					),
					201
				);
				made.push(c.name);
				if (i === 4)
					await expectStatus(
						await t2.client.api.v1.campaigns[':id'].submit.$post(
							{ param: { id: c.id } },
							{ headers: m.headers }
						),
						200
					);
			}
			const names: string[] = [];
			let cursor: string | null = null;
			do {
				const page: { items: Campaign[]; nextCursor: string | null } = await expectStatus(
					await t2.client.api.v1.campaigns.$get(
						{ query: { limit: '2', cursor: cursor || undefined } },
						{ headers: m.headers }
					),
					200
				);
				names.push(...page.items.map((c) => c.name));
				cursor = page.nextCursor;
			} while (cursor);
			expect(names).toEqual([...made].reverse());
			const themes = await expectStatus<{ items: Campaign[] }>(
				await t2.client.api.v1.campaigns.$get({ query: { kind: 'theme' } }, { headers: m.headers }),
				200
			);
			expect(themes.items.map((c) => c.name)).toEqual(['C3', 'C1']);
			const submitted = await expectStatus<{ items: Campaign[] }>(
				await t2.client.api.v1.campaigns.$get(
					{ query: { status: 'submitted' } },
					{ headers: m.headers }
				),
				200
			);
			expect(submitted.items.map((c) => c.name)).toEqual(['C4']);
			expect(
				(
					await expectProblem(
						await t2.client.api.v1.campaigns.$get(
							{ query: { status: invalid('live') } },
							{ headers: m.headers }
						),
						400
					)
				).fields
			).toEqual(['status']);
		} finally {
			await db.close();
		}
	});

	it('the page counts surprises by state and lists the overdue ones (due before today, not yet shipped)', async () => {
		const c = await expectStatus<Campaign>(
			await t.client.api.v1.campaigns.$post({ json: draft() }, { headers: marketing.headers }),
			201
		);
		const [customer] = await database.db
			.insert(customers)
			.values({ name: 'Zoë van ’t Hek' })
			.returning();
		const rows: { status: (typeof surprises.$inferInsert)['status']; dueOn: string | null }[] = [
			{ status: 'planned', dueOn: null },
			{ status: 'approved', dueOn: addDays(today, -3) }, // overdue
			{ status: 'ready', dueOn: addDays(today, -1) }, // overdue
			{ status: 'printed', dueOn: today }, // due today: not yet overdue
			{ status: 'awaiting_address', dueOn: addDays(today, 2) },
			{ status: 'shipped', dueOn: addDays(today, -5) }, // left the building: not overdue
			{ status: 'cancelled', dueOn: addDays(today, -5) }
		];
		await database.db.insert(surprises).values(
			rows.map((r, i) => ({
				reference: `T-${c.id.slice(0, 8)}-${i}`,
				customerId: customer!.id,
				campaignId: c.id,
				status: r.status,
				dueOn: r.dueOn
			}))
		);
		const page = await expectStatus<Campaign>(
			await t.client.api.v1.campaigns[':id'].$get(
				{ param: { id: c.id } },
				{ headers: hub.headers }
			),
			200
		);
		expect(page.surprisesByStatus).toEqual({
			planned: 1,
			approved: 1,
			awaiting_address: 1,
			ready: 1,
			printed: 1,
			shipped: 1,
			delivered: 0,
			sent: 0,
			cancelled: 1
		});
		expect(page.surprisesTotal).toBe(7);
		expect(page.overdue.count).toBe(2);
		expect(page.overdue.items.map((s) => [s.status, s.daysOverdue])).toEqual([
			['approved', 3],
			['ready', 1]
		]);
	});

	it('unknown and malformed ids: 404 and 400', async () => {
		await expectProblem(
			await t.client.api.v1.campaigns[':id'].$get(
				{ param: { id: crypto.randomUUID() } },
				{ headers: hub.headers }
			),
			404
		);
		expect(
			(
				await expectProblem(
					await t.client.api.v1.campaigns[':id'].$get(
						{ param: { id: '123' } },
						{ headers: hub.headers }
					),
					400
				)
			).fields
		).toEqual(['id']);
		await expectProblem(
			await t.client.api.v1.campaigns[':id'].submit.$post(
				{ param: { id: crypto.randomUUID() } },
				{ headers: marketing.headers }
			),
			404
		);
	});
});
