import { and, asc, eq, inArray, lte, sql } from 'drizzle-orm';
import type { Executor } from '../../../../db/client.ts';
import { emailOutbox } from '../../../../db/schema/index.ts';
import { parseRecipient } from './recipient.ts';
import { isPermanentFailure, type MailTransport } from './transport.ts';
import { outboxStatuses } from '../vocabulary.ts';

export { outboxStatuses };

export type OutboxStatus = (typeof outboxStatuses)[number];

/** Minutes to wait after the n-th failed attempt; after the last entry the message is given up. */
export const RETRY_DELAYS_MINUTES = [1, 5, 15, 60, 180, 360, 720] as const;
export const MAX_ATTEMPTS = RETRY_DELAYS_MINUTES.length + 1;
/** How long a claimed message is ours; a process that dies mid-send releases it after this. */
export const LEASE_MINUTES = 5;

export interface DeliveryReport {
	sent: number;
	retried: number;
	failed: number;
	/** Filed in the local outbox because there is no SMTP transport. */
	filed: number;
}

/**
 * One delivery run: claims due messages with `FOR UPDATE SKIP LOCKED` (so several instances never
 * take the same row), sends each through the transport, and marks it sent, or schedules a retry
 * with backoff, or gives up after MAX_ATTEMPTS (or at once on a permanent 5xx). A claimed message
 * gets a lease: if this process dies after sending but before marking, the message goes out once
 * more after the lease, with the same Message-ID, so receivers drop the copy.
 */
export async function deliverQueuedEmails({
	db,
	transport,
	now = () => new Date(),
	limit = 20
}: {
	db: Executor;
	transport: MailTransport | null;
	now?: () => Date;
	limit?: number;
}): Promise<DeliveryReport> {
	const report: DeliveryReport = { sent: 0, retried: 0, failed: 0, filed: 0 };
	const started = now();
	const due = db
		.select({ id: emailOutbox.id })
		.from(emailOutbox)
		.where(
			and(
				inArray(emailOutbox.status, ['queued', 'sending']),
				lte(emailOutbox.nextAttemptAt, started)
			)
		)
		.orderBy(asc(emailOutbox.nextAttemptAt), asc(emailOutbox.createdAt))
		.limit(limit)
		.for('update', { skipLocked: true });

	if (!transport) {
		const filed = await db
			.update(emailOutbox)
			.set({ status: 'outbox' })
			.where(inArray(emailOutbox.id, due))
			.returning({ id: emailOutbox.id });
		report.filed = filed.length;
		return report;
	}

	const claimed = await db
		.update(emailOutbox)
		.set({
			status: 'sending',
			attempts: sql`${emailOutbox.attempts} + 1`,
			nextAttemptAt: new Date(started.getTime() + LEASE_MINUTES * 60_000)
		})
		.where(inArray(emailOutbox.id, due))
		.returning();

	for (const message of claimed.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime())) {
		try {
			await transport.send({
				to: parseRecipient(message.toAddress),
				subject: message.subject,
				html: message.html,
				text: message.text,
				messageId: message.messageId,
				fromName: message.fromName,
				replyTo: message.replyTo
			});
			await db
				.update(emailOutbox)
				.set({ status: 'sent', sentAt: now(), lastError: null })
				.where(eq(emailOutbox.id, message.id));
			report.sent += 1;
		} catch (error) {
			const lastError = String((error as Error).message ?? error).slice(0, 500);
			const giveUp = isPermanentFailure(error) || message.attempts >= MAX_ATTEMPTS;
			const delay =
				RETRY_DELAYS_MINUTES[Math.min(message.attempts, RETRY_DELAYS_MINUTES.length) - 1]!;
			await db
				.update(emailOutbox)
				.set(
					giveUp
						? { status: 'failed', lastError }
						: {
								status: 'queued',
								lastError,
								nextAttemptAt: new Date(now().getTime() + delay * 60_000)
							}
				)
				.where(eq(emailOutbox.id, message.id));
			if (giveUp) report.failed += 1;
			else report.retried += 1;
		}
	}
	return report;
}
