import { and, eq } from 'drizzle-orm';
import { giftVariants, surpriseItems } from '../../../../db/schema/index.ts';
import { recordAudit } from '../audit.ts';
import { inTransaction, requireRole, type Ctx } from '../context.ts';
import { ConflictError, ValidationError } from '../errors.ts';
import { msg, word } from '../../messages/index.ts';
import { loadSurpriseView } from './get-surprise.ts';
import { lockSurprise, returnStock, takeStock, type LockedSurprise } from './lifecycle.ts';
import { ChooseVariantInput } from './schemas.ts';
import { editableStatuses, isIn, reservingStatuses, type SurpriseStatus } from './state-machine.ts';

/**
 * Set the variant of one item (the sock size the customer picked on the claim page, or one the hub
 * learnt). Once the surprise holds stock (approved and later) the new variant's stock is taken with
 * the same conditional decrement as at approval, and a previous variant's stock goes back.
 * No role check: the claim flow calls it for the anonymous recipient; routes check roles.
 */
export async function chooseVariantLocked(
	ctx: Ctx,
	s: LockedSurprise,
	itemId: string,
	variantId: string
): Promise<void> {
	const status = s.row.status as SurpriseStatus;
	if (!isIn(editableStatuses, status))
		throw new ConflictError(
			msg('surprise_gifts_not_editable', { status: word('surprise_status', status) }),
			[
				{
					field: 'variantId',
					message: msg('surprise_is', { status: word('surprise_status', status) })
				}
			]
		);
	const item = s.items.find((i) => i.id === itemId);
	if (!item)
		throw new ValidationError(msg('surprise_item_unknown'), [
			{ field: 'itemId', message: msg('no_such_item') }
		]);
	const [variant] = await ctx.db
		.select()
		.from(giftVariants)
		.where(and(eq(giftVariants.id, variantId), eq(giftVariants.giftId, item.giftId)));
	if (!variant)
		throw new ValidationError(msg('this_is_not_variant_of', { gift_name: item.giftName }), [
			{ field: 'variantId', message: msg('variant_unknown') }
		]);
	if (item.variantId === variantId) return;
	let lowStock: string | null = null;
	if (isIn(reservingStatuses, status)) {
		lowStock = await takeStock(ctx, {
			variantId,
			quantity: item.quantity,
			giftName: item.giftName
		});
		if (item.variantId) await returnStock(ctx, item);
	}
	await ctx.db.update(surpriseItems).set({ variantId }).where(eq(surpriseItems.id, item.id));
	item.variantId = variantId;
	await recordAudit(ctx, {
		action: 'surprise.variant',
		entity: 'surprise',
		entityId: s.row.id,
		data: {
			reference: s.row.reference,
			itemId,
			variantId,
			...(lowStock ? { lowStockVariantIds: [lowStock] } : {})
		}
	});
}

/** The hub sets a variant (e.g. the size the customer told them in a DM). */
export async function chooseSurpriseVariant({
	ctx,
	input
}: {
	ctx: Ctx;
	input: { id: string; itemId: string; body: unknown };
}) {
	if (ctx.actor.type !== 'system') requireRole(ctx, 'hub');
	const data = ChooseVariantInput.parse(input.body);
	return inTransaction(ctx, async (ctx) => {
		const s = await lockSurprise(ctx, input.id);
		await chooseVariantLocked(ctx, s, input.itemId, data.variantId);
		return loadSurpriseView(ctx, input.id);
	});
}
