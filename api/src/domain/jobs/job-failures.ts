import { desc, lt } from 'drizzle-orm';
import type { Executor } from '../../../../db/client.ts';
import { jobFailures } from '../../../../db/schema/index.ts';
import { ADMINS } from '../accounts/roles.ts';
import { requireRole, type Ctx } from '../context.ts';

const KEEP_DAYS = 30;
const DAY_MS = 86_400_000;
/** The page shows the latest failures; older ones stay until they are 30 days old. */
const LIST_LIMIT = 200;

export interface JobFailureInput {
	job: string;
	attempt: number;
	attempts: number;
	error: string;
	at: Date;
}

/** Written by the scheduler for every failed attempt; prunes what is past keeping on the way. */
export async function recordJobFailure(db: Executor, failure: JobFailureInput): Promise<void> {
	await db.insert(jobFailures).values({
		job: failure.job,
		attempt: failure.attempt,
		attempts: failure.attempts,
		error: failure.error,
		failedAt: failure.at
	});
	await db
		.delete(jobFailures)
		.where(lt(jobFailures.failedAt, new Date(failure.at.getTime() - KEEP_DAYS * DAY_MS)));
}

export async function listJobFailures({ ctx }: { ctx: Ctx }) {
	requireRole(ctx, ...ADMINS);
	const rows = await ctx.db
		.select()
		.from(jobFailures)
		.orderBy(desc(jobFailures.failedAt), desc(jobFailures.attempt))
		.limit(LIST_LIMIT);
	return rows.map((r) => ({
		id: r.id,
		job: r.job,
		attempt: r.attempt,
		attempts: r.attempts,
		/** The last attempt of its period failed: nothing retries it before the next period. */
		gaveUp: r.attempt >= r.attempts,
		error: r.error,
		failedAt: r.failedAt.toISOString()
	}));
}
export type JobFailureView = Awaited<ReturnType<typeof listJobFailures>>[number];
