import { and, asc, count, eq, sql, type SQL } from 'drizzle-orm';
import { giftVariants, gifts, voucherCodes } from '../../../../db/schema/index.ts';
import { recordAudit } from '../audit.ts';
import { inTransaction, type Ctx } from '../context.ts';
import { ConflictError, ValidationError } from '../errors.ts';
import { msg } from '../../messages/index.ts';
import { decodeCursor, encodeCursor } from '../pagination.ts';
import { requireCatalogueRead, requireCatalogueWrite } from './access.ts';
import { resolveCodeChannel } from './code-channel.ts';
import { loadGift, loadGiftView, toGiftViews, type GiftView } from './gift-view.ts';
import { CreateGiftInput, ListGiftsInput, UpdateGiftInput } from './schemas.ts';

/** The catalogue, by name; filter by kind and active. */
export async function listGifts({
	ctx,
	input
}: {
	ctx: Ctx;
	input: ListGiftsInput;
}): Promise<{ items: GiftView[]; nextCursor: string | null }> {
	requireCatalogueRead(ctx);
	const q = ListGiftsInput.parse(input);
	const where: SQL[] = [];
	if (q.kind) where.push(eq(gifts.kind, q.kind));
	if (q.active !== undefined) where.push(eq(gifts.active, q.active));
	if (q.cursor) {
		const c = decodeCursor(q.cursor);
		where.push(sql`(${gifts.name}, ${gifts.id}) > (${String(c.sortValue)}, ${c.id}::uuid)`);
	}
	const rows = await ctx.db
		.select()
		.from(gifts)
		.where(and(...where))
		.orderBy(asc(gifts.name), asc(gifts.id))
		.limit(q.limit + 1);
	const page = rows.slice(0, q.limit);
	const last = page.at(-1);
	return {
		items: await toGiftViews(ctx, page),
		nextCursor: rows.length > q.limit && last ? encodeCursor(last.name, last.id) : null
	};
}

export async function getGift({
	ctx,
	input
}: {
	ctx: Ctx;
	input: { id: string };
}): Promise<GiftView> {
	requireCatalogueRead(ctx);
	return loadGiftView(ctx, input.id);
}

export async function createGift({ ctx, input }: { ctx: Ctx; input: unknown }): Promise<GiftView> {
	requireCatalogueWrite(ctx);
	const data = CreateGiftInput.parse(input);
	return inTransaction(ctx, async (ctx) => {
		const now = ctx.now();
		const { variants, codeChannel, ...rest } = data;
		const fields = { ...rest, codeChannel: resolveCodeChannel(rest, codeChannel) };
		const [gift] = await ctx.db
			.insert(gifts)
			.values({ ...fields, createdAt: now, updatedAt: now })
			.returning();
		if (variants.length) {
			// One millisecond apart: variants list in the order they were entered (S, M, L stays S, M, L).
			await ctx.db.insert(giftVariants).values(
				variants.map((v, i) => ({
					...v,
					giftId: gift!.id,
					createdAt: new Date(now.getTime() + i)
				}))
			);
		}
		await recordAudit(ctx, {
			action: 'gift.create',
			entity: 'gift',
			entityId: gift!.id,
			data: {
				...fields,
				variants: variants.map((v) => ({
					name: v.name,
					stock: v.stock,
					lowStockThreshold: v.lowStockThreshold
				}))
			}
		});
		return loadGiftView(ctx, gift!.id);
	});
}

export async function updateGift({
	ctx,
	input
}: {
	ctx: Ctx;
	input: { id: string; changes: unknown };
}): Promise<GiftView> {
	requireCatalogueWrite(ctx);
	const changes = UpdateGiftInput.parse(input.changes);
	return inTransaction(ctx, async (ctx) => {
		const before = await loadGift(ctx, input.id, { lock: true });
		if (changes.faceValueCents != null && before.kind !== 'voucher') {
			throw new ValidationError(msg('only_voucher_has_face_value'), [
				{ field: 'faceValueCents', message: msg('only_voucher_has_face_value') }
			]);
		}
		if (changes.faceValueCents != null && before.faceValueCents === null) {
			const [{ n }] = (await ctx.db
				.select({ n: count() })
				.from(voucherCodes)
				.where(eq(voucherCodes.giftId, before.id))) as [{ n: number }];
			if (Number(n) > 0) {
				throw new ConflictError(msg('voucher_face_value_with_codes', { n: Number(n) }), [
					{ field: 'faceValueCents', message: msg('voucher_has_codes') }
				]);
			}
		}
		if (changes.codeChannel !== undefined || changes.faceValueCents !== undefined)
			changes.codeChannel = resolveCodeChannel(
				{
					kind: before.kind,
					faceValueCents:
						changes.faceValueCents === undefined ? before.faceValueCents : changes.faceValueCents
				},
				changes.codeChannel,
				before.codeChannel
			);
		const changed = Object.fromEntries(
			Object.entries(changes).filter(
				([k, v]) => v !== undefined && before[k as keyof typeof before] !== v
			)
		);
		if (Object.keys(changed).length === 0) return loadGiftView(ctx, before.id);
		await ctx.db
			.update(gifts)
			.set({ ...changed, updatedAt: ctx.now() })
			.where(eq(gifts.id, before.id));
		const previous = Object.fromEntries(
			Object.keys(changed).map((k) => [k, before[k as keyof typeof before]])
		);
		await recordAudit(ctx, {
			action: 'gift.update',
			entity: 'gift',
			entityId: before.id,
			data: { changes: changed, before: previous }
		});
		return loadGiftView(ctx, before.id);
	});
}
