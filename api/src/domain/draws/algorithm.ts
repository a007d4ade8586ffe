/**
 * The draw algorithm: pure, framework-free, independent of time zone and locale. The README's
 * "Draws: how to verify" describes every step so a third party can re-implement it. Version 2
 * (records `hoppatee-draw/2`) adds a household to each candidate (at most one pick per household)
 * and a minimum of winners per channel (strata); steps 1–4 are version 1's, which still verifies.
 *
 * 1. Pool: candidates sorted by id (UTF-8 byte order), serialised one per line as
 *    `id TAB handle TAB channel TAB weight LF`; the pool hash is the SHA-256 of those bytes.
 * 2. Generator `sha256-ctr-v1`: block k = SHA-256(seed ‖ uint32be(k)), k = 0, 1, …; each block
 *    gives four big-endian 64-bit words; word j becomes u = (floor(word / 2^11) + 0.5) / 2^53,
 *    a uniform number in (0, 1). The i-th candidate in canonical order takes the i-th u.
 * 3. Weights: integers ≥ 1 (1 for everyone in a uniform draw); with the cap `2x-median` each
 *    weight is limited to twice the median weight (for an even count: the sum of the two middle
 *    weights), so the cap is an exact integer.
 * 4. Efraimidis–Spirakis keys: key = ln(u) / w (the logarithm of u^(1/w), same order). Candidates
 *    sorted by key descending, then u descending, then canonical position ascending; the first
 *    `winners` win in that order, the next `reserves` are the reserves in that order.
 * 5. Version 2 selection: walk that order; skip a candidate whose household already has a pick.
 *    Strata pass: take a candidate while their channel has fewer than `minPerChannel` winners (and
 *    winners are left). Fill pass: walk again, take the rest of the winners. Winners are listed in
 *    key order. Reserves: walk once more, taking everyone not picked whose household has no pick.
 */
import { createHash } from 'node:crypto';

export type Candidate = {
	/** Stable identifier (a customer id): printable ASCII without spaces. */
	id: string;
	/** Public handle, the only personal detail a record shows. */
	handle: string;
	channel: string;
	/** Integer ≥ 1; 1 for everyone in a uniform draw. */
	weight: number;
	/** Version 2: a pseudonym shared by candidates at one postal address, '' for none. */
	household?: string;
};

/** Record versions: 1 (plain Efraimidis–Spirakis) and 2 (households and strata). */
export type AlgorithmVersion = 1 | 2;
export const ALGORITHMS = { 1: 'efraimidis-spirakis-v1', 2: 'efraimidis-spirakis-v2' } as const;

export const GENERATOR = 'sha256-ctr-v1' as const;
export type WeightCap = 'none' | '2x-median';

export type DrawParams = {
	winners: number;
	reserves: number;
	weightCap: WeightCap;
	/** Version 2: at least this many winners of each channel in the pool (as far as it has them). */
	minPerChannel?: number;
};

const ID_PATTERN = /^[\x21-\x7e]+$/;
// Tabs and line breaks would break the one-line-per-candidate serialisation.
const FIELD_FORBIDDEN = /[\t\n\r]/;

/** Why a candidate cannot go into a pool, or null. */
export function candidateProblem(c: Candidate): string | null {
	if (!ID_PATTERN.test(c.id)) return 'id';
	if (FIELD_FORBIDDEN.test(c.handle) || c.handle.normalize('NFC') !== c.handle) return 'handle';
	if (FIELD_FORBIDDEN.test(c.channel) || c.channel === '') return 'channel';
	if (!Number.isSafeInteger(c.weight) || c.weight < 1) return 'weight';
	if (c.household !== undefined && c.household !== '' && !ID_PATTERN.test(c.household))
		return 'household';
	return null;
}

/** Byte-order comparison of ASCII ids (never localeCompare: it depends on the locale). */
const byId = (a: Candidate, b: Candidate) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** The pool in canonical order; throws on a bad candidate or a duplicate id. */
export function canonicalPool(candidates: readonly Candidate[]): Candidate[] {
	const sorted = [...candidates].sort(byId);
	for (let i = 0; i < sorted.length; i++) {
		const problem = candidateProblem(sorted[i]!);
		if (problem) throw new Error(`candidate ${i}: bad ${problem}`);
		if (i > 0 && sorted[i - 1]!.id === sorted[i]!.id)
			throw new Error(`duplicate id ${sorted[i]!.id}`);
	}
	return sorted;
}

export function serialisePool(pool: readonly Candidate[], version: AlgorithmVersion = 1): string {
	let out = '';
	for (const c of pool)
		out +=
			version === 1
				? `${c.id}\t${c.handle}\t${c.channel}\t${c.weight}\n`
				: `${c.id}\t${c.handle}\t${c.channel}\t${c.weight}\t${c.household ?? ''}\n`;
	return out;
}

export const sha256Hex = (data: string | Uint8Array) =>
	createHash('sha256').update(data).digest('hex');

export const poolHash = (pool: readonly Candidate[], version: AlgorithmVersion = 1) =>
	sha256Hex(serialisePool(pool, version));

/** The parameters as one canonical string (fixed key order), hashed into the commitment. */
export const serialiseParams = (p: DrawParams, version: AlgorithmVersion = 1) =>
	`algorithm=${ALGORITHMS[version]}\ngenerator=${GENERATOR}\nwinners=${p.winners}\nreserves=${p.reserves}\nweight_cap=${p.weightCap}\n` +
	(version === 2 ? `min_per_channel=${p.minPerChannel ?? 0}\n` : '');

/** How many candidates can be picked at most: one per household (version 2), one each otherwise. */
export function pickable(pool: readonly Candidate[]): number {
	const households = new Set<string>();
	let single = 0;
	for (const c of pool)
		if (c.household) households.add(c.household);
		else single++;
	return single + households.size;
}

/** Commitment to a seed: SHA-256 of its 32 raw bytes, hex. */
export const seedHash = (seedHex: string) => sha256Hex(Buffer.from(seedHex, 'hex'));

const TWO_POW_53 = 2 ** 53;

/**
 * `count` uniform numbers in (0, 1) from the seed (sha256-ctr-v1), with the 53-bit integers they
 * come from (for the tie-break, exact in every language).
 */
export function uniforms(seed: Uint8Array, count: number): { u: Float64Array; bits: Float64Array } {
	const u = new Float64Array(count);
	const bits = new Float64Array(count);
	const input = Buffer.alloc(seed.length + 4);
	input.set(seed, 0);
	for (let k = 0; k * 4 < count; k++) {
		input.writeUInt32BE(k, seed.length);
		const block = createHash('sha256').update(input).digest();
		for (let j = 0; j < 4 && k * 4 + j < count; j++) {
			// Top 53 bits of the 64-bit word: 32 high bits then the top 21 of the low word.
			const hi = block.readUInt32BE(j * 8);
			const lo = block.readUInt32BE(j * 8 + 4);
			const n = hi * 2 ** 21 + Math.floor(lo / 2 ** 11);
			bits[k * 4 + j] = n;
			u[k * 4 + j] = (n + 0.5) / TWO_POW_53;
		}
	}
	return { u, bits };
}

/** Twice the median of integer weights, exact: 2·middle for an odd count, the two middles' sum. */
export function twiceMedian(weights: readonly number[]): number {
	const s = [...weights].sort((a, b) => a - b);
	const n = s.length;
	if (n === 0) return 0;
	return n % 2 ? 2 * s[(n - 1) / 2]! : s[n / 2 - 1]! + s[n / 2]!;
}

export function effectiveWeights(pool: readonly Candidate[], cap: WeightCap): number[] {
	const weights = pool.map((c) => c.weight);
	if (cap === 'none') return weights;
	const limit = twiceMedian(weights);
	return weights.map((w) => Math.min(w, limit));
}

export type DrawOutcome = { winners: string[]; reserves: string[] };

/** Positions (in canonical order) sorted best key first. */
function ranked(weights: readonly number[], seed: Uint8Array): number[] {
	const { u, bits } = uniforms(seed, weights.length);
	const keys = new Float64Array(weights.length);
	for (let i = 0; i < weights.length; i++) keys[i] = Math.log(u[i]!) / weights[i]!;
	const order = Array.from({ length: weights.length }, (_, i) => i);
	order.sort((a, b) => keys[b]! - keys[a]! || bits[b]! - bits[a]! || a - b);
	return order;
}

/**
 * Version 2 selection over the key order: one pick per household; first a strata pass (a
 * candidate is taken while their channel has fewer than `minPerChannel` winners), then a fill pass
 * for the remaining winners; winners listed in key order; then reserves, continuing in key order
 * over everyone not picked, still one per household. Returns positions.
 */
function selectV2(
	pool: readonly Candidate[],
	order: readonly number[],
	params: DrawParams
): { winners: number[]; reserves: number[] } {
	const taken = new Set<string>();
	const picked = new Uint8Array(pool.length);
	const free = (i: number) => !picked[i] && !(pool[i]!.household && taken.has(pool[i]!.household!));
	const take = (i: number) => {
		picked[i] = 1;
		if (pool[i]!.household) taken.add(pool[i]!.household!);
	};
	const rankOf = new Uint32Array(pool.length);
	order.forEach((pos, r) => (rankOf[pos] = r));
	const winners: number[] = [];
	const k = params.minPerChannel ?? 0;
	if (k > 0) {
		const perChannel = new Map<string, number>();
		for (const i of order) {
			if (winners.length >= params.winners) break;
			const n = perChannel.get(pool[i]!.channel) ?? 0;
			if (n >= k || !free(i)) continue;
			perChannel.set(pool[i]!.channel, n + 1);
			take(i);
			winners.push(i);
		}
	}
	for (const i of order) {
		if (winners.length >= params.winners) break;
		if (!free(i)) continue;
		take(i);
		winners.push(i);
	}
	winners.sort((a, b) => rankOf[a]! - rankOf[b]!);
	const reserves: number[] = [];
	for (const i of order) {
		if (reserves.length >= params.reserves) break;
		if (!free(i)) continue;
		take(i);
		reserves.push(i);
	}
	return { winners, reserves };
}

/** Draws winners and reserves from a canonical pool with a 32-byte seed. */
export function runDraw(
	pool: readonly Candidate[],
	params: DrawParams,
	seed: Uint8Array,
	version: AlgorithmVersion = 1
): DrawOutcome {
	if (seed.length !== 32) throw new Error('seed must be 32 bytes');
	const order = ranked(effectiveWeights(pool, params.weightCap), seed);
	if (version === 2) {
		const { winners, reserves } = selectV2(pool, order, params);
		return { winners: winners.map((i) => pool[i]!.id), reserves: reserves.map((i) => pool[i]!.id) };
	}
	const ids = order.slice(0, params.winners + params.reserves).map((i) => pool[i]!.id);
	return { winners: ids.slice(0, params.winners), reserves: ids.slice(params.winners) };
}

export type Chances = {
	method: 'exact' | 'monte-carlo';
	/** Simulated draws (0 when exact). */
	runs: number;
	/** Chance of being among the winners, per candidate in canonical order. */
	win: number[];
};

/**
 * Each candidate's chance to win. Uniform (all effective weights equal, no strata, no shared
 * household): exactly winners / size. Otherwise a Monte Carlo estimate: `runs` draws with seeds
 * SHA-256(pool hash ‖ LF ‖ run number), so the same pool always shows the same estimate; its
 * standard error is at most 0.5 / √runs.
 */
export function winChances(
	pool: readonly Candidate[],
	params: DrawParams,
	runs?: number,
	version: AlgorithmVersion = 1
): Chances {
	const n = pool.length;
	const weights = effectiveWeights(pool, params.weightCap);
	if (n === 0) return { method: 'exact', runs: 0, win: [] };
	const plain = version === 1 || (!params.minPerChannel && pickable(pool) === n);
	if (plain && weights.every((w) => w === weights[0])) {
		return { method: 'exact', runs: 0, win: weights.map(() => Math.min(1, params.winners / n)) };
	}
	const total = runs ?? Math.max(100, Math.min(10_000, Math.floor(5_000_000 / n)));
	const hash = poolHash(pool, version);
	const hits = new Float64Array(n);
	for (let r = 0; r < total; r++) {
		const seed = createHash('sha256').update(`${hash}\n${r}`).digest();
		const order = ranked(weights, seed);
		if (plain) for (let k = 0; k < params.winners && k < n; k++) hits[order[k]!] += 1;
		else for (const i of selectV2(pool, order, { ...params, reserves: 0 }).winners) hits[i] += 1;
	}
	return { method: 'monte-carlo', runs: total, win: Array.from(hits, (h) => h / total) };
}
