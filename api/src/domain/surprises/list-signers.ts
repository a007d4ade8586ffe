import { and, asc, eq } from 'drizzle-orm';
import { users } from '../../../../db/schema/index.ts';
import { requireRole, type Ctx } from '../context.ts';

export interface Signer {
	id: string;
	name: string;
}

/**
 * Who may sign a card: the active hub'ers, by name. Staff of every role read it (the surprise
 * page's signer choice); only names, never email addresses or roles.
 */
export async function listSigners({ ctx }: { ctx: Ctx }): Promise<Signer[]> {
	if (ctx.actor.type !== 'system') requireRole(ctx, 'hub', 'marketing', 'admin');
	return ctx.db
		.select({ id: users.id, name: users.name })
		.from(users)
		.where(and(eq(users.role, 'hub'), eq(users.active, true)))
		.orderBy(asc(users.name), asc(users.id));
}
