import { foldKey } from './fold.ts';
import { wordsToCheck } from './words.ts';

const EMPHASIS = /[áéíóúÁÉÍÓÚ]/;

/** What the spelling check needs from a dictionary; injected, so tests can use a small fake. */
export interface SpellChecker {
	/** Is this exact word (any usual capitalisation) in the dictionary? */
	correct(word: string): boolean;
	/** Likely intended words, best first; may be empty. */
	suggest(word: string): string[];
}

export interface SpellingIssue {
	word: string;
	start: number;
	end: number;
	suggestions: string[];
}

/**
 * Words the dictionary does not know and the allow-list does not contain. The allow-list is
 * compared case- and accent-insensitively (so "Pakjesavond" and "Zoe" match "pakjesavond", "Zoë").
 * Hyphenated words pass when every part passes ("sokken-actie"); otherwise each failing part is
 * reported on its own.
 */
export function checkSpelling(
	message: string,
	options: { checker: SpellChecker; allow: Iterable<string> }
): SpellingIssue[] {
	const allow = new Set<string>();
	for (const entry of options.allow) {
		const key = foldKey(entry);
		if (key) allow.add(key);
	}
	const inList = (word: string) =>
		allow.has(foldKey(word)) || options.checker.correct(word.replace(/’/g, "'"));
	// Dutch marks stress with an acute accent on any word ("dát", "óngemak"): fine when the plain word is.
	const known = (word: string) =>
		inList(word) ||
		(EMPHASIS.test(word) &&
			inList(
				word
					.normalize('NFD')
					.replace(/\u0301/g, '')
					.normalize('NFC')
			));
	const issues: SpellingIssue[] = [];
	for (const token of wordsToCheck(message)) {
		const before = message[token.start - 1];
		if (known(token.word) || ((before === "'" || before === '’') && known(`'${token.word}`)))
			continue;
		if (!token.word.includes('-')) {
			issues.push({ ...token, suggestions: options.checker.suggest(token.word) });
			continue;
		}
		let offset = token.start;
		for (const part of token.word.split('-')) {
			if (part.length >= 2 && !known(part))
				issues.push({
					word: part,
					start: offset,
					end: offset + part.length,
					suggestions: options.checker.suggest(part)
				});
			offset += part.length + 1;
		}
	}
	return issues;
}
