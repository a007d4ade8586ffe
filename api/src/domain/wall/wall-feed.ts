/**
 * What the wall shows, read in one go for every screen of an instance: the newest reactions by the
 * time they were logged, the week's counters and the top ambassadors. Public handles and reaction
 * texts only: never a name, email, address, note or post link. Team members, opted-out and erased
 * customers never appear.
 */
import { and, desc, eq, gte, inArray, ne, sql } from 'drizzle-orm';
import {
	ambassadorScores,
	customers,
	handles,
	reactions,
	surprises
} from '../../../../db/schema/index.ts';
import type { Executor } from '../../../../db/client.ts';
import { amsterdamDate } from '../calendar/today.ts';
import { systemCtx } from '../context.ts';
import { liveScore } from '../scores/live.ts';
import { countedCustomer } from '../scores/list-ambassadors.ts';
import type { Sentiment, Tier } from '../scores/score.ts';
import { readSetting } from '../settings/settings.ts';

/** Reactions on a screen: four fit 1920×1080 in type readable from 4 m. */
export const WALL_REACTIONS = 4;
export const WALL_AMBASSADORS = 5;

export interface WallReaction {
	id: string;
	/** Where the reaction stands in the feed: the SSE event id (logged time, then id). */
	cursor: string;
	handle: string;
	channel: string;
	text: string;
	sentiment: Sentiment;
	postedAt: string;
}

export interface WallCounters {
	/** Since Monday 00:00 in Amsterdam. */
	weekStart: string;
	surprisesSent: number;
	positiveReactions: number;
	happyCustomers: number;
	/** Likes, shares and comments on the week's reactions. */
	reach: number;
}

export interface WallAmbassador {
	handle: string;
	channel: string;
	tier: Tier;
}

export interface WallFeed {
	/** Newest first: positive only, and every sentiment (for links that show negative ones). */
	positive: WallReaction[];
	all: WallReaction[];
	counters: WallCounters;
	ambassadors: WallAmbassador[];
}

const HOUR_MS = 3_600_000;

/** Monday 00:00 of the week `now` is in, Europe/Amsterdam (UTC+1 or +2), as an instant. */
export function amsterdamWeekStart(now: Date): Date {
	const today = amsterdamDate(now);
	const [y, m, d] = today.split('-').map(Number) as [number, number, number];
	const weekday = (new Date(Date.UTC(y, m - 1, d)).getUTCDay() + 6) % 7; // Monday 0
	const monday = Date.UTC(y, m - 1, d - weekday);
	const date = new Date(monday).toISOString().slice(0, 10);
	// Midnight there is 22:00 or 23:00 UTC the day before: the later one that is already Monday.
	for (const offset of [2, 1]) {
		const at = new Date(monday - offset * HOUR_MS);
		if (amsterdamDate(at) === date) return at;
	}
	return new Date(monday);
}

/** `createdAt` at microseconds (as text, so no precision is lost) and the id: an order that never ties. */
export const cursorOf = (createdAt: string, id: string) => `${createdAt}_${id}`;

async function newest(db: Executor, positiveOnly: boolean): Promise<WallReaction[]> {
	const rows = await db
		.select({
			id: reactions.id,
			customerId: reactions.customerId,
			channel: reactions.channel,
			text: reactions.text,
			sentiment: reactions.sentiment,
			postedAt: reactions.postedAt,
			createdAtExact: sql<string>`to_char(${reactions.createdAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`
		})
		.from(reactions)
		.innerJoin(customers, eq(customers.id, reactions.customerId))
		.where(
			and(
				positiveOnly ? eq(reactions.sentiment, 'positive') : undefined,
				ne(reactions.text, ''),
				countedCustomer
			)
		)
		.orderBy(desc(reactions.createdAt), desc(reactions.id))
		.limit(WALL_REACTIONS);
	const handleOf = await handlesOf(
		db,
		rows.map((r) => r.customerId)
	);
	return rows.flatMap((r) => {
		const handle = handleOf(r.customerId, r.channel);
		if (!handle) return [];
		return [
			{
				id: r.id,
				cursor: cursorOf(r.createdAtExact, r.id),
				handle: handle.handle,
				channel: r.channel,
				text: r.text,
				sentiment: r.sentiment,
				postedAt: r.postedAt.toISOString()
			}
		];
	});
}

/** The public handle per customer and channel (the one with the most followers), else any of theirs. */
async function handlesOf(db: Executor, customerIds: string[]) {
	const rows = customerIds.length
		? await db
				.select({
					customerId: handles.customerId,
					channel: handles.channel,
					handle: handles.handle,
					followers: handles.followers
				})
				.from(handles)
				.where(inArray(handles.customerId, [...new Set(customerIds)]))
				.orderBy(desc(handles.followers), handles.id)
		: [];
	return (customerId: string, channel?: string) =>
		(channel && rows.find((h) => h.customerId === customerId && h.channel === channel)) ||
		(channel ? undefined : rows.find((h) => h.customerId === customerId));
}

async function counters(db: Executor, now: Date): Promise<WallCounters> {
	const weekStart = amsterdamWeekStart(now);
	const [[sent], [week]] = await Promise.all([
		db
			.select({ n: sql<number>`count(*)::int` })
			.from(surprises)
			.where(gte(surprises.shippedAt, weekStart)),
		db
			.select({
				positive: sql<number>`count(*) filter (where ${reactions.sentiment} = 'positive')::int`,
				happy: sql<number>`count(distinct ${reactions.customerId}) filter (where ${reactions.sentiment} = 'positive')::int`,
				reach: sql<string>`coalesce(sum(${reactions.likes} + ${reactions.shares} + ${reactions.comments}), 0)::bigint`
			})
			.from(reactions)
			.innerJoin(customers, eq(customers.id, reactions.customerId))
			.where(and(gte(reactions.postedAt, weekStart), countedCustomer))
	]);
	return {
		weekStart: weekStart.toISOString(),
		surprisesSent: Number(sent?.n ?? 0),
		positiveReactions: Number(week?.positive ?? 0),
		happyCustomers: Number(week?.happy ?? 0),
		reach: Number(week?.reach ?? 0)
	};
}

async function ambassadors(db: Executor, now: Date): Promise<WallAmbassador[]> {
	const ctx = systemCtx(db);
	const [weights, tiers] = await Promise.all([
		readSetting(ctx, 'score_weights'),
		readSetting(ctx, 'tiers')
	]);
	// A few more than shown: someone without a handle is left out.
	const rows = await db
		.select({
			customerId: ambassadorScores.customerId,
			level: ambassadorScores.level,
			levelBefore: ambassadorScores.levelBefore
		})
		.from(ambassadorScores)
		.innerJoin(customers, eq(customers.id, ambassadorScores.customerId))
		.where(and(sql`${ambassadorScores.level} is not null`, countedCustomer))
		.orderBy(desc(ambassadorScores.level), desc(ambassadorScores.customerId))
		.limit(WALL_AMBASSADORS * 2);
	const handleOf = await handlesOf(
		db,
		rows.map((r) => r.customerId)
	);
	return rows
		.flatMap((r) => {
			const handle = handleOf(r.customerId);
			if (!handle) return [];
			const { tier } = liveScore(r, now, weights, tiers);
			return [{ handle: handle.handle, channel: handle.channel, tier }];
		})
		.slice(0, WALL_AMBASSADORS);
}

export async function readWallFeed(db: Executor, now: Date = new Date()): Promise<WallFeed> {
	const [positive, all, counted, top] = await Promise.all([
		newest(db, true),
		newest(db, false),
		counters(db, now),
		ambassadors(db, now)
	]);
	return { positive, all, counters: counted, ambassadors: top };
}
