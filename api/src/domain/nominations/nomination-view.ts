import { eq, inArray } from 'drizzle-orm';
import {
	campaigns,
	customers,
	handles,
	nominations,
	surprises,
	users
} from '../../../../db/schema/index.ts';
import type { Ctx } from '../context.ts';
import { NotFoundError } from '../errors.ts';
import { nominationCan } from './access.ts';

export type NominationRow = typeof nominations.$inferSelect;

/** Nominations with the names staff need: customer (and handles), campaign, nominator, surprise. */
export async function toNominationViews(ctx: Ctx, rows: NominationRow[]) {
	if (rows.length === 0) return [];
	const ids = <K extends keyof NominationRow>(key: K) =>
		[
			...new Set(
				rows.map((r) => r[key]).filter((v): v is NonNullable<NominationRow[K]> => v !== null)
			)
		] as string[];
	const customerIds = ids('customerId');
	const campaignIds = ids('campaignId');
	const userIds = ids('nominatedBy');
	const surpriseIds = ids('surpriseId');
	const [customerRows, handleRows, campaignRows, userRows, surpriseRows] = await Promise.all([
		ctx.db
			.select({ id: customers.id, name: customers.name })
			.from(customers)
			.where(inArray(customers.id, customerIds)),
		ctx.db
			.select({ customerId: handles.customerId, channel: handles.channel, handle: handles.handle })
			.from(handles)
			.where(inArray(handles.customerId, customerIds)),
		campaignIds.length
			? ctx.db
					.select({ id: campaigns.id, name: campaigns.name })
					.from(campaigns)
					.where(inArray(campaigns.id, campaignIds))
			: Promise.resolve([]),
		userIds.length
			? ctx.db
					.select({ id: users.id, name: users.name })
					.from(users)
					.where(inArray(users.id, userIds))
			: Promise.resolve([]),
		surpriseIds.length
			? ctx.db
					.select({ id: surprises.id, reference: surprises.reference, status: surprises.status })
					.from(surprises)
					.where(inArray(surprises.id, surpriseIds))
			: Promise.resolve([])
	]);
	const name = (list: { id: string; name: string }[], id: string | null) =>
		id ? { id, name: list.find((x) => x.id === id)?.name ?? '' } : null;
	return rows.map((r) => {
		const surprise = surpriseRows.find((s) => s.id === r.surpriseId);
		return {
			id: r.id,
			status: r.status,
			reason: r.reason,
			text: r.text,
			postUrl: r.postUrl,
			customer: {
				id: r.customerId,
				name: customerRows.find((c) => c.id === r.customerId)?.name ?? '',
				handles: handleRows
					.filter((h) => h.customerId === r.customerId)
					.map((h) => ({ channel: h.channel, handle: h.handle }))
			},
			campaign: name(campaignRows, r.campaignId),
			/** Null when an API token (the webcare inbox) nominated. */
			nominatedBy: name(userRows, r.nominatedBy),
			declineReason: r.declineReason,
			surprise: surprise
				? { id: surprise.id, reference: surprise.reference, status: surprise.status }
				: null,
			createdAt: r.createdAt.toISOString(),
			decidedAt: r.decidedAt?.toISOString() ?? null,
			can: nominationCan(ctx.actor, r)
		};
	});
}
export type NominationView = Awaited<ReturnType<typeof toNominationViews>>[number];

export async function loadNominationView(ctx: Ctx, id: string): Promise<NominationView> {
	const [row] = await ctx.db.select().from(nominations).where(eq(nominations.id, id));
	if (!row) throw new NotFoundError('nomination', id);
	return (await toNominationViews(ctx, [row]))[0]!;
}

/** The nomination row, locked for the transaction. */
export async function lockNomination(ctx: Ctx, id: string): Promise<NominationRow> {
	const [row] = await ctx.db.select().from(nominations).where(eq(nominations.id, id)).for('update');
	if (!row) throw new NotFoundError('nomination', id);
	return row;
}
