/** Draw verbs on both engines: pool, eligibility, commitment, one draw, cancel; the race on real PostgreSQL. */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../db/client.ts';
import { auditLog, customers, draws, nominations, surprises } from '../../../db/schema/index.ts';
import { systemCtx, type Ctx } from '../../../api/src/domain/context.ts';
import {
	cancelDraw,
	drawWinners,
	getDraw,
	getDrawVerification,
	prepareDraw
} from '../../../api/src/domain/draws/draws.ts';
import { canonicalPool, runDraw, seedHash } from '../../../api/src/domain/draws/algorithm.ts';
import { verifyDrawRecord } from '../../../api/src/domain/draws/record.ts';
import { drawCan } from '../../../api/src/domain/draws/draw-can.ts';
import { freshDatabase, engines } from '../../support/databases.ts';
import { fixtures } from '../surprises/fixtures.ts';

const FIXED_SEED = 'ab'.repeat(32);

for (const engine of engines) {
	describe(`draws (${engine})`, () => {
		let database: Database;
		let ctx: Ctx;
		let f: ReturnType<typeof fixtures>;
		let campaignId: string;
		const ids: Record<string, string> = {};

		beforeAll(async () => {
			database = await freshDatabase(engine);
			ctx = systemCtx(database.db);
			f = fixtures(database);
			campaignId = (await f.campaign({ giftIds: [], cooldownDays: 90 })).id;
			for (let i = 0; i < 12; i++) {
				const c = await f.customer({ handle: { channel: 'instagram', handle: `@fan${i}` } });
				ids[`fan${i}`] = c.id;
			}
			await database.db
				.update(customers)
				.set({ optedOut: true })
				.where(eq(customers.id, ids.fan0!));
			await database.db.update(customers).set({ isStaff: true }).where(eq(customers.id, ids.fan1!));
			await database.db
				.update(customers)
				.set({ erasedAt: new Date(), name: '' })
				.where(eq(customers.id, ids.fan2!));
			// Surprised last week in another campaign: within this campaign's 90-day cooldown.
			const other = await f.campaign({ giftIds: [] });
			await database.db
				.insert(surprises)
				.values({ reference: `HOP-D-${engine}`, customerId: ids.fan3!, campaignId: other.id });
			// Open nominations: fan4 three times, fan5..fan11 once; a declined one does not count.
			const nominate = (customerId: string, status: 'open' | 'declined' = 'open') =>
				database.db
					.insert(nominations)
					.values({ customerId, campaignId, reason: 'loyalty', status });
			for (let i = 0; i < 12; i++) await nominate(ids[`fan${i}`]!);
			await nominate(ids.fan4!);
			await nominate(ids.fan4!);
			await nominate(ids.fan6!, 'declined');
		}, 60_000);
		afterAll(async () => {
			await database?.close();
		});

		const prepare = (body: Record<string, unknown> = {}) =>
			prepareDraw({
				ctx,
				input: {
					body: {
						campaignId,
						pool: { kind: 'nominations' },
						winners: 3,
						reserves: 2,
						exclusions: [{ customerId: ids.fan5, reason: 'Won the summer contest' }],
						...body
					}
				}
			});

		it('prepares from open nominations: each rule with how many it removed, and a commitment', async () => {
			const view = await prepare();
			expect(view.status).toBe('prepared');
			expect(view.eligibility.poolSize).toBe(12);
			expect(Object.fromEntries(view.eligibility.rules.map((r) => [r.rule, r.count]))).toEqual({
				erased: 1,
				opted_out: 1,
				staff: 1,
				cooldown: 1,
				late: 0,
				consent: 0,
				manual: 1,
				household: 0
			});
			const manual = view.eligibility.rules.find((r) => r.rule === 'manual')!;
			expect(manual.removed).toEqual([
				{ customerId: ids.fan5, handle: '@fan5', reason: 'Won the summer contest' }
			]);
			expect(view.record.pool.map((c) => c.handle).sort()).toEqual(
				['@fan10', '@fan11', '@fan4', '@fan6', '@fan7', '@fan8', '@fan9'].sort()
			);
			expect(view.record.seed).toBeNull();
			expect(view.record.result).toBeNull();
			expect(view.chances).toMatchObject({ method: 'exact' });
			expect(view.chances.win.every((p) => p === 3 / 7)).toBe(true);
			expect(view.can).toMatchObject({ draw: true, cancel: true, promote: false });
			const pub = await getDrawVerification({
				ctx: { ...ctx, actor: { type: 'anonymous' } },
				input: { id: view.id }
			});
			expect(pub).toMatchObject({ status: 'prepared', poolSize: 12, identical: null });
			expect(JSON.stringify(pub)).not.toContain('Klant');
		});

		it('weights by nominations (fan4 has three) and estimates chances by simulation', async () => {
			const view = await prepare({ weighting: 'nominations', weightCap: 'none' });
			expect(view.record.pool.find((c) => c.handle === '@fan4')!.weight).toBe(3);
			expect(view.chances.method).toBe('monte-carlo');
			const i = view.record.pool.findIndex((c) => c.handle === '@fan4');
			expect(view.chances.win[i]).toBeGreaterThan(
				Math.max(...view.chances.win.filter((_, j) => j !== i))
			);
		});

		it('draws once: the seed revealed, winners and reserves, verifiable; a second draw is refused', async () => {
			const prepared = await prepare();
			const drawn = await drawWinners({ ctx, input: { id: prepared.id } });
			expect(drawn.status).toBe('drawn');
			expect(drawn.record.result!.winners).toHaveLength(3);
			expect(drawn.record.result!.reserves).toHaveLength(2);
			expect(drawn.can).toMatchObject({ draw: false, cancel: false, promote: true });
			expect(verifyDrawRecord(drawn.record)).toMatchObject({ identical: true });
			expect(drawn.record.commitment).toEqual(prepared.record.commitment);
			const excluded = [ids.fan0, ids.fan1, ids.fan2, ids.fan3, ids.fan5];
			// The record holds pseudonyms; the staff view maps them back to the customers.
			for (const p of [...drawn.winners, ...drawn.reserves]) {
				expect(p.customer).not.toBeNull();
				expect(excluded).not.toContain(p.customer!.id);
				expect(JSON.stringify(drawn.record)).not.toContain(p.customer!.id);
			}
			await expect(drawWinners({ ctx, input: { id: prepared.id } })).rejects.toMatchObject({
				code: 'conflict'
			});
			const pub = await getDrawVerification({ ctx, input: { id: prepared.id } });
			expect(pub).toMatchObject({ identical: true, difference: null });
			const audit = await database.db
				.select()
				.from(auditLog)
				.where(eq(auditLog.entityId, prepared.id));
			expect(audit.map((a) => a.action).sort()).toEqual(['draw.drawn', 'draw.prepared']);
		});

		it('the same record gives the same winners on this engine as in memory', async () => {
			const prepared = await prepare();
			// A known seed (its commitment to match), so the outcome can be re-computed in memory.
			const record = {
				...prepared.record,
				commitment: { ...prepared.record.commitment, seedHash: seedHash(FIXED_SEED) }
			};
			await database.db
				.update(draws)
				.set({ seed: FIXED_SEED, record })
				.where(eq(draws.id, prepared.id));
			const drawn = await drawWinners({ ctx, input: { id: prepared.id } });
			const again = verifyDrawRecord(JSON.parse(JSON.stringify(drawn.record)));
			expect(again).toMatchObject({ identical: true });
			const { winners, reserves } = runDraw(
				canonicalPool(prepared.record.pool),
				{ winners: 3, reserves: 2, weightCap: '2x-median', minPerChannel: 0 },
				Buffer.from(FIXED_SEED, 'hex'),
				2
			);
			expect(drawn.record.result).toMatchObject({ winners, reserves });
		});

		it('cancels a prepared draw (audited); it cannot be drawn afterwards', async () => {
			const prepared = await prepare();
			const cancelled = await cancelDraw({
				ctx,
				input: { id: prepared.id, body: { reason: 'Wrong pool' } }
			});
			expect(cancelled).toMatchObject({ status: 'cancelled', cancelReason: 'Wrong pool' });
			await expect(drawWinners({ ctx, input: { id: prepared.id } })).rejects.toMatchObject({
				code: 'conflict'
			});
		});

		it('refuses too few candidates, a closed campaign and a role that does not run draws', async () => {
			await expect(prepare({ winners: 6, reserves: 2 })).rejects.toMatchObject({
				code: 'conflict'
			});
			const closed = await f.campaign({ giftIds: [], status: 'closed' });
			await expect(prepare({ campaignId: closed.id })).rejects.toMatchObject({ code: 'conflict' });
			const admin: Ctx = {
				...ctx,
				actor: { type: 'user', id: crypto.randomUUID(), role: 'admin', name: 'A', email: 'a@x.nl' }
			};
			await expect(
				prepareDraw({
					ctx: admin,
					input: { body: { campaignId, pool: { kind: 'nominations' }, winners: 1 } }
				})
			).rejects.toMatchObject({ code: 'forbidden' });
			expect(drawCan(admin.actor, 'prepared')).toMatchObject({ draw: false, cancel: false });
			const prepared = await prepare();
			await expect(getDraw({ ctx: admin, input: { id: prepared.id } })).resolves.toMatchObject({
				can: { draw: false }
			});
			await expect(drawWinners({ ctx: admin, input: { id: prepared.id } })).rejects.toMatchObject({
				code: 'forbidden'
			});
		});

		it('prepares from a customer filter: channel', async () => {
			const c = await f.customer({ handle: { channel: 'x', handle: '@onx' } });
			const view = await prepare({
				pool: { kind: 'customers', channel: 'x' },
				winners: 1,
				reserves: 0,
				exclusions: []
			});
			expect(view.record.pool).toEqual([
				{
					id: expect.stringMatching(/^[0-9a-f]{16}$/),
					handle: '@onx',
					channel: 'x',
					weight: 1,
					household: ''
				}
			]);
			const [row] = await database.db.select().from(draws).where(eq(draws.id, view.id));
			expect(row!.members).toEqual({ [view.record.pool[0]!.id]: c.id });
		});

		if (engine === 'postgres')
			it('race: eight concurrent draw calls on one prepared draw give one result', async () => {
				const prepared = await prepare();
				const results = await Promise.allSettled(
					Array.from({ length: 8 }, () => drawWinners({ ctx, input: { id: prepared.id } }))
				);
				const ok = results.filter((r) => r.status === 'fulfilled');
				expect(ok).toHaveLength(1);
				for (const r of results)
					if (r.status === 'rejected') expect(r.reason).toMatchObject({ code: 'conflict' });
				const audit = await database.db
					.select()
					.from(auditLog)
					.where(eq(auditLog.entityId, prepared.id));
				expect(audit.filter((a) => a.action === 'draw.drawn')).toHaveLength(1);
			});
	});
}
