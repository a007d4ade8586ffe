import type { Database } from '#db/client.ts';
import {
	addresses,
	campaigns,
	customers,
	gifts,
	handles,
	surpriseEvents,
	surpriseItems,
	surprises
} from '#db/schema/index.ts';
import type { Ctx } from '#api/domain/context.ts';

/** Rows written straight into the tables: these suites test privacy and card checks, not the surprise workflow. */
export const DAY = 86_400_000;
export const daysAgo = (n: number) => new Date(Date.now() - n * DAY);
let counter = 0;

export function fixtures(database: Database) {
	const db = database.db;
	let campaignId: string | null = null;
	let giftId: string | null = null;

	async function campaign() {
		if (campaignId) return campaignId;
		const [row] = await db
			.insert(campaigns)
			.values({
				name: 'Altijd aan',
				kind: 'always_on',
				status: 'active',
				startsOn: '2020-01-01',
				endsOn: '2099-12-31',
				budgetCents: 1_000_000
			})
			.returning();
		campaignId = row!.id;
		return campaignId;
	}

	async function gift() {
		if (giftId) return giftId;
		const [row] = await db
			.insert(gifts)
			.values({ name: 'Sokken', kind: 'item', unitCostCents: 750 })
			.returning();
		giftId = row!.id;
		return giftId;
	}

	async function customer(overrides: Partial<typeof customers.$inferInsert> = {}) {
		const [row] = await db
			.insert(customers)
			.values({
				name: 'Anouk de Vries',
				email: `anouk${++counter}@example.test`,
				notes: 'Houdt van rode sokken.',
				...overrides
			})
			.returning();
		return row!;
	}

	async function handle(customerId: string, handle: string) {
		const [row] = await db
			.insert(handles)
			.values({
				customerId,
				channel: 'instagram',
				handle,
				handleNorm: `${handle.toLowerCase()}-${++counter}`
			})
			.returning();
		return row!;
	}

	async function address(
		customerId: string,
		overrides: Partial<typeof addresses.$inferInsert> = {}
	) {
		const [row] = await db
			.insert(addresses)
			.values({
				customerId,
				recipientName: 'Anouk de Vries',
				street: 'Kerkstraat',
				houseNumber: '12',
				addition: 'bis',
				postcode: '1234 AB',
				postcodeArea: '1234',
				city: 'Amsterdam',
				country: 'NL',
				...overrides
			})
			.returning();
		return row!;
	}

	async function surprise(
		customerId: string,
		overrides: Partial<typeof surprises.$inferInsert> = {}
	) {
		const [row] = await db
			.insert(surprises)
			.values({
				reference: `HOP-T${String(++counter).padStart(5, '0')}-${crypto.randomUUID().slice(0, 4)}`,
				customerId,
				campaignId: await campaign(),
				status: 'delivered',
				cardMessage: 'Hoi Anouk, wat fijn dat je zo blij was. Geniet van de sokken!',
				internalNote: 'Klaagde over levering op X.',
				costCents: 750,
				postageCents: 128,
				...overrides
			})
			.returning();
		await db
			.insert(surpriseItems)
			.values({ surpriseId: row!.id, giftId: await gift(), quantity: 1, unitCostCents: 750 });
		await db.insert(surpriseEvents).values({
			surpriseId: row!.id,
			fromStatus: 'shipped',
			toStatus: row!.status,
			note: 'Bezorgd bij de buren'
		});
		return row!;
	}

	return { campaign, gift, customer, handle, address, surprise };
}

export function userCtx(
	database: Database,
	user: { id: string; role: 'hub' | 'marketing' | 'admin'; name: string; email: string }
): Ctx {
	return {
		db: database.db,
		actor: { type: 'user', id: user.id, role: user.role, name: user.name, email: user.email },
		now: () => new Date()
	};
}
