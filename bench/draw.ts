/**
 * A draw over 100,000 candidates (15 winners, 3 reserves): canonical ordering + pool hash, the
 * uniform draw, the weighted draw with the 2×-median cap, the version 2 draw with households and
 * strata, and verifying a drawn version 2 record. Medians of
 * five runs; the last line is the weighted draw's time as a ratio of the uniform one (baseline).
 * Run: node bench/draw.ts  (CANDIDATES=… to scale).
 */
import { randomBytes } from 'node:crypto';
import {
	canonicalPool,
	poolHash,
	runDraw,
	type Candidate
} from '../api/src/domain/draws/algorithm.ts';
import {
	prepareDrawRecord,
	revealDrawRecord,
	verifyDrawRecord
} from '../api/src/domain/draws/record.ts';

const CANDIDATES = Number(process.env.CANDIDATES ?? 100_000);
const RUNS = 5;
const TARGET_MS = 1000;
const log = (line: string) => process.stdout.write(`${line}\n`);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

function time(fn: () => void) {
	const runs: number[] = [];
	for (let i = 0; i < RUNS; i++) {
		const t0 = performance.now();
		fn();
		runs.push(performance.now() - t0);
	}
	return median(runs);
}

const candidates: Candidate[] = Array.from({ length: CANDIDATES }, (_, i) => ({
	id: `${(i * 2654435761) % 2 ** 32}`.padStart(10, '0') + `-${i}`,
	handle: `@customer${i}`,
	channel: i % 3 ? 'instagram' : 'facebook',
	weight: 1 + (i % 7)
}));
const uniformCandidates = candidates.map((c) => ({ ...c, weight: 1 }));
const pool = canonicalPool(candidates);
const uniformPool = canonicalPool(uniformCandidates);
const seed = randomBytes(32);

const canon = time(() => poolHash(canonicalPool(candidates)));
const uniform = time(() =>
	runDraw(uniformPool, { winners: 15, reserves: 3, weightCap: 'none' }, seed)
);
const weighted = time(() =>
	runDraw(pool, { winners: 15, reserves: 3, weightCap: '2x-median' }, seed)
);
// Version 2: every tenth candidate shares a household with the next, at least 2 per channel.
const households = canonicalPool(
	candidates.map((c, i) => ({ ...c, household: i % 10 < 2 ? `h${Math.floor(i / 10)}` : '' }))
);
const stratified = time(() =>
	runDraw(
		households,
		{ winners: 15, reserves: 3, weightCap: '2x-median', minPerChannel: 2 },
		seed,
		2
	)
);
const prepared = prepareDrawRecord({
	drawId: 'bench',
	params: { winners: 15, reserves: 3, weightCap: '2x-median', minPerChannel: 2 },
	candidates: households,
	now: new Date()
});
const record = revealDrawRecord(prepared.record, prepared.seed, new Date());
const verify = time(() => {
	if (!verifyDrawRecord(record).identical) throw new Error('record does not verify');
});

log(`draw: ${CANDIDATES} candidates, 15 winners + 3 reserves, median of ${RUNS}`);
log(`draw: canonical order + pool hash ${canon.toFixed(1)} ms`);
log(`draw: uniform ${uniform.toFixed(1)} ms`);
log(`draw: weighted, 2×-median cap ${weighted.toFixed(1)} ms`);
log(`draw: weighted, households and at least 2 per channel ${stratified.toFixed(1)} ms`);
log(`draw: verify a drawn record (parse, hashes, re-run) ${verify.toFixed(1)} ms`);
log(`draw: weighted ${(weighted / uniform).toFixed(2)}x the uniform draw`);
log(`draw: households + strata ${(stratified / uniform).toFixed(2)}x the uniform draw`);
if (Math.max(uniform, weighted, stratified, verify) > TARGET_MS) {
	log(`draw: slower than the ${TARGET_MS} ms target`);
	process.exit(1);
}
