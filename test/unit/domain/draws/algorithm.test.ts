import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
	canonicalPool,
	effectiveWeights,
	poolHash,
	runDraw,
	serialisePool,
	twiceMedian,
	uniforms,
	winChances,
	type Candidate
} from '../../../../api/src/domain/draws/algorithm.ts';

const seedOf = (n: number) => createHash('sha256').update(`test seed ${n}`).digest();
const pool = (weights: number[]): Candidate[] =>
	canonicalPool(
		weights.map((weight, i) => ({
			id: `c${String(i).padStart(4, '0')}`,
			handle: `@h${i}`,
			channel: 'x',
			weight
		}))
	);

/** Standard normal upper tail, Abramowitz–Stegun 7.1.26 (error < 1.5e-7). */
function normalUpper(z: number) {
	const t = 1 / (1 + 0.3275911 * Math.abs(z / Math.SQRT2));
	const poly =
		t *
		(0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
	const erfc = poly * Math.exp(-((z / Math.SQRT2) ** 2));
	return z >= 0 ? erfc / 2 : 1 - erfc / 2;
}
/** p-value of a chi-square statistic, Wilson–Hilferty approximation. */
function chiSquareP(x: number, df: number) {
	const z = (Math.cbrt(x / df) - (1 - 2 / (9 * df))) / Math.sqrt(2 / (9 * df));
	return normalUpper(z);
}
function chiSquare(observed: number[], expected: number[]) {
	const x = observed.reduce((s, o, i) => s + (o - expected[i]!) ** 2 / expected[i]!, 0);
	return { x, p: chiSquareP(x, observed.length - 1) };
}

describe('draw algorithm', () => {
	it('serialises the pool canonically: sorted by id in byte order, one tab-separated line each', () => {
		const p = canonicalPool([
			{ id: 'b', handle: '@Zoë', channel: 'x', weight: 1 },
			{ id: 'B', handle: '@a', channel: 'facebook', weight: 2 },
			{ id: 'a', handle: '@b', channel: 'x', weight: 1 }
		]);
		expect(serialisePool(p)).toBe('B\t@a\tfacebook\t2\na\t@b\tx\t1\nb\t@Zoë\tx\t1\n');
		expect(poolHash(p)).toBe(createHash('sha256').update(serialisePool(p), 'utf8').digest('hex'));
		expect(() => canonicalPool([...p, p[0]!])).toThrow(/duplicate/);
		expect(() => canonicalPool([{ id: 'x', handle: 'a\tb', channel: 'x', weight: 1 }])).toThrow(
			/handle/
		);
		expect(() => canonicalPool([{ id: 'x', handle: 'a', channel: 'x', weight: 1.5 }])).toThrow(
			/weight/
		);
	});

	it('sha256-ctr-v1: the first uniform is the top 53 bits of SHA-256(seed ‖ 00000000)', () => {
		const seed = Buffer.alloc(32, 7);
		const block = createHash('sha256')
			.update(Buffer.concat([seed, Buffer.alloc(4)]))
			.digest();
		const n = Number(block.readBigUInt64BE(0) >> 11n);
		const { u, bits } = uniforms(seed, 5);
		expect(bits[0]).toBe(n);
		expect(u[0]).toBe((n + 0.5) / 2 ** 53);
		expect([...u].every((x) => x > 0 && x < 1)).toBe(true);
	});

	it('caps weights at twice the median, exactly', () => {
		expect(twiceMedian([1, 1, 1, 1, 100])).toBe(2);
		expect(twiceMedian([1, 2, 3, 100])).toBe(5);
		expect(effectiveWeights(pool([1, 1, 1, 1, 100]), '2x-median')).toEqual([1, 1, 1, 1, 2]);
		expect(effectiveWeights(pool([1, 1, 1, 1, 100]), 'none')).toEqual([1, 1, 1, 1, 100]);
	});

	it('a uniform draw is uniform over many seeds (chi-square, winners and first place)', () => {
		const p = pool(Array(20).fill(1));
		const seeds = 4000;
		const wins = Array(20).fill(0);
		const first = Array(20).fill(0);
		for (let s = 0; s < seeds; s++) {
			const { winners } = runDraw(p, { winners: 5, reserves: 0, weightCap: 'none' }, seedOf(s));
			for (const id of winners) wins[Number(id.slice(1))]++;
			first[Number(winners[0]!.slice(1))]++;
		}
		const all = chiSquare(wins, Array(20).fill((seeds * 5) / 20));
		const top = chiSquare(first, Array(20).fill(seeds / 20));
		console.log(
			`uniform draw, 20 candidates, 5 winners, ${seeds} seeds: chi-square ${all.x.toFixed(2)} (df 19) p = ${all.p.toFixed(3)}; first place ${top.x.toFixed(2)} p = ${top.p.toFixed(3)}`
		);
		expect(all.p).toBeGreaterThan(0.001);
		expect(top.p).toBeGreaterThan(0.001);
	});

	it('respects weights: first place is won in proportion to the weight (chi-square)', () => {
		const weights = [1, 2, 3, 4];
		const p = pool(weights);
		const seeds = 8000;
		const first = Array(4).fill(0);
		for (let s = 0; s < seeds; s++) {
			const { winners } = runDraw(p, { winners: 1, reserves: 0, weightCap: 'none' }, seedOf(s));
			first[Number(winners[0]!.slice(1))]++;
		}
		const r = chiSquare(
			first,
			weights.map((w) => (seeds * w) / 10)
		);
		console.log(
			`weighted 1:2:3:4, ${seeds} seeds: chi-square ${r.x.toFixed(2)} (df 3) p = ${r.p.toFixed(3)}`
		);
		expect(r.p).toBeGreaterThan(0.001);
	});

	it('the 2×-median cap holds a heavy weight to twice the median (chi-square)', () => {
		const p = pool([1, 1, 1, 1, 100]);
		const seeds = 6000;
		const first = Array(5).fill(0);
		for (let s = 0; s < seeds; s++) {
			const { winners } = runDraw(
				p,
				{ winners: 1, reserves: 0, weightCap: '2x-median' },
				seedOf(s)
			);
			first[Number(winners[0]!.slice(1))]++;
		}
		const r = chiSquare(
			first,
			[1, 1, 1, 1, 2].map((w) => (seeds * w) / 6)
		);
		console.log(
			`capped 1,1,1,1,100→2, ${seeds} seeds: chi-square ${r.x.toFixed(2)} (df 4) p = ${r.p.toFixed(3)}`
		);
		expect(r.p).toBeGreaterThan(0.001);
		// Uncapped, the heavy candidate would win about 100/104 of the time.
		expect(first[4] / seeds).toBeLessThan(0.4);
	});

	it('never picks one twice, never one outside the pool (excluded candidates are not in it)', () => {
		fc.assert(
			fc.property(
				fc.uniqueArray(fc.stringMatching(/^[!-~]{1,8}$/), { minLength: 1, maxLength: 40 }),
				fc.array(fc.integer({ min: 1, max: 50 }), { minLength: 40, maxLength: 40 }),
				fc.uint8Array({ minLength: 32, maxLength: 32 }),
				fc.nat(),
				fc.nat(),
				fc.boolean(),
				(ids, weights, seed, w, r, capped) => {
					const p = canonicalPool(
						ids.map((id, i) => ({ id, handle: id, channel: 'x', weight: weights[i]! }))
					);
					const winners = 1 + (w % p.length);
					const reserves = r % (p.length - winners + 1);
					const out = runDraw(
						p,
						{ winners, reserves, weightCap: capped ? '2x-median' : 'none' },
						seed
					);
					const picked = [...out.winners, ...out.reserves];
					expect(out.winners).toHaveLength(winners);
					expect(out.reserves).toHaveLength(reserves);
					expect(new Set(picked).size).toBe(picked.length);
					for (const id of picked) expect(ids).toContain(id);
				}
			),
			{ numRuns: 300 }
		);
	});

	it('shows exact chances for a uniform draw and a named Monte Carlo estimate for a weighted one', () => {
		const uniform = winChances(pool([1, 1, 1, 1]), { winners: 1, reserves: 0, weightCap: 'none' });
		expect(uniform).toEqual({ method: 'exact', runs: 0, win: [0.25, 0.25, 0.25, 0.25] });
		const weighted = winChances(pool([1, 3]), { winners: 1, reserves: 0, weightCap: 'none' }, 4000);
		expect(weighted.method).toBe('monte-carlo');
		expect(weighted.win[1]).toBeCloseTo(0.75, 1);
		// Same pool, same estimate.
		expect(winChances(pool([1, 3]), { winners: 1, reserves: 0, weightCap: 'none' }, 4000)).toEqual(
			weighted
		);
	});
});
