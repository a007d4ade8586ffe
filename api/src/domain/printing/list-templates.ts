import { requireRole, type Ctx } from '../context.ts';
import { printEngine } from './engine.ts';

/** The card and label templates the engine loaded from templates/ (validated at load). Any staff role. */
export async function listPrintTemplates({ ctx }: { ctx: Ctx }) {
	if (ctx.actor.type !== 'system') requireRole(ctx, 'hub', 'marketing', 'admin');
	return (await printEngine()).listTemplates();
}
