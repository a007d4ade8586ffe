import naughty from 'naughty-words/nl.json' with { type: 'json' };
import own from './unfit-words.nl.json' with { type: 'json' };
import { foldKey } from './fold.ts';

const keep = new Set(own.keep.map(foldKey));
const words = new Set(
	[...naughty.filter((entry) => !entry.includes(' ')), ...own.block]
		.map(foldKey)
		.filter((key) => !keep.has(key))
);
const prefixes = own.prefixes.map(foldKey);
const suffixes = own.suffixes.map(foldKey);

/**
 * Whether a word is unfit to be offered on a customer's card: on the Dutch profanity list
 * (naughty-words) or our own list of violent and hateful words (`unfit-words.nl.json`), or a
 * compound built on one. A suggestion is only a hint, so leaving out a harmless word costs little;
 * offering "vergassing" for "verassing" costs the card.
 */
export function isUnfitSuggestion(word: string): boolean {
	const key = foldKey(word);
	return (
		words.has(key) ||
		prefixes.some((part) => key.startsWith(part)) ||
		suffixes.some((part) => key.endsWith(part))
	);
}
