import { sql } from 'drizzle-orm';
import {
	check,
	date,
	doublePrecision,
	index,
	integer,
	jsonb,
	pgEnum,
	pgTable,
	primaryKey,
	text,
	uniqueIndex,
	uuid
} from 'drizzle-orm/pg-core';
import { users } from './accounts.ts';
import { channelEnum, customers, tierEnum } from './customers.ts';
import { surprises } from './surprises.ts';
import { createdAt, id, tstz, updatedAt } from './_columns.ts';
import { sentiments, reactionKinds } from './enums.ts';

export { sentiments, reactionKinds };

export const sentimentEnum = pgEnum('sentiment', sentiments);
export const reactionKindEnum = pgEnum('reaction_kind', reactionKinds);

export const reactions = pgTable(
	'reactions',
	{
		id: id(),
		customerId: uuid('customer_id')
			.notNull()
			.references(() => customers.id, { onDelete: 'cascade' }),
		surpriseId: uuid('surprise_id').references(() => surprises.id, { onDelete: 'set null' }),
		channel: channelEnum('channel').notNull(),
		url: text('url'),
		text: text('text').notNull().default(''),
		postedAt: tstz('posted_at').notNull(),
		kind: reactionKindEnum('kind').notNull().default('post'),
		sentiment: sentimentEnum('sentiment').notNull(),
		suggestedSentiment: sentimentEnum('suggested_sentiment'),
		/** Why the suggestion came out as it did: language, lexicon score, the words and emoji that drove it. */
		sentimentBasis: jsonb('sentiment_basis'),
		likes: integer('likes').notNull().default(0),
		shares: integer('shares').notNull().default(0),
		comments: integer('comments').notNull().default(0),
		followers: integer('followers').notNull().default(0),
		/**
		 * The reaction's time-independent score term, sentiment × kind × reach × spontaneity ×
		 * 2^((posted_at − 2020-01-01) / halfLifeDays) under the current weights and the customer's gift
		 * windows (api/src/domain/scores/score-mass.ts): decay factored out, so the full recompute sums
		 * these per customer and moves the sum to now once. Written with the reaction, rebuilt for a
		 * customer when one of their gift windows moves and for all when the weights change; null
		 * (counted in full) when it would not fit.
		 */
		scoreMass: doublePrecision('score_mass'),
		/**
		 * The weights version (score_weight_rebuilds.version) `score_mass` was computed with: a weights
		 * change rebuilds the terms in batches, and a row behind the newest version is rebuilt before
		 * its customer is scored. 0 before the first change.
		 */
		scoreMassVersion: integer('score_mass_version').notNull().default(0),
		/** Starred by staff as a highlight: the reports show it, newest first per period. */
		starredAt: tstz('starred_at'),
		starredBy: uuid('starred_by').references(() => users.id, { onDelete: 'set null' }),
		createdBy: uuid('created_by').references(() => users.id),
		createdAt: createdAt(),
		updatedAt: updatedAt()
	},
	(t) => [
		uniqueIndex('reactions_url_uq').on(t.url),
		// The highlights of a period, and the list's "starred" filter: a few rows, by post time.
		index('reactions_starred_idx')
			.on(t.postedAt, t.id)
			.where(sql`${t.starredAt} is not null`),
		index('reactions_customer_idx').on(t.customerId, t.postedAt),
		// Also reactions_score_idx (customer_id) INCLUDE (posted_at, score_mass) for the score recompute:
		// in migration 0006 (first 0003, then 0005), as drizzle's index builder has no INCLUDE.
		// The few reactions without a stored score term, which the recompute counts in full.
		index('reactions_mass_missing_idx')
			.on(t.customerId)
			.where(sql`${t.scoreMass} is null`),
		// The list: newest first on (posted_at, id), alone or with one filter the page offers. Text
		// search: reactions_text_trgm_idx, a GIN trigram index on lower(text), in migration 0010.
		index('reactions_posted_idx').on(t.postedAt, t.id),
		index('reactions_sentiment_posted_idx').on(t.sentiment, t.postedAt, t.id),
		index('reactions_channel_posted_idx').on(t.channel, t.postedAt, t.id),
		index('reactions_kind_posted_idx').on(t.kind, t.postedAt, t.id),
		index('reactions_surprise_idx').on(t.surpriseId),
		// The wall: the newest logged reactions first (a reaction logged today may be posted last week).
		index('reactions_created_idx').on(t.createdAt, t.id),
		check(
			'reactions_counts_nonneg',
			sql`${t.likes} >= 0 and ${t.shares} >= 0 and ${t.comments} >= 0 and ${t.followers} >= 0`
		)
	]
);

/**
 * One row per scored customer. Decay is factored out so that time passing rewrites nothing:
 * `level` = log2(score at t) + (t − 2020-01-01) / halfLifeDays is the same at every t until the
 * inputs change, so the live score is 2^(level − (now − epoch) / halfLife) and ordering by level is
 * ordering by score at any moment. The nightly recompute rewrites only the rows whose inputs,
 * counts or flags changed. `score`, `score_before` and `tier` are the values as of `computed_at`
 * (customers.tier follows the tier every run, decay included); readers take the live score and
 * tier from `level`.
 */
export const ambassadorScores = pgTable(
	'ambassador_scores',
	{
		customerId: uuid('customer_id')
			.primaryKey()
			.references(() => customers.id, { onDelete: 'cascade' }),
		score: doublePrecision('score').notNull().default(0),
		tier: tierEnum('tier').notNull().default('none'),
		/** Every term of every reaction's contribution, so staff can see why. */
		components: jsonb('components')
			.notNull()
			.default(sql`'[]'::jsonb`),
		computedAt: tstz('computed_at').notNull().defaultNow(),
		/** Null when the score is 0 (see the table comment). */
		level: doublePrecision('level'),
		/** The same for the score 30 days earlier (reactions posted by then, decayed to then): "emerging". */
		levelBefore: doublePrecision('level_before'),
		scoreBefore: doublePrecision('score_before').notNull().default(0),
		reactionCount: integer('reaction_count').notNull().default(0),
		/** Gift-triggered reactions: linked to a surprise or posted inside a gift window. */
		giftCount: integer('gift_count').notNull().default(0),
		lastChangeAt: tstz('last_change_at'),
		lastPositiveAt: tstz('last_positive_at'),
		/** First recompute that put the customer at advocate or above (kept while they have reactions). */
		advocateSince: tstz('advocate_since'),
		/** Set while the customer is emerging / slipping away: since when. Null otherwise. */
		emergingSince: tstz('emerging_since'),
		slippingSince: tstz('slipping_since')
	},
	// Leaderboard order is (level, customer_id) descending: plain indexes scanned backwards, so the
	// keyset condition (level, customer_id) < (…) and a tier (a level range at a given moment) are
	// ranges on them.
	(t) => [
		index('ambassador_scores_rank_idx').on(t.level, t.customerId),
		index('ambassador_scores_emerging_idx')
			.on(t.level, t.customerId)
			.where(sql`${t.emergingSince} is not null`),
		index('ambassador_scores_slipping_idx')
			.on(t.level, t.customerId)
			.where(sql`${t.slippingSince} is not null`)
	]
);

export const scoreHistory = pgTable(
	'score_history',
	{
		customerId: uuid('customer_id')
			.notNull()
			.references(() => customers.id, { onDelete: 'cascade' }),
		day: date('day', { mode: 'string' }).notNull(),
		score: doublePrecision('score').notNull(),
		tier: tierEnum('tier').notNull()
	},
	(t) => [primaryKey({ columns: [t.customerId, t.day] })]
);

/**
 * One row per weights change: version n is the n-th saved set of score weights. Saving new weights
 * adds a row (state running); the rebuild then rewrites every reaction's stored term and rescores
 * the customers in batches, in customer id order, keeping its place in `cursor` so that a stopped
 * or crashed instance resumes where it left off (api/src/domain/scores/weights-rebuild.ts). A
 * newer save supersedes a running one: the rebuild starts over with the newest weights.
 */
export const scoreWeightRebuilds = pgTable(
	'score_weight_rebuilds',
	{
		version: integer('version').primaryKey(),
		weights: jsonb('weights').notNull(),
		state: text('state', { enum: ['running', 'finished', 'superseded'] })
			.notNull()
			.default('running'),
		/** Customers to rescore (counted at the save) and rescored so far. */
		total: integer('total').notNull(),
		done: integer('done').notNull().default(0),
		/** The last customer id rescored; null before the first batch. */
		cursor: uuid('cursor'),
		startedAt: tstz('started_at').notNull().defaultNow(),
		finishedAt: tstz('finished_at'),
		/** The last batch's failure (cleared by the next batch that succeeds). */
		error: text('error'),
		startedBy: uuid('started_by').references(() => users.id, { onDelete: 'set null' })
	},
	(t) => [
		check('score_weight_rebuilds_state', sql`${t.state} in ('running', 'finished', 'superseded')`)
	]
);
