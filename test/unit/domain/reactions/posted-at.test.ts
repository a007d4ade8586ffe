import { describe, expect, it } from 'vitest';
import { parsePostedAt } from '#api/domain/reactions/posted-at.ts';

describe('parsePostedAt refuses what no calendar has', () => {
	it.each([
		'2026-02-30T10:00:00Z',
		'2026-02-29T10:00:00Z', // 2026 is no leap year
		'2026-04-31T10:00:00+02:00',
		'2026-13-01T10:00:00Z',
		'2026-00-10T10:00:00Z',
		'2026-11-20T24:00:00Z',
		'2026-11-20T10:60:00Z',
		'2026-11-20T10:00:60Z',
		'2026-11-20T10:00:00+24:00',
		'2026-11-20T10:00:00+01:75',
		'2026-02-30',
		'30-02-2026 10:00'
	])('%s → null', (text) => {
		expect(parsePostedAt(text)).toBeNull();
	});

	it('keeps real instants, leap days and offsets', () => {
		expect(parsePostedAt('2028-02-29T10:00:00Z')!.toISOString()).toBe('2028-02-29T10:00:00.000Z');
		expect(parsePostedAt('2026-12-31T23:59:59.5+01:00')!.toISOString()).toBe(
			'2026-12-31T22:59:59.500Z'
		);
		expect(parsePostedAt('2026-11-20T14:05+0100')!.toISOString()).toBe('2026-11-20T13:05:00.000Z');
	});
});
