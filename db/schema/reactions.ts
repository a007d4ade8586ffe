import { sql } from 'drizzle-orm';
import { check, date, doublePrecision, index, integer, jsonb, pgEnum, pgTable, primaryKey, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from './accounts.ts';
import { channelEnum, customers, tierEnum } from './customers.ts';
import { surprises } from './surprises.ts';
import { createdAt, id, tstz, updatedAt } from './_columns.ts';

export const sentiments = ['positive', 'neutral', 'negative'] as const;
export const sentimentEnum = pgEnum('sentiment', sentiments);
export const reactionKinds = ['post', 'review', 'photo_video', 'comment', 'share'] as const;
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
    likes: integer('likes').notNull().default(0),
    shares: integer('shares').notNull().default(0),
    comments: integer('comments').notNull().default(0),
    followers: integer('followers').notNull().default(0),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('reactions_url_uq').on(t.url),
    index('reactions_customer_idx').on(t.customerId, t.postedAt),
    index('reactions_posted_idx').on(t.postedAt),
    check('reactions_counts_nonneg', sql`${t.likes} >= 0 and ${t.shares} >= 0 and ${t.comments} >= 0 and ${t.followers} >= 0`),
  ],
);

export const ambassadorScores = pgTable('ambassador_scores', {
  customerId: uuid('customer_id')
    .primaryKey()
    .references(() => customers.id, { onDelete: 'cascade' }),
  score: doublePrecision('score').notNull().default(0),
  tier: tierEnum('tier').notNull().default('none'),
  /** Every term of every reaction's contribution, so staff can see why. */
  components: jsonb('components').notNull().default(sql`'[]'::jsonb`),
  computedAt: tstz('computed_at').notNull().defaultNow(),
});

export const scoreHistory = pgTable(
  'score_history',
  {
    customerId: uuid('customer_id')
      .notNull()
      .references(() => customers.id, { onDelete: 'cascade' }),
    day: date('day', { mode: 'string' }).notNull(),
    score: doublePrecision('score').notNull(),
    tier: tierEnum('tier').notNull(),
  },
  (t) => [primaryKey({ columns: [t.customerId, t.day] })],
);
