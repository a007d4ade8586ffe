import { index, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { users } from './accounts.ts';
import { addresses } from './customers.ts';
import { surprises } from './surprises.ts';
import { createdAt, id, tstz } from './_columns.ts';

/**
 * "Is this still right?": a single-use link asking the customer to confirm the address on file for a
 * surprise, or correct it. Expires like a claim link (setting `address_check_days`); only the
 * token's SHA-256 is kept.
 */
export const addressChecks = pgTable(
	'address_checks',
	{
		id: id(),
		surpriseId: uuid('surprise_id')
			.notNull()
			.references(() => surprises.id, { onDelete: 'cascade' }),
		/** The address asked about. */
		addressId: uuid('address_id')
			.notNull()
			.references(() => addresses.id),
		tokenHash: text('token_hash').notNull().unique(),
		locale: text('locale').notNull().default('nl'),
		expiresAt: tstz('expires_at').notNull(),
		answeredAt: tstz('answered_at'),
		/** `confirmed` or `corrected` once answered. */
		answer: text('answer'),
		emailedAt: tstz('emailed_at'),
		/** Set when the job handed an unanswered check back to the hub. */
		expiredAt: tstz('expired_at'),
		createdBy: uuid('created_by').references(() => users.id),
		createdAt: createdAt()
	},
	(t) => [index('address_checks_surprise_idx').on(t.surpriseId)]
);
