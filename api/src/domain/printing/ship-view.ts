import { eq } from 'drizzle-orm';
import { addresses, customers, shipments } from '../../../../db/schema/index.ts';
import type { Ctx } from '../context.ts';
import { firstName } from '../email/format.ts';
import { loadSurpriseView } from '../surprises/get-surprise.ts';
import { isPrinter } from '../surprises/surprise-can.ts';
import { toRecipientView } from '../surprises/surprise-view.ts';
import { trackingOf } from '../shipping/record-shipment.ts';
import { postageLine } from './label-data.ts';

/** The boxes the pre-ship checklist asks to tick before `printed → shipped`. */
export const checklistItems = ['cardIn', 'postageOn'] as const;

/**
 * What the phone shows after scanning a label's QR: the reference, who it is for (name and place,
 * enough to match the parcel to its label; never the street or postcode on a screen that is
 * carried around: the full address is a separate, audited read), what goes in the parcel, the
 * card, the postage and the checklist. Built on the recipient view, so the internal note is never
 * in it. The place (city, country) is what retention keeps for statistics, so it is no full address.
 */
export async function loadShipView(ctx: Ctx, id: string) {
	const view = await loadSurpriseView(ctx, id);
	const [customer] = await ctx.db
		.select({ name: customers.name })
		.from(customers)
		.where(eq(customers.id, view.customer.id));
	const [place] = view.addressId
		? await ctx.db
				.select({ city: addresses.city, country: addresses.country })
				.from(addresses)
				.where(eq(addresses.id, view.addressId))
		: [];
	const [shipment] = await ctx.db
		.select({ carrier: shipments.carrier, trackingNumber: shipments.trackingNumber })
		.from(shipments)
		.where(eq(shipments.surpriseId, view.id));
	const shown = toRecipientView(view);
	return {
		id: view.id,
		reference: shown.reference,
		status: shown.status,
		recipientName: customer?.name ?? '',
		recipientFirstName: firstName(customer?.name ?? ''),
		place: place ? { city: place.city, country: place.country } : null,
		hasAddress: view.addressId !== null,
		items: shown.items,
		cardMessage: shown.cardMessage,
		signedByName: shown.signedByName,
		postage: { method: view.postage, line: postageLine(view.postage) ?? null },
		checklist: [...checklistItems],
		canShip: view.status === 'printed',
		/** What this caller may do here: ship it now, and read the full address (audited). */
		can: { ship: view.can.ship, readAddress: isPrinter(ctx.actor) && view.addressId !== null },
		printedAt: view.printedAt,
		shippedAt: view.shippedAt,
		deliveredAt: view.deliveredAt,
		tracking: shipment ? trackingOf(shipment) : null
	};
}
export type ShipView = Awaited<ReturnType<typeof loadShipView>>;
