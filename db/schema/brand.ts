import { sql } from 'drizzle-orm';
import { boolean, check, jsonb, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { users } from './accounts.ts';
import { updatedAt } from './_columns.ts';

/**
 * The company customers see (claim page, emails, cards, labels): one row, or none before an admin
 * sets it. The logo is stored sanitised (SVG) or checked (PNG), base64, at most 256 KB.
 */
export const brand = pgTable(
	'brand',
	{
		/** Always true: the table holds at most one row. */
		id: boolean('id').primaryKey().default(true),
		name: text('name').notNull(),
		color: text('color').notNull(),
		senderName: text('sender_name').notNull(),
		replyTo: text('reply_to'),
		privacyUrl: text('privacy_url'),
		/** "Why we ask for your address", per language: `{ nl, en }`. */
		addressWhy: jsonb('address_why').$type<{ nl: string; en: string }>().notNull(),
		/** The small "sent with Hoppatee" line in customer emails and on the claim page. */
		showSentWith: boolean('show_sent_with').notNull().default(true),
		logoType: text('logo_type'),
		logoData: text('logo_data'),
		updatedAt: updatedAt(),
		updatedBy: uuid('updated_by').references(() => users.id)
	},
	(t) => [check('brand_single_row', sql`${t.id}`)]
);
