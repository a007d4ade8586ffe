import { randomUUID } from 'node:crypto';
import type { reactions } from '../../../../db/schema/index.ts';
import type { Staff } from './catalogue.ts';
import type { CustomerSpec, HandleSpec } from './people.ts';
import type { Rng } from './random.ts';
import type { Finalised } from './surprises.ts';
import {
	REACTIONS_ABOUT_GIFT,
	REACTIONS_EN,
	REACTIONS_SPONTANEOUS,
	type GiftKey
} from './texts.ts';
import { DAY, HOUR } from './time.ts';
import { isPublic, PostUrls } from './urls.ts';

export type ReactionRow = typeof reactions.$inferInsert & {
	id: string;
	customerId: string;
	postedAt: Date;
};
type Kind = NonNullable<ReactionRow['kind']>;

const KIND_AFTER_GIFT: readonly (readonly [Kind, number])[] = [
	['photo_video', 40],
	['post', 38],
	['comment', 12],
	['review', 10]
];
const KIND_SPONTANEOUS: readonly (readonly [Kind, number])[] = [
	['post', 35],
	['comment', 25],
	['photo_video', 15],
	['share', 15],
	['review', 10]
];

function reach(rng: Rng, followers: number, kind: Kind) {
	const boost = kind === 'photo_video' ? 2 : kind === 'share' || kind === 'comment' ? 0.4 : 1;
	const likes = Math.floor(followers * (0.004 + rng.next() * 0.05) * boost) + rng.int(0, 6);
	return {
		likes,
		shares: Math.floor(likes * rng.next() * 0.12),
		comments: Math.floor(likes * rng.next() * 0.15) + rng.int(0, 2),
		followers: Math.max(0, Math.round(followers * (0.9 + rng.next() * 0.1)))
	};
}

/**
 * About 300 reactions over the last nine months: replies to surprises (posted a few days after they
 * arrived) and spontaneous praise or complaints, spread unevenly so some customers become ambassadors.
 */
export function buildReactions(input: {
	rng: Rng;
	urls: PostUrls;
	now: number;
	customers: CustomerSpec[];
	staff: Staff;
	finalised: Finalised;
	total: number;
}): ReactionRow[] {
	const { rng, urls, now } = input;
	const rows: ReactionRow[] = [];
	const loggedBy = () => (rng.chance(0.7) ? rng.pick(input.staff.hub) : null);
	const publicHandle = (c: CustomerSpec): HandleSpec | undefined => {
		const list = c.handles.filter((h) => isPublic(h.channel));
		return list.length > 0 ? rng.pick(list) : undefined;
	};

	const add = (
		customer: CustomerSpec,
		handle: HandleSpec,
		postedAt: number,
		line: readonly [
			string,
			'positive' | 'neutral' | 'negative',
			('positive' | 'neutral' | 'negative')?
		],
		kind: Kind,
		surpriseId: string | null
	) => {
		const r = reach(rng, handle.followers, kind);
		rows.push({
			id: randomUUID(),
			customerId: customer.id,
			surpriseId,
			channel: handle.channel,
			url: urls.for(handle),
			text: line[0],
			postedAt: new Date(postedAt),
			kind,
			sentiment: line[1],
			suggestedSentiment: line[2] ?? line[1],
			...r,
			createdBy: loggedBy(),
			createdAt: new Date(Math.min(now, postedAt + rng.int(1, 40) * HOUR)),
			updatedAt: new Date(Math.min(now, postedAt + rng.int(1, 40) * HOUR))
		});
	};

	// Replies to surprises.
	for (const arrival of input.finalised.arrivals) {
		if (!rng.chance(0.6)) continue;
		const handle = publicHandle(arrival.draft.customer);
		if (!handle) continue;
		const postedAt = arrival.at + rng.int(2, 72) * HOUR;
		if (postedAt > now) continue;
		const gift: GiftKey = (arrival.draft.items.find((i) => i.gift !== 'card')?.gift ??
			'card') as GiftKey;
		const line =
			arrival.draft.customer.locale === 'en'
				? REACTIONS_EN[0]!
				: rng.pick(REACTIONS_ABOUT_GIFT[gift]);
		add(
			arrival.draft.customer,
			handle,
			postedAt,
			line,
			rng.weighted(KIND_AFTER_GIFT),
			arrival.draft.id
		);
	}

	// Spontaneous reactions: a few loud fans, many occasional posters, staff and opted-out people too.
	const posters = rng.shuffle(
		input.customers.filter((c) => c.handles.some((h) => isPublic(h.channel)))
	);
	const weight = new Map<string, { w: number; recent: boolean }>();
	posters.forEach((c, i) => {
		if (c.isStaff) weight.set(c.id, { w: 2, recent: false });
		else if (c.optedOut) weight.set(c.id, { w: 0.6, recent: false });
		else if (i < 9) weight.set(c.id, { w: 14, recent: true });
		else if (i < 24) weight.set(c.id, { w: 5, recent: i % 2 === 0 });
		else if (i < 55) weight.set(c.id, { w: 2, recent: false });
		else if (i < 120) weight.set(c.id, { w: 0.8, recent: false });
	});
	const weighted = posters
		.filter((c) => weight.has(c.id))
		.map((c) => [c, weight.get(c.id)!.w] as const);
	while (rows.length < input.total) {
		const customer = rng.weighted(weighted);
		const handle = publicHandle(customer)!;
		const recent = weight.get(customer.id)!.recent;
		const ageDays = recent ? 270 * Math.pow(rng.next(), 2.2) : rng.next() * 270;
		const postedAt = now - ageDays * DAY - rng.int(10, 600) * 60_000;
		const pool = customer.locale === 'en' ? REACTIONS_EN : REACTIONS_SPONTANEOUS;
		// Loud fans are mostly positive; everyone else is a realistic mix.
		let line = rng.pick(pool);
		if (recent && line[1] !== 'positive' && rng.chance(0.8))
			line = pool.find((l) => l[1] === 'positive')!;
		add(customer, handle, postedAt, line, rng.weighted(KIND_SPONTANEOUS), null);
	}
	return rows.sort((a, b) => a.postedAt.getTime() - b.postedAt.getTime());
}

/** The tier thresholds the demo's settings hold (the app's defaults); scores come from recomputeScores. */
export const TIER_THRESHOLDS = { fan: 1, supporter: 3, advocate: 6, ambassador: 10 } as const;
