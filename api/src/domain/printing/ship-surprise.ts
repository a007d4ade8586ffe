import { inTransaction, requireRole, type Ctx } from '../context.ts';
import { ConflictError, nlWord, t, textIn } from '../errors.ts';
import { lockSurprise, moveSurprise } from '../surprises/lifecycle.ts';
import { PRINTERS } from './print-labels.ts';
import { ShipSurpriseInput } from './schemas.ts';
import { loadShipView, type ShipView } from './ship-view.ts';

/**
 * `printed → shipped` after the pre-ship checklist: card in and postage on must both be ticked
 * (400 on `checklist.cardIn` / `checklist.postageOn` otherwise). The move goes through the
 * lifecycle (spent added to the campaign, event, audit row with the checklist).
 */
export async function shipSurprise({ ctx, input }: { ctx: Ctx; input: { id: string; body: unknown } }): Promise<ShipView> {
  requireRole(ctx, ...PRINTERS);
  const data = ShipSurpriseInput.parse(input.body);
  return inTransaction(ctx, async (ctx) => {
    const s = await lockSurprise(ctx, input.id);
    if (s.row.status !== 'printed') {
      const on = s.row.shippedAt ? s.row.shippedAt.toISOString().slice(0, 10) : null;
      const why =
        s.row.status === 'shipped' || s.row.status === 'delivered'
          ? t(`was already shipped${on ? ` on ${on}` : ''}`, `is al verstuurd${on ? ` op ${on}` : ''}`)
          : s.row.status === 'ready'
            ? t('has no printed label yet: print it first', 'heeft nog geen geprint etiket: print het eerst')
            : t(`is ${s.row.status}`, `is ${nlWord(s.row.status)}`);
      throw new ConflictError(
        t(`${s.row.reference} ${textIn(why, 'en')}.`, `${s.row.reference} ${textIn(why, 'nl')}.`),
        [{ field: 'status', message: t(`Only printed surprises ship; this one is ${s.row.status}.`, `Alleen geprinte verrassingen worden verstuurd; deze is ${nlWord(s.row.status)}.`) }],
        {
        reference: s.row.reference,
        status: s.row.status,
      });
    }
    await moveSurprise(ctx, s, 'shipped', { note: data.note || 'Kaart erin, porto erop.', auditData: { checklist: data.checklist } });
    return loadShipView(ctx, input.id);
  });
}
