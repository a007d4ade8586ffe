import { pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { surprises } from './surprises.ts';
import { createdAt, tstz } from './_columns.ts';

/**
 * How a shipped parcel travels: the carrier and tracking number the hub entered at shipping, and
 * the customer's single-use "it arrived" link from the on-its-way email (only its SHA-256 is kept).
 * One row per shipped surprise.
 */
export const shipments = pgTable(
	'shipments',
	{
		surpriseId: uuid('surprise_id')
			.primaryKey()
			.references(() => surprises.id, { onDelete: 'cascade' }),
		/** A key of the carrier catalogue (api/src/domain/shipping/carriers.ts), or null when none was given. */
		carrier: text('carrier'),
		trackingNumber: text('tracking_number'),
		arrivalTokenHash: text('arrival_token_hash'),
		emailedAt: tstz('emailed_at'),
		createdAt: createdAt()
	},
	(t) => [uniqueIndex('shipments_arrival_token_uq').on(t.arrivalTokenHash)]
);
