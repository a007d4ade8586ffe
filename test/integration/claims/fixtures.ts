/**
 * Rows for claim-link and email tests, inserted directly: these suites test the claim flow, not
 * planning or approval, so a surprise simply starts out `approved` with a sock size left open.
 */
import { eq } from 'drizzle-orm';
import type { Database } from '#db/client.ts';
import {
	campaigns,
	claimLinks,
	customers,
	giftVariants,
	gifts,
	surpriseItems,
	surprises
} from '#db/schema/index.ts';
import { todayInAmsterdam } from '#api/domain/calendar/today.ts';

let counter = 0;

export const INTERNAL_NOTE = 'INTERN: klant dreigde met een slechte review, niet doorsturen';
export const CARD_MESSAGE = 'Lieve Zoë, sorry voor het gedoe!';

export function claimFixtures(database: Database) {
	const { db } = database;

	async function surprise(
		options: {
			name?: string;
			email?: string | null;
			locale?: 'nl' | 'en';
			status?: 'planned' | 'approved' | 'awaiting_address' | 'ready' | 'cancelled';
			stock?: number;
			lowStockThreshold?: number;
			createdBy?: string | null;
		} = {}
	) {
		const n = ++counter;
		const today = todayInAmsterdam(new Date());
		const [socks] = await db
			.insert(gifts)
			.values({
				name: `Hoppatee-sokken ${n}`,
				kind: 'item',
				unitCostCents: 900,
				description: 'Vrolijke sokken'
			})
			.returning();
		const variants = await db
			.insert(giftVariants)
			.values([
				{
					giftId: socks!.id,
					name: '36–40',
					stock: options.stock ?? 10,
					lowStockThreshold: options.lowStockThreshold ?? 0
				},
				{
					giftId: socks!.id,
					name: '41–46',
					stock: options.stock ?? 10,
					lowStockThreshold: options.lowStockThreshold ?? 0
				}
			])
			.returning();
		const [card] = await db
			.insert(gifts)
			.values({ name: `Kaart ${n}`, kind: 'card', unitCostCents: 150 })
			.returning();
		const [campaign] = await db
			.insert(campaigns)
			.values({
				name: `Altijd aan ${n}`,
				kind: 'always_on',
				status: 'active',
				startsOn: today,
				endsOn: today,
				budgetCents: 100_000,
				reservedCents: 1_178
			})
			.returning();
		const [customer] = await db
			.insert(customers)
			.values({
				name: options.name ?? 'Zoë Ĳsbrand',
				email: options.email === undefined ? `zoe${n}@example.test` : options.email,
				locale: options.locale ?? 'nl'
			})
			.returning();
		const [row] = await db
			.insert(surprises)
			.values({
				reference: `CLM-${String(n).padStart(5, '0')}-${crypto.randomUUID().slice(0, 6)}`,
				customerId: customer!.id,
				campaignId: campaign!.id,
				status: options.status ?? 'approved',
				cardMessage: CARD_MESSAGE,
				internalNote: INTERNAL_NOTE,
				costCents: 1_050,
				postageCents: 128,
				createdBy: options.createdBy ?? null,
				approvedAt: new Date()
			})
			.returning();
		const [socksItem] = await db
			.insert(surpriseItems)
			.values({
				surpriseId: row!.id,
				giftId: socks!.id,
				variantId: null,
				quantity: 1,
				unitCostCents: 900
			})
			.returning();
		const [cardItem] = await db
			.insert(surpriseItems)
			.values({ surpriseId: row!.id, giftId: card!.id, quantity: 1, unitCostCents: 150 })
			.returning();
		return {
			id: row!.id,
			reference: row!.reference,
			customerId: customer!.id,
			customerEmail: customer!.email,
			socksItemId: socksItem!.id,
			cardItemId: cardItem!.id,
			small: variants[0]!.id,
			large: variants[1]!.id
		};
	}

	async function status(surpriseId: string) {
		const [row] = await db
			.select({ status: surprises.status, addressId: surprises.addressId })
			.from(surprises)
			.where(eq(surprises.id, surpriseId));
		return row!;
	}

	async function stock(variantId: string) {
		const [row] = await db
			.select({ stock: giftVariants.stock })
			.from(giftVariants)
			.where(eq(giftVariants.id, variantId));
		return Number(row!.stock);
	}

	async function links(surpriseId: string) {
		return db.select().from(claimLinks).where(eq(claimLinks.surpriseId, surpriseId));
	}

	/** Move a link's expiry (tests cannot wait 14 days). */
	async function expireLink(linkId: string, at: Date) {
		await db.update(claimLinks).set({ expiresAt: at }).where(eq(claimLinks.id, linkId));
	}

	return { surprise, status, stock, links, expireLink };
}

export function tokenOf(url: string): string {
	return url.slice(url.lastIndexOf('/') + 1);
}

export const validBody = (surprise: { socksItemId: string; large: string }) => ({
	variantChoices: { [surprise.socksItemId]: surprise.large },
	address: {
		recipientName: 'Zoë Ĳsbrand',
		street: 'Keizersgracht',
		houseNumber: '12a',
		postcode: '1015cj',
		city: 'Amsterdam',
		country: 'nl'
	},
	consent: true
});
