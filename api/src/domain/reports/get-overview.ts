import { and, desc, gte, isNotNull, lt, sql } from 'drizzle-orm';
import { rowsOf } from '../../../../db/client.ts';
import { giftDelivery } from '../../../../db/schema/enums.ts';
import {
	channels,
	giftKinds,
	reactions,
	sentiments,
	surpriseStatuses,
	tiers
} from '../../../../db/schema/index.ts';
import { amsterdamDate, todayInAmsterdam } from '../calendar/today.ts';
import type { Ctx } from '../context.ts';
import { selectReactions } from '../reactions/reaction-view.ts';
import { listAmbassadors, type AmbassadorItem } from '../scores/list-ambassadors.ts';
import { readSetting } from '../settings/settings.ts';
import { addDays, addWorkingDays } from '../surprises/due-date.ts';
import { giftedStatuses, reservingStatuses } from '../surprises/status-sets.ts';
import { requireReportRead } from './access.ts';
import {
	PeriodInput,
	periodBounds,
	previousPeriod,
	quarterName,
	resolvePeriod,
	weekStart,
	type Period
} from './period.ts';

type Channel = (typeof channels)[number];
type Sentiment = (typeof sentiments)[number];
type SurpriseStatus = (typeof surpriseStatuses)[number];
type Tier = (typeof tiers)[number];

const n = (v: unknown) => Number(v ?? 0);
const iso = (d: Date) => d.toISOString();
const list = (values: readonly string[]) =>
	sql.join(
		values.map((v) => sql`${v}`),
		sql`, `
	);
/** Gift kinds that travel (post or partner): a surprise with one of them ships, so it has a service level. */
const shippedKinds = giftKinds.filter((k) => giftDelivery[k] !== 'email');

/** What reactions in a period add up to. */
export interface ReactionTotals {
	total: number;
	bySentiment: Record<Sentiment, number>;
	/** likes + shares + comments */
	reach: number;
	likes: number;
	shares: number;
	comments: number;
	/** Followers of the posting account at the time of each post, summed. */
	audience: number;
}

async function reactionTotals(ctx: Ctx, current: Period, previous: Period) {
	const cur = periodBounds(current);
	const prev = periodBounds(previous);
	const rows = rowsOf<Record<string, unknown>>(
		await ctx.db.execute(sql`
			select (posted_at >= ${iso(cur.start)}::timestamptz) as current, count(*) as total,
				count(*) filter (where sentiment = 'positive') as positive,
				count(*) filter (where sentiment = 'neutral') as neutral,
				count(*) filter (where sentiment = 'negative') as negative,
				coalesce(sum(likes), 0) as likes, coalesce(sum(shares), 0) as shares,
				coalesce(sum(comments), 0) as comments, coalesce(sum(followers), 0) as audience
			from reactions
			where posted_at >= ${iso(prev.start)}::timestamptz and posted_at < ${iso(cur.end)}::timestamptz
			group by 1`)
	);
	const of = (current: boolean): ReactionTotals => {
		const r = rows.find((x) => x.current === current || String(x.current) === String(current));
		const likes = n(r?.likes);
		const shares = n(r?.shares);
		const comments = n(r?.comments);
		return {
			total: n(r?.total),
			bySentiment: { positive: n(r?.positive), neutral: n(r?.neutral), negative: n(r?.negative) },
			reach: likes + shares + comments,
			likes,
			shares,
			comments,
			audience: n(r?.audience)
		};
	};
	return { current: of(true), previous: of(false) };
}

/** Reactions per ISO week (Monday, Amsterdam) of the period, per sentiment. */
async function reactionsByWeek(ctx: Ctx, period: Period) {
	const { start, end } = periodBounds(period);
	const rows = rowsOf<{ day: string; sentiment: Sentiment; n: unknown }>(
		await ctx.db.execute(sql`
			select to_char((posted_at at time zone 'Europe/Amsterdam')::date, 'YYYY-MM-DD') as day,
				sentiment::text as sentiment, count(*) as n
			from reactions
			where posted_at >= ${iso(start)}::timestamptz and posted_at < ${iso(end)}::timestamptz
			group by 1, 2`)
	);
	// Each week's instants inside the period, so a page links a week to the reactions list.
	const weeks = weeksOf(period).map((week) => ({
		week,
		...weekBounds(week, period),
		positive: 0,
		neutral: 0,
		negative: 0
	}));
	const byWeek = new Map(weeks.map((w) => [w.week, w]));
	for (const r of rows) byWeek.get(weekStart(r.day))![r.sentiment] += n(r.n);
	return weeks;
}

function weekBounds(week: string, period: Period) {
	const { start, end } = periodBounds({
		from: week < period.from ? period.from : week,
		to: addDays(week, 6) > period.to ? period.to : addDays(week, 6)
	});
	return { start: iso(start), end: iso(end) };
}

/** The Mondays of the weeks a period touches (its first week may start before it). */
export function weeksOf(period: Period): string[] {
	const out: string[] = [];
	for (let w = weekStart(period.from); w <= period.to; w = addDays(w, 7)) out.push(w);
	return out;
}

/** Surprises planned in the period: how many and what they cost, per campaign, gift, channel, status. */
async function surpriseFigures(ctx: Ctx, current: Period, previous: Period) {
	const cur = periodBounds(current);
	const prev = periodBounds(previous);
	const inPeriod = sql`s.created_at >= ${iso(cur.start)}::timestamptz and s.created_at < ${iso(cur.end)}::timestamptz`;
	const cost = sql`coalesce(sum(s.cost_cents + s.postage_cents) filter (where s.status in (${list(giftedStatuses)})), 0)`;
	const [statusRows, campaignRows, giftRows, channelRows, previousRows] = await Promise.all([
		ctx.db.execute(sql`
			select s.status::text as status, count(*) as n from surprises s where ${inPeriod} group by 1`),
		ctx.db.execute(sql`
			select c.id, c.name, c.budget_cents, c.spent_cents, c.reserved_cents, count(s.id) as surprises,
				count(s.id) filter (where s.status in (${list(giftedStatuses)})) as gifted, ${cost} as cost
			from surprises s join campaigns c on c.id = s.campaign_id
			where ${inPeriod}
			group by c.id order by count(s.id) desc, c.name`),
		ctx.db.execute(sql`
			select g.id, g.name, g.kind::text as kind, count(distinct s.id) as surprises,
				coalesce(sum(i.quantity), 0) as quantity,
				coalesce(sum(i.quantity * i.unit_cost_cents) filter (where s.status in (${list(giftedStatuses)})), 0) as cost
			from surprises s join surprise_items i on i.surprise_id = s.id join gifts g on g.id = i.gift_id
			where ${inPeriod}
			group by g.id order by count(distinct s.id) desc, g.name`),
		// A customer's channel: the public account they are best followed on (ties by channel order).
		ctx.db.execute(sql`
			select coalesce(h.channel::text, 'none') as channel, count(*) as n
			from surprises s
			left join lateral (select channel from handles where customer_id = s.customer_id
				order by followers desc, channel limit 1) h on true
			where ${inPeriod} group by 1`),
		ctx.db.execute(sql`
			select count(*) as n, ${cost} as cost from surprises s
			where s.created_at >= ${iso(prev.start)}::timestamptz and s.created_at < ${iso(prev.end)}::timestamptz`)
	]);
	const byStatus = Object.fromEntries(surpriseStatuses.map((s) => [s, 0])) as Record<
		SurpriseStatus,
		number
	>;
	for (const r of rowsOf<{ status: SurpriseStatus; n: unknown }>(statusRows))
		byStatus[r.status] = n(r.n);
	const byChannel = Object.fromEntries([...channels, 'none'].map((c) => [c, 0])) as Record<
		Channel | 'none',
		number
	>;
	for (const r of rowsOf<{ channel: Channel | 'none'; n: unknown }>(channelRows))
		byChannel[r.channel] = n(r.n);
	const total = Object.values(byStatus).reduce((a, b) => a + b, 0);
	const byCampaign = rowsOf<Record<string, unknown>>(campaignRows).map((r) => ({
		campaignId: String(r.id),
		name: String(r.name),
		surprises: n(r.surprises),
		gifted: n(r.gifted),
		costCents: n(r.cost),
		budgetCents: n(r.budget_cents),
		spentCents: n(r.spent_cents),
		reservedCents: n(r.reserved_cents)
	}));
	const byGift = rowsOf<Record<string, unknown>>(giftRows).map((r) => ({
		giftId: String(r.id),
		name: String(r.name),
		kind: String(r.kind) as (typeof giftKinds)[number],
		surprises: n(r.surprises),
		quantity: n(r.quantity),
		costCents: n(r.cost)
	}));
	const [prevRow] = rowsOf<Record<string, unknown>>(previousRows);
	return {
		total,
		gifted: giftedStatuses.reduce((a, s) => a + byStatus[s], 0),
		costCents: byCampaign.reduce((a, c) => a + c.costCents, 0),
		byStatus,
		byCampaign,
		byGift,
		byChannel,
		previous: { total: n(prevRow?.n), costCents: n(prevRow?.cost) }
	};
}

/**
 * Service level per week of approval: of the travelling surprises approved that week (cancelled
 * ones left out), how many shipped within `days` working days of the approval day (Dutch public
 * holidays and weekends not counted, Amsterdam dates), how many later or not yet though due, and
 * how many are still within their time.
 */
async function serviceLevel(ctx: Ctx, period: Period, days: number, today: string) {
	const { start, end } = periodBounds(period);
	const rows = rowsOf<{ approved_at: Date | string; shipped_at: Date | string | null }>(
		await ctx.db.execute(sql`
			select s.approved_at, s.shipped_at from surprises s
			where s.approved_at >= ${iso(start)}::timestamptz and s.approved_at < ${iso(end)}::timestamptz
				and s.status <> 'cancelled'
				and exists (select 1 from surprise_items i join gifts g on g.id = i.gift_id
					where i.surprise_id = s.id and g.kind in (${list(shippedKinds)}))`)
	);
	const weeks = weeksOf(period).map((week) => ({
		week,
		approved: 0,
		onTime: 0,
		late: 0,
		pending: 0,
		/** onTime ÷ (onTime + late); null when none was due yet. */
		share: null as number | null
	}));
	const byWeek = new Map(weeks.map((w) => [w.week, w]));
	for (const r of rows) {
		const approvedOn = amsterdamDate(new Date(r.approved_at));
		const due = addWorkingDays(approvedOn, days);
		const w = byWeek.get(weekStart(approvedOn))!;
		w.approved++;
		const shippedOn = r.shipped_at ? amsterdamDate(new Date(r.shipped_at)) : null;
		if (shippedOn) {
			if (shippedOn <= due) w.onTime++;
			else w.late++;
		} else if (due < today) w.late++;
		else w.pending++;
	}
	for (const w of weeks) w.share = w.onTime + w.late > 0 ? w.onTime / (w.onTime + w.late) : null;
	const onTime = weeks.reduce((a, w) => a + w.onTime, 0);
	const late = weeks.reduce((a, w) => a + w.late, 0);
	return {
		days,
		weeks,
		onTime,
		late,
		pending: weeks.reduce((a, w) => a + w.pending, 0),
		share: onTime + late > 0 ? onTime / (onTime + late) : null
	};
}

/** Customers whose tier at the end of the period is above their tier before it (score history). */
async function tierMoves(ctx: Ctx, period: Period) {
	const rows = rowsOf<{ id: string; name: string; before: Tier; after: Tier }>(
		await ctx.db.execute(sql`
			select e.customer_id as id, c.name, coalesce(b.tier::text, 'none') as before, e.tier::text as after
			from (select distinct on (customer_id) customer_id, tier from score_history
				where day >= ${period.from}::date and day <= ${period.to}::date
				order by customer_id, day desc) e
			join customers c on c.id = e.customer_id
				and not c.is_staff and not c.opted_out and c.erased_at is null
			left join lateral (select tier from score_history b where b.customer_id = e.customer_id
				and b.day < ${period.from}::date order by b.day desc limit 1) b on true
			where e.tier > coalesce(b.tier, 'none')
			order by e.tier desc, c.name, e.customer_id`)
	);
	return { total: rows.length, customers: rows.slice(0, 20) };
}

async function highlights(ctx: Ctx, period: Period) {
	const { start, end } = periodBounds(period);
	const rows = await selectReactions(ctx)
		.where(
			and(
				isNotNull(reactions.starredAt),
				gte(reactions.postedAt, start),
				lt(reactions.postedAt, end)
			)
		)
		.orderBy(desc(reactions.postedAt), desc(reactions.id))
		.limit(12);
	return rows.map(({ reaction: r, customerName }) => ({
		id: r.id,
		customerId: r.customerId,
		customerName,
		channel: r.channel,
		url: r.url,
		text: r.text,
		postedAt: r.postedAt.toISOString(),
		sentiment: r.sentiment,
		reach: r.likes + r.shares + r.comments
	}));
}

async function overdueNow(ctx: Ctx, today: string) {
	const [row] = rowsOf<{ n: unknown }>(
		await ctx.db.execute(sql`
			select count(*) as n from surprises
			where status in (${list(reservingStatuses)}) and due_on < ${today}::date`)
	);
	return n(row?.n);
}

const ambassadorsOf = (items: AmbassadorItem[]) =>
	items.map((a) => ({
		customerId: a.customerId,
		name: a.name,
		score: a.score,
		tier: a.tier,
		change: a.change
	}));

/**
 * The overview of a period (the last full quarter by default; any Amsterdam date range): surprises
 * by campaign, gift, channel and status with their cost against the campaigns' budgets; reactions
 * and their sentiment, reach and audience, each against the period of the same length before;
 * customers who moved up a tier; the top and emerging ambassadors now; the starred highlights; the
 * service level per week and the surprises overdue now. Every staff role.
 */
export async function getOverview({ ctx, input }: { ctx: Ctx; input: unknown }) {
	requireReportRead(ctx);
	const period = resolvePeriod(PeriodInput.parse(input ?? {}), ctx.now());
	const previous = previousPeriod(period);
	const today = todayInAmsterdam(ctx.now());
	const bounds = periodBounds(period);
	const days = await readSetting(ctx, 'service_level_days');
	const [surprises, reactionFigures, weekly, service, moves, stars, overdue, top, emerging] =
		await Promise.all([
			surpriseFigures(ctx, period, previous),
			reactionTotals(ctx, period, previous),
			reactionsByWeek(ctx, period),
			serviceLevel(ctx, period, days, today),
			tierMoves(ctx, period),
			highlights(ctx, period),
			overdueNow(ctx, today),
			listAmbassadors({ ctx, input: { limit: 5 } }),
			listAmbassadors({ ctx, input: { view: 'emerging', limit: 5 } })
		]);
	return {
		period: {
			...period,
			quarter: quarterName(period),
			start: bounds.start.toISOString(),
			end: bounds.end.toISOString()
		},
		previous,
		surprises,
		reactions: { ...reactionFigures.current, byWeek: weekly, previous: reactionFigures.previous },
		tierMoves: moves,
		ambassadors: { top: ambassadorsOf(top.items), emerging: ambassadorsOf(emerging.items) },
		highlights: stars,
		serviceLevel: { ...service, overdueNow: overdue },
		generatedAt: ctx.now().toISOString()
	};
}
