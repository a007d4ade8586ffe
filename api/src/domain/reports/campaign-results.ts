import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { rowsOf } from '../../../../db/client.ts';
import type { Ctx } from '../context.ts';
import { NotFoundError } from '../errors.ts';
import { giftedStatuses } from '../surprises/status-sets.ts';
import { zodText } from '../../messages/zod.ts';
import { requireReportRead } from './access.ts';

/** How long after the gift arrived a post still counts as "posted after the gift". */
export const POSTED_WITHIN_DAYS = 30;

export const CampaignResultsInput = z.object({
	ids: z
		.array(z.uuid(zodText('report_choose_campaigns')), zodText('report_choose_campaigns'))
		.min(1, zodText('report_choose_campaigns'))
		.max(4, zodText('report_choose_campaigns'))
		.transform((ids) => [...new Set(ids)])
});

const n = (v: unknown) => Number(v ?? 0);
const per100Euro = (count: number, cents: number) => (cents > 0 ? (count * 10_000) / cents : null);

/**
 * What each campaign brought, over its whole life: its gifted surprises (approved, not cancelled)
 * and their cost, the reactions linked to them and their sentiment and reach, the share of
 * recipients who posted within 30 days of their gift (delivered, else shipped, else approved), and
 * the median time from approval to shipping. Ratios are null where they would divide by zero.
 * One to four campaigns, in the order asked. Every staff role.
 */
export async function getCampaignResults({ ctx, input }: { ctx: Ctx; input: unknown }) {
	requireReportRead(ctx);
	const { ids } = CampaignResultsInput.parse(input);
	const idList = sql.join(
		ids.map((id) => sql`${id}::uuid`),
		sql`, `
	);
	const gifted = sql.join(
		giftedStatuses.map((s) => sql`${s}`),
		sql`, `
	);
	const rows = rowsOf<Record<string, unknown>>(
		await ctx.db.execute(sql`
			with g as (
				select s.id, s.campaign_id, s.customer_id, s.cost_cents + s.postage_cents as cost,
					s.approved_at, s.shipped_at, coalesce(s.delivered_at, s.shipped_at, s.approved_at) as received_at
				from surprises s where s.campaign_id in (${idList}) and s.status in (${gifted})
			)
			select c.id, c.name, c.status::text as status, c.starts_on::text as starts_on, c.ends_on::text as ends_on,
				c.budget_cents,
				(select count(*) from g where g.campaign_id = c.id) as surprises,
				(select coalesce(sum(cost), 0) from g where g.campaign_id = c.id) as cost,
				(select count(distinct customer_id) from g where g.campaign_id = c.id) as recipients,
				(select count(distinct g.customer_id) from g where g.campaign_id = c.id and exists (
					select 1 from reactions r where r.customer_id = g.customer_id
						and r.posted_at >= g.received_at
						and r.posted_at < g.received_at + ${POSTED_WITHIN_DAYS} * interval '1 day')) as posted,
				(select percentile_cont(0.5) within group (order by extract(epoch from g.shipped_at - g.approved_at))
					from g where g.campaign_id = c.id and g.shipped_at is not null) as median_seconds,
				x.reactions, x.positive, x.neutral, x.negative, x.reach
			from campaigns c
			left join lateral (
				select count(r.id) as reactions,
					count(r.id) filter (where r.sentiment = 'positive') as positive,
					count(r.id) filter (where r.sentiment = 'neutral') as neutral,
					count(r.id) filter (where r.sentiment = 'negative') as negative,
					coalesce(sum(r.likes + r.shares + r.comments), 0) as reach
				from g join reactions r on r.surprise_id = g.id where g.campaign_id = c.id) x on true
			where c.id in (${idList})`)
	);
	return {
		postedWithinDays: POSTED_WITHIN_DAYS,
		campaigns: ids.map((id) => {
			const r = rows.find((row) => row.id === id);
			if (!r) throw new NotFoundError('campaign', id);
			const surprises = n(r.surprises);
			const cost = n(r.cost);
			const recipients = n(r.recipients);
			const positive = n(r.positive);
			const reach = n(r.reach);
			const reactions = n(r.reactions);
			return {
				campaignId: id,
				name: String(r.name),
				status: String(r.status),
				startsOn: String(r.starts_on),
				endsOn: String(r.ends_on),
				budgetCents: n(r.budget_cents),
				surprises,
				costCents: cost,
				costPerSurpriseCents: surprises > 0 ? Math.round(cost / surprises) : null,
				reactions,
				reactionsPerSurprise: surprises > 0 ? reactions / surprises : null,
				positivePer100Euro: per100Euro(positive, cost),
				reachPer100Euro: per100Euro(reach, cost),
				reach,
				recipients,
				recipientsPosted: n(r.posted),
				postedShare: recipients > 0 ? n(r.posted) / recipients : null,
				medianHoursToShip:
					r.median_seconds === null || r.median_seconds === undefined
						? null
						: n(r.median_seconds) / 3600,
				bySentiment: { positive, neutral: n(r.neutral), negative: n(r.negative) }
			};
		})
	};
}
