import type { Role } from '../accounts/roles.ts';
import { requireRole, type Ctx } from '../context.ts';

/** Every staff role reads the reports; marketing and admin also keep the distribution list and send. */
export const REPORT_READERS = ['hub', 'marketing', 'admin'] as const satisfies readonly Role[];
export const REPORT_SENDERS = ['marketing', 'admin'] as const satisfies readonly Role[];

/** The scheduled send runs as the system, which reads every report. */
export function requireReportRead(ctx: Ctx): void {
	if (ctx.actor.type !== 'system') requireRole(ctx, ...REPORT_READERS);
}

export function requireReportSend(ctx: Ctx): void {
	if (ctx.actor.type !== 'system') requireRole(ctx, ...REPORT_SENDERS);
}
