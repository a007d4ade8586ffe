import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '#db/client.ts';
import { systemCtx, type Ctx } from '#api/domain/context.ts';
import { logReaction } from '#api/domain/reactions/log-reaction.ts';
import { reactionsDashboard } from '#api/domain/reactions/reactions-dashboard.ts';
import { recomputeScores } from '#api/domain/scores/recompute-scores.ts';
import { DAY_MS } from '#api/domain/scores/score.ts';
import { engines, freshDatabase } from '../../support/databases.ts';
import { testApi, invalid, type QueryOf } from '../../support/api.ts';
import { expectProblem, expectStatus } from '../../support/expect-http.ts';
import { scoreFixtures } from './support.ts';

type Item = {
	customerId: string;
	name: string;
	score: number;
	tier: string;
	change: number;
	emergingSince: string | null;
	slippingSince: string | null;
};
type Page = { items: Item[]; nextCursor: string | null };

describe.each(engines)('ambassadors and scores API on %s', (engine) => {
	let database: Database;
	let t: ReturnType<typeof testApi>;
	let hub: Record<string, string>;
	let marketing: Record<string, string>;
	let admin: Record<string, string>;
	const ids: Record<string, string> = {};

	beforeAll(async () => {
		database = await freshDatabase(engine);
		t = testApi(database);
		hub = (await t.user('hub')).headers;
		marketing = (await t.user('marketing')).headers;
		admin = (await t.user('admin')).headers;
		const f = scoreFixtures(database);
		const now = Date.now();
		const at = (ms: number): Ctx => ({ ...systemCtx(database.db), now: () => new Date(ms) });
		// A photo with 9,999 followers, spontaneous, positive, fresh: 1 × 1.5 × 1.5 × 1 × 2 = 4.5.
		const photos = async (who: string, n: number, when = now) => {
			for (let i = 0; i < n; i++) {
				await logReaction({
					ctx: at(when),
					input: {
						customerId: who,
						postedAt: new Date(when - 60_000 * (i + 1)).toISOString(),
						kind: 'photo_video',
						followers: 9_999,
						sentiment: 'positive'
					}
				});
			}
		};
		for (const name of [
			'ambassador',
			'advocate',
			'supporter',
			'fan',
			'slipping',
			'staff',
			'optedOut',
			'complainer'
		]) {
			ids[name] = (
				await f.customer({ isStaff: name === 'staff', optedOut: name === 'optedOut' })
			).id;
		}
		await photos(ids.ambassador!, 3); // 13.5
		await photos(ids.advocate!, 2); // 9
		await photos(ids.supporter!, 1); // 4.5
		await logReaction({
			ctx: at(now),
			input: {
				customerId: ids.fan!,
				postedAt: new Date(now - 60_000).toISOString(),
				sentiment: 'positive'
			}
		}); // 1.5
		await photos(ids.slipping!, 2, now - 70 * DAY_MS); // advocate 70 days ago: 9 × 0.5^(70/90) ≈ 5.2 now
		await photos(ids.staff!, 5);
		await photos(ids.optedOut!, 5);
		await logReaction({
			ctx: at(now),
			input: {
				customerId: ids.complainer!,
				postedAt: new Date(now - 60_000).toISOString(),
				sentiment: 'negative',
				text: 'Slecht'
			}
		});
		await recomputeScores({ ctx: at(now) });
	}, 120_000);
	afterAll(async () => {
		await database?.close();
	});

	const board = async (
		query: QueryOf<typeof t.client.api.v1.ambassadors.$get> = {},
		headers = hub
	) => expectStatus<Page>(await t.client.api.v1.ambassadors.$get({ query }, { headers }), 200);
	const names = (page: Page) =>
		page.items.map((i) => Object.entries(ids).find(([, id]) => id === i.customerId)?.[0]);

	it('ranks by score now, leaves out team members, opted-out customers and scores of 0', async () => {
		const page = await board();
		expect(names(page)).toEqual(['ambassador', 'advocate', 'slipping', 'supporter', 'fan']);
		expect(page.items[0]!.score).toBeCloseTo(13.5, 3);
		expect(page.items.map((i) => i.tier)).toEqual([
			'ambassador',
			'advocate',
			'supporter',
			'supporter',
			'fan'
		]);
		expect(page.items[2]!.score).toBeCloseTo(9 * Math.pow(0.5, 70 / 90), 2);
	});

	it('filters by tier, shows emerging and slipping away, pages with a cursor', async () => {
		expect(names(await board({ tier: 'advocate' }))).toEqual(['advocate']);
		expect(names(await board({ tier: 'supporter' }))).toEqual(['slipping', 'supporter']);
		expect(names(await board({ tier: '' }))).toHaveLength(5);
		// Emerging: rose ≥ 2 points and ≥ 50 % over 30 days, not yet ambassador (the fan rose 1.5 only).
		expect(names(await board({ view: 'emerging' }))).toEqual(['advocate', 'supporter']);
		// Slipping away: reached advocate 70 days ago, no positive reaction since.
		expect(names(await board({ view: 'slipping' }))).toEqual(['slipping']);
		const first = await board({ limit: '2' });
		const second = await board({ limit: '2', cursor: first.nextCursor! });
		const third = await board({ limit: '2', cursor: second.nextCursor! });
		expect([...names(first), ...names(second), ...names(third)]).toEqual([
			'ambassador',
			'advocate',
			'slipping',
			'supporter',
			'fan'
		]);
		expect(third.nextCursor).toBeNull();
		expect(
			(
				await expectProblem(
					await t.client.api.v1.ambassadors.$get(
						{ query: { tier: invalid('legend') } },
						{ headers: hub }
					),
					400
				)
			).fields
		).toEqual(['tier']);
		expect(
			(
				await expectProblem(
					await t.client.api.v1.ambassadors.$get(
						{ query: { view: invalid('top') } },
						{ headers: hub }
					),
					400
				)
			).fields
		).toEqual(['view']);
		expect(
			(
				await expectProblem(
					await t.client.api.v1.ambassadors.$get({ query: { cursor: 'abc' } }, { headers: hub }),
					400
				)
			).fields
		).toEqual(['cursor']);
		expect(names(await board({}, marketing))).toHaveLength(5);
		await expectProblem(await t.client.api.v1.ambassadors.$get({ query: {} }), 401);
	});

	it("explains a customer's score: every term of every reaction, next tier, trend; team members score 0", async () => {
		const s = await expectStatus<{
			score: number;
			tier: string;
			excluded: string | null;
			components: {
				contribution: number;
				reach: number;
				spontaneity: number;
				kindWeight: number;
				decay: number;
				sentimentWeight: number;
			}[];
			nextTier: { tier: string; missing: number } | null;
			history: { day: string; tier: string }[];
			trend: { day: string; score: number }[];
			formula: string;
		}>(
			await t.client.api.v1.customers[':id'].score.$get(
				{ param: { id: ids.advocate } },
				{ headers: marketing }
			),
			200
		);
		expect(s).toMatchObject({ tier: 'advocate', excluded: null, nextTier: { tier: 'ambassador' } });
		expect(s.score).toBeCloseTo(9, 3);
		expect(s.nextTier!.missing).toBeCloseTo(1, 3);
		expect(s.components).toHaveLength(2);
		for (const c of s.components) {
			expect(c).toMatchObject({ sentimentWeight: 1, kindWeight: 1.5, spontaneity: 1.5, reach: 2 });
			expect(c.contribution).toBeCloseTo(
				c.sentimentWeight * c.kindWeight * c.spontaneity * c.decay * c.reach,
				12
			);
		}
		expect(s.components.reduce((a, c) => a + c.contribution, 0)).toBeCloseTo(s.score, 9);
		expect(s.history.at(-1)!.tier).toBe('advocate');
		expect(s.trend.at(-1)!.score).toBeCloseTo(s.score, 9);

		const slipping = await expectStatus<{
			trend: { day: string; score: number }[];
			tierChanges: { from: string; to: string }[];
			slipping: boolean;
		}>(
			await t.client.api.v1.customers[':id'].score.$get(
				{ param: { id: ids.slipping } },
				{ headers: hub }
			),
			200
		);
		expect(slipping.slipping).toBe(true);
		expect(slipping.trend.length).toBeGreaterThanOrEqual(70); // a point a day since 70 days ago, decay filled in
		expect(slipping.trend[0]!.score).toBeGreaterThan(slipping.trend.at(-1)!.score);
		// From nothing to advocate on the first reaction 70 days ago, then decayed to supporter.
		expect(slipping.tierChanges.map((c) => `${c.from}→${c.to}`)).toEqual([
			'none→advocate',
			'advocate→supporter'
		]);

		const staff = await expectStatus<{
			score: number;
			tier: string;
			excluded: string;
			components: unknown[];
		}>(
			await t.client.api.v1.customers[':id'].score.$get(
				{ param: { id: ids.staff } },
				{ headers: hub }
			),
			200
		);
		expect(staff).toMatchObject({ score: 0, tier: 'none', excluded: 'staff', components: [] });
		await expectProblem(
			await t.client.api.v1.customers[':id'].score.$get(
				{ param: { id: crypto.randomUUID() } },
				{ headers: hub }
			),
			404
		);
		// The customers router on the same prefix still answers its own paths.
		expect(
			(
				await t.client.api.v1.customers[':id'].$get(
					{ param: { id: ids.advocate } },
					{ headers: hub }
				)
			).status
		).toBe(200);
		expect(
			(
				await t.client.api.v1.customers[':id'].timeline.$get(
					{ param: { id: ids.advocate } },
					{ headers: hub }
				)
			).status
		).toBe(200);
	});

	it('recompute on demand is for admins', async () => {
		await expectProblem(await t.client.api.v1.scores.recompute.$post({}, { headers: hub }), 403);
		const body = await expectStatus<{ scored: number; ms: number }>(
			await t.client.api.v1.scores.recompute.$post({}, { headers: admin }),
			200
		);
		expect(body.scored).toBeGreaterThanOrEqual(0);
	});

	it('weights are an admin setting; reach may not more than double', async () => {
		const got = await expectStatus<{ value: { reachCap: number } }>(
			await t.client.api.v1.settings[':key'].$get(
				{ param: { key: 'score_weights' } },
				{ headers: admin }
			),
			200
		);
		expect(got.value.reachCap).toBe(2);
		const bad = await t.client.api.v1.settings[':key'].$put(
			{ param: { key: 'score_weights' }, json: { value: { ...got.value, reachCap: 3 } } },
			{ headers: admin }
		);
		expect((await expectProblem(bad, 400)).fields).toContain('value.reachCap');
		await expectProblem(
			await t.client.api.v1.settings[':key'].$get(
				{ param: { key: 'score_weights' } },
				{ headers: hub }
			),
			403
		);
	});

	it('dashboard figures: reactions of the last 7 days by sentiment, newest emerging ambassadors', async () => {
		const d = await reactionsDashboard({
			ctx: {
				...systemCtx(database.db),
				actor: {
					type: 'user',
					id: crypto.randomUUID(),
					role: 'marketing',
					name: 'M',
					email: 'm@example.test'
				}
			}
		});
		expect(d.reactions.bySentiment.negative).toBe(1);
		expect(d.reactions.total).toBe(
			d.reactions.bySentiment.positive +
				d.reactions.bySentiment.neutral +
				d.reactions.bySentiment.negative
		);
		expect(d.reactions.total).toBeGreaterThanOrEqual(3 + 2 + 1 + 1 + 5 + 5 + 1);
		expect(d.emerging.map((e) => e.customerId).sort()).toEqual(
			[ids.advocate, ids.supporter].sort()
		);
		const viaApi = await expectStatus<typeof d>(
			await t.client.api.v1.reactions.dashboard.$get({}, { headers: marketing }),
			200
		);
		expect(viaApi.reactions.total).toBe(d.reactions.total);
		expect(viaApi.emerging.map((e) => e.customerId)).toEqual(d.emerging.map((e) => e.customerId));
	});

	it('marking a customer as a team member (or opted out) takes their score to 0 at once', async () => {
		await expectStatus(
			await t.client.api.v1.customers[':id'].$patch(
				{ param: { id: ids.supporter }, json: { isStaff: true } },
				{ headers: hub }
			),
			200
		);
		expect(names(await board())).not.toContain('supporter');
		const s = await expectStatus<{ score: number; excluded: string }>(
			await t.client.api.v1.customers[':id'].score.$get(
				{ param: { id: ids.supporter } },
				{ headers: hub }
			),
			200
		);
		expect(s).toMatchObject({ score: 0, excluded: 'staff' });
		const customer = await expectStatus<{ tier: string }>(
			await t.client.api.v1.customers[':id'].$get(
				{ param: { id: ids.supporter } },
				{ headers: hub }
			),
			200
		);
		expect(customer.tier).toBe('none');
		await expectStatus(
			await t.client.api.v1.customers[':id'].$patch(
				{ param: { id: ids.fan }, json: { optedOut: true } },
				{ headers: hub }
			),
			200
		);
		expect(names(await board())).toEqual(['ambassador', 'advocate', 'slipping']);
	});
});
