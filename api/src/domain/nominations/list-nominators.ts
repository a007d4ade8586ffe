import { asc, eq } from 'drizzle-orm';
import { nominations, users } from '../../../../db/schema/index.ts';
import { requireRole, type Ctx } from '../context.ts';

export interface Nominator {
	id: string;
	name: string;
}

/**
 * Everyone who ever nominated someone (deactivated staff too: their nominations stay), by name:
 * the choices of the list's "nominated by" filter. Only names, never email addresses.
 */
export async function listNominators({ ctx }: { ctx: Ctx }): Promise<Nominator[]> {
	if (ctx.actor.type !== 'system') requireRole(ctx, 'hub', 'marketing', 'admin');
	return ctx.db
		.selectDistinct({ id: users.id, name: users.name })
		.from(nominations)
		.innerJoin(users, eq(users.id, nominations.nominatedBy))
		.orderBy(asc(users.name), asc(users.id));
}
