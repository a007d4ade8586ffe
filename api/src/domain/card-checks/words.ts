/**
 * The words of a card message that a spelling check should look at, with their offsets (UTF-16,
 * as `String.prototype.slice` uses). Left out: web addresses, email addresses, @handles, #hashtags,
 * anything with a digit ("2e", "10%", "HOP-00042"), single letters and everything that is not a
 * letter (emoji, punctuation).
 */
export interface WordToken {
	word: string;
	start: number;
	end: number;
}

/** Addresses, handles and hashtags: matched first, and no word inside them is checked. */
const SKIP = new RegExp(
	[
		String.raw`\b(?:https?:\/\/|www\.)\S+`,
		String.raw`[\p{L}\p{N}._%+\-]+@[\p{L}\p{N}.\-]+\.\p{L}{2,}`,
		String.raw`(?<![\p{L}\p{N}])[@#][\p{L}\p{N}_.]+`,
		String.raw`\b[\p{L}\p{N}\-]+(?:\.[\p{L}\p{N}\-]+)*\.(?:nl|be|de|com|org|net|eu|io|app|shop|info|co\.uk|fr)\b(?:\/\S*)?`
	].join('|'),
	'giu'
);

/** Letters with inner apostrophes or hyphens: zo'n, auto's, e-mail, Sint-Maarten. */
const WORD = /[\p{L}\p{M}\p{N}]+(?:['’\-][\p{L}\p{M}\p{N}]+)*/gu;
const DIGIT = /\p{N}/u;

export function wordsToCheck(message: string): WordToken[] {
	const skipped: [number, number][] = [];
	for (const m of message.matchAll(SKIP)) skipped.push([m.index, m.index + m[0].length]);
	const words: WordToken[] = [];
	for (const m of message.matchAll(WORD)) {
		const start = m.index;
		const end = start + m[0].length;
		if (skipped.some(([s, e]) => start < e && end > s)) continue;
		if (DIGIT.test(m[0])) continue;
		if ([...m[0]].length < 2) continue;
		words.push({ word: m[0], start, end });
	}
	return words;
}
