import { eq } from 'drizzle-orm';
import { customers } from '../../../../db/schema/index.ts';
import type { Ctx } from '../context.ts';
import { firstName } from '../email/format.ts';
import { loadSurpriseView } from '../surprises/get-surprise.ts';
import { toRecipientView } from '../surprises/surprise-view.ts';
import { postageLine } from './label-data.ts';

/** The boxes the pre-ship checklist asks to tick before `printed → shipped`. */
export const checklistItems = ['cardIn', 'postageOn'] as const;

/**
 * What the phone shows after scanning a label's QR: the reference, who it is for (first name
 * only: no address on a screen that is carried around), what goes in the parcel, the card, the
 * postage and the checklist. Built on the recipient view, so the internal note is never in it.
 */
export async function loadShipView(ctx: Ctx, id: string) {
  const view = await loadSurpriseView(ctx, id);
  const [customer] = await ctx.db.select({ name: customers.name }).from(customers).where(eq(customers.id, view.customer.id));
  const shown = toRecipientView(view);
  return {
    id: view.id,
    reference: shown.reference,
    status: shown.status,
    recipientFirstName: firstName(customer?.name ?? ''),
    items: shown.items,
    cardMessage: shown.cardMessage,
    signedByName: shown.signedByName,
    postage: { method: view.postage, line: postageLine(view.postage) ?? null },
    checklist: [...checklistItems],
    canShip: view.status === 'printed',
    printedAt: view.printedAt,
    shippedAt: view.shippedAt,
  };
}
export type ShipView = Awaited<ReturnType<typeof loadShipView>>;
