import { findFolded, fold, foldKey } from './fold.ts';

export interface StockPhraseHit {
	/** The phrase from the list, as listed. */
	phrase: string;
	start: number;
	end: number;
}

/**
 * Every occurrence of a listed phrase, whole words only, ignoring case, accents, curly quotes and
 * line breaks ("Excuses voor het óngemak", "EXCUSES VOOR\nHET ONGEMAK"); offsets point into the
 * message as typed. Sorted by position.
 */
export function findStockPhrases(message: string, phrases: Iterable<string>): StockPhraseHit[] {
	const folded = fold(message);
	const hits: StockPhraseHit[] = [];
	const seen = new Set<string>();
	for (const phrase of phrases) {
		const key = foldKey(phrase);
		if (!key || seen.has(key)) continue;
		seen.add(key);
		for (const { start, end } of findFolded(folded, key)) hits.push({ phrase, start, end });
	}
	return hits.sort((a, b) => a.start - b.start || b.end - a.end);
}
