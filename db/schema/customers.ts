import { sql } from 'drizzle-orm';
import {
	boolean,
	char,
	check,
	index,
	integer,
	pgEnum,
	pgTable,
	text,
	uniqueIndex,
	uuid
} from 'drizzle-orm/pg-core';
import { createdAt, id, searchKey, tstz, updatedAt } from './_columns.ts';
import { channels, tiers } from './enums.ts';

export { channels, tiers };

export const channelEnum = pgEnum('channel', channels);

export const tierEnum = pgEnum('tier', tiers);

export const customers = pgTable(
	'customers',
	{
		id: id(),
		/** As the person typed it (NFC-normalised), never case-folded. */
		name: text('name').notNull(),
		/** The name folded for search and order (see searchKey): the list sorts on it, indexed. */
		nameSearch: searchKey('name_search', '"name"'),
		email: text('email'),
		locale: text('locale').notNull().default('nl'),
		isStaff: boolean('is_staff').notNull().default(false),
		optedOut: boolean('opted_out').notNull().default(false),
		notes: text('notes').notNull().default(''),
		tier: tierEnum('tier').notNull().default('none'),
		createdAt: createdAt(),
		updatedAt: updatedAt(),
		erasedAt: tstz('erased_at')
	},
	// The list's order (name_search, id), also per tier; live customers only, as the list shows.
	// Contains-search: customers_name_trgm_idx (name_search) and customers_email_trgm_idx
	// (lower(email)), GIN trigram indexes created in migration 0010 after pg_trgm.
	(t) => [
		index('customers_search_idx')
			.on(t.nameSearch, t.id)
			.where(sql`${t.erasedAt} is null`),
		index('customers_tier_search_idx')
			.on(t.tier, t.nameSearch, t.id)
			.where(sql`${t.erasedAt} is null`),
		index('customers_created_idx').on(t.createdAt, t.id)
	]
);

export const handles = pgTable(
	'handles',
	{
		id: id(),
		customerId: uuid('customer_id')
			.notNull()
			.references(() => customers.id, { onDelete: 'cascade' }),
		channel: channelEnum('channel').notNull(),
		/** As shown to people. */
		handle: text('handle').notNull(),
		/** Case-folded, zero-width characters removed, leading @ dropped: the uniqueness key. */
		handleNorm: text('handle_norm').notNull(),
		/** handle_norm folded like customer names, for search (handles_search_trgm_idx, migration 0010). */
		handleSearch: searchKey('handle_search', '"handle_norm"'),
		followers: integer('followers').notNull().default(0),
		createdAt: createdAt()
	},
	(t) => [
		uniqueIndex('handles_channel_norm_uq').on(t.channel, t.handleNorm),
		index('handles_customer_idx').on(t.customerId),
		check('handles_followers_nonneg', sql`${t.followers} >= 0`)
	]
);

export const addresses = pgTable(
	'addresses',
	{
		id: id(),
		customerId: uuid('customer_id')
			.notNull()
			.references(() => customers.id, { onDelete: 'cascade' }),
		/** Name, street, number and addition are removed by retention; country and postcode area stay. */
		recipientName: text('recipient_name'),
		street: text('street'),
		houseNumber: text('house_number'),
		addition: text('addition'),
		postcode: text('postcode'),
		postcodeArea: text('postcode_area'),
		city: text('city'),
		region: text('region'),
		country: char('country', { length: 2 }).notNull(),
		createdAt: createdAt(),
		anonymisedAt: tstz('anonymised_at')
	},
	(t) => [index('addresses_customer_idx').on(t.customerId)]
);
