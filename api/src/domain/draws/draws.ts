/**
 * Draw verbs: prepare (pool, eligibility, commitment), draw (reveal and pick, once), cancel, and
 * the views. The pure algorithm and the record live in algorithm.ts and record.ts.
 */
import { and, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { rowsOf } from '../../../../db/client.ts';
import { campaigns, draws } from '../../../../db/schema/index.ts';
import { channels, tiers } from '../../../../db/schema/enums.ts';
import { msg, word } from '../../messages/index.ts';
import { recordAudit } from '../audit.ts';
import { runningStatuses } from '../campaigns/status.ts';
import { inTransaction, requireRole, userId, type Ctx } from '../context.ts';
import { ConflictError, NotFoundError } from '../errors.ts';
import { hitRateLimit } from '../rate-limit.ts';
import { winChances, type Candidate } from './algorithm.ts';
import { DRAW_RUNNERS, drawCan, type DrawStatus } from './draw-can.ts';
import {
	DrawRecordSchema,
	prepareDrawRecord,
	revealDrawRecord,
	verifyDrawRecord,
	type DrawRecord
} from './record.ts';

const DAY_MS = 86_400_000;
/** Public verify reads per client IP per minute. */
const VERIFY_LIMIT_PER_MINUTE = 60;

export const PrepareDrawInput = z.strictObject({
	campaignId: z.uuid(),
	pool: z.discriminatedUnion('kind', [
		z.strictObject({ kind: z.literal('nominations') }),
		z.strictObject({
			kind: z.literal('customers'),
			tiers: z.array(z.enum(tiers)).min(1).optional(),
			channel: z.enum(channels).optional()
		})
	]),
	winners: z.number().int().min(1).max(1000),
	reserves: z.number().int().min(0).max(100).default(0),
	/** uniform, or the number of open nominations each candidate has (nominations pools only). */
	weighting: z.enum(['uniform', 'nominations']).default('uniform'),
	weightCap: z.enum(['none', '2x-median']).default('2x-median'),
	exclusions: z
		.array(z.strictObject({ customerId: z.uuid(), reason: z.string().trim().min(1).max(500) }))
		.max(1000)
		.default([])
});

export const CancelDrawInput = z.strictObject({ reason: z.string().trim().min(1).max(500) });

/** The eligibility rules, in the order they are applied; a candidate is removed by the first that holds. */
export const eligibilityRules = ['erased', 'opted_out', 'staff', 'cooldown', 'manual'] as const;
type Rule = (typeof eligibilityRules)[number];

type Removed = { customerId: string; handle: string; reason?: string };
type Eligibility = {
	pool: z.infer<typeof PrepareDrawInput>['pool'];
	poolSize: number;
	rules: { rule: Rule; count: number; removed: Removed[] }[];
};

type PoolRow = {
	customer_id: string;
	weight: number;
	erased: boolean;
	opted_out: boolean;
	staff: boolean;
	cooling: boolean;
	handle: string | null;
	channel: string | null;
};

/** Every candidate of the pool with the facts the rules need, in one statement (no id lists). */
async function loadPool(
	ctx: Ctx,
	input: z.infer<typeof PrepareDrawInput>,
	since: Date
): Promise<PoolRow[]> {
	const pool = input.pool;
	const source =
		pool.kind === 'nominations'
			? sql`select customer_id, count(*)::int as weight from nominations
				where campaign_id = ${input.campaignId} and status = 'open' group by customer_id`
			: sql`select c.id as customer_id, 1 as weight from customers c where true
				${
					pool.tiers
						? sql`and c.tier::text in (${sql.join(
								pool.tiers.map((t) => sql`${t}`),
								sql`, `
							)})`
						: sql``
				}
				${pool.channel ? sql`and exists (select 1 from handles h where h.customer_id = c.id and h.channel = ${pool.channel})` : sql``}`;
	const preferred = pool.kind === 'customers' && pool.channel ? pool.channel : '';
	const result = await ctx.db.execute(sql`
		select p.customer_id, p.weight, c.erased_at is not null as erased, c.opted_out, c.is_staff as staff,
			exists (select 1 from surprises s where s.customer_id = c.id and s.status <> 'cancelled'
				and s.created_at > ${since.toISOString()}::timestamptz) as cooling,
			h.handle, h.channel::text as channel
		from (${source}) p
		join customers c on c.id = p.customer_id
		left join lateral (select handle, channel from handles where customer_id = c.id
			order by (channel::text = ${preferred}) desc, channel::text, handle_norm limit 1) h on true`);
	return rowsOf<PoolRow>(result);
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
		const [campaign] = await ctx.db
			.select()
			.from(campaigns)
			.where(eq(campaigns.id, data.campaignId));
		if (!campaign) throw new NotFoundError('campaign', data.campaignId);
		if (!(runningStatuses as readonly string[]).includes(campaign.status)) {
			const message = msg('draw_campaign_not_running', {
				name: campaign.name,
				status: word('campaign_status', campaign.status)
			});
			throw new ConflictError(message, [{ field: 'campaignId', message }]);
		}
		const since = new Date(ctx.now().getTime() - campaign.cooldownDays * DAY_MS);
		const rows = await loadPool(ctx, data, since);
		const manual = new Map(data.exclusions.map((e) => [e.customerId, e.reason]));
		const rules = eligibilityRules.map((rule) => ({ rule, count: 0, removed: [] as Removed[] }));
		const candidates: Candidate[] = [];
		for (const r of rows) {
			const hit: Rule | undefined = r.erased
				? 'erased'
				: r.opted_out
					? 'opted_out'
					: r.staff
						? 'staff'
						: r.cooling && campaign.cooldownDays > 0
							? 'cooldown'
							: manual.has(r.customer_id)
								? 'manual'
								: undefined;
			const handle = r.erased ? '' : (r.handle ?? '');
			if (hit) {
				const entry = rules.find((x) => x.rule === hit)!;
				entry.count++;
				entry.removed.push({
					customerId: r.customer_id,
					handle,
					...(hit === 'manual' ? { reason: manual.get(r.customer_id)! } : {})
				});
				continue;
			}
			candidates.push({
				id: r.customer_id,
				handle,
				channel: r.channel ?? 'none',
				weight: data.weighting === 'nominations' ? r.weight : 1
			});
		}
		const needed = data.winners + data.reserves;
		if (candidates.length < needed) {
			const message = msg('draw_too_few_candidates', { eligible: candidates.length, needed });
			throw new ConflictError(message, [{ field: 'winners', message }], {
				eligible: candidates.length,
				needed
			});
		}
		const drawId = crypto.randomUUID();
		const params = { winners: data.winners, reserves: data.reserves, weightCap: data.weightCap };
		const { record, seed } = prepareDrawRecord({
			drawId,
			params,
			candidates,
			now: ctx.now()
		});
		const eligibility: Eligibility = { pool: data.pool, poolSize: rows.length, rules };
		await ctx.db.insert(draws).values({
			id: drawId,
			campaignId: campaign.id,
			seed,
			params: { ...record.params, weighting: data.weighting },
			poolHash: record.commitment.poolHash,
			record,
			eligibility,
			createdBy: userId(ctx.actor)
		});
		await recordAudit(ctx, {
			action: 'draw.prepared',
			entity: 'draw',
			entityId: drawId,
			data: {
				campaignId: campaign.id,
				poolSize: rows.length,
				eligible: candidates.length,
				removed: Object.fromEntries(rules.map((r) => [r.rule, r.count])),
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
		const row = await lockDraw(ctx, input.id);
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
		const row = await lockDraw(ctx, input.id);
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

async function lockDraw(ctx: Ctx, id: string) {
	const [row] = await ctx.db.select().from(draws).where(eq(draws.id, id)).for('update');
	if (!row) throw new NotFoundError('draw', id);
	return row;
}

function assertPrepared(status: string) {
	if (status !== 'prepared')
		throw new ConflictError(msg('draw_not_prepared', { status }), [], { status });
}

/** The public record: the seed only once drawn, handles but never names (the record has none). */
function publicRecord(row: typeof draws.$inferSelect): DrawRecord {
	return DrawRecordSchema.parse(row.record);
}

async function loadDrawView(ctx: Ctx, id: string) {
	const [row] = await ctx.db.select().from(draws).where(eq(draws.id, id));
	if (!row) throw new NotFoundError('draw', id);
	const record = publicRecord(row);
	const status = row.status as DrawStatus;
	const chances = winChances(record.pool, {
		winners: record.params.winners,
		reserves: record.params.reserves,
		weightCap: record.params.weightCap
	});
	return {
		id: row.id,
		campaignId: row.campaignId,
		status,
		weighting: (row.params as { weighting: string }).weighting,
		eligibility: row.eligibility as Eligibility,
		chances: { method: chances.method, runs: chances.runs, win: chances.win },
		record,
		cancelReason: row.cancelReason,
		can: drawCan(ctx.actor, status)
	};
}

/** Staff read a draw with its eligibility (who was removed and why). */
export async function getDraw({ ctx, input }: { ctx: Ctx; input: { id: string } }) {
	if (ctx.actor.type !== 'system') requireRole(ctx, 'hub', 'marketing', 'admin');
	return loadDrawView(ctx, input.id);
}

/**
 * For anyone, no login: the commitment before the draw, the record and the verifier's answer after
 * it; handles only, and per rule only how many it removed.
 */
export async function getDrawVerification({ ctx, input }: { ctx: Ctx; input: { id: string } }) {
	await hitRateLimit(ctx.db, {
		key: `draw-verify:${ctx.ip ?? 'unknown'}`,
		limit: VERIFY_LIMIT_PER_MINUTE,
		windowSeconds: 60,
		now: ctx.now()
	});
	const [row] = await ctx.db.select().from(draws).where(eq(draws.id, input.id));
	if (!row) throw new NotFoundError('draw', input.id);
	const record = publicRecord(row);
	const eligibility = row.eligibility as Eligibility;
	const verification = row.status === 'drawn' ? verifyDrawRecord(record) : null;
	return {
		id: row.id,
		status: row.status as DrawStatus,
		poolSize: eligibility.poolSize,
		removed: eligibility.rules.map((r) => ({ rule: r.rule, count: r.count })),
		record,
		identical: verification?.identical ?? null,
		difference: verification && !verification.identical ? verification.difference : null
	};
}
