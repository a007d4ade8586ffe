import { describe, expect, it } from 'vitest';
import { nextStartPosition } from '#lib/printing/print-form.ts';

describe('the next start position on a label sheet', () => {
	it('is the label after the last one a print took', () => {
		expect(nextStartPosition(1, 5, 21)).toBe(6);
		expect(nextStartPosition(6, 10, 21)).toBe(16);
	});

	it('starts a fresh sheet when a print used the last label, and wraps over whole sheets', () => {
		expect(nextStartPosition(1, 21, 21)).toBe(1);
		expect(nextStartPosition(16, 6, 21)).toBe(1);
		expect(nextStartPosition(16, 10, 21)).toBe(5);
		expect(nextStartPosition(3, 42, 21)).toBe(3);
	});

	it('is always 1 on a thermal printer (one label a page)', () => {
		expect(nextStartPosition(1, 7, 1)).toBe(1);
	});
});
