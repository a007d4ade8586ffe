import { sql } from 'drizzle-orm';
import { boolean, index, pgEnum, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id, tstz, updatedAt } from './_columns.ts';
import { roles } from './enums.ts';

export { roles };

export const roleEnum = pgEnum('role', roles);

export const users = pgTable(
	'users',
	{
		id: id(),
		email: text('email').notNull(),
		name: text('name').notNull(),
		role: roleEnum('role').notNull(),
		passwordHash: text('password_hash').notNull(),
		active: boolean('active').notNull().default(true),
		locale: text('locale').notNull().default('nl'),
		/** Approval emails one by one or as a daily digest. */
		digest: boolean('digest').notNull().default(false),
		createdAt: createdAt(),
		updatedAt: updatedAt(),
		lastLoginAt: tstz('last_login_at')
	},
	(t) => [uniqueIndex('users_email_lower_uq').on(sql`lower(${t.email})`)]
);

export const sessions = pgTable(
	'sessions',
	{
		/** SHA-256 of the cookie value: a leaked table does not leak sessions. */
		tokenHash: text('token_hash').primaryKey(),
		userId: uuid('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		createdAt: createdAt(),
		expiresAt: tstz('expires_at').notNull(),
		lastSeenAt: tstz('last_seen_at').notNull().defaultNow(),
		userAgent: text('user_agent')
	},
	// The hourly clean-up deletes by expiry.
	(t) => [index('sessions_user_idx').on(t.userId), index('sessions_expires_idx').on(t.expiresAt)]
);

export const apiTokens = pgTable('api_tokens', {
	id: id(),
	name: text('name').notNull(),
	/** First characters of the token, shown in lists so people can tell tokens apart. */
	prefix: text('prefix').notNull(),
	tokenHash: text('token_hash').notNull().unique(),
	scopes: text('scopes').array().notNull(),
	createdBy: uuid('created_by').references(() => users.id),
	createdAt: createdAt(),
	lastUsedAt: tstz('last_used_at'),
	revokedAt: tstz('revoked_at')
});

/** Password reset links: single use, expiring; only the SHA-256 of the token is stored. */
export const passwordResets = pgTable(
	'password_resets',
	{
		tokenHash: text('token_hash').primaryKey(),
		userId: uuid('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		/** The admin who sent it; null when the user asked through "forgot password". */
		requestedBy: uuid('requested_by').references(() => users.id, { onDelete: 'set null' }),
		createdAt: createdAt(),
		expiresAt: tstz('expires_at').notNull(),
		usedAt: tstz('used_at')
	},
	(t) => [index('password_resets_user_idx').on(t.userId)]
);
