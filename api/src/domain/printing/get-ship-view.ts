import { requireRole, type Ctx } from '../context.ts';
import { loadShipView, type ShipView } from './ship-view.ts';

/** The ship page's data for one surprise. Any staff role (reading only). */
export async function getShipView({
	ctx,
	input
}: {
	ctx: Ctx;
	input: { id: string };
}): Promise<ShipView> {
	if (ctx.actor.type !== 'system') requireRole(ctx, 'hub', 'marketing', 'admin');
	return loadShipView(ctx, input.id);
}
