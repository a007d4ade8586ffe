import {
	bigserial,
	index,
	integer,
	jsonb,
	pgTable,
	primaryKey,
	text,
	uuid
} from 'drizzle-orm/pg-core';
import { users } from './accounts.ts';
import { campaigns } from './campaigns.ts';
import { createdAt, id, tstz } from './_columns.ts';

export const printJobs = pgTable(
	'print_jobs',
	{
		id: id(),
		kind: text('kind').notNull(),
		template: text('template').notNull(),
		/** In print order (by reference), so the cards PDF and the labels PDF pair up. */
		surpriseIds: uuid('surprise_ids').array().notNull(),
		startPosition: integer('start_position').notNull().default(1),
		/** Set when the job printed a campaign's ready surprises. */
		campaignId: uuid('campaign_id').references(() => campaigns.id),
		/** The earlier job this one reprinted. */
		reprintOf: uuid('reprint_of'),
		pages: integer('pages').notNull().default(0),
		/** What the renderer could not print as asked: [{ reference, kind, detail }]. */
		flags: jsonb('flags').notNull().default([]),
		createdBy: uuid('created_by').references(() => users.id),
		createdAt: createdAt()
	},
	(t) => [index('print_jobs_created_idx').on(t.createdAt, t.id)]
);

export const emailOutbox = pgTable(
	'email_outbox',
	{
		id: id(),
		/** One message per event: the key is unique, a retry never sends twice. */
		eventKey: text('event_key').notNull().unique(),
		toAddress: text('to_address').notNull(),
		/** The display name in From (the brand's sender name for customers); null: MAIL_FROM as is. */
		fromName: text('from_name'),
		replyTo: text('reply_to'),
		subject: text('subject').notNull(),
		html: text('html').notNull(),
		text: text('text').notNull(),
		status: text('status').notNull().default('queued'),
		attempts: integer('attempts').notNull().default(0),
		nextAttemptAt: tstz('next_attempt_at').notNull().defaultNow(),
		sentAt: tstz('sent_at'),
		lastError: text('last_error'),
		messageId: text('message_id').notNull(),
		createdAt: createdAt()
	},
	(t) => [index('email_outbox_status_idx').on(t.status, t.nextAttemptAt)]
);

export const auditLog = pgTable(
	'audit_log',
	{
		id: bigserial('id', { mode: 'number' }).primaryKey(),
		at: createdAt(),
		actorType: text('actor_type').notNull(),
		actorId: uuid('actor_id'),
		action: text('action').notNull(),
		entity: text('entity').notNull(),
		entityId: text('entity_id'),
		data: jsonb('data'),
		requestId: text('request_id'),
		ip: text('ip')
	},
	(t) => [
		index('audit_log_entity_idx').on(t.entity, t.entityId),
		index('audit_log_at_idx').on(t.at)
	]
);

export const settings = pgTable('settings', {
	key: text('key').primaryKey(),
	value: jsonb('value').notNull(),
	updatedAt: tstz('updated_at').notNull().defaultNow(),
	updatedBy: uuid('updated_by').references(() => users.id)
});

export const idempotencyKeys = pgTable(
	'idempotency_keys',
	{
		actor: text('actor').notNull(),
		key: text('key').notNull(),
		method: text('method').notNull(),
		path: text('path').notNull(),
		bodyHash: text('body_hash').notNull(),
		statusCode: integer('status_code'),
		response: jsonb('response'),
		createdAt: createdAt()
	},
	(t) => [primaryKey({ columns: [t.actor, t.key] })]
);

export const rateLimits = pgTable('rate_limits', {
	key: text('key').primaryKey(),
	windowStart: tstz('window_start').notNull(),
	count: integer('count').notNull().default(0)
});
