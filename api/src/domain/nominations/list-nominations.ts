import { and, desc, eq, sql, type SQL } from 'drizzle-orm';
import { handles, nominations } from '../../../../db/schema/index.ts';
import { requireRole, type Ctx } from '../context.ts';
import { afterTimestampCursor, exactTimestamp } from '../keyset.ts';
import { decodeCursor, encodeCursor } from '../pagination.ts';
import { loadNominationView, toNominationViews } from './nomination-view.ts';
import { ListNominationsInput } from './schemas.ts';

const readers = (ctx: Ctx) => {
	if (ctx.actor.type !== 'system') requireRole(ctx, 'hub', 'marketing', 'admin');
};

/** Newest first; filters: status, campaign, nominator, channel (the customer has a handle there). */
export async function listNominations({ ctx, input }: { ctx: Ctx; input: unknown }) {
	readers(ctx);
	const data = ListNominationsInput.parse(input ?? {});
	const conditions: (SQL | undefined)[] = [
		data.status ? eq(nominations.status, data.status) : undefined,
		data.campaignId ? eq(nominations.campaignId, data.campaignId) : undefined,
		data.nominatedBy ? eq(nominations.nominatedBy, data.nominatedBy) : undefined,
		data.channel
			? sql`exists (select 1 from ${handles} where ${handles.customerId} = ${nominations.customerId} and ${handles.channel} = ${data.channel})`
			: undefined,
		data.cursor
			? afterTimestampCursor(
					nominations.createdAt,
					nominations.id,
					decodeCursor(data.cursor),
					'desc'
				)
			: undefined
	];
	const rows = await ctx.db
		.select({ row: nominations, at: exactTimestamp(nominations.createdAt) })
		.from(nominations)
		.where(and(...conditions))
		.orderBy(desc(nominations.createdAt), desc(nominations.id))
		.limit(data.limit + 1);
	const page = rows.slice(0, data.limit);
	const last = page[page.length - 1];
	return {
		items: await toNominationViews(
			ctx,
			page.map((r) => r.row)
		),
		nextCursor: rows.length > data.limit && last ? encodeCursor(last.at, last.row.id) : null
	};
}

export async function getNomination({ ctx, input }: { ctx: Ctx; input: { id: string } }) {
	readers(ctx);
	return loadNominationView(ctx, input.id);
}
