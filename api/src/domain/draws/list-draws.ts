import { desc, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { campaigns, draws } from '../../../../db/schema/index.ts';
import { requireRole, type Ctx } from '../context.ts';
import { DRAW_RUNNERS, type DrawStatus } from './draw-can.ts';

export const ListDrawsInput = z.strictObject({ campaignId: z.uuid().optional() });

/** Newest first; a campaign has a handful of draws, so one page of at most 200 is enough. */
const LIMIT = 200;

/** The draws, of one campaign or all, with what each drew; `can.prepare` shows the "new draw" button. */
export async function listDraws({ ctx, input }: { ctx: Ctx; input: unknown }) {
	const actor = ctx.actor.type === 'system' ? null : requireRole(ctx, 'hub', 'marketing', 'admin');
	const data = ListDrawsInput.parse(input);
	const rows = await ctx.db
		.select({
			id: draws.id,
			campaignId: draws.campaignId,
			campaignName: campaigns.name,
			status: draws.status,
			winners: sql<number>`(${draws.record}->'params'->>'winners')::int`,
			reserves: sql<number>`(${draws.record}->'params'->>'reserves')::int`,
			poolSize: sql<number>`(${draws.eligibility}->>'poolSize')::int`,
			candidates: sql<number>`jsonb_array_length(${draws.record}->'pool')`,
			createdAt: draws.createdAt,
			drawnAt: draws.drawnAt
		})
		.from(draws)
		.leftJoin(campaigns, eq(campaigns.id, draws.campaignId))
		.where(data.campaignId ? eq(draws.campaignId, data.campaignId) : undefined)
		.orderBy(desc(draws.createdAt), desc(draws.id))
		.limit(LIMIT);
	return {
		items: rows.map((r) => ({
			id: r.id,
			campaign: r.campaignId ? { id: r.campaignId, name: r.campaignName ?? '' } : null,
			status: r.status as DrawStatus,
			winners: Number(r.winners),
			reserves: Number(r.reserves),
			poolSize: Number(r.poolSize),
			candidates: Number(r.candidates),
			createdAt: r.createdAt.toISOString(),
			drawnAt: r.drawnAt?.toISOString() ?? null
		})),
		can: {
			prepare: actor === null || (DRAW_RUNNERS as readonly string[]).includes(actor.role)
		}
	};
}
