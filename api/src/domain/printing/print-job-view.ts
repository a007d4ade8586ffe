import { inArray } from 'drizzle-orm';
import { campaigns, printJobs, surprises, users } from '../../../../db/schema/index.ts';
import type { Ctx } from '../context.ts';
import type { Flag } from './engine.ts';

export type PrintJobRow = typeof printJobs.$inferSelect;

/** Print jobs as staff see them; with `surprises`, the references in print order too. */
export async function toPrintJobViews(
	ctx: Ctx,
	rows: PrintJobRow[],
	options: { surprises?: boolean } = {}
) {
	if (rows.length === 0) return [];
	const userIds = [...new Set(rows.flatMap((r) => (r.createdBy ? [r.createdBy] : [])))];
	const campaignIds = [...new Set(rows.flatMap((r) => (r.campaignId ? [r.campaignId] : [])))];
	const surpriseIds = options.surprises ? [...new Set(rows.flatMap((r) => r.surpriseIds))] : [];
	const [userRows, campaignRows, surpriseRows] = await Promise.all([
		userIds.length
			? ctx.db
					.select({ id: users.id, name: users.name })
					.from(users)
					.where(inArray(users.id, userIds))
			: Promise.resolve([]),
		campaignIds.length
			? ctx.db
					.select({ id: campaigns.id, name: campaigns.name })
					.from(campaigns)
					.where(inArray(campaigns.id, campaignIds))
			: Promise.resolve([]),
		surpriseIds.length
			? ctx.db
					.select({ id: surprises.id, reference: surprises.reference, status: surprises.status })
					.from(surprises)
					.where(inArray(surprises.id, surpriseIds))
			: Promise.resolve([])
	]);
	const names = new Map([...userRows, ...campaignRows].map((r) => [r.id, r.name]));
	const byId = new Map(surpriseRows.map((s) => [s.id, s]));
	return rows.map((r) => ({
		id: r.id,
		kind: r.kind as 'labels' | 'cards',
		template: r.template,
		startPosition: r.startPosition,
		campaign: r.campaignId ? { id: r.campaignId, name: names.get(r.campaignId) ?? '' } : null,
		reprintOf: r.reprintOf,
		pages: r.pages,
		surpriseCount: r.surpriseIds.length,
		flags: r.flags as Flag[],
		createdBy: r.createdBy ? { id: r.createdBy, name: names.get(r.createdBy) ?? '' } : null,
		createdAt: r.createdAt.toISOString(),
		...(options.surprises
			? {
					surprises: r.surpriseIds.flatMap((id) => {
						const s = byId.get(id);
						return s ? [{ id, reference: s.reference, status: s.status }] : [];
					})
				}
			: {})
	}));
}
export type PrintJobView = Awaited<ReturnType<typeof toPrintJobViews>>[number];
