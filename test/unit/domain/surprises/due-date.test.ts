import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
	addWorkingDays,
	dueDate,
	dutchPublicHolidays,
	isWorkingDay
} from '#api/domain/surprises/due-date.ts';

/** An instant from an Amsterdam wall-clock time (offset given explicitly: +01:00 winter, +02:00 summer). */
const at = (local: string) => new Date(local);

describe('due date: N working days after approval, Amsterdam dates, Dutch public holidays off', () => {
	it('skips weekends', () => {
		expect(addWorkingDays('2026-03-02', 3)).toBe('2026-03-05'); // Mon → Thu
		expect(addWorkingDays('2026-03-05', 3)).toBe('2026-03-10'); // Thu → Tue
		expect(addWorkingDays('2026-03-07', 1)).toBe('2026-03-09'); // Sat → Mon
		expect(addWorkingDays('2026-03-08', 3)).toBe('2026-03-11'); // Sun → Wed
		expect(addWorkingDays('2026-03-06', 0)).toBe('2026-03-06');
	});

	it('skips Koningsdag, moved to Saturday 26 April when the 27th is a Sunday', () => {
		expect(isWorkingDay('2026-04-27')).toBe(false); // Monday
		expect(addWorkingDays('2026-04-24', 1)).toBe('2026-04-28'); // Fri → (Mon 27 off) → Tue
		expect(dutchPublicHolidays(2025).get('2025-04-26')).toBe('Koningsdag'); // 27 April 2025 was a Sunday
		expect(isWorkingDay('2025-04-28')).toBe(true);
		expect(addWorkingDays('2027-04-26', 1)).toBe('2027-04-28'); // Tue 27 April 2027 off
	});

	it('skips Easter Monday (Easter-based), but Good Friday is a working day', () => {
		// 2026: Easter Sunday 5 April; 2027: 28 March.
		expect(isWorkingDay('2026-04-03')).toBe(true); // Goede Vrijdag
		expect(isWorkingDay('2026-04-06')).toBe(false); // Tweede Paasdag
		expect(addWorkingDays('2026-04-02', 3)).toBe('2026-04-08'); // Thu → Fri, (Mon off) Tue, Wed
		expect(addWorkingDays('2027-03-26', 1)).toBe('2027-03-30');
		// Ascension (39 days after Easter) and Whit Monday (50 days) come along with Easter.
		expect(isWorkingDay('2026-05-14')).toBe(false);
		expect(isWorkingDay('2026-05-25')).toBe(false);
		expect(addWorkingDays('2026-05-13', 2)).toBe('2026-05-18'); // Wed → (Thu off) Fri, Mon
	});

	it('skips Christmas, Boxing Day and New Year across the year boundary', () => {
		expect(addWorkingDays('2026-12-23', 3)).toBe('2026-12-29'); // Wed → Thu 24, (Fri 25, Sat 26, Sun 27) Mon 28, Tue 29
		expect(addWorkingDays('2026-12-30', 3)).toBe('2027-01-05'); // Wed → Thu 31, (Fri 1 Jan, weekend) Mon 4, Tue 5
		expect(addWorkingDays('2027-12-24', 1)).toBe('2027-12-27'); // 25/26 on a weekend: nothing extra
		expect(isWorkingDay('2027-12-31')).toBe(true); // Oudejaarsdag is a working day
	});

	it('takes the Amsterdam date of the approval instant, across midnight and DST', () => {
		// 23:30 UTC on Friday 2026-03-06 is already Saturday in Amsterdam.
		expect(dueDate(new Date('2026-03-06T23:30:00Z'), 1)).toBe('2026-03-09');
		expect(dueDate(new Date('2026-03-06T22:30:00Z'), 1)).toBe('2026-03-09'); // 23:30 Fri local → Mon
		expect(dueDate(new Date('2026-03-06T10:00:00Z'), 1)).toBe('2026-03-09');
		expect(dueDate(new Date('2026-03-05T10:00:00Z'), 1)).toBe('2026-03-06');
		// Summer time: 00:30 local on Saturday 27 June is 22:30 UTC on Friday.
		expect(dueDate(at('2026-06-27T00:30:00+02:00'), 1)).toBe('2026-06-29');
		// The night the clocks go back (25 Oct 2026).
		expect(dueDate(at('2026-10-25T02:30:00+01:00'), 3)).toBe('2026-10-28');
	});

	it('properties: the due date is a working day after the start, with exactly N working days in between', () => {
		const date = fc
			.date({
				min: new Date('2024-01-01T00:00:00Z'),
				max: new Date('2030-12-31T00:00:00Z'),
				noInvalidDate: true
			})
			.map((d) => d.toISOString().slice(0, 10));
		fc.assert(
			fc.property(date, fc.integer({ min: 1, max: 15 }), (start, n) => {
				const due = addWorkingDays(start, n);
				expect(due > start).toBe(true);
				expect(isWorkingDay(due)).toBe(true);
				let count = 0;
				for (let d = start; d < due;) {
					d = new Date(Date.parse(d) + 86_400_000).toISOString().slice(0, 10);
					if (isWorkingDay(d)) count++;
				}
				expect(count).toBe(n);
				// Monotone: one more day of service level never gives an earlier date.
				expect(addWorkingDays(start, n + 1) > due).toBe(true);
			}),
			{ numRuns: 300 }
		);
	});

	it('the holiday table has the nine Dutch public holidays every year', () => {
		for (const year of [2025, 2026, 2027, 2030]) {
			expect([...dutchPublicHolidays(year).values()].sort()).toEqual(
				[
					'Hemelvaartsdag',
					'Kerstmis',
					'Koningsdag',
					'Nieuwjaar',
					'Pasen',
					'Pinksteren',
					'Tweede kerstdag',
					'Tweede paasdag',
					'Tweede pinksterdag'
				].sort()
			);
		}
	});
});
