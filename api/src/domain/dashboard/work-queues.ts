import { and, count, eq, gte, inArray, lt, sql } from 'drizzle-orm';
import {
	campaigns,
	emailOutbox,
	jobFailures,
	nominations,
	surprises
} from '../../../../db/schema/index.ts';
import type { Role } from '../accounts/roles.ts';
import { todayInAmsterdam } from '../calendar/today.ts';
import { requireRole, type Ctx } from '../context.ts';
import { lowStockVariants } from '../gifts/stock.ts';
import { reservingStatuses } from '../surprises/status-sets.ts';

/** A campaign counts as nearly spent from this share of its budget committed (percent). */
const NEARLY_SPENT_PERCENT = 90;
const DAY_MS = 86_400_000;

/**
 * The work that waits for each role, as counts a page links to its filtered list: the hub's
 * nominations, addresses, printing and overdue parcels; marketing's decisions, stock and budgets;
 * the admin's failed emails and jobs. Each count is one indexed query.
 */
export const queuesByRole = {
	hub: ['nominations_open', 'surprises_awaiting_address', 'surprises_ready', 'surprises_overdue'],
	marketing: [
		'campaigns_submitted',
		'surprises_planned',
		'variants_low_stock',
		'campaigns_nearly_spent'
	],
	admin: ['emails_failed', 'jobs_gave_up']
} as const satisfies Record<Role, readonly string[]>;

export type QueueKey = (typeof queuesByRole)[Role][number];
export const queueKeys = Object.values(queuesByRole).flat() as [QueueKey, ...QueueKey[]];

const countOf = async (query: Promise<{ n: number | string }[]>) =>
	Number((await query)[0]?.n ?? 0);

const counters: Record<QueueKey, (ctx: Ctx) => Promise<number>> = {
	nominations_open: (ctx) =>
		countOf(ctx.db.select({ n: count() }).from(nominations).where(eq(nominations.status, 'open'))),
	surprises_awaiting_address: (ctx) =>
		countOf(
			ctx.db.select({ n: count() }).from(surprises).where(eq(surprises.status, 'awaiting_address'))
		),
	surprises_ready: (ctx) =>
		countOf(ctx.db.select({ n: count() }).from(surprises).where(eq(surprises.status, 'ready'))),
	surprises_overdue: (ctx) =>
		countOf(
			ctx.db
				.select({ n: count() })
				.from(surprises)
				.where(
					and(
						inArray(surprises.status, [...reservingStatuses]),
						lt(surprises.dueOn, todayInAmsterdam(ctx.now()))
					)
				)
		),
	campaigns_submitted: (ctx) =>
		countOf(ctx.db.select({ n: count() }).from(campaigns).where(eq(campaigns.status, 'submitted'))),
	surprises_planned: (ctx) =>
		countOf(ctx.db.select({ n: count() }).from(surprises).where(eq(surprises.status, 'planned'))),
	variants_low_stock: async (ctx) => (await lowStockVariants(ctx)).length,
	campaigns_nearly_spent: (ctx) =>
		countOf(
			ctx.db
				.select({ n: count() })
				.from(campaigns)
				.where(
					and(
						inArray(campaigns.status, ['approved', 'active']),
						sql`${campaigns.budgetCents} > 0`,
						sql`${campaigns.reservedCents} * 100 >= ${campaigns.budgetCents} * ${NEARLY_SPENT_PERCENT}`
					)
				)
		),
	emails_failed: (ctx) =>
		countOf(
			ctx.db.select({ n: count() }).from(emailOutbox).where(eq(emailOutbox.status, 'failed'))
		),
	// The last attempt of its period failed in the past day: nothing retries it before the next period.
	jobs_gave_up: (ctx) =>
		countOf(
			ctx.db
				.select({ n: count() })
				.from(jobFailures)
				.where(
					and(
						gte(jobFailures.failedAt, new Date(ctx.now().getTime() - DAY_MS)),
						gte(jobFailures.attempt, jobFailures.attempts)
					)
				)
		)
};

/** The signed-in user's queues, in the order their page shows them. */
export async function getWorkQueues({ ctx }: { ctx: Ctx }) {
	const user = requireRole(ctx, 'hub', 'marketing', 'admin');
	const keys: readonly QueueKey[] = queuesByRole[user.role];
	const values = await Promise.all(keys.map((key) => counters[key](ctx)));
	return { role: user.role, queues: keys.map((key, i) => ({ key, count: values[i]! })) };
}
