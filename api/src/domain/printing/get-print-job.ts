import { eq } from 'drizzle-orm';
import { printJobs } from '../../../../db/schema/index.ts';
import { requireRole, type Ctx } from '../context.ts';
import { NotFoundError } from '../errors.ts';
import { toPrintJobViews, type PrintJobView } from './print-job-view.ts';

/** One print job with its surprises in print order and its flags. Any staff role. */
export async function getPrintJob({
	ctx,
	input
}: {
	ctx: Ctx;
	input: { id: string };
}): Promise<PrintJobView> {
	if (ctx.actor.type !== 'system') requireRole(ctx, 'hub', 'marketing', 'admin');
	const [row] = await ctx.db.select().from(printJobs).where(eq(printJobs.id, input.id));
	if (!row) throw new NotFoundError('print_job', input.id);
	const [view] = await toPrintJobViews(ctx, [row], { surprises: true });
	return view!;
}
