import { index, jsonb, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { users } from './accounts.ts';
import { campaigns } from './campaigns.ts';
import { createdAt, id, tstz } from './_columns.ts';

/**
 * A draw (README "Draws: how to verify"): prepared with its commitment, then drawn once or
 * cancelled. `record` is the public `hoppatee-draw/1` record; the seed stays in `seed` only, and
 * enters the record when drawn.
 */
export const draws = pgTable(
	'draws',
	{
		id: id(),
		campaignId: uuid('campaign_id').references(() => campaigns.id),
		/** prepared → drawn | cancelled; the move out of prepared is a conditional update, so it happens once. */
		status: text('status').notNull().default('prepared'),
		/** The secret 256-bit seed (hex); shown only once drawn. */
		seed: text('seed').notNull(),
		params: jsonb('params').notNull(),
		/** SHA-256 of the ordered pool, so anyone can verify the same pool was used. */
		poolHash: text('pool_hash').notNull(),
		record: jsonb('record').notNull(),
		/** How the pool was chosen and each eligibility rule with the candidates it removed. */
		eligibility: jsonb('eligibility').notNull().default([]),
		result: jsonb('result'),
		createdBy: uuid('created_by').references(() => users.id),
		createdAt: createdAt(),
		drawnBy: uuid('drawn_by').references(() => users.id),
		drawnAt: tstz('drawn_at'),
		cancelledAt: tstz('cancelled_at'),
		cancelReason: text('cancel_reason'),
		/**
		 * The record's pseudonymous candidate ids → customer ids; never public. Null for records whose
		 * pool ids are customer ids themselves (drawn before pseudonyms).
		 */
		members: jsonb('members'),
		/** Reserves promoted in place of winners, in order: the draw's history after the result. */
		promotions: jsonb('promotions').notNull().default([]),
		/** Candidate id → the surprise made for that winner. */
		winnerSurprises: jsonb('winner_surprises').notNull().default({})
	},
	(t) => [index('draws_campaign_idx').on(t.campaignId, t.createdAt)]
);
