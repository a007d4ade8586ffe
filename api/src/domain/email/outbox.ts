import { and, desc, eq, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { emailOutbox } from '../../../../db/schema/index.ts';
import type { Role } from '../accounts/roles.ts';
import { recordAudit } from '../audit.ts';
import { inTransaction, requireRole, type Ctx } from '../context.ts';
import { ConflictError, NotFoundError, ValidationError } from '../errors.ts';
import { msg } from '../../messages/index.ts';
import { afterTimestampCursor, exactTimestamp } from '../keyset.ts';
import { decodeCursor, encodeCursor } from '../pagination.ts';
import { outboxBodiesFor } from '../vouchers/outbox-codes.ts';
import { outboxStatuses, type OutboxStatus } from './deliver-queued-emails.ts';

/** Internal mail (claim links the hub sent, approval requests, decisions): every staff role may read it. */
export const OUTBOX_READERS: readonly Role[] = ['hub', 'marketing', 'admin'];

export const ListOutboxInput = z.object({
	status: z.enum(outboxStatuses).optional(),
	cursor: z.string().max(500).optional(),
	limit: z.coerce.number().int().min(1).max(200).default(50)
});

const Uuid = z.uuid();

function summary(row: typeof emailOutbox.$inferSelect) {
	return {
		id: row.id,
		eventKey: row.eventKey,
		to: row.toAddress,
		subject: row.subject,
		status: row.status as OutboxStatus,
		attempts: row.attempts,
		nextAttemptAt: row.nextAttemptAt.toISOString(),
		sentAt: row.sentAt?.toISOString() ?? null,
		lastError: row.lastError,
		messageId: row.messageId,
		createdAt: row.createdAt.toISOString()
	};
}
export type OutboxSummary = ReturnType<typeof summary>;
export type OutboxMessage = OutboxSummary & { html: string; text: string };

/** Newest first, keyset-paginated, optionally one status. */
export async function listOutbox({
	ctx,
	input
}: {
	ctx: Ctx;
	input: unknown;
}): Promise<{ items: OutboxSummary[]; nextCursor: string | null }> {
	requireRole(ctx, ...OUTBOX_READERS);
	const { status, cursor, limit } = ListOutboxInput.parse(input);
	const conditions: SQL[] = [];
	if (status) conditions.push(eq(emailOutbox.status, status));
	if (cursor) {
		const after = decodeCursor(cursor);
		if (
			typeof after.sortValue !== 'string' ||
			Number.isNaN(Date.parse(after.sortValue)) ||
			!Uuid.safeParse(after.id).success
		) {
			throw new ValidationError(msg('cursor_is_not_valid'), [
				{ field: 'cursor', message: msg('use_nextcursor_of_previous_page') }
			]);
		}
		conditions.push(afterTimestampCursor(emailOutbox.createdAt, emailOutbox.id, after, 'desc'));
	}
	const rows = await ctx.db
		.select({ row: emailOutbox, at: exactTimestamp(emailOutbox.createdAt) })
		.from(emailOutbox)
		.where(conditions.length ? and(...conditions) : undefined)
		.orderBy(desc(emailOutbox.createdAt), desc(emailOutbox.id))
		.limit(limit + 1);
	const page = rows.slice(0, limit);
	const last = page.at(-1);
	return {
		items: page.map((r) => summary(r.row)),
		nextCursor: rows.length > limit && last ? encodeCursor(last.at, last.row.id) : null
	};
}

/** One message with its rendered HTML and text (show the HTML in a sandboxed iframe). */
export async function getOutboxMessage({
	ctx,
	input
}: {
	ctx: Ctx;
	input: { id: string };
}): Promise<OutboxMessage> {
	requireRole(ctx, ...OUTBOX_READERS);
	const [row] = await ctx.db.select().from(emailOutbox).where(eq(emailOutbox.id, input.id));
	if (!row) throw new NotFoundError('message', input.id);
	return { ...summary(row), ...(await outboxBodiesFor(ctx, row)) };
}

/** Admin: put a message that was given up (`failed`) back in the queue with fresh attempts. */
export async function retryOutboxMessage({
	ctx,
	input
}: {
	ctx: Ctx;
	input: { id: string };
}): Promise<OutboxMessage> {
	requireRole(ctx, 'admin');
	return inTransaction(ctx, async (ctx) => {
		const [row] = await ctx.db
			.update(emailOutbox)
			.set({ status: 'queued', attempts: 0, nextAttemptAt: ctx.now(), lastError: null })
			.where(and(eq(emailOutbox.id, input.id), eq(emailOutbox.status, 'failed')))
			.returning();
		if (!row) {
			const [exists] = await ctx.db
				.select({ status: emailOutbox.status })
				.from(emailOutbox)
				.where(eq(emailOutbox.id, input.id));
			if (!exists) throw new NotFoundError('message', input.id);
			throw new ConflictError(msg('email_retry_not_failed', { status: exists.status }), [
				{ field: 'status', message: msg('email_status_is', { status: exists.status }) }
			]);
		}
		await recordAudit(ctx, {
			action: 'email.retry',
			entity: 'email',
			entityId: row.id,
			data: { eventKey: row.eventKey }
		});
		return { ...summary(row), ...(await outboxBodiesFor(ctx, row)) };
	});
}
