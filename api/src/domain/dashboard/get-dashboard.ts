import { and, count, countDistinct, eq, gte, isNull } from 'drizzle-orm';
import { channels, customers, handles, reactions, tiers } from '../../../../db/schema/index.ts';
import { requireRole, type Ctx } from '../context.ts';

type Channel = (typeof channels)[number];
type Tier = (typeof tiers)[number];

const DAY_MS = 24 * 60 * 60 * 1000;

/** Key numbers for the start page (the work waiting per role: work-queues.ts). Counts come back as numbers from PGlite and strings from postgres.js. */
export async function getDashboard({ ctx }: { ctx: Ctx }) {
	requireRole(ctx, 'hub', 'marketing', 'admin');
	const live = isNull(customers.erasedAt);
	const weekAgo = new Date(ctx.now().getTime() - 7 * DAY_MS);

	const [[total], channelRows, tierRows, [recentReactions]] = await Promise.all([
		ctx.db.select({ n: count() }).from(customers).where(live),
		ctx.db
			.select({ channel: handles.channel, n: countDistinct(handles.customerId) })
			.from(handles)
			.innerJoin(customers, eq(customers.id, handles.customerId))
			.where(live)
			.groupBy(handles.channel),
		ctx.db
			.select({ tier: customers.tier, n: count() })
			.from(customers)
			.where(live)
			.groupBy(customers.tier),
		ctx.db
			.select({ n: count() })
			.from(reactions)
			.where(and(gte(reactions.postedAt, weekAgo)))
	]);

	const byChannel = Object.fromEntries(channels.map((c) => [c, 0])) as Record<Channel, number>;
	for (const row of channelRows) byChannel[row.channel] = Number(row.n);
	const byTier = Object.fromEntries(tiers.map((t) => [t, 0])) as Record<Tier, number>;
	for (const row of tierRows) byTier[row.tier] = Number(row.n);

	return {
		customers: { total: Number(total?.n ?? 0), byChannel, byTier },
		reactionsLast7Days: Number(recentReactions?.n ?? 0)
	};
}
export type Dashboard = Awaited<ReturnType<typeof getDashboard>>;
