/**
 * Draw verbs: prepare (pool, eligibility, commitment), draw (reveal and pick, once), cancel, and
 * the views. The pure algorithm and the record live in algorithm.ts and record.ts.
 */
import { randomBytes } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { draws } from '../../../../db/schema/index.ts';
import { msg } from '../../messages/index.ts';
import { recordAudit } from '../audit.ts';
import { inTransaction, requireRole, userId, type Ctx } from '../context.ts';
import { ConflictError } from '../errors.ts';
import { hitRateLimit } from '../rate-limit.ts';
import { pickable, type Candidate } from './algorithm.ts';
import { DRAW_RUNNERS, type DrawStatus } from './draw-can.ts';
import { loadDrawRow, loadDrawView, promotionsOf } from './draw-view.ts';
import {
	Exclusions,
	PoolInput,
	runningCampaign,
	screenPool,
	type Eligibility,
	type Eligible
} from './pool.ts';
import {
	DrawRecordSchema,
	prepareDrawRecord,
	revealDrawRecord,
	verifyDrawRecord
} from './record.ts';

/** Public verify reads per client IP per minute. */
const VERIFY_LIMIT_PER_MINUTE = 60;

export const PrepareDrawInput = z.strictObject({
	campaignId: z.uuid(),
	pool: PoolInput,
	winners: z.number().int().min(1).max(1000),
	reserves: z.number().int().min(0).max(100).default(0),
	/**
	 * uniform; the number of open nominations each candidate has (nominations pools only); or the
	 * ambassador score (1 + its whole points, so a customer without one still has weight 1).
	 */
	weighting: z.enum(['uniform', 'nominations', 'score']).default('uniform'),
	weightCap: z.enum(['none', '2x-median']).default('2x-median'),
	/** Strata: at least this many winners of every channel in the pool (as far as it has them). */
	minPerChannel: z.number().int().min(0).max(100).default(0),
	exclusions: Exclusions
});

/** Candidates share a household pseudonym when they share a postal address; random per draw. */
function householdPseudonyms(eligible: readonly { household: string | null }[]) {
	const count = new Map<string, number>();
	for (const e of eligible)
		if (e.household) count.set(e.household, (count.get(e.household) ?? 0) + 1);
	const shared = [...count].filter(([, n]) => n > 1).map(([key]) => key);
	const ids = pseudonyms(shared.length);
	return new Map(shared.map((key, i) => [key, ids[i]!]));
}

const weightOf = (weighting: 'uniform' | 'nominations' | 'score', e: Eligible) =>
	weighting === 'nominations'
		? e.nominations
		: weighting === 'score'
			? 1 + Math.max(0, Math.floor(e.score))
			: 1;

export const CancelDrawInput = z.strictObject({ reason: z.string().trim().min(1).max(500) });

/**
 * Pseudonymous candidate ids, 64 random bits each: the public record must not carry customer ids,
 * and random ids say nothing about who is behind them. The map back stays in `draws.members`.
 */
function pseudonyms(count: number): string[] {
	const out = new Set<string>();
	while (out.size < count) out.add(randomBytes(8).toString('hex'));
	return [...out];
}

/**
 * Prepare a draw: the pool, the rules and how many each removed, the chances, and the commitment
 * (hashes of params, pool and a fresh secret seed). Nothing is drawn yet.
 */
export async function prepareDraw({ ctx, input }: { ctx: Ctx; input: { body: unknown } }) {
	if (ctx.actor.type !== 'system') requireRole(ctx, ...DRAW_RUNNERS);
	const data = PrepareDrawInput.parse(input.body);
	if (data.weighting === 'nominations' && data.pool.kind !== 'nominations')
		throw new ConflictError(msg('draw_weighting_needs_nominations'), [
			{ field: 'weighting', message: msg('draw_weighting_needs_nominations') }
		]);
	return inTransaction(ctx, async (ctx) => {
		const campaign = await runningCampaign(ctx, data.campaignId);
		const { eligibility, eligible } = await screenPool(ctx, campaign, data.pool, data.exclusions);
		const needed = data.winners + data.reserves;
		const households = householdPseudonyms(eligible);
		const ids = pseudonyms(eligible.length);
		const members: Record<string, string> = {};
		const candidates: Candidate[] = eligible.map((e, i) => {
			members[ids[i]!] = e.customerId;
			return {
				id: ids[i]!,
				handle: e.handle,
				channel: e.channel,
				weight: weightOf(data.weighting, e),
				household: (e.household && households.get(e.household)) || ''
			};
		});
		// One per household: a household counts once towards who can be picked.
		const available = pickable(candidates);
		if (available < needed) {
			const message = msg('draw_too_few_candidates', { eligible: available, needed });
			throw new ConflictError(message, [{ field: 'winners', message }], {
				eligible: available,
				needed
			});
		}
		const channelCount = new Set(candidates.map((c) => c.channel)).size;
		if (data.minPerChannel * channelCount > data.winners) {
			const message = msg('draw_strata_too_many', {
				k: data.minPerChannel,
				channels: channelCount,
				needed: data.minPerChannel * channelCount,
				winners: data.winners
			});
			throw new ConflictError(message, [{ field: 'minPerChannel', message }]);
		}
		const drawId = crypto.randomUUID();
		const params = {
			winners: data.winners,
			reserves: data.reserves,
			weightCap: data.weightCap,
			minPerChannel: data.minPerChannel
		};
		const { record, seed } = prepareDrawRecord({
			drawId,
			params,
			candidates,
			now: ctx.now()
		});
		await ctx.db.insert(draws).values({
			id: drawId,
			campaignId: campaign.id,
			seed,
			params: { ...record.params, weighting: data.weighting },
			poolHash: record.commitment.poolHash,
			record,
			eligibility,
			members,
			createdBy: userId(ctx.actor)
		});
		await recordAudit(ctx, {
			action: 'draw.prepared',
			entity: 'draw',
			entityId: drawId,
			data: {
				campaignId: campaign.id,
				poolSize: eligibility.poolSize,
				eligible: candidates.length,
				removed: Object.fromEntries(eligibility.rules.map((r) => [r.rule, r.count])),
				manual: data.exclusions,
				commitment: record.commitment
			}
		});
		return loadDrawView(ctx, drawId);
	});
}

/**
 * Reveal the seed and pick winners and reserves. The move out of `prepared` is one conditional
 * update, so of two concurrent calls exactly one draws; the other sees the draw is no longer prepared.
 */
export async function drawWinners({ ctx, input }: { ctx: Ctx; input: { id: string } }) {
	if (ctx.actor.type !== 'system') requireRole(ctx, ...DRAW_RUNNERS);
	return inTransaction(ctx, async (ctx) => {
		const row = await loadDrawRow(ctx, input.id, { forUpdate: true });
		assertPrepared(row.status);
		const record = revealDrawRecord(DrawRecordSchema.parse(row.record), row.seed, ctx.now());
		const updated = await ctx.db
			.update(draws)
			.set({
				status: 'drawn',
				record,
				result: record.result,
				drawnAt: ctx.now(),
				drawnBy: userId(ctx.actor)
			})
			.where(and(eq(draws.id, input.id), eq(draws.status, 'prepared')))
			.returning({ id: draws.id });
		if (!updated.length) assertPrepared('drawn');
		await recordAudit(ctx, {
			action: 'draw.drawn',
			entity: 'draw',
			entityId: input.id,
			data: { seed: row.seed, result: record.result }
		});
		return loadDrawView(ctx, input.id);
	});
}

export async function cancelDraw({
	ctx,
	input
}: {
	ctx: Ctx;
	input: { id: string; body: unknown };
}) {
	if (ctx.actor.type !== 'system') requireRole(ctx, ...DRAW_RUNNERS);
	const data = CancelDrawInput.parse(input.body);
	return inTransaction(ctx, async (ctx) => {
		const row = await loadDrawRow(ctx, input.id, { forUpdate: true });
		assertPrepared(row.status);
		await ctx.db
			.update(draws)
			.set({ status: 'cancelled', cancelledAt: ctx.now(), cancelReason: data.reason })
			.where(eq(draws.id, input.id));
		await recordAudit(ctx, {
			action: 'draw.cancelled',
			entity: 'draw',
			entityId: input.id,
			data: { reason: data.reason }
		});
		return loadDrawView(ctx, input.id);
	});
}

function assertPrepared(status: string) {
	if (status !== 'prepared')
		throw new ConflictError(msg('draw_not_prepared', { status }), [], { status });
}

/** Staff read a draw with its eligibility (who was removed and why). */
export async function getDraw({ ctx, input }: { ctx: Ctx; input: { id: string } }) {
	if (ctx.actor.type !== 'system') requireRole(ctx, 'hub', 'marketing', 'admin');
	return loadDrawView(ctx, input.id);
}

/**
 * For anyone, no login: the commitment before the draw, the record and the verifier's answer after
 * it; handles and pseudonymous ids only, per rule only how many it removed, and the promotions.
 */
export async function getDrawVerification({ ctx, input }: { ctx: Ctx; input: { id: string } }) {
	await hitRateLimit(ctx.db, {
		key: `draw-verify:${ctx.ip ?? 'unknown'}`,
		limit: VERIFY_LIMIT_PER_MINUTE,
		windowSeconds: 60,
		now: ctx.now()
	});
	const row = await loadDrawRow(ctx, input.id);
	const record = DrawRecordSchema.parse(row.record);
	const eligibility = row.eligibility as Eligibility;
	const verification = row.status === 'drawn' ? verifyDrawRecord(record) : null;
	const handle = (id: string) => record.pool.find((c) => c.id === id)?.handle ?? '';
	return {
		id: row.id,
		status: row.status as DrawStatus,
		poolSize: eligibility.poolSize,
		removed: eligibility.rules.map((r) => ({ rule: r.rule, count: r.count })),
		record,
		identical: verification?.identical ?? null,
		difference: verification && !verification.identical ? verification.difference : null,
		promotions: promotionsOf(row).map((p) => ({
			at: p.at,
			position: p.position,
			reason: p.reason,
			replaced: { candidateId: p.replaced, handle: handle(p.replaced) },
			reserve: { candidateId: p.reserve, handle: handle(p.reserve) }
		}))
	};
}
