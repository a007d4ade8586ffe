import { index, integer, pgTable, text } from 'drizzle-orm/pg-core';
import { id, tstz } from './_columns.ts';

/**
 * Every failed attempt of a scheduled job, for the admins' jobs page. The job runner (pg-boss, in
 * its own `pgboss` schema) keeps only a job's latest error; this keeps each attempt for 30 days.
 */
export const jobFailures = pgTable(
	'job_failures',
	{
		id: id(),
		job: text('job').notNull(),
		/** 1 for the first run of a period, 2 for its first retry… */
		attempt: integer('attempt').notNull(),
		/** How many attempts the period gets in all; attempt = attempts means it gave up. */
		attempts: integer('attempts').notNull(),
		error: text('error').notNull(),
		failedAt: tstz('failed_at').notNull().defaultNow()
	},
	(t) => [index('job_failures_failed_at_idx').on(t.failedAt)]
);
