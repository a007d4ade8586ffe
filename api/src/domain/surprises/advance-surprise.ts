import { inTransaction, requireRole, type Ctx } from '../context.ts';
import { ConflictError, DomainError } from '../errors.ts';
import { msg } from '../../messages/index.ts';
import { attachAddressLocked } from './attach-address.ts';
import { loadSurpriseView } from './get-surprise.ts';
import { currentAddressId, lockSurprise, moveSurprise } from './lifecycle.ts';
import { AdvanceSurpriseInput } from './schemas.ts';

/** Where a printed surprise ships: the label's QR page, after the pre-ship checklist (printing domain). */
export const shipRoute = (id: string) => `/api/v1/print/ship/${id}`;

/**
 * The hub's manual moves: printed, delivered, and back to ready (a misprint, or an address that
 * arrived another way). Only legal moves pass (state-machine.ts). `shipped` is refused here (422
 * naming the ship route): a parcel ships only through the pre-ship checklist (card in, postage
 * on), `POST /api/v1/print/ship/{id}`, since a stamp was once forgotten.
 */
export async function advanceSurprise({
	ctx,
	input
}: {
	ctx: Ctx;
	input: { id: string; body: unknown };
}) {
	if (ctx.actor.type !== 'system') requireRole(ctx, 'hub');
	const data = AdvanceSurpriseInput.parse(input.body);
	if (data.to === 'shipped') {
		const route = shipRoute(input.id);
		throw new DomainError('unprocessable', msg('ship_through_checklist', { route }), {
			fields: [
				{
					field: 'to',
					message: msg('ship_not_a_transition')
				}
			],
			details: { shipRoute: route }
		});
	}
	return inTransaction(ctx, async (ctx) => {
		const s = await lockSurprise(ctx, input.id);
		if (
			data.to === 'ready' &&
			(s.row.status === 'approved' || s.row.status === 'awaiting_address')
		) {
			const addressId = s.row.addressId ?? (await currentAddressId(ctx, s.row.customerId));
			if (!addressId) {
				throw new ConflictError(msg('customer_no_address'), [
					{ field: 'addressId', message: msg('no_address_on_file') }
				]);
			}
			await attachAddressLocked(ctx, s, addressId, data.note);
		} else {
			await moveSurprise(ctx, s, data.to, { note: data.note });
		}
		return loadSurpriseView(ctx, input.id);
	});
}
