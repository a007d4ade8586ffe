import { sql } from 'drizzle-orm';
import {
	bigint,
	check,
	date,
	index,
	integer,
	jsonb,
	pgEnum,
	pgTable,
	text,
	uniqueIndex,
	uuid
} from 'drizzle-orm/pg-core';
import { users } from './accounts.ts';
import { campaigns } from './campaigns.ts';
import { addresses, customers } from './customers.ts';
import { giftVariants, gifts, voucherCodes } from './gifts.ts';
import { createdAt, id, tstz, updatedAt } from './_columns.ts';
import { reasonCategories, nominationStatuses, surpriseStatuses } from './enums.ts';

export { reasonCategories, nominationStatuses, surpriseStatuses };

export const reasonEnum = pgEnum('nomination_reason', reasonCategories);
export const nominationStatusEnum = pgEnum('nomination_status', nominationStatuses);

export const surpriseStatusEnum = pgEnum('surprise_status', surpriseStatuses);

export const nominations = pgTable(
	'nominations',
	{
		id: id(),
		customerId: uuid('customer_id')
			.notNull()
			.references(() => customers.id, { onDelete: 'cascade' }),
		campaignId: uuid('campaign_id').references(() => campaigns.id),
		nominatedBy: uuid('nominated_by').references(() => users.id),
		reason: reasonEnum('reason').notNull(),
		text: text('text').notNull().default(''),
		postUrl: text('post_url'),
		status: nominationStatusEnum('status').notNull().default('open'),
		declineReason: text('decline_reason'),
		surpriseId: uuid('surprise_id'),
		createdAt: createdAt(),
		decidedAt: tstz('decided_at')
	},
	// The list: newest first on (created_at, id), alone or per status, campaign or nominator.
	(t) => [
		index('nominations_created_idx').on(t.createdAt, t.id),
		index('nominations_status_idx').on(t.status, t.createdAt, t.id),
		index('nominations_campaign_idx').on(t.campaignId, t.createdAt, t.id),
		index('nominations_nominated_by_idx').on(t.nominatedBy, t.createdAt, t.id),
		index('nominations_customer_idx').on(t.customerId),
		// The one open nomination per post (nominations/open-for-post.ts).
		index('nominations_open_post_idx')
			.on(t.postUrl)
			.where(sql`${t.status} = 'open'`)
	]
);

export const surprises = pgTable(
	'surprises',
	{
		id: id(),
		/** Human reference printed on labels and in barcodes, e.g. HOP-00042. */
		reference: text('reference').notNull().unique(),
		customerId: uuid('customer_id')
			.notNull()
			.references(() => customers.id, { onDelete: 'cascade' }),
		campaignId: uuid('campaign_id')
			.notNull()
			.references(() => campaigns.id),
		nominationId: uuid('nomination_id').references(() => nominations.id),
		status: surpriseStatusEnum('status').notNull().default('planned'),
		cardMessage: text('card_message').notNull().default(''),
		/** Never printed, never emailed to a customer. */
		internalNote: text('internal_note').notNull().default(''),
		signedBy: uuid('signed_by').references(() => users.id),
		costCents: bigint('cost_cents', { mode: 'number' }).notNull().default(0),
		postageCents: bigint('postage_cents', { mode: 'number' }).notNull().default(0),
		postage: text('postage').notNull().default('stamp'),
		addressId: uuid('address_id').references(() => addresses.id),
		approvedBy: uuid('approved_by').references(() => users.id),
		approvedAt: tstz('approved_at'),
		dueOn: date('due_on', { mode: 'string' }),
		printedAt: tstz('printed_at'),
		shippedAt: tstz('shipped_at'),
		deliveredAt: tstz('delivered_at'),
		createdBy: uuid('created_by').references(() => users.id),
		createdAt: createdAt(),
		updatedAt: updatedAt()
	},
	// The list: newest first on (created_at, id), alone or per status, campaign or customer; the
	// overdue list: the reserving statuses by due date.
	(t) => [
		index('surprises_created_idx').on(t.createdAt, t.id),
		index('surprises_status_idx').on(t.status, t.createdAt, t.id),
		index('surprises_status_due_idx').on(t.status, t.dueOn, t.id),
		index('surprises_customer_idx').on(t.customerId, t.createdAt, t.id),
		index('surprises_campaign_idx').on(t.campaignId, t.createdAt, t.id),
		check('surprises_cost_nonneg', sql`${t.costCents} >= 0 and ${t.postageCents} >= 0`)
	]
);

export const surpriseItems = pgTable(
	'surprise_items',
	{
		id: id(),
		surpriseId: uuid('surprise_id')
			.notNull()
			.references(() => surprises.id, { onDelete: 'cascade' }),
		giftId: uuid('gift_id')
			.notNull()
			.references(() => gifts.id),
		variantId: uuid('variant_id').references(() => giftVariants.id),
		voucherCodeId: uuid('voucher_code_id').references(() => voucherCodes.id),
		quantity: integer('quantity').notNull().default(1),
		unitCostCents: bigint('unit_cost_cents', { mode: 'number' }).notNull()
	},
	(t) => [
		check('surprise_items_quantity_pos', sql`${t.quantity} > 0`),
		index('surprise_items_surprise_idx').on(t.surpriseId),
		uniqueIndex('surprise_items_voucher_code_uq').on(t.voucherCodeId)
	]
);

export const surpriseEvents = pgTable(
	'surprise_events',
	{
		id: id(),
		surpriseId: uuid('surprise_id')
			.notNull()
			.references(() => surprises.id, { onDelete: 'cascade' }),
		fromStatus: surpriseStatusEnum('from_status'),
		toStatus: surpriseStatusEnum('to_status').notNull(),
		actorId: uuid('actor_id'),
		/** A person's own note, as typed. */
		note: text('note').notNull().default(''),
		/** A note the system wrote: its catalogue key (api/src/messages) and parameters, told in the reader's language. */
		noteKey: text('note_key'),
		noteParams: jsonb('note_params').$type<Record<string, unknown>>(),
		createdAt: createdAt()
	},
	(t) => [index('surprise_events_surprise_idx').on(t.surpriseId, t.createdAt)]
);

export const claimLinks = pgTable(
	'claim_links',
	{
		id: id(),
		surpriseId: uuid('surprise_id')
			.notNull()
			.references(() => surprises.id, { onDelete: 'cascade' }),
		/** SHA-256 of the token; the token itself is only ever in the link. */
		tokenHash: text('token_hash').notNull().unique(),
		locale: text('locale').notNull().default('nl'),
		expiresAt: tstz('expires_at').notNull(),
		usedAt: tstz('used_at'),
		emailedAt: tstz('emailed_at'),
		reminderSentAt: tstz('reminder_sent_at'),
		createdBy: uuid('created_by').references(() => users.id),
		createdAt: createdAt()
	},
	(t) => [index('claim_links_surprise_idx').on(t.surpriseId)]
);
