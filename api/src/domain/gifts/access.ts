import { staffRoles, type Role } from '../accounts/roles.ts';
import { requireRole, type Ctx } from '../context.ts';

/** Marketing manages the catalogue; the admin may step in. Every staff role reads it. */
export const CATALOGUE_MANAGERS = ['marketing', 'admin'] as const satisfies readonly Role[];

export function requireCatalogueRead(ctx: Ctx): void {
	if (ctx.actor.type !== 'system') requireRole(ctx, ...staffRoles);
}

export function requireCatalogueWrite(ctx: Ctx): void {
	if (ctx.actor.type !== 'system') requireRole(ctx, ...CATALOGUE_MANAGERS);
}
