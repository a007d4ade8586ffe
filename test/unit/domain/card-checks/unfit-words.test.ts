import naughty from 'naughty-words/nl.json' with { type: 'json' };
import { beforeAll, describe, expect, it } from 'vitest';
import own from '#api/domain/card-checks/unfit-words.nl.json' with { type: 'json' };
import {
	dutchSpellChecker,
	type DutchSpellChecker
} from '#api/domain/card-checks/dutch-dictionary.ts';
import { isUnfitSuggestion } from '#api/domain/card-checks/unfit-words.ts';

/** Slips a hub'er makes on a card, each one edit or two from the word meant. */
const MISSPELLINGS = [
	'verassing',
	'verrasing',
	'kerstverassing',
	'gefeliciteed',
	'gefelicteerd',
	'hardstikke',
	'geweldich',
	'gezelig',
	'vrolik',
	'knuffell',
	'bedankd',
	'cadeu',
	'kado',
	'sokke',
	'sokjes',
	'pakjesavonf',
	'moorie',
	'lekkkere',
	'groetjes!',
	'grtjes',
	'hartelijkk',
	'dankjwel',
	'genieten!',
	'plezir',
	'speciaaal',
	'verjaardg',
	'verjaadag',
	'sinterklas',
	'stroopwafle',
	'ontbijtje',
	'klant',
	'klantt',
	'trouwe',
	'truwe',
	'bedank',
	'fijnn',
	'mooiie',
	'kleeren',
	'kledren',
	'mord',
	'kankr',
	'terring',
	'tyfes',
	'lijkt',
	'dooos',
	'pesst',
	'nikkr',
	'kapoo',
	'bomm',
	'hoera!',
	'verassen',
	'vergasen',
	'gasamer',
	'zelmoord',
	'vermoorde',
	'leuk!',
	'liefs',
	'liefss',
	'xxx'
];

describe('card-message suggestions', () => {
	let checker: DutchSpellChecker;
	beforeAll(async () => {
		checker = await dutchSpellChecker();
	}, 30_000);

	it('offers "verrassing" for "verassing", never "vergassing"', () => {
		const suggestions = checker.suggest('verassing');
		expect(suggestions).toContain('verrassing');
		expect(suggestions).not.toContain('vergassing');
	});

	it('never offers a word on the unfit lists for common slips', () => {
		const offered = MISSPELLINGS.flatMap((word) => checker.suggest(word.replace(/!$/, '')));
		expect(offered.length).toBeGreaterThan(60);
		expect(offered.filter(isUnfitSuggestion)).toEqual([]);
	});

	it('still offers the everyday word the card writer meant', () => {
		expect(checker.suggest('kleeren')).toContain('kleren');
		expect(checker.suggest('gezelig')).toContain('gezellig');
		expect(checker.suggest('Knuffell')).toContain('Knuffel');
	});
});

describe('unfit words', () => {
	it('knows violent, hateful and crude words, in any case, and compounds built on them', () => {
		for (const word of [
			'vergassing',
			'Vergassing',
			'KANKER',
			'kankerverrassing',
			'teringlijer',
			'zelfmoord',
			'klootzak',
			'nikker',
			'moordenaar'
		])
			expect(isUnfitSuggestion(word), word).toBe(true);
	});

	it('lets everyday words through, also the ones a blocked part hides in', () => {
		for (const word of [
			'verrassing',
			'kleren',
			'hoera',
			'boom',
			'nicht',
			'schatje',
			'pot',
			'bekken'
		])
			expect(isUnfitSuggestion(word), word).toBe(false);
	});

	it('keeps its own lists tidy: every kept word is on the package list, no own word repeats it', () => {
		const listed = new Set(naughty);
		expect(own.keep.filter((word) => !listed.has(word))).toEqual([]);
		expect(own.block.filter((word) => listed.has(word))).toEqual([]);
		expect([...own.block].sort()).toEqual(own.block);
	});
});
