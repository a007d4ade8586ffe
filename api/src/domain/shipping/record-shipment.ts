import { eq } from 'drizzle-orm';
import {
	addresses,
	customers,
	gifts,
	shipments,
	surpriseItems,
	users
} from '../../../../db/schema/index.ts';
import { newSecret } from '../accounts/secrets.ts';
import { asClaimLocale } from '../claims/claim-links.ts';
import { userId, type Ctx } from '../context.ts';
import { enqueueEmail } from '../email/enqueue-email.ts';
import { firstName } from '../email/format.ts';
import type { LockedSurprise } from '../surprises/lifecycle.ts';
import { arrivalUrl, hashArrivalToken } from './arrival-links.ts';
import { carriers, trackingUrl, type Carrier } from './carriers.ts';

export interface Tracking {
	carrier: Carrier;
	carrierName: string;
	trackingNumber: string | null;
}

/**
 * In the ship's transaction: the shipment row (carrier, tracking number) and, when the customer's
 * email is known, the on-its-way email in their language with the tracking link and a single-use
 * "it arrived" link (event `on-its-way:<surprise id>`, so a retry never sends twice).
 */
export async function recordShipment(
	ctx: Ctx,
	s: LockedSurprise,
	input: { carrier?: Carrier; trackingNumber?: string; origin: string }
): Promise<{ emailed: boolean }> {
	const [customer] = await ctx.db
		.select({
			name: customers.name,
			email: customers.email,
			locale: customers.locale,
			erasedAt: customers.erasedAt
		})
		.from(customers)
		.where(eq(customers.id, s.row.customerId));
	const [place] = s.row.addressId
		? await ctx.db
				.select({ postcode: addresses.postcode, country: addresses.country })
				.from(addresses)
				.where(eq(addresses.id, s.row.addressId))
		: [];
	const locale = asClaimLocale(customer?.locale);
	const number = input.trackingNumber || null;
	const url =
		input.carrier && number
			? trackingUrl(input.carrier, number, {
					postcode: place?.postcode ?? null,
					country: place?.country ?? 'NL',
					locale
				})
			: null;
	const email = customer && !customer.erasedAt ? customer.email : null;
	const token = email ? newSecret() : null;
	await ctx.db.insert(shipments).values({
		surpriseId: s.row.id,
		carrier: input.carrier ?? null,
		trackingNumber: number,
		arrivalTokenHash: token ? hashArrivalToken(token) : null,
		emailedAt: email ? ctx.now() : null,
		createdAt: ctx.now()
	});
	if (!email || !token) return { emailed: false };

	const items = await ctx.db
		.select({ name: gifts.name, quantity: surpriseItems.quantity })
		.from(surpriseItems)
		.innerJoin(gifts, eq(gifts.id, surpriseItems.giftId))
		.where(eq(surpriseItems.surpriseId, s.row.id))
		.orderBy(gifts.name);
	const senderId = userId(ctx.actor);
	const [sender] = senderId
		? await ctx.db.select({ name: users.name }).from(users).where(eq(users.id, senderId))
		: [];
	await enqueueEmail({
		ctx,
		input: {
			eventKey: `on-its-way:${s.row.id}`,
			to: { name: customer!.name, address: email },
			template: 'on-its-way',
			locale,
			data: {
				firstName: firstName(customer!.name),
				gifts: items.map((i) => ({ name: i.quantity > 1 ? `${i.quantity}× ${i.name}` : i.name })),
				carrierName: input.carrier ? carriers[input.carrier].name : '',
				trackingNumber: number ?? '',
				trackingUrl: url ?? '',
				arrivedUrl: arrivalUrl(input.origin, token),
				senderName: sender ? firstName(sender.name) : locale === 'nl' ? 'Het team' : 'The team'
			}
		}
	});
	return { emailed: true };
}

/** The tracking a shipment row holds, for the ship view (no link: that needs the postcode). */
export function trackingOf(row: {
	carrier: string | null;
	trackingNumber: string | null;
}): Tracking | null {
	if (!row.carrier || !Object.hasOwn(carriers, row.carrier)) return null;
	const carrier = row.carrier as Carrier;
	return { carrier, carrierName: carriers[carrier].name, trackingNumber: row.trackingNumber };
}
