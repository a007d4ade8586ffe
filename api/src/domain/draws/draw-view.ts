/**
 * How a draw is read: the record, the winners as they stand after promotions (with the customer
 * and the surprise made for each, for staff), the reserves left, the history, and the can flags.
 */
import { eq, inArray } from 'drizzle-orm';
import { customers, draws, surprises, users } from '../../../../db/schema/index.ts';
import type { Ctx } from '../context.ts';
import { NotFoundError } from '../errors.ts';
import { winChances } from './algorithm.ts';
import { drawCan, type DrawStatus } from './draw-can.ts';
import type { Eligibility } from './pool.ts';
import { DrawRecordSchema, paramsOf, versionOf, type DrawRecord } from './record.ts';

export const promotionReasons = ['no_response', 'not_claimed'] as const;
export type PromotionReason = (typeof promotionReasons)[number];

/** One reserve taking a winner's place, as stored in `draws.promotions`. */
export type Promotion = {
	at: string;
	by: string | null;
	/** 1-based place among the winners. */
	position: number;
	replaced: string;
	reserve: string;
	reason: PromotionReason;
	/** The replaced winner's surprise, cancelled by the promotion. */
	cancelledSurprise: string | null;
};

export type DrawRow = typeof draws.$inferSelect;

/**
 * The household rule as it stands: before the draw it has removed nobody; after it, everyone who
 * shares a household with a winner or reserve and was passed over for that.
 */
function withHouseholds(
	eligibility: Eligibility,
	record: DrawRecord,
	customer: (candidateId: string) => string
): Eligibility {
	if (!eligibility.rules.some((r) => r.rule === 'household') || !record.result) return eligibility;
	const picked = new Set([...record.result.winners, ...record.result.reserves]);
	const pool = record.pool as readonly { id: string; handle: string; household?: string }[];
	const taken = new Set(
		pool.filter((c) => picked.has(c.id) && c.household).map((c) => c.household)
	);
	const removed = pool
		.filter((c) => !picked.has(c.id) && c.household && taken.has(c.household))
		.map((c) => ({ customerId: customer(c.id), handle: c.handle }));
	return {
		...eligibility,
		rules: eligibility.rules.map((r) =>
			r.rule === 'household' ? { ...r, count: removed.length, removed } : r
		)
	};
}

/** The winners after every promotion, and the reserves nobody has used yet. */
export function standing(record: DrawRecord, promotions: readonly Promotion[]) {
	const winners = [...(record.result?.winners ?? [])];
	const used = new Set<string>();
	for (const p of promotions) {
		winners[p.position - 1] = p.reserve;
		used.add(p.reserve);
	}
	const reservesLeft = (record.result?.reserves ?? []).filter((r) => !used.has(r));
	return { winners, used, reservesLeft };
}

/** The customer behind a candidate id: through the private map, or the id itself for older records. */
export const customerOf = (row: Pick<DrawRow, 'members'>, candidateId: string): string =>
	(row.members as Record<string, string> | null)?.[candidateId] ?? candidateId;

export const winnerSurprisesOf = (row: Pick<DrawRow, 'winnerSurprises'>) =>
	row.winnerSurprises as Record<string, string>;

export const promotionsOf = (row: Pick<DrawRow, 'promotions'>) => row.promotions as Promotion[];

export async function loadDrawRow(ctx: Ctx, id: string, options: { forUpdate?: boolean } = {}) {
	const query = ctx.db.select().from(draws).where(eq(draws.id, id));
	const [row] = options.forUpdate ? await query.for('update') : await query;
	if (!row) throw new NotFoundError('draw', id);
	return row;
}

export async function loadDrawView(ctx: Ctx, id: string) {
	const row = await loadDrawRow(ctx, id);
	const record = DrawRecordSchema.parse(row.record);
	const status = row.status as DrawStatus;
	const promotions = promotionsOf(row);
	const made = winnerSurprisesOf(row);
	const { winners, used, reservesLeft } = standing(record, promotions);
	const reserves = record.result?.reserves ?? [];
	const shown = [...new Set([...winners, ...reserves, ...promotions.map((p) => p.replaced)])];
	const customerIds = shown.map((c) => customerOf(row, c));
	const surpriseIds = Object.values(made);
	const [customerRows, surpriseRows, userRows] = await Promise.all([
		customerIds.length
			? ctx.db
					.select({ id: customers.id, name: customers.name })
					.from(customers)
					.where(inArray(customers.id, customerIds))
			: Promise.resolve([]),
		surpriseIds.length
			? ctx.db
					.select({ id: surprises.id, reference: surprises.reference, status: surprises.status })
					.from(surprises)
					.where(inArray(surprises.id, surpriseIds))
			: Promise.resolve([]),
		promotions.length
			? ctx.db
					.select({ id: users.id, name: users.name })
					.from(users)
					.where(
						inArray(
							users.id,
							promotions.map((p) => p.by).filter((b): b is string => !!b)
						)
					)
			: Promise.resolve([])
	]);
	const byCandidate = new Map(record.pool.map((c) => [c.id, c]));
	const person = (candidateId: string) => {
		const c = byCandidate.get(candidateId);
		const customer = customerRows.find((r) => r.id === customerOf(row, candidateId));
		return {
			candidateId,
			handle: c?.handle ?? '',
			channel: c?.channel ?? '',
			customer: customer ? { id: customer.id, name: customer.name } : null
		};
	};
	const surpriseOf = (candidateId: string) => {
		const s = made[candidateId] ? surpriseRows.find((r) => r.id === made[candidateId]) : undefined;
		return s ? { id: s.id, reference: s.reference, status: s.status } : null;
	};
	const winnerViews = winners.map((candidateId, i) => ({
		position: i + 1,
		...person(candidateId),
		surprise: surpriseOf(candidateId),
		promoted: used.has(candidateId)
	}));
	const live = (w: (typeof winnerViews)[number]) => w.surprise && w.surprise.status !== 'cancelled';
	const chances = winChances(record.pool, paramsOf(record), undefined, versionOf(record));
	const eligibility = withHouseholds(row.eligibility as Eligibility, record, (c) =>
		customerOf(row, c)
	);
	return {
		id: row.id,
		campaignId: row.campaignId,
		status,
		weighting: (row.params as { weighting: string }).weighting,
		eligibility,
		chances: { method: chances.method, runs: chances.runs, win: chances.win },
		record,
		winners: winnerViews,
		reserves: reserves.map((candidateId, i) => ({
			position: i + 1,
			...person(candidateId),
			promoted: used.has(candidateId)
		})),
		promotions: promotions.map((p) => ({
			at: p.at,
			by: userRows.find((u) => u.id === p.by)?.name ?? null,
			position: p.position,
			reason: p.reason,
			replaced: person(p.replaced),
			reserve: person(p.reserve),
			cancelledSurprise: p.cancelledSurprise
		})),
		createdAt: row.createdAt.toISOString(),
		drawnAt: row.drawnAt?.toISOString() ?? null,
		cancelledAt: row.cancelledAt?.toISOString() ?? null,
		cancelReason: row.cancelReason,
		can: drawCan(ctx.actor, status, {
			reservesLeft: reservesLeft.length,
			winnersWithoutSurprise: winnerViews.filter((w) => !live(w)).length,
			winnersWithSurprise: winnerViews.filter(live).length
		})
	};
}
