import { describe, expect, it } from 'vitest';
import { foldHandle, normalizeText } from '#api/domain/text.ts';

describe('text normalisation', () => {
	it('NFC-normalises what people type and keeps case and diacritics', () => {
		expect(normalizeText('  Zoe\u0308 van \u2019t Hek ')).toBe('Zoë van ’t Hek');
	});
	it('folds handles: case, leading @, zero-width and bidi characters', () => {
		expect(foldHandle('@JanJansen')).toBe('janjansen');
		expect(foldHandle('jan\u200Bjansen')).toBe('janjansen');
		expect(foldHandle('\u202Ejanjansen\u202C')).toBe('janjansen');
		expect(foldHandle('ŞÜKRÜ')).toBe('şükrü');
	});
});
