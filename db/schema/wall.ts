import { boolean, index, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { users } from './accounts.ts';
import { createdAt, id, tstz, updatedAt } from './_columns.ts';

export const wallThemes = ['dark', 'light'] as const;
export const wallLocales = ['nl', 'en'] as const;

/**
 * A display link opens the wall (the hub's TV screen) without a login. Like an API token, the link
 * carries 256 random bits and only their SHA-256 is kept; revoking it ends every open stream.
 */
export const displayLinks = pgTable(
	'display_links',
	{
		id: id(),
		name: text('name').notNull(),
		/** First characters of the token, so people can tell links apart. */
		prefix: text('prefix').notNull(),
		tokenHash: text('token_hash').notNull().unique(),
		/** Off: the wall shows positive reactions only; on: neutral and negative ones too. */
		showNegative: boolean('show_negative').notNull().default(false),
		theme: text('theme', { enum: wallThemes }).notNull().default('dark'),
		locale: text('locale', { enum: wallLocales }).notNull().default('nl'),
		createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
		createdAt: createdAt(),
		updatedAt: updatedAt(),
		lastSeenAt: tstz('last_seen_at'),
		revokedAt: tstz('revoked_at')
	},
	// The admin list, newest first.
	(t) => [index('display_links_created_idx').on(t.createdAt, t.id)]
);
