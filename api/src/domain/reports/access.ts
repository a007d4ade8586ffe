import type { Role } from '../accounts/roles.ts';
import { requireRole, type Ctx } from '../context.ts';

/** Every staff role reads the reports (read-only, so the hub too). */
export const REPORT_READERS = ['hub', 'marketing', 'admin'] as const satisfies readonly Role[];

/** The scheduled send runs as the system, which reads every report. */
export function requireReportRead(ctx: Ctx): void {
	if (ctx.actor.type !== 'system') requireRole(ctx, ...REPORT_READERS);
}
