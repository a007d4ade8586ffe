import { and, asc, desc, eq, inArray, lt, sql, type SQL } from 'drizzle-orm';
import { surprises } from '../../../../db/schema/index.ts';
import { todayInAmsterdam } from '../calendar/today.ts';
import { requireRole, type Ctx } from '../context.ts';
import { afterTimestampCursor, exactTimestamp } from '../keyset.ts';
import { decodeCursor, encodeCursor } from '../pagination.ts';
import { ListOverdueInput, ListSurprisesInput } from './schemas.ts';
import { reservingStatuses } from './state-machine.ts';
import { toSurpriseViews } from './surprise-view.ts';

const readers = (ctx: Ctx) => {
	if (ctx.actor.type !== 'system') requireRole(ctx, 'hub', 'marketing', 'admin');
};

/** Newest first, filtered by status, campaign and customer; keyset pagination. */
export async function listSurprises({ ctx, input }: { ctx: Ctx; input: unknown }) {
	readers(ctx);
	const data = ListSurprisesInput.parse(input ?? {});
	const conditions: (SQL | undefined)[] = [
		data.status ? eq(surprises.status, data.status) : undefined,
		data.campaignId ? eq(surprises.campaignId, data.campaignId) : undefined,
		data.customerId ? eq(surprises.customerId, data.customerId) : undefined,
		data.cursor
			? afterTimestampCursor(surprises.createdAt, surprises.id, decodeCursor(data.cursor), 'desc')
			: undefined
	];
	const rows = await ctx.db
		.select({ row: surprises, at: exactTimestamp(surprises.createdAt) })
		.from(surprises)
		.where(and(...conditions))
		.orderBy(desc(surprises.createdAt), desc(surprises.id))
		.limit(data.limit + 1);
	const page = rows.slice(0, data.limit);
	const last = page[page.length - 1];
	return {
		items: await toSurpriseViews(
			ctx,
			page.map((r) => r.row)
		),
		nextCursor: rows.length > data.limit && last ? encodeCursor(last.at, last.row.id) : null
	};
}

/**
 * Approved but not shipped, and past the due date (Amsterdam today): the most overdue first.
 * The service level counts working days from approval (due-date.ts).
 */
export async function listOverdueSurprises({ ctx, input }: { ctx: Ctx; input: unknown }) {
	readers(ctx);
	const data = ListOverdueInput.parse(input ?? {});
	const today = todayInAmsterdam(ctx.now());
	const cursor = data.cursor ? decodeCursor(data.cursor) : null;
	const rows = await ctx.db
		.select()
		.from(surprises)
		.where(
			and(
				inArray(surprises.status, [...reservingStatuses]),
				lt(surprises.dueOn, today),
				data.campaignId ? eq(surprises.campaignId, data.campaignId) : undefined,
				cursor
					? sql`(${surprises.dueOn}, ${surprises.id}) > (${String(cursor.sortValue)}::date, ${cursor.id}::uuid)`
					: undefined
			)
		)
		.orderBy(asc(surprises.dueOn), asc(surprises.id))
		.limit(data.limit + 1);
	const page = rows.slice(0, data.limit);
	const last = page[page.length - 1];
	return {
		items: await toSurpriseViews(ctx, page),
		nextCursor: rows.length > data.limit && last ? encodeCursor(last.dueOn!, last.id) : null
	};
}
