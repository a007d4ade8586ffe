import { staffRoles, type Role } from '../accounts/roles.ts';
import { requireRole, type Ctx } from '../context.ts';

/**
 * Marketing creates, edits, submits and decides on campaigns; every staff role reads them. The admin
 * is not a campaign manager: an admin who could decide would make separation of duties moot.
 */
export const CAMPAIGN_MANAGERS = ['marketing'] as const satisfies readonly Role[];

export function requireCampaignRead(ctx: Ctx): void {
	if (ctx.actor.type !== 'system') requireRole(ctx, ...staffRoles);
}

export function requireCampaignManager(ctx: Ctx) {
	return requireRole(ctx, ...CAMPAIGN_MANAGERS);
}
