import { and, asc, eq, sql } from 'drizzle-orm';
import { giftVariants, gifts } from '../../../../db/schema/index.ts';
import { recordAudit } from '../audit.ts';
import { inTransaction, type Ctx } from '../context.ts';
import { queueLowStockAlert } from '../email/queue-low-stock-alert.ts';
import { ConflictError, NotFoundError } from '../errors.ts';
import { msg } from '../../messages/index.ts';
import { requireCatalogueRead, requireCatalogueWrite } from './access.ts';
import { toVariantView, type VariantView } from './gift-view.ts';
import { AdjustStockInput } from './schemas.ts';

export class OutOfStockError extends ConflictError {
	constructor(details: { variantId: string; stock: number; delta: number }) {
		super(
			msg('stock_too_low', { stock: details.stock, wanted: -details.delta }),
			[{ field: 'delta', message: msg('only_in_stock', { stock: details.stock }) }],
			details
		);
	}
}

export interface StockChange {
	variant: VariantView;
	/** True when this change took the stock from above the low-stock threshold to at or below it. */
	lowStock: boolean;
}

/**
 * The one way stock moves, for this module and for surprises (take on approval, give back on
 * cancel): a single conditional UPDATE, so concurrent changes can never take stock below zero.
 * No role check and no audit row: the calling verb does both, in its own transaction.
 */
export async function applyStockDelta(
	ctx: Ctx,
	input: { variantId: string; delta: number; giftId?: string }
): Promise<StockChange> {
	const { variantId, delta } = input;
	const [row] = await ctx.db
		.update(giftVariants)
		.set({ stock: sql`${giftVariants.stock} + ${delta}` })
		.where(
			and(
				eq(giftVariants.id, variantId),
				input.giftId ? eq(giftVariants.giftId, input.giftId) : undefined,
				sql`${giftVariants.stock} + ${delta} >= 0`
			)
		)
		.returning();
	if (!row) {
		const [current] = await ctx.db
			.select({ stock: giftVariants.stock })
			.from(giftVariants)
			.where(
				and(
					eq(giftVariants.id, variantId),
					input.giftId ? eq(giftVariants.giftId, input.giftId) : undefined
				)
			);
		if (!current) throw new NotFoundError('variant', variantId);
		throw new OutOfStockError({ variantId, stock: current.stock, delta });
	}
	const before = row.stock - delta;
	return {
		variant: toVariantView(row),
		lowStock: before > row.lowStockThreshold && row.stock <= row.lowStockThreshold
	};
}

/**
 * Marketing counts stock in (+) or writes it off (−). A change that takes the stock to or below the
 * threshold emails marketing (at most once per variant per day), in the same transaction.
 */
export async function adjustVariantStock({
	ctx,
	input,
	options = {}
}: {
	ctx: Ctx;
	input: { giftId: string; variantId: string; change: unknown };
	/** Where the mail's link points (PUBLIC_ORIGIN or the request's origin). */
	options?: { origin?: string };
}): Promise<StockChange> {
	requireCatalogueWrite(ctx);
	const change = AdjustStockInput.parse(input.change);
	return inTransaction(ctx, async (ctx) => {
		const result = await applyStockDelta(ctx, {
			variantId: input.variantId,
			giftId: input.giftId,
			delta: change.delta
		});
		await recordAudit(ctx, {
			action: 'gift_variant.stock_adjust',
			entity: 'gift_variant',
			entityId: input.variantId,
			data: {
				giftId: input.giftId,
				delta: change.delta,
				note: change.note,
				stock: result.variant.stock,
				lowStock: result.lowStock
			}
		});
		if (result.lowStock)
			await queueLowStockAlert({
				ctx,
				input: { variantId: input.variantId, ...(options.origin ? { origin: options.origin } : {}) }
			});
		return result;
	});
}

export interface LowStockVariant {
	giftId: string;
	giftName: string;
	variantId: string;
	variantName: string;
	stock: number;
	lowStockThreshold: number;
}

/**
 * Variants of active gifts at or below their threshold: for the dashboard warning and the low-stock
 * email to marketing. The system actor (a job) may call it too.
 */
export async function lowStockVariants(ctx: Ctx): Promise<LowStockVariant[]> {
	requireCatalogueRead(ctx);
	return ctx.db
		.select({
			giftId: gifts.id,
			giftName: gifts.name,
			variantId: giftVariants.id,
			variantName: giftVariants.name,
			stock: giftVariants.stock,
			lowStockThreshold: giftVariants.lowStockThreshold
		})
		.from(giftVariants)
		.innerJoin(gifts, eq(gifts.id, giftVariants.giftId))
		.where(
			and(eq(gifts.active, true), sql`${giftVariants.stock} <= ${giftVariants.lowStockThreshold}`)
		)
		.orderBy(asc(gifts.name), asc(giftVariants.createdAt), asc(giftVariants.name));
}
