import { auditLog } from '../../../db/schema/index.ts';
import { actorId, type Ctx } from './context.ts';

/** One audit row per state change, written in the same transaction as the change. */
export async function recordAudit(
	ctx: Ctx,
	entry: {
		action: string;
		entity: string;
		entityId?: string | null;
		data?: Record<string, unknown>;
	}
): Promise<void> {
	await ctx.db.insert(auditLog).values({
		actorType: ctx.actor.type,
		actorId: actorId(ctx.actor),
		action: entry.action,
		entity: entry.entity,
		entityId: entry.entityId ?? null,
		data: entry.data ?? null,
		requestId: ctx.requestId ?? null,
		ip: ctx.ip ?? null
	});
}
