import { and, eq, isNotNull, isNull } from 'drizzle-orm';
import { addresses, surprises } from '../../../../db/schema/index.ts';
import { recordAudit } from '../audit.ts';
import { inTransaction, requireRole, type Ctx } from '../context.ts';
import { ConflictError, ValidationError } from '../errors.ts';
import { msg, word, type Message } from '../../messages/index.ts';
import { loadSurpriseView } from './get-surprise.ts';
import {
	itemsWithoutVariant,
	lockSurprise,
	moveSurprise,
	type LockedSurprise
} from './lifecycle.ts';
import { AttachAddressInput } from './schemas.ts';
import { editableStatuses, isIn } from './state-machine.ts';

/**
 * Give a (locked) surprise the address to ship to. Approved or awaiting an address, it becomes ready
 * when every variant is chosen; otherwise it waits (claim page) with the address kept. For the claim
 * flow too: after the customer submits, call this with the new address.
 */
export async function attachAddressLocked(
	ctx: Ctx,
	s: LockedSurprise,
	addressId: string,
	note: string | Message = ''
): Promise<LockedSurprise> {
	if (!isIn(editableStatuses, s.row.status)) {
		throw new ConflictError(
			msg('surprise_address_not_editable', { status: word('surprise_status', s.row.status) }),
			[
				{
					field: 'addressId',
					message: msg('surprise_is', { status: word('surprise_status', s.row.status) })
				}
			]
		);
	}
	if (s.kind === 'digital')
		throw new ConflictError(msg('surprise_digital_no_address'), [
			{ field: 'addressId', message: msg('digital_surprise') }
		]);
	const [address] = await ctx.db
		.select({ id: addresses.id })
		.from(addresses)
		.where(
			and(
				eq(addresses.id, addressId),
				eq(addresses.customerId, s.row.customerId),
				isNull(addresses.anonymisedAt),
				isNotNull(addresses.street)
			)
		);
	if (!address)
		throw new ValidationError(msg('address_not_full'), [
			{ field: 'addressId', message: msg('address_not_of_customer') }
		]);

	const complete = itemsWithoutVariant(s).length === 0;
	if (complete && (s.row.status === 'approved' || s.row.status === 'awaiting_address')) {
		return moveSurprise(ctx, s, 'ready', {
			set: { addressId },
			note: note || msg('history_address_added')
		});
	}
	if (s.row.status === 'approved')
		return moveSurprise(ctx, s, 'awaiting_address', {
			set: { addressId },
			note: note || msg('history_address_added_waiting_for_variant')
		});
	const [row] = await ctx.db
		.update(surprises)
		.set({ addressId, updatedAt: ctx.now() })
		.where(eq(surprises.id, s.row.id))
		.returning();
	await recordAudit(ctx, {
		action: 'surprise.address',
		entity: 'surprise',
		entityId: s.row.id,
		data: { reference: s.row.reference, addressId }
	});
	return { ...s, row: row! };
}

export async function attachSurpriseAddress({
	ctx,
	input
}: {
	ctx: Ctx;
	input: { id: string; body: unknown };
}) {
	if (ctx.actor.type !== 'system') requireRole(ctx, 'hub');
	const data = AttachAddressInput.parse(input.body);
	return inTransaction(ctx, async (ctx) => {
		const s = await lockSurprise(ctx, input.id);
		await attachAddressLocked(ctx, s, data.addressId);
		return loadSurpriseView(ctx, input.id);
	});
}
