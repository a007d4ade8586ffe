import { inTransaction, requireRole, type Ctx } from '../context.ts';
import { ConflictError, ValidationError } from '../errors.ts';
import { msg, word } from '../../messages/index.ts';
import { lockSurprise, moveSurprise } from '../surprises/lifecycle.ts';
import { DEFAULT_ORIGIN } from '../email/staff-mail.ts';
import { recordShipment } from '../shipping/record-shipment.ts';
import { PRINTERS } from './access.ts';
import { ShipSurpriseInput } from './schemas.ts';
import { loadShipView, type ShipView } from './ship-view.ts';

/**
 * `printed → shipped` after the pre-ship checklist: card in and postage on must both be ticked
 * (400 on `checklist.cardIn` / `checklist.postageOn` otherwise). The move goes through the
 * lifecycle (spent added to the campaign, event, audit row with the checklist). The carrier and
 * tracking number, when given, go on the shipment; the customer gets the on-its-way email.
 */
export async function shipSurprise({
	ctx,
	input,
	options = {}
}: {
	ctx: Ctx;
	input: { id: string; body: unknown };
	/** origin: for the links in the customer's on-its-way email. */
	options?: { origin?: string };
}): Promise<ShipView> {
	requireRole(ctx, ...PRINTERS);
	const data = ShipSurpriseInput.parse(input.body);
	if (data.trackingNumber && !data.carrier)
		throw new ValidationError(msg('some_fields_are_not_valid'), [
			{ field: 'carrier', message: msg('tracking_number_needs_carrier') }
		]);
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
					surpriseStatus: s.row.status
				}
			);
		}
		const shipped = await moveSurprise(ctx, s, 'shipped', {
			note: data.note || msg('history_shipped_checklist'),
			auditData: {
				checklist: data.checklist,
				// The number itself stays on the shipment, which erasure clears; the audit log is kept.
				...(data.carrier
					? { carrier: data.carrier, trackingNumber: Boolean(data.trackingNumber) }
					: {})
			}
		});
		await recordShipment(ctx, shipped, {
			...(data.carrier ? { carrier: data.carrier } : {}),
			...(data.trackingNumber ? { trackingNumber: data.trackingNumber } : {}),
			origin: options.origin ?? DEFAULT_ORIGIN
		});
		return loadShipView(ctx, input.id);
	});
}
