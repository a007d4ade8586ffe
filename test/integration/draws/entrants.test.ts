/**
 * Draw pools and rules beyond nominations: imported contest entrants (preview, per-row errors,
 * duplicates merged, found or created as customers), entries after the closing time, missing
 * consent, one winner per household, the customer filter's reaction and surprise windows, weights
 * by ambassador score and strata per channel.
 */
import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '#db/client.ts';
import { ambassadorScores, customers, reactions, surprises } from '#db/schema/index.ts';
import { verifyDrawRecord } from '#api/domain/draws/record.ts';
import { freshDatabase, engines } from '../../support/databases.ts';
import { testApi } from '../../support/api.ts';
import { expectProblem, expectStatus } from '../../support/expect-http.ts';
import { fixtures } from '../surprises/fixtures.ts';

type User = Awaited<ReturnType<ReturnType<typeof testApi>['user']>>;
type Rule = { rule: string; count: number; removed?: { handle: string; enteredAt?: string }[] };
type Draw = {
	id: string;
	eligibility: {
		poolSize: number;
		rules: Required<Rule>[];
		households?: { candidates: number; groups: number };
		entrants?: { merged: { handle: string; entries: number }[]; newCustomers: number };
	};
	record: {
		format: string;
		pool: { id: string; handle: string; channel: string; weight: number; household: string }[];
		result: { winners: string[]; reserves: string[] } | null;
	};
	chances: { method: string };
	winners: { handle: string; customer: { id: string } | null }[];
};

const CSV = [
	'handle,channel,name,text,entered_at,consent',
	'@linda,instagram,Linda de Vries,Paasbrunch!,2027-03-28 10:00,ja',
	'@Linda,instagram,,Nog een keer,2027-03-28 11:00,ja',
	'linda,instagram,,En nog een,2027-03-29 09:00,ja',
	'@piet,x,Piet,Ik doe mee,2027-03-30 12:00,ja',
	'@laat,x,Te Laat,Ik ben laat,2027-04-01 00:30,ja',
	'@stil,instagram,Stil,Zonder toestemming,2027-03-29 08:00,nee',
	...Array.from({ length: 8 }, (_, i) => `@fan${i},x,Fan ${i},Ja!,2027-03-30 1${i}:00,yes`)
].join('\n');

for (const engine of engines) {
	describe(`draw pools and rules (${engine})`, () => {
		let database: Database;
		let t: ReturnType<typeof testApi>;
		let f: ReturnType<typeof fixtures>;
		let hub: User;
		let campaignId: string;

		beforeAll(async () => {
			database = await freshDatabase(engine);
			t = testApi(database);
			f = fixtures(database);
			hub = await t.user('hub');
			campaignId = (await f.campaign({ giftIds: [], cooldownDays: 30 })).id;
			// @piet is a customer already: found by handle, not created again.
			await f.customer({ name: 'Piet Bestaand', handle: { channel: 'x', handle: 'piet' } });
		}, 60_000);
		afterAll(async () => {
			await database?.close();
		});

		const post = (path: string, json?: unknown) =>
			t.request(`/api/v1/draws${path}`, { method: 'POST', headers: hub.headers, json });
		const customerCount = async () =>
			(await database.db.select({ n: count() }).from(customers))[0]!.n;
		const entrants = (csv = CSV, more: Record<string, unknown> = {}) => ({
			kind: 'entrants',
			csv,
			closesAt: '2027-03-31 23:59',
			consentRequired: true,
			...more
		});

		it('previews an imported pool: duplicates merged by handle, late entries listed, nothing created', async () => {
			const before = await customerCount();
			const preview = await expectStatus<{
				poolSize: number;
				eligible: number;
				rules: Rule[];
				entrants: {
					rows: number;
					entrants: number;
					merged: { handle: string; entries: number }[];
					newCustomers: number;
					closesAt: string;
					invalid: number;
				};
			}>(await post('/pool-preview', { campaignId, pool: entrants() }), 200);
			expect(preview.entrants).toMatchObject({
				rows: 14,
				entrants: 12,
				merged: [{ handle: 'linda', entries: 3 }],
				newCustomers: 11,
				// 23:59 in Amsterdam in summer time is 21:59 UTC.
				closesAt: '2027-03-31T21:59:00.000Z',
				invalid: 0
			});
			expect(preview.poolSize).toBe(12);
			const rule = (name: string) => preview.rules.find((r) => r.rule === name)!;
			expect(rule('late')).toMatchObject({
				count: 1,
				removed: [{ handle: 'laat', enteredAt: '2027-03-31T22:30:00.000Z' }]
			});
			expect(rule('consent').count).toBe(1);
			expect(preview.eligible).toBe(10);
			expect(await customerCount()).toBe(before);
		});

		it('shows each bad row with its column; preparing with bad rows is a 400 naming them, nothing written', async () => {
			const bad = `${CSV}\n@ok,x,,,2027-03-30 12:00,ja\nzonder kanaal,,,,2027-03-30,ja\n@tijd,x,,,morgen,ja`;
			const preview = await expectStatus<{
				entrants: { invalid: number; errors: { line: number; field: string }[] };
			}>(await post('/pool-preview', { campaignId, pool: entrants(bad) }), 200);
			expect(preview.entrants.invalid).toBe(2);
			expect(preview.entrants.errors.map((e) => `${e.line}.${e.field}`)).toEqual([
				'17.channel',
				'18.entered_at'
			]);
			const before = await customerCount();
			const problem = await expectProblem(
				await post('', { campaignId, pool: entrants(bad), winners: 3 }),
				400
			);
			expect(problem.fields).toEqual(['pool.csv.rows.17.channel', 'pool.csv.rows.18.entered_at']);
			expect(await customerCount()).toBe(before);
			const noColumn = await expectProblem(
				await post('/pool-preview', { campaignId, pool: entrants('handle,name\n@a,A') }),
				400
			);
			expect(noColumn.fields).toEqual(['csv']);
		});

		it('prepares from the entrants: new ones become customers, the rules remove late and unconsenting entries, the draw verifies', async () => {
			const before = await customerCount();
			const draw = await expectStatus<Draw>(
				await post('', { campaignId, pool: entrants(), winners: 3, reserves: 2 }),
				201
			);
			expect(await customerCount()).toBe(before + 11);
			expect(draw.record.format).toBe('hoppatee-draw/2');
			expect(draw.record.pool).toHaveLength(10);
			expect(draw.eligibility.entrants).toMatchObject({
				merged: [{ handle: 'linda', entries: 3 }],
				newCustomers: 11
			});
			const handles = draw.record.pool.map((c) => c.handle);
			expect(handles).toContain('piet');
			expect(handles).not.toContain('laat');
			expect(handles).not.toContain('stil');
			// Entered on X, Linda on Instagram: each shows on the channel they entered on.
			expect(draw.record.pool.find((c) => c.handle === 'linda')!.channel).toBe('instagram');
			const drawn = await expectStatus<Draw>(await post(`/${draw.id}/draw`), 200);
			expect(verifyDrawRecord(drawn.record)).toMatchObject({ identical: true });
			// Preparing again finds every entrant: no new customers.
			const again = await expectStatus<Draw>(
				await post('', { campaignId, pool: entrants(), winners: 3 }),
				201
			);
			expect(again.eligibility.entrants!.newCustomers).toBe(0);
			expect(await customerCount()).toBe(before + 11);
		});

		it('one winner per household: three at one address, at most one of them is picked', async () => {
			const housemates = await Promise.all(
				[0, 1, 2].map((i) =>
					f.customer({ address: true, handle: { channel: 'instagram', handle: `@huis${i}` } })
				)
			);
			for (let i = 0; i < 4; i++)
				await f.customer({ handle: { channel: 'instagram', handle: `@los${i}` } });
			const campaign = (await f.campaign({ giftIds: [], cooldownDays: 0 })).id;
			const pool = { kind: 'customers', channel: 'instagram' };
			for (let i = 0; i < 4; i++) {
				const draw = await expectStatus<Draw>(
					await post('', { campaignId: campaign, pool, winners: 3, reserves: 1 }),
					201
				);
				expect(draw.eligibility.households).toEqual({ candidates: 3, groups: 1 });
				const shared = draw.record.pool.filter((c) =>
					c.handle.replace(/^@/, '').startsWith('huis')
				);
				expect(new Set(shared.map((c) => c.household)).size).toBe(1);
				expect(shared[0]!.household).toMatch(/^[0-9a-f]{16}$/);
				expect(draw.chances.method).toBe('monte-carlo');
				const drawn = await expectStatus<Draw>(await post(`/${draw.id}/draw`), 200);
				const picked = [...drawn.record.result!.winners, ...drawn.record.result!.reserves];
				const ofHousehold = shared.filter((c) => picked.includes(c.id));
				expect(ofHousehold.length).toBeLessThanOrEqual(1);
				const rule = drawn.eligibility.rules.find((r) => r.rule === 'household')!;
				expect(rule.count).toBe(ofHousehold.length ? 2 : 0);
				expect(verifyDrawRecord(drawn.record)).toMatchObject({ identical: true });
			}
			expect(housemates).toHaveLength(3);
		});

		it('the customer filter: a positive reaction within N days, not surprised within N days', async () => {
			const happy = await f.customer({ handle: { channel: 'x', handle: '@blij' } });
			const surprised = await f.customer({ handle: { channel: 'x', handle: '@verrast' } });
			await database.db.insert(reactions).values([
				{
					customerId: happy.id,
					channel: 'x',
					text: 'Top!',
					postedAt: new Date(Date.now() - 5 * 86_400_000),
					sentiment: 'positive'
				},
				{
					customerId: surprised.id,
					channel: 'x',
					text: 'Top!',
					postedAt: new Date(Date.now() - 5 * 86_400_000),
					sentiment: 'positive'
				}
			]);
			const other = await f.campaign({ giftIds: [] });
			await database.db.insert(surprises).values({
				reference: `HOP-F-${engine}`,
				customerId: surprised.id,
				campaignId: other.id
			});
			const preview = await expectStatus<{ poolSize: number }>(
				await post('/pool-preview', {
					campaignId,
					pool: { kind: 'customers', positiveWithinDays: 30, notSurprisedWithinDays: 60 }
				}),
				200
			);
			expect(preview.poolSize).toBe(1);
			const wider = await expectStatus<{ poolSize: number }>(
				await post('/pool-preview', {
					campaignId,
					pool: { kind: 'customers', positiveWithinDays: 30 }
				}),
				200
			);
			expect(wider.poolSize).toBe(2);
			await database.db
				.update(reactions)
				.set({ postedAt: new Date(Date.now() - 40 * 86_400_000) })
				.where(eq(reactions.customerId, happy.id));
			const older = await expectStatus<{ poolSize: number }>(
				await post('/pool-preview', {
					campaignId,
					pool: { kind: 'customers', positiveWithinDays: 30, notSurprisedWithinDays: 60 }
				}),
				200
			);
			expect(older.poolSize).toBe(0);
		});

		it('weights by ambassador score (1 + whole points), and strata of at least k per channel', async () => {
			const scored = await f.customer({ handle: { channel: 'x', handle: '@score' } });
			await database.db.insert(ambassadorScores).values({ customerId: scored.id, score: 7.6 });
			const pool = { kind: 'customers', channel: 'x' };
			const draw = await expectStatus<Draw>(
				await post('', { campaignId, pool, winners: 2, weighting: 'score', weightCap: 'none' }),
				201
			);
			expect(draw.record.pool.find((c) => c.handle.endsWith('score'))!.weight).toBe(8);
			expect(draw.record.pool.filter((c) => c.weight === 1).length).toBe(
				draw.record.pool.length - 1
			);
			expect(draw.chances.method).toBe('monte-carlo');
			const strata = await expectStatus<Draw & { record: { params: { minPerChannel: number } } }>(
				await post('', { campaignId, pool: entrants(), winners: 4, minPerChannel: 2 }),
				201
			);
			expect(strata.record.params.minPerChannel).toBe(2);
			const drawn = await expectStatus<Draw>(await post(`/${strata.id}/draw`), 200);
			const channelOf = new Map(drawn.record.pool.map((c) => [c.id, c.channel]));
			const won = drawn.record.result!.winners.map((id) => channelOf.get(id));
			expect(won.filter((c) => c === 'instagram').length).toBeGreaterThanOrEqual(1);
			expect(won.filter((c) => c === 'x').length).toBeGreaterThanOrEqual(2);
			const tooMany = await expectProblem(
				await post('', { campaignId, pool: entrants(), winners: 3, minPerChannel: 2 }),
				409
			);
			expect(tooMany.fields).toEqual(['minPerChannel']);
		});
	});
}
