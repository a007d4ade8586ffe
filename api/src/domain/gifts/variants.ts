import { and, eq, ne, sql } from 'drizzle-orm';
import { giftVariants } from '../../../../db/schema/index.ts';
import { recordAudit } from '../audit.ts';
import { inTransaction, type Ctx } from '../context.ts';
import { ConflictError, NotFoundError } from '../errors.ts';
import { msg } from '../../messages/index.ts';
import { requireCatalogueWrite } from './access.ts';
import { loadGift, toVariantView, type VariantView } from './gift-view.ts';
import { CreateVariantInput, UpdateVariantInput } from './schemas.ts';

async function assertNameFree(
	ctx: Ctx,
	giftId: string,
	name: string,
	exceptId?: string
): Promise<void> {
	const [clash] = await ctx.db
		.select({ id: giftVariants.id })
		.from(giftVariants)
		.where(
			and(
				eq(giftVariants.giftId, giftId),
				sql`lower(${giftVariants.name}) = lower(${name})`,
				exceptId ? ne(giftVariants.id, exceptId) : undefined
			)
		);
	if (clash)
		throw new ConflictError(msg('variant_name_taken'), [
			{ field: 'name', message: msg('already_in_use_for_this_gift') }
		]);
}

/** A new variant (e.g. a sock size) with its starting stock. */
export async function createVariant({
	ctx,
	input
}: {
	ctx: Ctx;
	input: { giftId: string; variant: unknown };
}): Promise<VariantView> {
	requireCatalogueWrite(ctx);
	const data = CreateVariantInput.parse(input.variant);
	return inTransaction(ctx, async (ctx) => {
		// The gift row lock serialises variant names per gift.
		const gift = await loadGift(ctx, input.giftId, { lock: true });
		await assertNameFree(ctx, gift.id, data.name);
		const [variant] = await ctx.db
			.insert(giftVariants)
			.values({ ...data, giftId: gift.id, createdAt: ctx.now() })
			.returning();
		await recordAudit(ctx, {
			action: 'gift_variant.create',
			entity: 'gift_variant',
			entityId: variant!.id,
			data: { giftId: gift.id, ...data }
		});
		return toVariantView(variant!);
	});
}

/** Rename a variant or change its low-stock threshold. Stock changes go through adjustVariantStock. */
export async function updateVariant({
	ctx,
	input
}: {
	ctx: Ctx;
	input: { giftId: string; variantId: string; changes: unknown };
}): Promise<VariantView> {
	requireCatalogueWrite(ctx);
	const changes = UpdateVariantInput.parse(input.changes);
	return inTransaction(ctx, async (ctx) => {
		await loadGift(ctx, input.giftId, { lock: true });
		const [before] = await ctx.db
			.select()
			.from(giftVariants)
			.where(and(eq(giftVariants.id, input.variantId), eq(giftVariants.giftId, input.giftId)));
		if (!before) throw new NotFoundError('variant', input.variantId);
		if (Object.values(changes).every((v) => v === undefined)) return toVariantView(before);
		if (changes.name !== undefined)
			await assertNameFree(ctx, input.giftId, changes.name, before.id);
		const [variant] = await ctx.db
			.update(giftVariants)
			.set(changes)
			.where(eq(giftVariants.id, before.id))
			.returning();
		await recordAudit(ctx, {
			action: 'gift_variant.update',
			entity: 'gift_variant',
			entityId: before.id,
			data: {
				giftId: input.giftId,
				changes,
				before: { name: before.name, lowStockThreshold: before.lowStockThreshold }
			}
		});
		return toVariantView(variant!);
	});
}
