import { inTransaction, requireRole, type Ctx } from '../context.ts';
import { ConflictError } from '../errors.ts';
import { msg, word } from '../../messages/index.ts';
import { lockSurprise, moveSurprise } from '../surprises/lifecycle.ts';
import { PRINTERS } from './access.ts';
import { ShipSurpriseInput } from './schemas.ts';
import { loadShipView, type ShipView } from './ship-view.ts';

/**
 * `printed → shipped` after the pre-ship checklist: card in and postage on must both be ticked
 * (400 on `checklist.cardIn` / `checklist.postageOn` otherwise). The move goes through the
 * lifecycle (spent added to the campaign, event, audit row with the checklist).
 */
export async function shipSurprise({
	ctx,
	input
}: {
	ctx: Ctx;
	input: { id: string; body: unknown };
}): Promise<ShipView> {
	requireRole(ctx, ...PRINTERS);
	const data = ShipSurpriseInput.parse(input.body);
	return inTransaction(ctx, async (ctx) => {
		const s = await lockSurprise(ctx, input.id);
		if (s.row.status !== 'printed') {
			const on = s.row.shippedAt ? s.row.shippedAt.toISOString().slice(0, 10) : null;
			const why =
				s.row.status === 'shipped' || s.row.status === 'delivered'
					? on
						? msg('ship_already_shipped_on', { reference: s.row.reference, date: on })
						: msg('ship_already_shipped', { reference: s.row.reference })
					: s.row.status === 'ready'
						? msg('ship_no_printed_label_yet', { reference: s.row.reference })
						: msg('ship_reference_is_status', {
								reference: s.row.reference,
								status: word('surprise_status', s.row.status)
							});
			throw new ConflictError(
				why,
				[
					{
						field: 'status',
						message: msg('ship_not_printed', { status: word('surprise_status', s.row.status) })
					}
				],
				{
					reference: s.row.reference,
					status: s.row.status
				}
			);
		}
		await moveSurprise(ctx, s, 'shipped', {
			note: data.note || msg('history_shipped_checklist'),
			auditData: { checklist: data.checklist }
		});
		return loadShipView(ctx, input.id);
	});
}
