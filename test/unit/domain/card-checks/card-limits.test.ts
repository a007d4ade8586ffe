import { describe, expect, it } from 'vitest';
import {
	cardLimits,
	checkLength,
	countChars,
	layoutLines
} from '#api/domain/card-checks/card-limits.ts';

describe('card length', () => {
	it('counts what a reader sees: an emoji or a decomposed ë is one character', () => {
		expect(countChars('Zoe\u0308 👩‍👩‍👧 🧦')).toBe(7);
	});
	it('warns when a message is over the card’s characters, from where it stops fitting', () => {
		const message = 'Hallo daar. '.repeat(40).trim();
		const issues = checkLength(message, cardLimits['a6-postcard']);
		const chars = issues.find((i) => i.measure === 'chars')!;
		expect(chars).toMatchObject({
			limit: 350,
			actual: message.length,
			start: 350,
			end: message.length
		});
	});
	it('warns about lines even when the characters fit', () => {
		const message = Array.from({ length: 12 }, (_, i) => `Regel ${i + 1}`).join('\n');
		const issues = checkLength(message, cardLimits['a6-postcard']);
		expect(issues).toHaveLength(1);
		expect(issues[0]).toMatchObject({ measure: 'lines', limit: 9, actual: 12 });
		expect(message.slice(issues[0]!.start, issues[0]!.start + 8)).toBe('Regel 10');
	});
	it('fits a normal card message', () => {
		expect(
			checkLength(
				'Hoi Anouk,\n\nWat fijn dat je zo blij was. Geniet ervan!\n\nGroetjes, Sanne',
				cardLimits['a6-postcard']
			)
		).toEqual([]);
	});
	it('wraps paragraphs at spaces and cuts a word longer than a line', () => {
		expect(layoutLines('aaa bbb ccc', 7).length).toBe(2);
		expect(layoutLines('x'.repeat(20), 8)).toEqual([
			{ start: 0, end: 8 },
			{ start: 8, end: 16 },
			{ start: 16, end: 20 }
		]);
		expect(layoutLines('a\n\nb', 10).length).toBe(3);
		expect(layoutLines('   \n ', 10)).toEqual([]);
	});
});
