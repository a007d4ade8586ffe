import { describe, expect, it } from 'vitest';
import { CODE128_PATTERNS, code128Values } from '../../../templates/render/code128.ts';
import { drawCode128, QUIET_MODULES } from '../../../templates/render/codes.ts';

describe('Code 128', () => {
	it('has 107 distinct patterns of 11 modules (stop: 13)', () => {
		expect(CODE128_PATTERNS).toHaveLength(107);
		expect(new Set(CODE128_PATTERNS).size).toBe(107);
		CODE128_PATTERNS.forEach((p, i) =>
			expect(
				[...p].reduce((a, c) => a + Number(c), 0),
				`symbol ${i}`
			).toBe(i === 106 ? 13 : 11)
		);
	});

	it('encodes text in set B with the right check symbol', () => {
		// Start B (104), "A" = 33, check (104 + 33) % 103 = 34, stop.
		expect(code128Values('A')).toEqual([104, 33, 34, 106]);
	});

	it('switches to set C for a run of digits at the end (odd run: one digit in B first)', () => {
		// HOP- 0 | C 00 01
		expect(code128Values('HOP-00001')!.slice(0, -2)).toEqual([104, 40, 47, 48, 13, 16, 99, 0, 1]);
	});

	it('starts in set C for an even run of digits', () => {
		expect(code128Values('123456')!.slice(0, 4)).toEqual([105, 12, 34, 56]);
	});

	it('refuses characters outside printable ASCII', () => {
		expect(code128Values('HOP-ÅÄÖ')).toBeNull();
		expect(code128Values('')).toBeNull();
		expect(code128Values('a\u0000b')).toBeNull();
		expect(drawCode128('a\u0000b', { x: 0, y: 0, width: 1000, height: 100 }, 10, 5)).toBeNull();
	});

	it('draws every bar of every symbol, each symbol 11 modules after the last (13 for stop)', () => {
		const values = code128Values('HOP-00042')!;
		const { ops } = drawCode128('HOP-00042', { x: 0, y: 0, width: 100_000, height: 100 }, 10, 5)!;
		const bars = ops.match(/ re f\n/g)!.length;
		expect(bars).toBe(values.reduce((n, v) => n + Math.ceil(CODE128_PATTERNS[v]!.length / 2), 0));
		const shifts = [...ops.matchAll(/^1 0 0 1 (\d+) 0 cm$/gm)].map((m) => Number(m[1]));
		expect(shifts).toEqual(values.map((v) => (v === 106 ? 13 : 11)));
	});

	it('narrows the module to fit the box and says when it gets too small to scan', () => {
		const values = code128Values('HOP-00042')!;
		const total = (values.length - 1) * 11 + 13 + 2 * QUIET_MODULES;
		const wide = drawCode128('HOP-00042', { x: 0, y: 0, width: total * 10, height: 100 }, 10, 5)!;
		expect(wide.ops.startsWith('q 10.00 0 0 100 ')).toBe(true);
		expect(wide.tooSmall).toBe(false);
		const narrow = drawCode128('HOP-00042', { x: 0, y: 0, width: total * 4, height: 100 }, 10, 5)!;
		expect(narrow.ops.startsWith('q 4.00 0 0 100 ')).toBe(true);
		expect(narrow.tooSmall).toBe(true);
	});
});
