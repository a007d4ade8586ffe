import { asc, count, eq, inArray, sql } from 'drizzle-orm';
import { giftVariants, gifts, voucherCodes } from '../../../../db/schema/index.ts';
import type { Ctx } from '../context.ts';
import { NotFoundError } from '../errors.ts';
import { codeChannelOf } from './code-channel.ts';

export type GiftRow = typeof gifts.$inferSelect;
export type VariantRow = typeof giftVariants.$inferSelect;

/**
 * A voucher code as the API shows it once uploaded: a fixed-width mask and at most the last four
 * characters (fewer for short codes, so at least half stays hidden). Never the full code.
 */
export function maskCode(code: string): string {
	const chars = [...code];
	const visible = Math.min(4, Math.floor(chars.length / 2));
	return `••••${chars.slice(chars.length - visible).join('')}`;
}

/** Low = at or below the threshold (0 and 0 is low too: out of stock). */
export function isLowStock(variant: { stock: number; lowStockThreshold: number }): boolean {
	return variant.stock <= variant.lowStockThreshold;
}

export function toVariantView(v: VariantRow) {
	return {
		id: v.id,
		giftId: v.giftId,
		name: v.name,
		stock: v.stock,
		lowStockThreshold: v.lowStockThreshold,
		low: isLowStock(v),
		createdAt: v.createdAt.toISOString()
	};
}
export type VariantView = ReturnType<typeof toVariantView>;

/** How a voucher is given: a code from the pool, or a card with a face value. Null for other kinds. */
export function voucherMode(
	gift: Pick<GiftRow, 'kind' | 'faceValueCents'>
): 'codes' | 'face_value' | null {
	if (gift.kind !== 'voucher') return null;
	return gift.faceValueCents === null ? 'codes' : 'face_value';
}

/** Gifts with their variants and code counts, in the order given. */
export async function toGiftViews(ctx: Ctx, rows: GiftRow[]) {
	const ids = rows.map((g) => g.id);
	const [variantRows, codeRows] = ids.length
		? await Promise.all([
				ctx.db
					.select()
					.from(giftVariants)
					.where(inArray(giftVariants.giftId, ids))
					.orderBy(asc(giftVariants.createdAt), asc(giftVariants.name), asc(giftVariants.id)),
				ctx.db
					.select({
						giftId: voucherCodes.giftId,
						total: count(),
						available: sql<number>`count(*) filter (where ${voucherCodes.surpriseId} is null)`
					})
					.from(voucherCodes)
					.where(inArray(voucherCodes.giftId, ids))
					.groupBy(voucherCodes.giftId)
			])
		: [[], []];
	return rows.map((g) => {
		const codes = codeRows.find((c) => c.giftId === g.id);
		const mode = voucherMode(g);
		const codeChannel = codeChannelOf(g);
		return {
			id: g.id,
			name: g.name,
			kind: g.kind,
			description: g.description,
			unitCostCents: g.unitCostCents,
			faceValueCents: g.faceValueCents,
			active: g.active,
			voucherMode: mode,
			codeChannel,
			variants: variantRows.filter((v) => v.giftId === g.id).map(toVariantView),
			codes:
				codeChannel !== null || codes
					? { total: Number(codes?.total ?? 0), available: Number(codes?.available ?? 0) }
					: null,
			createdAt: g.createdAt.toISOString(),
			updatedAt: g.updatedAt.toISOString()
		};
	});
}
export type GiftView = Awaited<ReturnType<typeof toGiftViews>>[number];

export async function loadGift(
	ctx: Ctx,
	id: string,
	options: { lock?: boolean } = {}
): Promise<GiftRow> {
	const query = ctx.db.select().from(gifts).where(eq(gifts.id, id));
	const [gift] = options.lock ? await query.for('update') : await query;
	if (!gift) throw new NotFoundError('gift', id);
	return gift;
}

export async function loadGiftView(ctx: Ctx, id: string): Promise<GiftView> {
	return (await toGiftViews(ctx, [await loadGift(ctx, id)]))[0]!;
}
