import { eq } from 'drizzle-orm';
import { surprises } from '../../../../db/schema/index.ts';
import { requireRole, type Ctx } from '../context.ts';
import { NotFoundError } from '../errors.ts';
import { toSurpriseViews, type SurpriseView } from './surprise-view.ts';

/** One surprise with its items and its whole history (events), for staff. */
export async function loadSurpriseView(ctx: Ctx, id: string): Promise<SurpriseView> {
	const [row] = await ctx.db.select().from(surprises).where(eq(surprises.id, id));
	if (!row) throw new NotFoundError('surprise', id);
	const [view] = await toSurpriseViews(ctx, [row], { events: true });
	return view!;
}

export async function getSurprise({
	ctx,
	input
}: {
	ctx: Ctx;
	input: { id: string };
}): Promise<SurpriseView> {
	if (ctx.actor.type !== 'system') requireRole(ctx, 'hub', 'marketing', 'admin');
	return loadSurpriseView(ctx, input.id);
}
