/**
 * Rows for surprise and nomination tests, inserted directly: these suites test surprises, not the
 * catalogue or the campaign workflow, so they do not depend on those verbs.
 */
import { eq, sql } from 'drizzle-orm';
import type { Database } from '#db/client.ts';
import {
	addresses,
	campaignGifts,
	campaigns,
	customers,
	giftVariants,
	gifts,
	handles,
	settings,
	voucherCodes
} from '#db/schema/index.ts';
import { todayInAmsterdam } from '#api/domain/calendar/today.ts';
import { addDays } from '#api/domain/surprises/due-date.ts';
import { foldHandle } from '#api/domain/text.ts';

type GiftKind = 'item' | 'voucher' | 'card' | 'experience' | 'digital';
let counter = 0;
const next = () => ++counter;

export function fixtures(database: Database) {
	const { db } = database;
	const today = todayInAmsterdam(new Date());

	async function customer(
		options: {
			name?: string;
			address?: boolean;
			handle?: { channel: 'x' | 'instagram'; handle: string };
		} = {}
	) {
		const [row] = await db
			.insert(customers)
			.values({ name: options.name ?? `Klant ${next()}` })
			.returning();
		if (options.handle) {
			await db.insert(handles).values({
				customerId: row!.id,
				channel: options.handle.channel,
				handle: options.handle.handle,
				handleNorm: foldHandle(options.handle.handle)
			});
		}
		let addressId: string | null = null;
		if (options.address) {
			const [a] = await db
				.insert(addresses)
				.values({
					customerId: row!.id,
					recipientName: row!.name,
					street: 'Keizersgracht',
					houseNumber: '1',
					postcode: '1015 CJ',
					postcodeArea: '1015',
					city: 'Amsterdam',
					country: 'NL'
				})
				.returning();
			addressId = a!.id;
		}
		return { id: row!.id, name: row!.name, addressId };
	}

	async function customers_(n: number) {
		const rows = await db
			.insert(customers)
			.values(Array.from({ length: n }, () => ({ name: `Klant ${next()}` })))
			.returning({ id: customers.id });
		return rows.map((r) => r.id);
	}

	async function gift(
		options: {
			kind?: GiftKind;
			unitCostCents?: number;
			faceValueCents?: number | null;
			variants?: { name: string; stock: number; lowStockThreshold?: number }[];
			codes?: number;
			active?: boolean;
		} = {}
	) {
		const kind = options.kind ?? 'item';
		const [row] = await db
			.insert(gifts)
			.values({
				name: `Cadeau ${next()}`,
				kind,
				unitCostCents: options.unitCostCents ?? 500,
				faceValueCents:
					options.faceValueCents === undefined
						? kind === 'voucher'
							? null
							: null
						: options.faceValueCents,
				active: options.active ?? true
			})
			.returning();
		const variants = options.variants?.length
			? await db
					.insert(giftVariants)
					.values(
						options.variants.map((v) => ({
							giftId: row!.id,
							name: v.name,
							stock: v.stock,
							lowStockThreshold: v.lowStockThreshold ?? 0
						}))
					)
					.returning()
			: [];
		if (options.codes) {
			await db.insert(voucherCodes).values(
				Array.from({ length: options.codes }, (_, i) => ({
					giftId: row!.id,
					code: `CODE-${row!.id.slice(0, 8)}-${String(i).padStart(5, '0')}`
				}))
			);
		}
		return {
			id: row!.id,
			name: row!.name,
			kind,
			unitCostCents: row!.unitCostCents,
			variants: variants.map((v) => ({ id: v.id, name: v.name }))
		};
	}

	async function campaign(options: {
		giftIds: string[];
		budgetCents?: number;
		autoApproveLimitCents?: number;
		maxSurprises?: number | null;
		cooldownDays?: number;
		status?: 'draft' | 'submitted' | 'approved' | 'active' | 'closed' | 'rejected';
		startsOn?: string;
		endsOn?: string;
	}) {
		const [row] = await db
			.insert(campaigns)
			.values({
				name: `Campagne ${next()}`,
				kind: 'always_on',
				status: options.status ?? 'active',
				startsOn: options.startsOn ?? addDays(today, -10),
				endsOn: options.endsOn ?? addDays(today, 30),
				budgetCents: options.budgetCents ?? 100_000,
				autoApproveLimitCents: options.autoApproveLimitCents ?? 0,
				maxSurprises: options.maxSurprises ?? null,
				cooldownDays: options.cooldownDays ?? 0
			})
			.returning();
		if (options.giftIds.length)
			await db
				.insert(campaignGifts)
				.values(options.giftIds.map((giftId) => ({ campaignId: row!.id, giftId })));
		return { id: row!.id, name: row!.name };
	}

	async function money(campaignId: string) {
		const [row] = await db
			.select({
				reserved: campaigns.reservedCents,
				spent: campaigns.spentCents,
				budget: campaigns.budgetCents
			})
			.from(campaigns)
			.where(eq(campaigns.id, campaignId));
		return {
			reserved: Number(row!.reserved),
			spent: Number(row!.spent),
			budget: Number(row!.budget)
		};
	}

	async function stock(variantId: string) {
		const [row] = await db
			.select({ stock: giftVariants.stock })
			.from(giftVariants)
			.where(eq(giftVariants.id, variantId));
		return Number(row!.stock);
	}

	async function freeCodes(giftId: string) {
		const [row] = await db
			.select({ n: sql<number>`count(*)` })
			.from(voucherCodes)
			.where(sql`${voucherCodes.giftId} = ${giftId} and ${voucherCodes.surpriseId} is null`);
		return Number(row!.n);
	}

	async function setting(key: string, value: unknown) {
		await db
			.insert(settings)
			.values({ key, value })
			.onConflictDoUpdate({ target: settings.key, set: { value } });
	}

	return {
		today,
		customer,
		customers: customers_,
		gift,
		campaign,
		money,
		stock,
		freeCodes,
		setting
	};
}
