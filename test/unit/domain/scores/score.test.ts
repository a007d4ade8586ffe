import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
	DAY_MS,
	componentAt,
	giftWindowOf,
	isSlipping,
	levelOf,
	reactionContribution,
	scoreAtLevel,
	scoreCustomer,
	tierFor,
	type GiftWindow,
	type ScoredReaction
} from '#api/domain/scores/score.ts';
import {
	DEFAULT_SCORE_WEIGHTS as W,
	DEFAULT_TIERS as T,
	ScoreWeights
} from '#api/domain/scores/weights.ts';

const NOW = new Date('2026-11-20T12:00:00Z');
const daysAgo = (d: number) => new Date(NOW.getTime() - d * DAY_MS);
let counter = 0;
const reaction = (overrides: Partial<ScoredReaction> = {}): ScoredReaction => ({
	id: `00000000-0000-4000-8000-${String(++counter).padStart(12, '0')}`,
	postedAt: NOW,
	kind: 'post',
	sentiment: 'positive',
	followers: 0,
	surpriseId: null,
	...overrides
});
const score = (
	reactions: ScoredReaction[],
	windows: GiftWindow[] = [],
	options: { excluded?: boolean } = {}
) => scoreCustomer(reactions, windows, NOW, W, { tiers: T, ...options });

describe('ambassador score: hand-computed fixtures', () => {
	it('one positive post today, no followers, spontaneous: 1 × 1 × 1.5 × 1 × 1 = 1.5 (fan)', () => {
		const s = score([reaction()]);
		expect(s.score).toBeCloseTo(1.5, 12);
		expect(s.tier).toBe('fan');
		expect(s.components[0]).toMatchObject({
			sentimentWeight: 1,
			kindWeight: 1,
			spontaneity: 1.5,
			decay: 1,
			reach: 1,
			contribution: 1.5,
			giftTriggered: false
		});
	});

	it('a photo 90 days old with 999 followers: 1 × 1.5 × 1.5 × 0.5 × (1 + 3/4 = 1.75) = 1.96875', () => {
		// log10(1 + 999) = 3 → reach 1 + 3/4 = 1.75; decay 0.5^(90/90) = 0.5.
		const s = score([reaction({ kind: 'photo_video', postedAt: daysAgo(90), followers: 999 })]);
		expect(s.score).toBeCloseTo(1.96875, 12);
		expect(s.components[0]!.reach).toBeCloseTo(1.75, 12);
		expect(s.components[0]!.decay).toBeCloseTo(0.5, 12);
	});

	it('reach is capped at 2: 9,999 followers (log10 10,000 = 4 → 2) and 10 million give the same', () => {
		const a = score([reaction({ followers: 9_999 })]).score;
		const b = score([reaction({ followers: 10_000_000 })]).score;
		expect(a).toBeCloseTo(3, 12); // 1 × 1 × 1.5 × 1 × 2
		expect(b).toBeCloseTo(3, 12);
	});

	it('a review the week after a delivered surprise is gift-triggered: 1 × 1.2 × 1 × 0.5^(7/90) × 1', () => {
		// Surprise approved 20 days ago, delivered 14 days ago; the review 7 days ago is inside
		// [approval, delivery + 30 days], so no spontaneity bonus. 0.5^(7/90) = 0.947516… → 1.2 × 0.947516 = 1.137019
		const windows = [
			giftWindowOf({
				id: 's1',
				status: 'delivered',
				approvedAt: daysAgo(20),
				shippedAt: daysAgo(16),
				deliveredAt: daysAgo(14)
			})!
		];
		const s = score([reaction({ kind: 'review', postedAt: daysAgo(7) })], windows);
		expect(s.components[0]!.giftTriggered).toBe(true);
		expect(s.score).toBeCloseTo(1.2 * Math.pow(0.5, 7 / 90), 12);
		expect(s.score).toBeCloseTo(1.137019, 6);
	});

	it('a mix: positive post (1.5) + neutral comment (0.2 × 0.6 × 1.5 = 0.18) + negative share 30 days old', () => {
		// Negative share: −0.5 × 0.4 × 1.5 × 0.5^(30/90) × 1 = −0.3 × 0.793700… = −0.238110…
		const s = score([
			reaction(),
			reaction({ kind: 'comment', sentiment: 'neutral' }),
			reaction({ kind: 'share', sentiment: 'negative', postedAt: daysAgo(30) })
		]);
		expect(s.score).toBeCloseTo(1.5 + 0.18 - 0.3 * Math.pow(0.5, 30 / 90), 12);
		expect(s.score).toBeCloseTo(1.44189, 5);
		expect(s.tier).toBe('fan');
	});

	it('only complaints: the sum is negative, the score is 0 (never below)', () => {
		const s = score([
			reaction({ sentiment: 'negative' }),
			reaction({ sentiment: 'negative', kind: 'review' })
		]);
		expect(s.components.reduce((a, c) => a + c.contribution, 0)).toBeCloseTo(-0.75 - 0.9, 12);
		expect(s.score).toBe(0);
		expect(s.tier).toBe('none');
	});

	it('tiers at the thresholds: 1 fan, 3 supporter, 6 advocate, 10 ambassador', () => {
		expect(tierFor(0.999, T)).toBe('none');
		expect(tierFor(1, T)).toBe('fan');
		expect(tierFor(3, T)).toBe('supporter');
		expect(tierFor(6, T)).toBe('advocate');
		expect(tierFor(10, T)).toBe('ambassador');
	});

	it('emerging: from 1.5 (30 days ago) to 1.5 × 0.5^(30/90) + 3 × 1.5 now: +≥2 points and +≥50 %', () => {
		// Before: one post at day −30 scored 1.5 then. Now: it decayed to 1.5 × 0.7937 = 1.1906, plus
		// three fresh posts 4.5 → 5.69: rose 4.19 points (+279 %), not ambassador → emerging.
		const s = score([reaction({ postedAt: daysAgo(30) }), reaction(), reaction(), reaction()]);
		expect(s.scoreBefore).toBeCloseTo(1.5, 12);
		expect(s.score).toBeCloseTo(1.5 * Math.pow(0.5, 30 / 90) + 4.5, 12);
		expect(s.emerging).toBe(true);
		// The same customer with only the old post: it decayed, so not emerging.
		expect(score([reaction({ postedAt: daysAgo(30) })]).emerging).toBe(false);
	});

	it('slipping away: advocate since 100 days, last positive 61 days ago; not at 59', () => {
		expect(isSlipping(daysAgo(100), daysAgo(61), NOW)).toBe(true);
		expect(isSlipping(daysAgo(100), daysAgo(59), NOW)).toBe(false);
		expect(isSlipping(null, daysAgo(200), NOW)).toBe(false);
	});

	it('staff and opted-out customers score 0 whatever they post', () => {
		const many = Array.from({ length: 20 }, () =>
			reaction({ kind: 'photo_video', followers: 50_000 })
		);
		expect(score(many).score).toBeGreaterThan(10);
		expect(score(many, [], { excluded: true })).toMatchObject({
			score: 0,
			tier: 'none',
			components: []
		});
	});

	it('a level is the same number at any moment; the score it stands for halves every half-life', () => {
		const s = score([
			reaction({ postedAt: daysAgo(10) }),
			reaction({ kind: 'review', postedAt: daysAgo(100) })
		]);
		const later = scoreCustomer(
			[reaction({ postedAt: daysAgo(10) }), reaction({ kind: 'review', postedAt: daysAgo(100) })],
			[],
			new Date(NOW.getTime() + 45 * DAY_MS),
			W,
			{ tiers: T }
		);
		expect(later.level!).toBeCloseTo(s.level!, 9);
		expect(scoreAtLevel(s.level, NOW, W)).toBeCloseTo(s.score, 12);
		expect(scoreAtLevel(s.level, new Date(NOW.getTime() + 90 * DAY_MS), W)).toBeCloseTo(
			s.score / 2,
			12
		);
		expect(levelOf(0, NOW, W)).toBeNull();
	});

	it('a stored component moved to a later moment decays, its other terms stay', () => {
		const c = reactionContribution(reaction({ kind: 'comment' }), [], NOW, W);
		const later = componentAt(c, new Date(NOW.getTime() + 180 * DAY_MS), W);
		expect(later.decay).toBeCloseTo(0.25, 12);
		expect(later.contribution).toBeCloseTo(c.contribution / 4, 12);
		expect(later.reach).toBe(c.reach);
	});

	it('planned and cancelled surprises open no gift window', () => {
		expect(
			giftWindowOf({
				id: 's',
				status: 'planned',
				approvedAt: null,
				shippedAt: null,
				deliveredAt: null
			})
		).toBeNull();
		expect(
			giftWindowOf({
				id: 's',
				status: 'cancelled',
				approvedAt: daysAgo(3),
				shippedAt: null,
				deliveredAt: null
			})
		).toBeNull();
	});

	it('the weights setting refuses a reach cap above 2 ("reach may at most double")', () => {
		expect(ScoreWeights.safeParse({ ...W, reachCap: 2.5 }).success).toBe(false);
		expect(ScoreWeights.safeParse(W).success).toBe(true);
	});
});

const arbReaction = fc.record({
	id: fc.uuid(),
	ageDays: fc.double({ min: 0, max: 1000, noNaN: true }),
	kind: fc.constantFrom('post', 'review', 'photo_video', 'comment', 'share' as const),
	sentiment: fc.constantFrom('positive', 'neutral', 'negative' as const),
	followers: fc.integer({ min: 0, max: 100_000_000 }),
	linked: fc.boolean()
});
type ArbReaction = typeof arbReaction extends fc.Arbitrary<infer T> ? T : never;
const toReaction = (r: ArbReaction): ScoredReaction => ({
	id: r.id,
	postedAt: daysAgo(r.ageDays),
	kind: r.kind,
	sentiment: r.sentiment,
	followers: r.followers,
	surpriseId: r.linked ? 'surprise' : null
});
const contribution = (r: ScoredReaction, windows: GiftWindow[] = []) =>
	reactionContribution(r, windows, NOW, W).contribution;

describe('ambassador score: properties', () => {
	it('older counts less (a positive reaction is worth less the older it is)', () => {
		fc.assert(
			fc.property(arbReaction, fc.double({ min: 0.01, max: 500, noNaN: true }), (r, extra) => {
				const base = toReaction({ ...r, sentiment: 'positive' });
				const older = { ...base, postedAt: new Date(base.postedAt.getTime() - extra * DAY_MS) };
				expect(contribution(older)).toBeLessThan(contribution(base));
			})
		);
	});

	it('reach at most doubles: any follower count gives at most 2× the same reaction with none', () => {
		fc.assert(
			fc.property(arbReaction, (r) => {
				const withReach = toReaction(r);
				const without = { ...withReach, followers: 0 };
				expect(Math.abs(contribution(withReach))).toBeLessThanOrEqual(
					2 * Math.abs(contribution(without)) + 1e-12
				);
				expect(Math.abs(contribution(withReach))).toBeGreaterThanOrEqual(
					Math.abs(contribution(without)) - 1e-12
				);
			})
		);
	});

	it('reach at most doubles a whole score, too', () => {
		fc.assert(
			fc.property(fc.array(arbReaction, { maxLength: 30 }), (rs) => {
				const reactions = rs.map(toReaction);
				const without = reactions.map((r) => ({ ...r, followers: 0 }));
				const positives = (list: ScoredReaction[]) =>
					list.filter((r) => r.sentiment !== 'negative');
				// With only non-negative reactions the score is a plain sum: reach multiplies each term by at most 2.
				expect(score(positives(reactions)).score).toBeLessThanOrEqual(
					2 * score(positives(without)).score + 1e-9
				);
			})
		);
	});

	it('a negative reaction lowers the score (or leaves it at 0), never raises it', () => {
		fc.assert(
			fc.property(fc.array(arbReaction, { maxLength: 20 }), arbReaction, (rs, extra) => {
				const reactions = rs.map(toReaction);
				const negative = toReaction({ ...extra, sentiment: 'negative' });
				const before = score(reactions).score;
				const after = score([...reactions, negative]).score;
				expect(after).toBeLessThanOrEqual(before + 1e-12);
				if (before > 1) expect(after).toBeLessThan(before);
			})
		);
	});

	it('spontaneous beats gift-triggered: the same positive reaction scores 1.5× outside a gift window', () => {
		fc.assert(
			fc.property(arbReaction, (r) => {
				const base = toReaction({ ...r, sentiment: 'positive', linked: false });
				const window: GiftWindow = {
					surpriseId: 's',
					from: new Date(base.postedAt.getTime() - DAY_MS),
					until: base.postedAt
				};
				const spontaneous = contribution(base);
				const triggered = contribution(base, [window]);
				expect(spontaneous).toBeGreaterThan(triggered);
				expect(spontaneous / triggered).toBeCloseTo(1.5, 9);
			})
		);
	});

	it('staff and opted-out customers are excluded: score 0, no components', () => {
		fc.assert(
			fc.property(fc.array(arbReaction, { maxLength: 20 }), (rs) => {
				const s = score(rs.map(toReaction), [], { excluded: true });
				expect(s).toMatchObject({ score: 0, tier: 'none', components: [], emerging: false });
			})
		);
	});

	it('the score is never below 0, and is the sum of the components when that is positive', () => {
		fc.assert(
			fc.property(fc.array(arbReaction, { maxLength: 40 }), (rs) => {
				const s = score(rs.map(toReaction));
				const sum = s.components.reduce((a, c) => a + c.contribution, 0);
				expect(s.score).toBeGreaterThanOrEqual(0);
				expect(s.score).toBeCloseTo(Math.max(0, sum), 9);
				expect(s.tier).toBe(tierFor(s.score, T));
			})
		);
	});
});
