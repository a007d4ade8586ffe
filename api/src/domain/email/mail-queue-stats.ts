import { count, inArray, min } from 'drizzle-orm';
import type { Executor } from '../../../../db/client.ts';
import { emailOutbox } from '../../../../db/schema/index.ts';

/** Mail waiting to go out: due or retrying (`queued`) and claimed by a delivery run (`sending`). */
const WAITING = ['queued', 'sending'] as const;

export interface MailQueueStats {
	depth: number;
	/** How long the oldest waiting message has waited; 0 when none waits. */
	oldestAgeSeconds: number;
}

/** What /metrics reports about the outgoing mail queue. */
export async function mailQueueStats(db: Executor, now: Date): Promise<MailQueueStats> {
	const [row] = await db
		.select({ depth: count(), oldest: min(emailOutbox.createdAt) })
		.from(emailOutbox)
		.where(inArray(emailOutbox.status, [...WAITING]));
	const oldest = row?.oldest ? new Date(row.oldest).getTime() : null;
	return {
		depth: Number(row?.depth ?? 0),
		oldestAgeSeconds: oldest === null ? 0 : Math.max(0, (now.getTime() - oldest) / 1000)
	};
}
