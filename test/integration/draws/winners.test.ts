/**
 * After the draw: the pool preview before it, winners becoming surprises through the single-surprise
 * rules (all-or-nothing per winner), claim links for all, reserve promotion, the list, the
 * pseudonymous public record and the certificate.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '#db/client.ts';
import { campaigns, surpriseEvents, surprises } from '#db/schema/index.ts';
import { planSurprise } from '#api/domain/surprises/plan-surprise.ts';
import { verifyDrawRecord } from '#api/domain/draws/record.ts';
import { freshDatabase, engines } from '../../support/databases.ts';
import { testApi } from '../../support/api.ts';
import { auditRows, expectProblem, expectStatus } from '../../support/expect-http.ts';
import { fixtures } from '../surprises/fixtures.ts';

type User = Awaited<ReturnType<ReturnType<typeof testApi>['user']>>;

for (const engine of engines) {
	describe(`draw winners (${engine})`, () => {
		let database: Database;
		let t: ReturnType<typeof testApi>;
		let f: ReturnType<typeof fixtures>;
		let hub: User;
		let marketing: User;
		let admin: User;
		let campaignId: string;
		let giftA: string;
		let giftC: string;
		let notInCampaign: string;
		const customers: { id: string; name: string }[] = [];

		beforeAll(async () => {
			database = await freshDatabase(engine);
			t = testApi(database);
			f = fixtures(database);
			[hub, marketing, admin] = await Promise.all([
				t.user('hub'),
				t.user('marketing'),
				t.user('admin')
			]);
			giftA = (await f.gift({ kind: 'item', unitCostCents: 500 })).id;
			giftC = (await f.gift({ kind: 'item', unitCostCents: 300 })).id;
			notInCampaign = (await f.gift()).id;
			campaignId = (
				await f.campaign({
					giftIds: [giftA, giftC],
					cooldownDays: 30,
					autoApproveLimitCents: 10_000
				})
			).id;
			for (let i = 0; i < 6; i++)
				customers.push(
					await f.customer({
						name: `Geheime Winnaar ${i}`,
						handle: { channel: 'x', handle: `@lot${i}` }
					})
				);
		}, 60_000);
		afterAll(async () => {
			await database?.close();
		});

		const draws = () => t.client.api.v1.draws;
		const pool = { kind: 'customers' as const, channel: 'x' as const };
		type Drawn = Awaited<ReturnType<typeof drawOne>>;
		async function drawOne() {
			const prepared = await expectStatus<{ id: string }>(
				await draws().$post({ json: { campaignId, pool, winners: 3, reserves: 2 } }, hub),
				201
			);
			return expectStatus<{
				id: string;
				winners: { candidateId: string; customer: { id: string } | null; position: number }[];
				reserves: { candidateId: string }[];
				record: { pool: { id: string }[] };
				can: Record<string, boolean>;
			}>(await draws()[':id'].draw.$post({ param: { id: prepared.id } }, hub), 200);
		}
		let drawn: Drawn;

		it('shows the pool size and what each rule removes before preparing, the same as prepare', async () => {
			const preview = await expectStatus<{ poolSize: number; eligible: number; rules: unknown[] }>(
				await draws()['pool-preview'].$post({ json: { campaignId, pool } }, hub),
				200
			);
			expect(preview).toMatchObject({ poolSize: 6, eligible: 6 });
			await expectProblem(
				await draws()['pool-preview'].$post({ json: { campaignId, pool } }, admin),
				403
			);
			drawn = await drawOne();
			expect(drawn.record.pool).toHaveLength(preview.eligible);
		});

		it('the public record carries pseudonyms, never the customers’ ids or names', async () => {
			const res = await draws()[':id'].verification.$get({ param: { id: drawn.id } });
			const text = await res.text();
			expect(res.status).toBe(200);
			for (const c of customers) {
				expect(text).not.toContain(c.id);
				expect(text).not.toContain(c.name);
			}
			expect(JSON.parse(text)).toMatchObject({ identical: true });
			// Staff see whom each pseudonym stands for.
			expect(drawn.winners.every((w) => customers.some((c) => c.id === w.customer?.id))).toBe(true);
		});

		it('winners become surprises through the single-surprise rules: all-or-nothing per winner, with a summary', async () => {
			const [w0, w1, w2] = drawn.winners;
			const customerOf = (w: typeof w0) => w!.customer!.id;
			// w0 was surprised last week in another campaign: the campaign's 30-day cooldown refuses.
			const other = await f.campaign({ giftIds: [giftA] });
			await database.db.insert(surprises).values({
				reference: `HOP-W-${engine}`,
				customerId: customerOf(w0),
				campaignId: other.id
			});
			let single: { message: string } | undefined;
			await planSurprise({
				ctx: t.ctx,
				input: { customerId: customerOf(w0), campaignId, items: [{ giftId: giftA }] }
			}).catch((e: { message: string }) => (single = e));

			const out = await expectStatus<{
				summary: Record<string, number>;
				results: {
					candidateId: string;
					outcome: string;
					problem?: { code: string; detail: string; errors: { field: string }[] };
					value?: { reference: string; status: string };
				}[];
			}>(
				await draws()[':id'].surprises.$post(
					{
						param: { id: drawn.id },
						json: {
							items: [{ giftId: giftA }],
							perWinner: [
								{ candidateId: w1!.candidateId, items: [{ giftId: notInCampaign }] },
								{ candidateId: w2!.candidateId, items: [{ giftId: giftA }, { giftId: giftC }] }
							],
							cardMessage: 'Gefeliciteerd!'
						}
					},
					hub
				),
				200
			);
			expect(out.summary).toEqual({ created: 1, skipped: 0, failed: 2 });
			const byId = new Map(out.results.map((r) => [r.candidateId, r]));
			expect(byId.get(w0!.candidateId)!.problem).toMatchObject({
				code: 'conflict',
				detail: single!.message
			});
			expect(byId.get(w1!.candidateId)!.problem!.errors.map((e) => e.field)).toEqual([
				'items.0.giftId'
			]);
			expect(byId.get(w2!.candidateId)!.value).toMatchObject({ status: 'awaiting_address' });
			// Nothing of the failed winners was written.
			for (const w of [w0, w1]) {
				const rows = await database.db
					.select()
					.from(surprises)
					.where(
						and(eq(surprises.customerId, customerOf(w)), eq(surprises.campaignId, campaignId))
					);
				expect(rows).toHaveLength(0);
			}
			// Again: the winner with a surprise is skipped, nobody gets two.
			const again = await expectStatus<{ summary: Record<string, number> }>(
				await draws()[':id'].surprises.$post(
					{ param: { id: drawn.id }, json: { items: [{ giftId: giftA }] } },
					hub
				),
				200
			);
			// w1 now gets the gift for all; w0 is still cooling down.
			expect(again.summary).toEqual({ created: 1, skipped: 1, failed: 1 });
			expect(await auditRows(database, 'draw.winner_surprises', drawn.id)).toHaveLength(2);
			// Marketing runs draws but does not plan surprises: flag false, verb refuses.
			const seen = await expectStatus<{ can: Record<string, boolean> }>(
				await draws()[':id'].$get({ param: { id: drawn.id } }, marketing),
				200
			);
			expect(seen.can.makeSurprises).toBe(false);
			await expectProblem(
				await draws()[':id'].surprises.$post(
					{ param: { id: drawn.id }, json: { items: [{ giftId: giftA }] } },
					marketing
				),
				403
			);
		});

		it('claim links for every winner’s surprise, listed once; winners without one are skipped', async () => {
			const out = await expectStatus<{
				summary: Record<string, number>;
				results: { outcome: string; value?: { url: string } }[];
			}>(
				await draws()[':id']['claim-links'].$post({ param: { id: drawn.id }, json: {} }, hub),
				200
			);
			expect(out.summary).toEqual({ created: 2, skipped: 1, failed: 0 });
			expect(out.results.find((r) => r.outcome === 'created')!.value!.url).toMatch(/\/claim\//);
			await expectProblem(
				await draws()[':id']['claim-links'].$post({ param: { id: drawn.id }, json: {} }, marketing),
				403
			);
		});

		it('promotes the next reserve in one action: audited, in the history, the record still verifies', async () => {
			const [w0, , w2] = drawn.winners;
			const first = await expectStatus<Drawn & { promotions: { position: number }[] }>(
				await draws()[':id'].promotions.$post(
					{
						param: { id: drawn.id },
						json: { candidateId: w0!.candidateId, reason: 'no_response' }
					},
					hub
				),
				200
			);
			expect(first.winners[0]!.candidateId).toBe(drawn.reserves[0]!.candidateId);
			expect(first.promotions).toMatchObject([{ position: 1, reason: 'no_response' }]);
			// The winner with a surprise waiting for the address: that surprise is cancelled.
			const [before] = await database.db
				.select({ reserved: campaigns.reservedCents })
				.from(campaigns)
				.where(eq(campaigns.id, campaignId));
			const second = await expectStatus<Drawn>(
				await draws()[':id'].promotions.$post(
					{
						param: { id: drawn.id },
						json: { candidateId: w2!.candidateId, reason: 'not_claimed' }
					},
					hub
				),
				200
			);
			expect(second.winners[2]!.candidateId).toBe(drawn.reserves[1]!.candidateId);
			expect(second.can.promote).toBe(false);
			const [s] = await database.db
				.select()
				.from(surprises)
				.where(
					and(eq(surprises.customerId, w2!.customer!.id), eq(surprises.campaignId, campaignId))
				);
			expect(s!.status).toBe('cancelled');
			const [after] = await database.db
				.select({ reserved: campaigns.reservedCents })
				.from(campaigns)
				.where(eq(campaigns.id, campaignId));
			expect(Number(after!.reserved)).toBe(
				Number(before!.reserved) - Number(s!.costCents) - Number(s!.postageCents)
			);
			expect(Number(s!.costCents)).toBe(800);
			const events = await database.db
				.select()
				.from(surpriseEvents)
				.where(eq(surpriseEvents.surpriseId, s!.id));
			expect(events.at(-1)!.noteKey).toBe('history_draw_winner_replaced_not_claimed');
			// No reserve left; a non-winner is named as the field.
			await expectProblem(
				await draws()[':id'].promotions.$post(
					{
						param: { id: drawn.id },
						json: { candidateId: w0!.candidateId, reason: 'no_response' }
					},
					hub
				),
				400
			);
			const none = await expectProblem(
				await draws()[':id'].promotions.$post(
					{
						param: { id: drawn.id },
						json: { candidateId: second.winners[1]!.candidateId, reason: 'no_response' }
					},
					hub
				),
				409
			);
			expect(none.detail).toMatch(/reserve/);
			expect(await auditRows(database, 'draw.reserve_promoted', drawn.id)).toHaveLength(2);
			const pub = await expectStatus<{
				identical: boolean;
				promotions: { replaced: { handle: string } }[];
				record: unknown;
			}>(await draws()[':id'].verification.$get({ param: { id: drawn.id } }), 200);
			expect(pub.identical).toBe(true);
			expect(pub.promotions).toHaveLength(2);
			expect(pub.promotions[0]!.replaced.handle).toMatch(/^@lot/);
			expect(verifyDrawRecord(pub.record)).toMatchObject({ identical: true });
		});

		it('lists a campaign’s draws; the new-draw flag follows the role list', async () => {
			const list = await expectStatus<{
				items: { id: string; status: string; candidates: number }[];
				can: { prepare: boolean };
			}>(await draws().$get({ query: { campaignId } }, hub), 200);
			expect(list.items.map((i) => i.id)).toContain(drawn.id);
			expect(list.items.find((i) => i.id === drawn.id)).toMatchObject({
				status: 'drawn',
				candidates: 6
			});
			expect(list.can.prepare).toBe(true);
			const seen = await expectStatus<{ can: { prepare: boolean } }>(
				await draws().$get({ query: { campaignId } }, admin),
				200
			);
			expect(seen.can.prepare).toBe(false);
			await expectProblem(
				await draws().$post({ json: { campaignId, pool, winners: 1 } }, admin),
				403
			);
		});

		it('the certificate is a public A4 PDF with the hashes and handles, never names', async () => {
			const res = await draws()[':id'].certificate.$get({
				param: { id: drawn.id },
				query: { locale: 'nl' }
			});
			expect(res.status).toBe(200);
			expect(res.headers.get('content-type')).toBe('application/pdf');
			const dir = mkdtempSync(path.join(tmpdir(), 'draw-cert-'));
			const file = path.join(dir, 'c.pdf');
			writeFileSync(file, new Uint8Array(await res.arrayBuffer()));
			const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
			const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
			expect(info).toMatch(/Page size:\s+595\.\d+ x 841\.\d+/);
			expect(text).toContain('Trekkingscertificaat');
			const view = await expectStatus<{
				record: { commitment: { poolHash: string; seedHash: string } };
			}>(await draws()[':id'].$get({ param: { id: drawn.id } }, hub), 200);
			expect(text).toContain(view.record.commitment.poolHash);
			expect(text).toContain(view.record.commitment.seedHash);
			expect(text).toMatch(/Europe\/Amsterdam/);
			expect(text).toMatch(/@lot\d/);
			for (const c of customers) expect(text).not.toContain(c.name);
			// Before the draw there is nothing to certify.
			const prepared = await expectStatus<{ id: string }>(
				await draws().$post({ json: { campaignId, pool, winners: 1 } }, hub),
				201
			);
			await expectProblem(
				await draws()[':id'].certificate.$get({ param: { id: prepared.id }, query: {} }),
				409
			);
		});
	});
}
