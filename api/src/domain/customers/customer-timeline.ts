import { desc, eq } from 'drizzle-orm';
import { nominations, reactions, surprises } from '../../../../db/schema/index.ts';
import type { Ctx } from '../context.ts';
import { requireCustomerRead } from './access.ts';
import { findCustomerRow } from './customer-view.ts';

export type TimelineKind = 'nomination' | 'surprise' | 'reaction';
export interface TimelineItem {
	kind: TimelineKind;
	id: string;
	/** ISO instant: nominated, surprise created, reaction posted. */
	at: string;
	title: string;
	status: string;
}

/** How many of each kind the timeline shows (newest first). */
const PER_KIND = 100;

const snippet = (text: string, fallback: string) => {
	const line = text.replace(/\s+/g, ' ').trim();
	if (!line) return fallback;
	const chars = [...line];
	return chars.length > 80 ? `${chars.slice(0, 79).join('')}…` : line;
};

/** A customer's nominations, surprises and reactions merged, newest first. */
export async function customerTimeline({
	ctx,
	input
}: {
	ctx: Ctx;
	input: { id: string };
}): Promise<{ items: TimelineItem[] }> {
	requireCustomerRead(ctx);
	const customer = await findCustomerRow(ctx, input.id);
	const [nominationRows, surpriseRows, reactionRows] = await Promise.all([
		ctx.db
			.select({
				id: nominations.id,
				at: nominations.createdAt,
				reason: nominations.reason,
				text: nominations.text,
				status: nominations.status
			})
			.from(nominations)
			.where(eq(nominations.customerId, customer.id))
			.orderBy(desc(nominations.createdAt))
			.limit(PER_KIND),
		ctx.db
			.select({
				id: surprises.id,
				at: surprises.createdAt,
				reference: surprises.reference,
				status: surprises.status
			})
			.from(surprises)
			.where(eq(surprises.customerId, customer.id))
			.orderBy(desc(surprises.createdAt))
			.limit(PER_KIND),
		ctx.db
			.select({
				id: reactions.id,
				at: reactions.postedAt,
				channel: reactions.channel,
				text: reactions.text,
				sentiment: reactions.sentiment
			})
			.from(reactions)
			.where(eq(reactions.customerId, customer.id))
			.orderBy(desc(reactions.postedAt))
			.limit(PER_KIND)
	]);
	const items: (TimelineItem & { time: number })[] = [
		...nominationRows.map((n) => ({
			kind: 'nomination' as const,
			id: n.id,
			time: n.at.getTime(),
			at: n.at.toISOString(),
			title: snippet(n.text, n.reason.replaceAll('_', ' ')),
			status: n.status
		})),
		...surpriseRows.map((s) => ({
			kind: 'surprise' as const,
			id: s.id,
			time: s.at.getTime(),
			at: s.at.toISOString(),
			title: s.reference,
			status: s.status
		})),
		...reactionRows.map((r) => ({
			kind: 'reaction' as const,
			id: r.id,
			time: r.at.getTime(),
			at: r.at.toISOString(),
			title: snippet(r.text, `${r.channel} reaction`),
			status: r.sentiment
		}))
	];
	items.sort((a, b) => b.time - a.time || a.id.localeCompare(b.id));
	return { items: items.map(({ time: _time, ...item }) => item) };
}
