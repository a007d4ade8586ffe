import type { Role } from '../accounts/roles.ts';
import { requireRoleOrScope, requireStaffOrScope, type Ctx } from '../context.ts';

/** Roles that may change customers; marketing reads only. */
export const CUSTOMER_WRITERS = ['hub', 'admin'] as const satisfies readonly Role[];

/** Read: any staff role, or a token with customers:read. */
export function requireCustomerRead(ctx: Ctx): void {
	requireStaffOrScope(ctx, 'customers:read');
}

/** Write: hub or admin, or a token with customers:write. */
export function requireCustomerWrite(ctx: Ctx): void {
	requireRoleOrScope(ctx, CUSTOMER_WRITERS, 'customers:write');
}
