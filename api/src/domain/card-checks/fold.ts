/**
 * Case- and accent-insensitive matching that still reports offsets into the text as typed.
 *
 * `fold` lower-cases, strips diacritics (NFKD, combining marks dropped, so é → e and ĳ → ij),
 * turns curly quotes into straight ones and collapses every run of whitespace to one space. `map[i]`
 * is the index in the original string (a UTF-16 offset, what `String.prototype.slice` uses) of the
 * character that produced folded character `i`; `map[folded.length]` is the original length.
 */
export interface Folded {
	text: string;
	map: number[];
}

const MARKS = /\p{M}/u;
const SPACE = /\s/u;
const QUOTES: Record<string, string> = {
	'\u2018': "'",
	'\u2019': "'",
	'\u201A': "'",
	'\u02BC': "'",
	'\u201C': '"',
	'\u201D': '"',
	'\u201E': '"'
};

export function fold(input: string): Folded {
	let text = '';
	const map: number[] = [];
	let offset = 0;
	let lastWasSpace = false;
	for (const char of input) {
		const start = offset;
		offset += char.length;
		if (SPACE.test(char)) {
			if (!lastWasSpace) {
				text += ' ';
				map.push(start);
			}
			lastWasSpace = true;
			continue;
		}
		lastWasSpace = false;
		const base = QUOTES[char] ?? char.normalize('NFKD').toLowerCase();
		for (const part of base) {
			if (MARKS.test(part)) continue;
			text += part;
			for (let i = 0; i < part.length; i++) map.push(start);
		}
	}
	map.push(input.length);
	return { text, map };
}

/** The folded form alone, trimmed: for comparing words and phrases. */
export function foldKey(input: string): string {
	return fold(input).text.trim();
}

const WORD_CHAR = /[\p{L}\p{N}]/u;

/** Every whole-word occurrence of `needle` (already folded) in `haystack`, as original offsets. */
export function findFolded(haystack: Folded, needle: string): { start: number; end: number }[] {
	const found: { start: number; end: number }[] = [];
	if (!needle) return found;
	let from = 0;
	for (;;) {
		const at = haystack.text.indexOf(needle, from);
		if (at < 0) return found;
		const after = at + needle.length;
		const before = haystack.text[at - 1];
		const next = haystack.text[after];
		const wholeWord =
			!(before && WORD_CHAR.test(before) && WORD_CHAR.test(needle[0]!)) &&
			!(next && WORD_CHAR.test(next) && WORD_CHAR.test(needle.at(-1)!));
		if (wholeWord) found.push({ start: haystack.map[at]!, end: haystack.map[after]! });
		from = at + 1;
	}
}
