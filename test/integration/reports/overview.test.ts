/**
 * The overview's figures against a fixture computed by hand, for the fourth quarter of 2026: it
 * starts in summer time (1 October 00:00 = 30 September 22:00 UTC) and ends in winter time
 * (31 December 24:00 = 23:00 UTC), with the clock change on 25 October and Christmas inside it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '#db/client.ts';
import { handles, reactions, scoreHistory, surpriseItems, surprises } from '#db/schema/index.ts';
import { systemCtx, type Ctx } from '#api/domain/context.ts';
import { getCampaignResults } from '#api/domain/reports/campaign-results.ts';
import { getOverview } from '#api/domain/reports/get-overview.ts';
import { foldHandle } from '#api/domain/text.ts';
import { invalid, testApi } from '../../support/api.ts';
import { engines, freshDatabase } from '../../support/databases.ts';
import { fixtures } from '../surprises/fixtures.ts';

const at = (s: string) => new Date(s);

describe.each(engines)('reports on %s', (engine) => {
	let database: Database;
	let t: ReturnType<typeof testApi>;
	let ctx: Ctx;
	const ids: Record<string, string> = {};

	beforeAll(async () => {
		database = await freshDatabase(engine);
		t = testApi(database);
		ctx = { ...systemCtx(database.db), now: () => at('2027-01-10T10:00:00Z') };
		const f = fixtures(database);
		const { db } = database;
		const a = await f.customer({ name: 'Anna' });
		const b = await f.customer({ name: 'Bram' });
		const c = await f.customer({ name: 'Cor' });
		const e = await f.customer({ name: 'Eva (no handle)' });
		await db.insert(handles).values([
			{
				customerId: a.id,
				channel: 'instagram',
				handle: 'anna',
				handleNorm: foldHandle('anna'),
				followers: 100
			},
			{
				customerId: a.id,
				channel: 'x',
				handle: '@anna',
				handleNorm: foldHandle('@anna'),
				followers: 10
			},
			{
				customerId: b.id,
				channel: 'x',
				handle: '@bram',
				handleNorm: foldHandle('@bram'),
				followers: 50
			}
		]);
		const item = await f.gift({ kind: 'item', unitCostCents: 500 });
		const digital = await f.gift({ kind: 'digital', unitCostCents: 300 });
		const c1 = await f.campaign({ giftIds: [item.id, digital.id], budgetCents: 100_000 });
		const c2 = await f.campaign({ giftIds: [item.id] });
		Object.assign(ids, { a: a.id, b: b.id, c1: c1.id, c2: c2.id });
		await f.setting('service_level_days', 3);

		let ref = 0;
		const surprise = async (
			customerId: string,
			status: (typeof surprises.$inferInsert)['status'],
			times: { created: string; approved?: string; shipped?: string; delivered?: string },
			options: { gift?: typeof item; postage?: number; dueOn?: string } = {}
		) => {
			const gift = options.gift ?? item;
			const [row] = await db
				.insert(surprises)
				.values({
					reference: `HOP-R${++ref}`,
					customerId,
					campaignId: c1.id,
					status,
					costCents: gift.unitCostCents,
					postageCents: options.postage ?? 0,
					createdAt: at(times.created),
					approvedAt: times.approved ? at(times.approved) : null,
					shippedAt: times.shipped ? at(times.shipped) : null,
					deliveredAt: times.delivered ? at(times.delivered) : null,
					dueOn: options.dueOn ?? null
				})
				.returning({ id: surprises.id });
			await db.insert(surpriseItems).values({
				surpriseId: row!.id,
				giftId: gift.id,
				quantity: 1,
				unitCostCents: gift.unitCostCents
			});
			return row!.id;
		};
		// S1: approved Friday 2 October, due three working days later (Wednesday 7), shipped then.
		const s1 = await surprise(
			a.id,
			'shipped',
			{
				created: '2026-10-02T08:00:00Z',
				approved: '2026-10-02T08:00:00Z',
				shipped: '2026-10-07T10:00:00Z'
			},
			{ postage: 128 }
		);
		// S2 and S3: approved Wednesday 23 December; Christmas (25th, 26th) does not count, so due
		// Tuesday 29th: S2 shipped then (on time, late had the holidays counted), S3 the 30th (late).
		const s2 = await surprise(
			a.id,
			'delivered',
			{
				created: '2026-12-23T09:00:00Z',
				approved: '2026-12-23T09:00:00Z',
				shipped: '2026-12-29T15:00:00Z',
				delivered: '2026-12-30T10:00:00Z'
			},
			{ postage: 128 }
		);
		await surprise(a.id, 'shipped', {
			created: '2026-12-23T09:00:00Z',
			approved: '2026-12-23T09:00:00Z',
			shipped: '2026-12-30T09:00:00Z'
		});
		// S4: approved 10 November, never shipped: late, and overdue now.
		await surprise(
			a.id,
			'approved',
			{ created: '2026-11-10T10:00:00Z', approved: '2026-11-10T10:00:00Z' },
			{ dueOn: '2026-11-13' }
		);
		// S5 cancelled, S6 digital (sent, no service level), S8 planned (no cost), S7 last quarter.
		await surprise(b.id, 'cancelled', {
			created: '2026-11-11T10:00:00Z',
			approved: '2026-11-11T10:00:00Z'
		});
		await surprise(
			b.id,
			'sent',
			{ created: '2026-11-12T10:00:00Z', approved: '2026-11-12T10:00:00Z' },
			{ gift: digital }
		);
		await surprise(
			b.id,
			'delivered',
			{
				created: '2026-09-30T21:00:00Z',
				approved: '2026-09-25T09:00:00Z',
				shipped: '2026-09-28T09:00:00Z',
				delivered: '2026-10-02T09:00:00Z'
			},
			{ postage: 128 }
		);
		await surprise(e.id, 'planned', { created: '2026-10-20T10:00:00Z' });

		const reaction = (
			customerId: string,
			postedAt: string,
			sentiment: 'positive' | 'neutral' | 'negative',
			counts: { likes?: number; shares?: number; comments?: number; followers?: number },
			options: { starred?: boolean; surpriseId?: string } = {}
		) => ({
			customerId,
			channel: 'instagram' as const,
			text: `${sentiment} at ${postedAt}`,
			postedAt: at(postedAt),
			sentiment,
			likes: counts.likes ?? 0,
			shares: counts.shares ?? 0,
			comments: counts.comments ?? 0,
			followers: counts.followers ?? 0,
			starredAt: options.starred ? at('2027-01-02T10:00:00Z') : null,
			surpriseId: options.surpriseId ?? null
		});
		await db.insert(reactions).values(
			[
				// 1 October 00:30 in Amsterdam: this quarter.
				reaction(
					'',
					'2026-09-30T22:30:00Z',
					'positive',
					{ likes: 10, shares: 2, comments: 3, followers: 100 },
					{ starred: true, surpriseId: s1 }
				),
				// 30 September 23:30: the previous period.
				reaction('', '2026-09-30T21:30:00Z', 'negative', { likes: 1, followers: 50 }),
				// The night the clocks go back.
				reaction(
					'',
					'2026-10-25T01:30:00Z',
					'neutral',
					{ likes: 5, followers: 200 },
					{ surpriseId: s2 }
				),
				// 31 December 23:59: still this quarter; one minute later it is next year's.
				reaction('', '2026-12-31T22:59:00Z', 'positive', { comments: 4 }, { starred: true }),
				reaction('', '2026-12-31T23:00:00Z', 'positive', {}, { starred: true }),
				// 1 July 00:00 summer time opens the previous period; a minute earlier is outside both.
				reaction('', '2026-06-30T22:00:00Z', 'neutral', {}),
				reaction('', '2026-06-30T21:59:00Z', 'neutral', {})
			].map((r, i) => ({ ...r, customerId: [a.id, b.id, a.id, b.id, a.id, b.id, a.id][i]! }))
		);
		await db.insert(scoreHistory).values([
			{ customerId: a.id, day: '2026-09-15', score: 1.5, tier: 'fan' },
			{ customerId: a.id, day: '2026-11-01', score: 3.5, tier: 'supporter' },
			{ customerId: b.id, day: '2026-10-05', score: 1.2, tier: 'fan' },
			{ customerId: c.id, day: '2026-08-01', score: 7, tier: 'advocate' },
			{ customerId: c.id, day: '2026-10-10', score: 1.1, tier: 'fan' },
			{ customerId: a.id, day: '2027-01-05', score: 7, tier: 'advocate' }
		]);
	}, 120_000);
	afterAll(async () => {
		await database?.close();
	});

	it('bounds the quarter at the Amsterdam midnights, across the clock change', async () => {
		const o = await getOverview({ ctx, input: { quarter: '2026-Q4' } });
		expect(o.period).toEqual({
			from: '2026-10-01',
			to: '2026-12-31',
			quarter: '2026-Q4',
			start: '2026-09-30T22:00:00.000Z',
			end: '2026-12-31T23:00:00.000Z'
		});
		expect(o.previous).toEqual({ from: '2026-07-01', to: '2026-09-30' });
	});

	it('adds up reactions, sentiment, reach and audience against the previous period', async () => {
		const o = await getOverview({ ctx, input: { quarter: '2026-Q4' } });
		const { byWeek, previous, ...current } = o.reactions;
		expect(current).toEqual({
			total: 3,
			bySentiment: { positive: 2, neutral: 1, negative: 0 },
			reach: 24,
			likes: 15,
			shares: 2,
			comments: 7,
			audience: 300
		});
		expect(previous).toEqual({
			total: 2,
			bySentiment: { positive: 0, neutral: 1, negative: 1 },
			reach: 1,
			likes: 1,
			shares: 0,
			comments: 0,
			audience: 50
		});
		expect(byWeek).toHaveLength(14);
		expect(byWeek[0]).toEqual({
			week: '2026-09-28',
			start: '2026-09-30T22:00:00.000Z',
			end: '2026-10-04T22:00:00.000Z',
			positive: 1,
			neutral: 0,
			negative: 0
		});
		expect(byWeek.find((w) => w.week === '2026-10-19')).toEqual({
			week: '2026-10-19',
			// 25 October is 25 hours long.
			start: '2026-10-18T22:00:00.000Z',
			end: '2026-10-25T23:00:00.000Z',
			positive: 0,
			neutral: 1,
			negative: 0
		});
		expect(byWeek.at(-1)).toMatchObject({
			week: '2026-12-28',
			end: '2026-12-31T23:00:00.000Z',
			positive: 1
		});
		expect(o.highlights.map((h) => h.postedAt)).toEqual([
			'2026-12-31T22:59:00.000Z',
			'2026-09-30T22:30:00.000Z'
		]);
	});

	it('counts surprises by status, campaign, gift and channel, and their cost', async () => {
		const o = await getOverview({ ctx, input: { quarter: '2026-Q4' } });
		const s = o.surprises;
		expect(s.total).toBe(7);
		expect(s.gifted).toBe(5);
		expect(s.costCents).toBe(628 + 628 + 500 + 500 + 300);
		expect(s.byStatus).toMatchObject({
			planned: 1,
			approved: 1,
			shipped: 2,
			delivered: 1,
			sent: 1,
			cancelled: 1,
			ready: 0
		});
		expect(s.byCampaign).toEqual([
			expect.objectContaining({
				campaignId: ids.c1,
				surprises: 7,
				gifted: 5,
				costCents: 2556,
				budgetCents: 100_000
			})
		]);
		expect(s.byGift.map((g) => [g.kind, g.surprises, g.quantity, g.costCents])).toEqual([
			['item', 6, 6, 2000],
			['digital', 1, 1, 300]
		]);
		expect(s.byChannel).toMatchObject({ instagram: 4, x: 2, none: 1, facebook: 0 });
		expect(s.previous).toEqual({ total: 1, costCents: 628 });
	});

	it('measures the service level per week in working days, Christmas not counted', async () => {
		const o = await getOverview({ ctx, input: { quarter: '2026-Q4' } });
		const sl = o.serviceLevel;
		const week = (w: string) => sl.weeks.find((x) => x.week === w);
		expect(week('2026-09-28')).toEqual({
			week: '2026-09-28',
			approved: 1,
			onTime: 1,
			late: 0,
			pending: 0,
			share: 1
		});
		expect(week('2026-11-09')).toEqual({
			week: '2026-11-09',
			approved: 1,
			onTime: 0,
			late: 1,
			pending: 0,
			share: 0
		});
		expect(week('2026-12-21')).toEqual({
			week: '2026-12-21',
			approved: 2,
			onTime: 1,
			late: 1,
			pending: 0,
			share: 0.5
		});
		expect(week('2026-10-05')?.share).toBeNull();
		expect({ ...sl, weeks: undefined }).toEqual({
			days: 3,
			weeks: undefined,
			onTime: 2,
			late: 2,
			pending: 0,
			share: 0.5,
			overdueNow: 1
		});
	});

	it('a surprise not yet due is pending, not late', async () => {
		const early = { ...ctx, now: () => at('2026-11-11T10:00:00Z') };
		const o = await getOverview({ ctx: early, input: { quarter: '2026-Q4' } });
		expect(o.serviceLevel.weeks.find((w) => w.week === '2026-11-09')).toMatchObject({
			approved: 1,
			late: 0,
			pending: 1,
			share: null
		});
	});

	it('names who moved up a tier in the period (not down, not after it)', async () => {
		const o = await getOverview({ ctx, input: { quarter: '2026-Q4' } });
		expect(o.tierMoves).toEqual({
			total: 2,
			customers: [
				{ id: ids.a, name: 'Anna', before: 'fan', after: 'supporter' },
				{ id: ids.b, name: 'Bram', before: 'none', after: 'fan' }
			]
		});
	});

	it('any date range works, and the default is the last full quarter', async () => {
		const o = await getOverview({ ctx, input: { from: '2026-10-25', to: '2026-10-25' } });
		expect(o.reactions.total).toBe(1);
		expect(o.previous).toEqual({ from: '2026-10-24', to: '2026-10-24' });
		expect((await getOverview({ ctx, input: {} })).period.quarter).toBe('2026-Q4');
	});

	it('compares campaigns per surprise and per €100', async () => {
		const r = await getCampaignResults({ ctx, input: { ids: [ids.c1, ids.c2] } });
		const [one, two] = r.campaigns;
		const cost = 628 + 628 + 500 + 500 + 300 + 628;
		expect(one).toMatchObject({
			campaignId: ids.c1,
			surprises: 6,
			costCents: cost,
			costPerSurpriseCents: Math.round(cost / 6),
			reactions: 2,
			reach: 20,
			recipients: 2,
			recipientsPosted: 1,
			postedShare: 0.5,
			medianHoursToShip: 136,
			bySentiment: { positive: 1, neutral: 1, negative: 0 }
		});
		expect(one!.reactionsPerSurprise).toBeCloseTo(2 / 6, 12);
		expect(one!.positivePer100Euro).toBeCloseTo(10_000 / cost, 12);
		expect(one!.reachPer100Euro).toBeCloseTo((20 * 10_000) / cost, 12);
		expect(two).toMatchObject({
			surprises: 0,
			costPerSurpriseCents: null,
			reactionsPerSurprise: null,
			positivePer100Euro: null,
			postedShare: null,
			medianHoursToShip: null
		});
	});

	describe('over HTTP', () => {
		it('every staff role reads; anonymous callers do not', async () => {
			expect((await t.client.api.v1.reports.overview.$get({ query: {} })).status).toBe(401);
			for (const role of ['hub', 'marketing', 'admin'] as const) {
				const u = await t.user(role);
				const res = await t.client.api.v1.reports.overview.$get(
					{ query: { quarter: '2026-Q4' } },
					{ headers: u.headers }
				);
				expect(res.status).toBe(200);
				expect((await res.json()).reactions.total).toBe(3);
			}
		});

		it('names the field of a bad period', async () => {
			const hub = await t.user('hub');
			const bad = async (query: Record<string, string>, field: string) => {
				const res = await t.client.api.v1.reports.overview.$get(
					{ query: invalid(query) },
					{ headers: hub.headers }
				);
				expect(res.status).toBe(400);
				const body = (await res.json()) as unknown as { errors: { field: string }[] };
				expect(body.errors.map((e) => e.field)).toContain(field);
			};
			await bad({ quarter: '2026-Q5' }, 'quarter');
			await bad({ from: '2026-02-30', to: '2026-03-01' }, 'from');
			await bad({ from: '2026-03-01' }, 'to');
			await bad({ from: '2026-03-02', to: '2026-03-01' }, 'to');
			await bad({ from: '2020-01-01', to: '2026-03-01' }, 'to');
		});

		it('campaign results take one to four ids', async () => {
			const hub = await t.user('hub');
			const get = (ids: string) =>
				t.client.api.v1.reports.campaigns.$get({ query: { ids } }, { headers: hub.headers });
			const ok = await get(`${ids.c1},${ids.c2}`);
			expect(ok.status).toBe(200);
			expect((await ok.json()).campaigns.map((c: { campaignId: string }) => c.campaignId)).toEqual([
				ids.c1,
				ids.c2
			]);
			const five = Array.from({ length: 5 }, () => crypto.randomUUID()).join(',');
			expect((await get(five)).status).toBe(400);
			expect((await get('not-an-id')).status).toBe(400);
			expect((await get(crypto.randomUUID())).status).toBe(404);
		});
	});
});
