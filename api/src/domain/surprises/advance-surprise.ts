import { inTransaction, requireRole, type Ctx } from '../context.ts';
import { ConflictError } from '../errors.ts';
import { attachAddressLocked } from './attach-address.ts';
import { loadSurpriseView } from './get-surprise.ts';
import { currentAddressId, lockSurprise, moveSurprise } from './lifecycle.ts';
import { AdvanceSurpriseInput } from './schemas.ts';

/**
 * The hub's manual moves: printed, shipped, delivered, and back to ready (a misprint, or an address
 * that arrived another way). Only legal moves pass (state-machine.ts).
 */
export async function advanceSurprise({ ctx, input }: { ctx: Ctx; input: { id: string; body: unknown } }) {
  if (ctx.actor.type !== 'system') requireRole(ctx, 'hub');
  const data = AdvanceSurpriseInput.parse(input.body);
  return inTransaction(ctx, async (ctx) => {
    const s = await lockSurprise(ctx, input.id);
    if (data.to === 'ready' && (s.row.status === 'approved' || s.row.status === 'awaiting_address')) {
      const addressId = s.row.addressId ?? (await currentAddressId(ctx, s.row.customerId));
      if (!addressId) {
        throw new ConflictError('There is no address for this customer yet: add one or send a claim link.', [{ field: 'addressId', message: 'No address on file.' }]);
      }
      await attachAddressLocked(ctx, s, addressId, data.note);
    } else {
      await moveSurprise(ctx, s, data.to, { note: data.note });
    }
    return loadSurpriseView(ctx, input.id);
  });
}
