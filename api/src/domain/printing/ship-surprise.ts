import { inTransaction, requireRole, type Ctx } from '../context.ts';
import { ConflictError } from '../errors.ts';
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
      const why =
        s.row.status === 'shipped' || s.row.status === 'delivered'
          ? `was already shipped${s.row.shippedAt ? ` on ${s.row.shippedAt.toISOString().slice(0, 10)}` : ''}`
          : s.row.status === 'ready'
            ? 'has no printed label yet: print it first'
            : `is ${s.row.status}`;
      throw new ConflictError(`${s.row.reference} ${why}.`, [{ field: 'status', message: `Only printed surprises ship; this one is ${s.row.status}.` }], {
        reference: s.row.reference,
        status: s.row.status,
      });
    }
    await moveSurprise(ctx, s, 'shipped', { note: data.note || 'Kaart erin, porto erop.', auditData: { checklist: data.checklist } });
    return loadShipView(ctx, input.id);
  });
}
