/**
 * A small seeded pseudo-random generator (mulberry32): the demo data is the same on every machine and
 * every start. Never Math.random in the seed.
 */
export interface Rng {
	/** A float in [0, 1). */
	next(): number;
	/** An integer in [min, max], both ends included. */
	int(min: number, max: number): number;
	chance(probability: number): boolean;
	pick<T>(items: readonly T[]): T;
	/** One item, chosen with probability proportional to its weight. */
	weighted<T>(items: readonly (readonly [T, number])[]): T;
	/** A shuffled copy (Fisher–Yates). */
	shuffle<T>(items: readonly T[]): T[];
	/** A string of n characters from the alphabet. */
	chars(n: number, alphabet: string): string;
}

export const DEMO_SEED = 0x484f5050; // "HOPP"

export function createRng(seed: number = DEMO_SEED): Rng {
	let state = seed >>> 0;
	const next = () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
	const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
	return {
		next,
		int,
		chance: (probability) => next() < probability,
		pick: (items) => {
			if (items.length === 0) throw new Error('pick from an empty list');
			return items[Math.floor(next() * items.length)]!;
		},
		weighted: (items) => {
			const total = items.reduce((sum, [, w]) => sum + w, 0);
			let r = next() * total;
			for (const [item, w] of items) {
				r -= w;
				if (r < 0) return item;
			}
			return items[items.length - 1]![0];
		},
		shuffle: (items) => {
			const copy = [...items];
			for (let i = copy.length - 1; i > 0; i--) {
				const j = Math.floor(next() * (i + 1));
				[copy[i], copy[j]] = [copy[j]!, copy[i]!];
			}
			return copy;
		},
		chars: (n, alphabet) => {
			let out = '';
			for (let i = 0; i < n; i++) out += alphabet[Math.floor(next() * alphabet.length)];
			return out;
		}
	};
}

/** Follower counts are skewed: most people have a few dozen, a handful have tens of thousands. */
export function followerCount(rng: Rng): number {
	const u = rng.next();
	return Math.min(250_000, Math.floor(25 * Math.pow(1 - u, -1.3)) - 10 + rng.int(0, 20));
}
