import { describe, expect, it } from 'vitest';
import { backfillTrend } from '#api/domain/scores/get-customer-score.ts';
import { DAY_MS, type Component } from '#api/domain/scores/score.ts';

const component = (postedAt: string, contribution: number): Component => ({
	reactionId: postedAt,
	postedAt,
	kind: 'post',
	sentiment: contribution >= 0 ? 'positive' : 'negative',
	followers: 0,
	surpriseId: null,
	giftTriggered: false,
	sentimentWeight: 1,
	kindWeight: 1,
	spontaneity: 1.5,
	decay: 1,
	reach: 1,
	contribution
});

describe('backfillTrend: the days before the first stored score, rebuilt from the components', () => {
	const now = new Date('2026-12-05T12:00:00Z');

	it('starts on the day of the first reaction and stops the day before the first stored point', () => {
		const trend = backfillTrend(
			[component('2026-11-01T10:00:00.000Z', 2), component('2026-11-20T10:00:00.000Z', 1)],
			'2026-12-05',
			'2025-12-05',
			now,
			90
		);
		expect(trend[0]!.day).toBe('2026-11-01');
		expect(trend.at(-1)!.day).toBe('2026-12-04');
		expect(trend).toHaveLength(34);
	});

	it('counts a reaction from its day on, decayed back to then: older days weigh it more, a later reaction adds a step', () => {
		const trend = backfillTrend(
			[component('2026-11-01T10:00:00.000Z', 2), component('2026-11-20T10:00:00.000Z', 1)],
			'2026-12-05',
			'2025-12-05',
			now,
			90
		);
		const on = (day: string) => trend.find((p) => p.day === day)!.score;
		const endOf = (day: string) => Date.parse(`${day}T00:00:00Z`) + DAY_MS - 1;
		expect(on('2026-11-01')).toBeCloseTo(
			2 * Math.pow(2, (now.getTime() - endOf('2026-11-01')) / DAY_MS / 90),
			9
		);
		expect(on('2026-11-19')).toBeLessThan(on('2026-11-01'));
		expect(on('2026-11-20') - on('2026-11-19')).toBeGreaterThan(0.9);
	});

	it('never goes below 0, keeps within the window and is empty without reactions', () => {
		expect(
			backfillTrend(
				[component('2026-11-30T10:00:00.000Z', -1)],
				'2026-12-05',
				'2025-12-05',
				now,
				90
			).every((p) => p.score === 0)
		).toBe(true);
		expect(
			backfillTrend(
				[component('2020-01-01T10:00:00.000Z', 1)],
				'2026-12-05',
				'2026-12-01',
				now,
				90
			)[0]!.day
		).toBe('2026-12-01');
		expect(backfillTrend([], '2026-12-05', '2025-12-05', now, 90)).toEqual([]);
	});
});
