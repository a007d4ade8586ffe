/** Version 2 of the draw: one pick per household and at least k winners per channel (strata). */
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
	canonicalPool,
	pickable,
	poolHash,
	runDraw,
	serialiseParams,
	serialisePool,
	winChances,
	type Candidate
} from '#api/domain/draws/algorithm.ts';

const seedOf = (n: number) => createHash('sha256').update(`v2 seed ${n}`).digest();

describe('draw algorithm, version 2', () => {
	it('serialises the household as a fifth field and min_per_channel as a sixth parameter', () => {
		const p = canonicalPool([
			{ id: 'b', handle: '@b', channel: 'x', weight: 1, household: '' },
			{ id: 'a', handle: '@a', channel: 'x', weight: 2, household: 'h1' }
		]);
		expect(serialisePool(p, 2)).toBe('a\t@a\tx\t2\th1\nb\t@b\tx\t1\t\n');
		expect(poolHash(p, 2)).not.toBe(poolHash(p, 1));
		expect(
			serialiseParams({ winners: 2, reserves: 1, weightCap: 'none', minPerChannel: 3 }, 2)
		).toBe(
			'algorithm=efraimidis-spirakis-v2\ngenerator=sha256-ctr-v1\nwinners=2\nreserves=1\nweight_cap=none\nmin_per_channel=3\n'
		);
		expect(() =>
			canonicalPool([{ id: 'a', handle: '@a', channel: 'x', weight: 1, household: 'h 1' }])
		).toThrow(/household/);
	});

	it('without households or strata it picks exactly what version 1 picks', () => {
		const p = canonicalPool(
			Array.from({ length: 50 }, (_, i) => ({
				id: `c${i}`,
				handle: `@c${i}`,
				channel: i % 2 ? 'x' : 'facebook',
				weight: 1 + (i % 5)
			}))
		);
		for (let s = 0; s < 50; s++) {
			const params = { winners: 7, reserves: 3, weightCap: '2x-median' as const };
			expect(runDraw(p, { ...params, minPerChannel: 0 }, seedOf(s), 2)).toEqual(
				runDraw(p, params, seedOf(s), 1)
			);
		}
	});

	it('never picks two of one household, one twice or one outside the pool; strata hold (property)', () => {
		const channelsOf = ['x', 'facebook', 'instagram'];
		fc.assert(
			fc.property(
				fc.array(
					fc.record({
						household: fc.constantFrom('', '', '', 'h1', 'h2', 'h3'),
						channel: fc.constantFrom(...channelsOf),
						weight: fc.integer({ min: 1, max: 20 })
					}),
					{ minLength: 4, maxLength: 60 }
				),
				fc.uint8Array({ minLength: 32, maxLength: 32 }),
				fc.nat(),
				fc.nat(),
				fc.nat({ max: 3 }),
				fc.boolean(),
				(rows, seed, w, r, k, capped) => {
					const pool = canonicalPool(
						rows.map((row, i) => ({
							id: `p${String(i).padStart(3, '0')}`,
							handle: `@p${i}`,
							...row
						}))
					);
					const max = pickable(pool);
					const winners = 1 + (w % max);
					const reserves = r % (max - winners + 1);
					const channels = new Set(pool.map((c) => c.channel));
					const minPerChannel = k * channels.size <= winners ? k : 0;
					const out = runDraw(
						pool,
						{ winners, reserves, weightCap: capped ? '2x-median' : 'none', minPerChannel },
						seed,
						2
					);
					const picked = [...out.winners, ...out.reserves];
					expect(out.winners).toHaveLength(winners);
					expect(out.reserves).toHaveLength(reserves);
					expect(new Set(picked).size).toBe(picked.length);
					const byId = new Map(pool.map((c) => [c.id, c]));
					const households = picked.map((id) => byId.get(id)!.household).filter(Boolean);
					expect(new Set(households).size).toBe(households.length);
					for (const channel of channels) {
						const have = pool.filter((c) => c.channel === channel).length;
						const won = out.winners.filter((id) => byId.get(id)!.channel === channel).length;
						// At least k of each channel, as far as its households leave candidates.
						if (have >= minPerChannel * 4) expect(won).toBeGreaterThanOrEqual(minPerChannel);
					}
				}
			),
			{ numRuns: 400 }
		);
	});

	it('strata: a small channel gets its k winners; chances are estimated by simulation and say so', () => {
		const pool: Candidate[] = canonicalPool(
			Array.from({ length: 100 }, (_, i) => ({
				id: `c${String(i).padStart(3, '0')}`,
				handle: `@c${i}`,
				channel: i < 5 ? 'linkedin' : 'instagram',
				weight: 1,
				household: ''
			}))
		);
		const params = { winners: 10, reserves: 2, weightCap: 'none' as const, minPerChannel: 2 };
		for (let s = 0; s < 100; s++) {
			const { winners } = runDraw(pool, params, seedOf(s), 2);
			expect(winners.filter((id) => Number(id.slice(1)) < 5).length).toBeGreaterThanOrEqual(2);
		}
		const chances = winChances(pool, params, 2000, 2);
		expect(chances.method).toBe('monte-carlo');
		// Each LinkedIn candidate: at least 2 of 5 places, about 0.4 or more.
		expect(chances.win[0]).toBeGreaterThan(0.38);
		expect(chances.win[50]).toBeLessThan(0.1);
		expect(winChances(pool, { ...params, minPerChannel: 0 }, undefined, 2).method).toBe('exact');
	});
});
