import { and, eq, isNotNull, isNull } from 'drizzle-orm';
import { addresses, surprises } from '../../../../db/schema/index.ts';
import { recordAudit } from '../audit.ts';
import { inTransaction, requireRole, type Ctx } from '../context.ts';
import { ConflictError, nlWord, t, ValidationError } from '../errors.ts';
import { loadSurpriseView } from './get-surprise.ts';
import { itemsWithoutVariant, lockSurprise, moveSurprise, type LockedSurprise } from './lifecycle.ts';
import { AttachAddressInput } from './schemas.ts';
import { editableStatuses, isIn } from './state-machine.ts';


/**
 * Give a (locked) surprise the address to ship to. Approved or awaiting an address, it becomes ready
 * when every variant is chosen; otherwise it waits (claim page) with the address kept. For the claim
 * flow too: after the customer submits, call this with the new address.
 */
export async function attachAddressLocked(ctx: Ctx, s: LockedSurprise, addressId: string, note = ''): Promise<LockedSurprise> {
  if (!isIn(editableStatuses, s.row.status)) {
    throw new ConflictError(t(`The address of a ${s.row.status} surprise cannot change any more.`, `Het adres van een verrassing die ${nlWord(s.row.status)} is, kan niet meer veranderen.`), [
      { field: 'addressId', message: t(`The surprise is ${s.row.status}.`, `De verrassing is ${nlWord(s.row.status)}.`) },
    ]);
  }
  if (s.kind === 'digital') throw new ConflictError(t('A digital surprise is not posted and needs no address.', 'Een digitale verrassing gaat niet per post en heeft geen adres nodig.'), [
      { field: 'addressId', message: t('Digital surprise.', 'Digitale verrassing.') },
    ]);
  const [address] = await ctx.db
    .select({ id: addresses.id })
    .from(addresses)
    .where(and(eq(addresses.id, addressId), eq(addresses.customerId, s.row.customerId), isNull(addresses.anonymisedAt), isNotNull(addresses.street)));
  if (!address) throw new ValidationError(t('This is not a full address of this customer.', 'Dit is geen volledig adres van deze klant.'), [
      { field: 'addressId', message: t('No such address for this customer.', 'Deze klant heeft geen adres met dit id.') },
    ]);

  const complete = itemsWithoutVariant(s).length === 0;
  if (complete && (s.row.status === 'approved' || s.row.status === 'awaiting_address')) {
    return moveSurprise(ctx, s, 'ready', { set: { addressId }, note: note || 'Address added.' });
  }
  if (s.row.status === 'approved') return moveSurprise(ctx, s, 'awaiting_address', { set: { addressId }, note: note || 'Address added; waiting for a variant.' });
  const [row] = await ctx.db.update(surprises).set({ addressId, updatedAt: ctx.now() }).where(eq(surprises.id, s.row.id)).returning();
  await recordAudit(ctx, { action: 'surprise.address', entity: 'surprise', entityId: s.row.id, data: { reference: s.row.reference, addressId } });
  return { ...s, row: row! };
}

export async function attachSurpriseAddress({ ctx, input }: { ctx: Ctx; input: { id: string; body: unknown } }) {
  if (ctx.actor.type !== 'system') requireRole(ctx, 'hub');
  const data = AttachAddressInput.parse(input.body);
  return inTransaction(ctx, async (ctx) => {
    const s = await lockSurprise(ctx, input.id);
    await attachAddressLocked(ctx, s, data.addressId);
    return loadSurpriseView(ctx, input.id);
  });
}
