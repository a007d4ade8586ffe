import { sql } from 'drizzle-orm';
import {
	bigint,
	boolean,
	check,
	index,
	integer,
	pgEnum,
	pgTable,
	text,
	uniqueIndex,
	uuid
} from 'drizzle-orm/pg-core';
import { createdAt, id, tstz, updatedAt } from './_columns.ts';
import { codeChannels, giftKinds } from './enums.ts';

export { giftKinds };

export const giftKindEnum = pgEnum('gift_kind', giftKinds);

export const gifts = pgTable(
	'gifts',
	{
		id: id(),
		name: text('name').notNull(),
		kind: giftKindEnum('kind').notNull(),
		description: text('description').notNull().default(''),
		unitCostCents: bigint('unit_cost_cents', { mode: 'number' }).notNull(),
		/** Vouchers without a code pool carry a face value instead. */
		faceValueCents: bigint('face_value_cents', { mode: 'number' }),
		/** Gifts with a code pool: where the code reaches the customer (null: no pool). */
		codeChannel: text('code_channel', { enum: codeChannels }),
		active: boolean('active').notNull().default(true),
		createdAt: createdAt(),
		updatedAt: updatedAt()
	},
	(t) => [
		check('gifts_cost_nonneg', sql`${t.unitCostCents} >= 0`),
		// The catalogue's order.
		index('gifts_name_idx').on(t.name, t.id)
	]
);

export const giftVariants = pgTable(
	'gift_variants',
	{
		id: id(),
		giftId: uuid('gift_id')
			.notNull()
			.references(() => gifts.id, { onDelete: 'cascade' }),
		name: text('name').notNull(),
		stock: integer('stock').notNull().default(0),
		lowStockThreshold: integer('low_stock_threshold').notNull().default(0),
		createdAt: createdAt()
	},
	(t) => [
		check('gift_variants_stock_nonneg', sql`${t.stock} >= 0`),
		index('gift_variants_gift_idx').on(t.giftId)
	]
);

export const voucherCodes = pgTable(
	'voucher_codes',
	{
		id: id(),
		giftId: uuid('gift_id')
			.notNull()
			.references(() => gifts.id, { onDelete: 'cascade' }),
		code: text('code').notNull(),
		/** Some pools come with a PIN per code; shown and masked like the code. */
		pin: text('pin'),
		/** Set once; a code goes to exactly one surprise. */
		surpriseId: uuid('surprise_id'),
		assignedAt: tstz('assigned_at'),
		createdAt: createdAt()
	},
	(t) => [
		uniqueIndex('voucher_codes_gift_code_uq').on(t.giftId, t.code),
		index('voucher_codes_free_idx')
			.on(t.giftId)
			.where(sql`${t.surpriseId} is null`)
	]
);
