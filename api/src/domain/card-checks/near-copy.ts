/**
 * How alike two card messages are, from 0 to 1: word-level normalised Levenshtein,
 * `1 − word edits ÷ words in the longer message`, after folding case, accents and punctuation.
 *
 * Why this measure: the copy we want to catch is a text reused with a different name or one word
 * changed. One swapped word in a 10-word card leaves 0.9 here, but only ~0.45 with word-trigram
 * Jaccard (each changed word breaks three trigrams), so short cards would slip through. Counting
 * words instead of characters keeps a pair at ~50 × 50 cells, so comparing against a few thousand
 * recent cards takes milliseconds.
 */
export function similarity(a: readonly string[], b: readonly string[]): number {
	const longer = Math.max(a.length, b.length);
	if (longer === 0) return 1;
	return 1 - wordDistance(a, b, longer) / longer;
}

/** Folded words (no offsets needed here, so a whole-string fold: ~10× faster than fold()). */
export function messageWords(message: string): string[] {
	return message
		.normalize('NFKD')
		.replace(/\p{M}+/gu, '')
		.toLowerCase()
		.split(/[^\p{L}\p{N}]+/u)
		.filter(Boolean);
}

/** Levenshtein over words; Infinity as soon as every path exceeds `limit`. */
function wordDistance(a: readonly string[], b: readonly string[], limit: number): number {
	let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
	let current = new Array<number>(b.length + 1);
	for (let i = 1; i <= a.length; i++) {
		current[0] = i;
		let rowMin = i;
		for (let j = 1; j <= b.length; j++) {
			const cost = a[i - 1] === b[j - 1] ? 0 : 1;
			current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
			if (current[j]! < rowMin) rowMin = current[j]!;
		}
		if (rowMin > limit) return Infinity;
		[previous, current] = [current, previous];
	}
	return previous[b.length]!;
}

export const NEAR_COPY_THRESHOLD = 0.8;
/** Shorter messages ("Veel plezier!") are too generic to call a copy, and flicker while typing. */
export const NEAR_COPY_MIN_WORDS = 5;

export interface EarlierMessage {
	surpriseId: string;
	reference: string;
	cardMessage: string;
}

export interface NearCopy {
	reference: string;
	surpriseId: string;
	similarity: number;
	/** How many other earlier messages also pass the threshold. */
	others: number;
}

/** The most similar earlier message at or above the threshold, or null. */
export function findNearCopy(
	message: string,
	earlier: Iterable<EarlierMessage>,
	threshold = NEAR_COPY_THRESHOLD
): NearCopy | null {
	const words = messageWords(message);
	if (words.length < NEAR_COPY_MIN_WORDS) return null;
	let best: NearCopy | null = null;
	let matches = 0;
	for (const candidate of earlier) {
		const other = messageWords(candidate.cardMessage);
		// The length difference alone is a lower bound on the edits.
		if (Math.min(words.length, other.length) / Math.max(words.length, other.length) < threshold)
			continue;
		const longer = Math.max(words.length, other.length);
		const allowedEdits = Math.floor((1 - threshold) * longer + 1e-9);
		const score = 1 - wordDistance(words, other, allowedEdits) / longer;
		if (score < threshold) continue;
		matches += 1;
		if (!best || score > best.similarity)
			best = {
				reference: candidate.reference,
				surpriseId: candidate.surpriseId,
				similarity: score,
				others: 0
			};
	}
	if (best) best.others = matches - 1;
	return best;
}
