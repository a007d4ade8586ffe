import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ConflictError } from '#api/domain/errors.ts';
import {
	assertTransition,
	canTransition,
	finalStatuses,
	isIn,
	nextStatuses,
	reservingStatuses,
	spentStatuses,
	surpriseStatuses,
	type SurpriseStatus
} from '#api/domain/surprises/state-machine.ts';

const kinds = ['physical', 'digital'] as const;
type Kind = (typeof kinds)[number];
const status = fc.constantFrom(...surpriseStatuses);
const kind = fc.constantFrom(...kinds);

/** Every state reachable from planned by legal moves (breadth-first). */
function reachable(k: Kind): Set<SurpriseStatus> {
	const seen = new Set<SurpriseStatus>(['planned']);
	const queue: SurpriseStatus[] = ['planned'];
	while (queue.length) {
		for (const next of nextStatuses(queue.shift()!, k)) {
			if (!seen.has(next)) {
				seen.add(next);
				queue.push(next);
			}
		}
	}
	return seen;
}

/**
 * Replays attempted moves from planned: a legal one moves, an illegal one throws a ConflictError
 * and leaves the state as it was. Returns the states visited.
 */
function replay(k: Kind, attempts: SurpriseStatus[]): { path: SurpriseStatus[]; refused: number } {
	let current: SurpriseStatus = 'planned';
	const path: SurpriseStatus[] = [current];
	let refused = 0;
	for (const to of attempts) {
		try {
			assertTransition(current, to, k);
			current = to;
			path.push(current);
		} catch (error) {
			expect(error).toBeInstanceOf(ConflictError);
			expect((error as ConflictError).fields[0]!.field).toBe('status');
			refused++;
		}
	}
	return { path, refused };
}

/** A random walk that only takes legal moves, choosing by `picks`; stops in a final state. */
function walk(k: Kind, picks: number[]): SurpriseStatus[] {
	let current: SurpriseStatus = 'planned';
	const path: SurpriseStatus[] = [current];
	for (const pick of picks) {
		const options = nextStatuses(current, k);
		if (options.length === 0) break;
		current = options[pick % options.length]!;
		path.push(current);
	}
	return path;
}

describe('surprise state machine (properties)', () => {
	it('no move leaves a final state, for either kind', () => {
		fc.assert(
			fc.property(fc.constantFrom(...finalStatuses), status, kind, (from, to, k) => {
				expect(canTransition(from, to, k)).toBe(false);
				expect(() => assertTransition(from, to, k)).toThrow(ConflictError);
			})
		);
		fc.assert(
			fc.property(kind, fc.array(status, { maxLength: 40 }), (k, attempts) => {
				const { path } = replay(k, attempts);
				const firstFinal = path.findIndex((s) => isIn(finalStatuses, s));
				if (firstFinal >= 0) expect(path.length - 1).toBe(firstFinal);
			})
		);
	});

	it('a digital surprise never passes awaiting_address (nor any postal state): planned → approved → sent | cancelled', () => {
		const postal: SurpriseStatus[] = [
			'awaiting_address',
			'ready',
			'printed',
			'shipped',
			'delivered'
		];
		fc.assert(
			fc.property(
				fc.array(status, { maxLength: 40 }),
				fc.array(fc.nat(), { maxLength: 40 }),
				(attempts, picks) => {
					for (const path of [replay('digital', attempts).path, walk('digital', picks)]) {
						expect(path.some((s) => postal.includes(s))).toBe(false);
						expect(path.length).toBeLessThanOrEqual(3);
					}
				}
			)
		);
		expect([...reachable('digital')].sort()).toEqual(['approved', 'cancelled', 'planned', 'sent']);
		// And a physical surprise is never "sent".
		expect(reachable('physical').has('sent')).toBe(false);
	});

	it('every state a sequence of attempts reaches is reached only through legal moves, and every legal state is reachable', () => {
		for (const k of kinds) {
			const legal = reachable(k);
			fc.assert(
				fc.property(fc.array(status, { maxLength: 60 }), (attempts) => {
					const { path, refused } = replay(k, attempts);
					for (let i = 1; i < path.length; i++)
						expect(canTransition(path[i - 1]!, path[i]!, k)).toBe(true);
					for (const s of path) expect(legal.has(s)).toBe(true);
					expect(path.length - 1 + refused).toBe(attempts.length);
				})
			);
			// Each legal state is the end of some legal walk.
			const ends = new Set<SurpriseStatus>();
			fc.assert(
				fc.property(fc.array(fc.nat(), { maxLength: 12 }), (picks) => {
					for (const s of walk(k, picks)) ends.add(s);
				}),
				{ numRuns: 500 }
			);
			expect([...ends].sort()).toEqual([...legal].sort());
		}
	});

	it('every reserving state can be cancelled (and so release what it holds); only reserving or planned states can', () => {
		fc.assert(
			fc.property(kind, fc.array(fc.nat(), { maxLength: 20 }), (k, picks) => {
				for (const s of walk(k, picks)) {
					if (isIn(reservingStatuses, s)) expect(canTransition(s, 'cancelled', k)).toBe(true);
					if (canTransition(s, 'cancelled', k))
						expect(s === 'planned' || isIn(reservingStatuses, s)).toBe(true);
				}
			})
		);
		for (const s of reservingStatuses) expect(canTransition(s, 'cancelled', 'physical')).toBe(true);
		expect(canTransition('approved', 'cancelled', 'digital')).toBe(true);
		// Once shipped or sent, the money is spent: no cancel.
		for (const k of kinds)
			for (const s of spentStatuses) expect(canTransition(s, 'cancelled', k)).toBe(false);
	});
});
