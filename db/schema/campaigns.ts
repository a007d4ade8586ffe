import { sql } from 'drizzle-orm';
import {
	bigint,
	check,
	date,
	index,
	integer,
	pgEnum,
	pgTable,
	primaryKey,
	text,
	uuid
} from 'drizzle-orm/pg-core';
import { users } from './accounts.ts';
import { gifts } from './gifts.ts';
import { createdAt, id, tstz, updatedAt } from './_columns.ts';
import { campaignKinds, campaignStatuses } from './enums.ts';

export { campaignKinds, campaignStatuses };

export const campaignKindEnum = pgEnum('campaign_kind', campaignKinds);
export const campaignStatusEnum = pgEnum('campaign_status', campaignStatuses);

export const campaigns = pgTable(
	'campaigns',
	{
		id: id(),
		name: text('name').notNull(),
		kind: campaignKindEnum('kind').notNull(),
		status: campaignStatusEnum('status').notNull().default('draft'),
		description: text('description').notNull().default(''),
		/** Calendar dates in Europe/Amsterdam. */
		startsOn: date('starts_on', { mode: 'string' }).notNull(),
		endsOn: date('ends_on', { mode: 'string' }).notNull(),
		budgetCents: bigint('budget_cents', { mode: 'number' }).notNull(),
		reservedCents: bigint('reserved_cents', { mode: 'number' }).notNull().default(0),
		spentCents: bigint('spent_cents', { mode: 'number' }).notNull().default(0),
		maxSurprises: integer('max_surprises'),
		autoApproveLimitCents: bigint('auto_approve_limit_cents', { mode: 'number' })
			.notNull()
			.default(0),
		cooldownDays: integer('cooldown_days').notNull().default(90),
		createdBy: uuid('created_by').references(() => users.id),
		approvedBy: uuid('approved_by').references(() => users.id),
		approvedAt: tstz('approved_at'),
		createdAt: createdAt(),
		updatedAt: updatedAt()
	},
	(t) => [
		check('campaigns_budget_nonneg', sql`${t.budgetCents} >= 0`),
		check(
			'campaigns_reserved_within_budget',
			sql`${t.reservedCents} >= 0 and ${t.reservedCents} <= ${t.budgetCents}`
		),
		check('campaigns_dates_ordered', sql`${t.startsOn} <= ${t.endsOn}`),
		check('campaigns_cooldown_nonneg', sql`${t.cooldownDays} >= 0`),
		// The list: newest first on (created_at, id), alone or per status.
		index('campaigns_created_idx').on(t.createdAt, t.id),
		index('campaigns_status_idx').on(t.status, t.createdAt, t.id)
	]
);

export const campaignGifts = pgTable(
	'campaign_gifts',
	{
		campaignId: uuid('campaign_id')
			.notNull()
			.references(() => campaigns.id, { onDelete: 'cascade' }),
		giftId: uuid('gift_id')
			.notNull()
			.references(() => gifts.id, { onDelete: 'cascade' })
	},
	(t) => [primaryKey({ columns: [t.campaignId, t.giftId] })]
);

export const campaignDecisions = pgTable('campaign_decisions', {
	id: id(),
	campaignId: uuid('campaign_id')
		.notNull()
		.references(() => campaigns.id, { onDelete: 'cascade' }),
	decision: text('decision').notNull(),
	comment: text('comment').notNull().default(''),
	decidedBy: uuid('decided_by').references(() => users.id),
	createdAt: createdAt()
});
