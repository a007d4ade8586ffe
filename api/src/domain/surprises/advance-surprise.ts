import { inTransaction, requireRole, type Ctx } from '../context.ts';
import { ConflictError, DomainError, t } from '../errors.ts';
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
export async function advanceSurprise({ ctx, input }: { ctx: Ctx; input: { id: string; body: unknown } }) {
  if (ctx.actor.type !== 'system') requireRole(ctx, 'hub');
  const data = AdvanceSurpriseInput.parse(input.body);
  if (data.to === 'shipped') {
    const route = shipRoute(input.id);
    throw new DomainError('unprocessable', t(
        `Ship through the pre-ship checklist: POST ${route} with { "checklist": { "cardIn": true, "postageOn": true } }.`,
        `Verstuur via de checklist voor verzending: POST ${route} met { "checklist": { "cardIn": true, "postageOn": true } }.`,
      ),
      {
      fields: [
        {
          field: 'to',
          message: t('Shipping goes through the pre-ship checklist (card in, postage on), not this transition.', 'Versturen gaat via de checklist (kaart erin, porto erop), niet via deze stap.'),
        },
      ],
      details: { shipRoute: route },
    });
  }
  return inTransaction(ctx, async (ctx) => {
    const s = await lockSurprise(ctx, input.id);
    if (data.to === 'ready' && (s.row.status === 'approved' || s.row.status === 'awaiting_address')) {
      const addressId = s.row.addressId ?? (await currentAddressId(ctx, s.row.customerId));
      if (!addressId) {
        throw new ConflictError(t('There is no address for this customer yet: add one or send a claim link.', 'Er is nog geen adres van deze klant: voeg er een toe of stuur een adreslink.'), [
          { field: 'addressId', message: t('No address on file.', 'Geen adres bekend.') },
        ]);
      }
      await attachAddressLocked(ctx, s, addressId, data.note);
    } else {
      await moveSurprise(ctx, s, data.to, { note: data.note });
    }
    return loadSurpriseView(ctx, input.id);
  });
}
