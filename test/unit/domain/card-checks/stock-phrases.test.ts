import { describe, expect, it } from 'vitest';
import { fold } from '#api/domain/card-checks/fold.ts';
import { findStockPhrases } from '#api/domain/card-checks/stock-phrases.ts';
import { DEFAULT_STOCK_PHRASES } from '#api/domain/card-checks/word-lists.ts';

describe('stock phrases', () => {
	it('finds a phrase in another case and with accents, with offsets into the message as typed', () => {
		const message = 'Hoi Piet! Onze EXCUSES voor het óngemak, en Bedankt Voor Uw Geduld.';
		const hits = findStockPhrases(message, DEFAULT_STOCK_PHRASES);
		expect(hits.map((h) => h.phrase)).toEqual([
			'excuses voor het ongemak',
			'bedankt voor uw geduld'
		]);
		expect(hits.map((h) => message.slice(h.start, h.end))).toEqual([
			'EXCUSES voor het óngemak',
			'Bedankt Voor Uw Geduld'
		]);
		expect(hits[0]).toMatchObject({ start: 15, end: 39 });
	});
	it('matches across a line break and double spaces, and with decomposed accents', () => {
		const message = 'Echt vervelend  om\nte le\u0301zen, Anna.';
		const [hit] = findStockPhrases(message, ['Vervelend om te lezen']);
		expect(message.slice(hit!.start, hit!.end)).toBe('vervelend  om\nte le\u0301zen');
	});
	it('matches whole words only', () => {
		expect(findStockPhrases('excuses voor het ongemakje', ['excuses voor het ongemak'])).toEqual(
			[]
		);
		expect(findStockPhrases('Wat fijn!', DEFAULT_STOCK_PHRASES)).toEqual([]);
	});
	it('reports every occurrence', () => {
		expect(
			findStockPhrases(
				'Bedankt voor je geduld. Echt: bedankt voor je geduld!',
				DEFAULT_STOCK_PHRASES
			)
		).toHaveLength(2);
	});
	it('folds with a map back to original offsets', () => {
		const f = fold('Ĳs É\u0301');
		expect(f.text).toBe('ijs e');
		expect(f.map).toEqual([0, 0, 1, 2, 3, 5]);
	});
});
