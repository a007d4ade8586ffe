import { afterEach, describe, expect, it } from 'vitest';
import { amsterdamDate, todayInAmsterdam } from '#api/domain/calendar/today.ts';

const at = (iso: string) => new Date(iso);

describe('today in Europe/Amsterdam', () => {
	const originalTz = process.env.TZ;
	afterEach(() => {
		process.env.TZ = originalTz;
	});

	it('turns at local midnight in summer time (UTC+2)', () => {
		expect(todayInAmsterdam(at('2026-07-14T21:59:59.999Z'))).toBe('2026-07-14');
		expect(todayInAmsterdam(at('2026-07-14T22:00:00.000Z'))).toBe('2026-07-15');
	});

	it('turns at local midnight in winter time (UTC+1)', () => {
		expect(todayInAmsterdam(at('2026-01-14T22:59:59.999Z'))).toBe('2026-01-14');
		expect(todayInAmsterdam(at('2026-01-14T23:00:00.000Z'))).toBe('2026-01-15');
	});

	it('25 October 2026 (clocks go back at 03:00 CEST): the day starts at 22:00 UTC and ends at 23:00 UTC', () => {
		expect(todayInAmsterdam(at('2026-10-24T21:59:59.999Z'))).toBe('2026-10-24');
		expect(todayInAmsterdam(at('2026-10-24T22:00:00.000Z'))).toBe('2026-10-25');
		// 02:30 happens twice that night; both are on the 25th.
		expect(todayInAmsterdam(at('2026-10-25T00:30:00Z'))).toBe('2026-10-25');
		expect(todayInAmsterdam(at('2026-10-25T01:30:00Z'))).toBe('2026-10-25');
		// The day is 25 hours long: 23:59:59 local is now 22:59:59 UTC.
		expect(todayInAmsterdam(at('2026-10-25T22:59:59.999Z'))).toBe('2026-10-25');
		expect(todayInAmsterdam(at('2026-10-25T23:00:00.000Z'))).toBe('2026-10-26');
	});

	it('29 March 2026 (clocks go forward at 02:00 CET): a 23-hour day', () => {
		expect(todayInAmsterdam(at('2026-03-28T22:59:59.999Z'))).toBe('2026-03-28');
		expect(todayInAmsterdam(at('2026-03-28T23:00:00.000Z'))).toBe('2026-03-29');
		expect(todayInAmsterdam(at('2026-03-29T21:59:59.999Z'))).toBe('2026-03-29');
		expect(todayInAmsterdam(at('2026-03-29T22:00:00.000Z'))).toBe('2026-03-30');
	});

	it('crosses the year at Amsterdam midnight, not UTC midnight', () => {
		expect(todayInAmsterdam(at('2026-12-31T22:59:59.999Z'))).toBe('2026-12-31');
		expect(todayInAmsterdam(at('2026-12-31T23:00:00.000Z'))).toBe('2027-01-01');
	});

	it('does not depend on the server’s own time zone', () => {
		for (const tz of ['UTC', 'America/Los_Angeles', 'Pacific/Kiritimati']) {
			process.env.TZ = tz;
			expect(amsterdamDate(at('2026-10-24T22:30:00Z'))).toBe('2026-10-25');
			expect(amsterdamDate(at('2026-10-25T22:30:00Z'))).toBe('2026-10-25');
		}
	});

	it('defaults to the current instant', () => {
		expect(todayInAmsterdam()).toMatch(/^\d{4}-\d{2}-\d{2}$/);
	});
});
