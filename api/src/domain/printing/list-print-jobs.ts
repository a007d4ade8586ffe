import { and, desc, eq } from 'drizzle-orm';
import { printJobs } from '../../../../db/schema/index.ts';
import { requireRole, type Ctx } from '../context.ts';
import { afterTimestampCursor, exactTimestamp } from '../keyset.ts';
import { decodeCursor, encodeCursor } from '../pagination.ts';
import { isPrinter } from '../surprises/surprise-can.ts';
import { toPrintJobViews } from './print-job-view.ts';
import { ListPrintJobsInput } from './schemas.ts';

/** Print jobs, newest first, optionally only labels or cards; keyset pagination. Any staff role. */
export async function listPrintJobs({ ctx, input }: { ctx: Ctx; input: unknown }) {
	if (ctx.actor.type !== 'system') requireRole(ctx, 'hub', 'marketing', 'admin');
	const data = ListPrintJobsInput.parse(input ?? {});
	const rows = await ctx.db
		.select({ row: printJobs, at: exactTimestamp(printJobs.createdAt) })
		.from(printJobs)
		.where(
			and(
				data.kind ? eq(printJobs.kind, data.kind) : undefined,
				data.cursor
					? afterTimestampCursor(
							printJobs.createdAt,
							printJobs.id,
							decodeCursor(data.cursor),
							'desc'
						)
					: undefined
			)
		)
		.orderBy(desc(printJobs.createdAt), desc(printJobs.id))
		.limit(data.limit + 1);
	const page = rows.slice(0, data.limit);
	const last = page[page.length - 1];
	return {
		items: await toPrintJobViews(
			ctx,
			page.map((r) => r.row)
		),
		nextCursor: rows.length > data.limit && last ? encodeCursor(last.at, last.row.id) : null,
		/** Whether this caller may print (a new job or a reprint). */
		can: { print: isPrinter(ctx.actor) }
	};
}
