import type { Role } from '../accounts/roles.ts';
import { requireRoleOrScope, type Ctx } from '../context.ts';

/** Roles that log, change and delete reactions; marketing reads them. */
export const REACTION_WRITERS = ['hub', 'admin'] as const satisfies readonly Role[];
export const REACTION_READERS = ['hub', 'marketing', 'admin'] as const satisfies readonly Role[];

/** Read: any staff role, or a token with reactions:read. */
export function requireReactionRead(ctx: Ctx): void {
	requireRoleOrScope(ctx, REACTION_READERS, 'reactions:read');
}

/** Write: hub or admin, or a token with reactions:write (the webcare inbox). */
export function requireReactionWrite(ctx: Ctx): void {
	requireRoleOrScope(ctx, REACTION_WRITERS, 'reactions:write');
}

/** Star or unstar a highlight: any staff member (people choose highlights, tokens do not). */
export const REACTION_STARRERS = ['hub', 'marketing', 'admin'] as const satisfies readonly Role[];
