/**
 * The draw record `hoppatee-draw/2` (and `/1`, which still verifies): everything needed to re-run a
 * draw offline. Version 2 adds each candidate's household and `minPerChannel`. Prepared, it holds
 * the parameters, the pool and the commitment (hashes of params, pool and the still secret seed);
 * drawn, it adds the seed and the result. `verifyDrawRecord` is the one verifier: the API's verify
 * endpoint and `npm run draw:verify` both call it.
 */
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import {
	ALGORITHMS,
	GENERATOR,
	canonicalPool,
	pickable,
	candidateProblem,
	poolHash,
	runDraw,
	seedHash,
	serialiseParams,
	sha256Hex,
	type AlgorithmVersion,
	type Candidate,
	type DrawParams,
	type DrawOutcome
} from './algorithm.ts';

export const RECORD_FORMATS = { 1: 'hoppatee-draw/1', 2: 'hoppatee-draw/2' } as const;

const hex64 = z.string().regex(/^[0-9a-f]{64}$/);
const isoUtc = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{3})?Z$/);

const candidateFields = {
	id: z.string(),
	handle: z.string(),
	channel: z.string(),
	weight: z.number()
};
const goodCandidate = (c: Candidate) => candidateProblem(c) === null;

const paramFields = {
	generator: z.literal(GENERATOR),
	winners: z.number().int().min(1),
	reserves: z.number().int().min(0),
	weightCap: z.enum(['none', '2x-median'])
};

const recordFields = {
	drawId: z.string(),
	commitment: z.strictObject({
		paramsHash: hex64,
		poolHash: hex64,
		seedHash: hex64,
		committedAt: isoUtc
	}),
	seed: hex64.nullable(),
	result: z
		.strictObject({
			winners: z.array(z.string()),
			reserves: z.array(z.string()),
			drawnAt: isoUtc
		})
		.nullable()
};

export const DrawRecordSchema = z.discriminatedUnion('format', [
	z.strictObject({
		format: z.literal(RECORD_FORMATS[1]),
		params: z.strictObject({ algorithm: z.literal(ALGORITHMS[1]), ...paramFields }),
		pool: z.array(z.strictObject(candidateFields).refine(goodCandidate, 'bad candidate')),
		...recordFields
	}),
	z.strictObject({
		format: z.literal(RECORD_FORMATS[2]),
		params: z.strictObject({
			algorithm: z.literal(ALGORITHMS[2]),
			...paramFields,
			minPerChannel: z.number().int().min(0)
		}),
		pool: z.array(
			z
				.strictObject({ ...candidateFields, household: z.string() })
				.refine(goodCandidate, 'bad candidate')
		),
		...recordFields
	})
]);

export type DrawRecord = z.infer<typeof DrawRecordSchema>;

export const versionOf = (r: Pick<DrawRecord, 'format'>): AlgorithmVersion =>
	r.format === RECORD_FORMATS[1] ? 1 : 2;

export const paramsOf = (r: Pick<DrawRecord, 'params'>): DrawParams => ({
	winners: r.params.winners,
	reserves: r.params.reserves,
	weightCap: r.params.weightCap,
	...('minPerChannel' in r.params ? { minPerChannel: r.params.minPerChannel } : {})
});

/**
 * A new prepared record (version 2) with a fresh 256-bit seed, returned apart: it stays secret
 * until drawn.
 */
export function prepareDrawRecord(input: {
	drawId: string;
	params: DrawParams;
	candidates: readonly Candidate[];
	now: Date;
}): { record: DrawRecord; seed: string } {
	const pool = canonicalPool(input.candidates).map((c) => ({ ...c, household: c.household ?? '' }));
	const seed = randomBytes(32).toString('hex');
	const params = {
		algorithm: ALGORITHMS[2],
		generator: GENERATOR,
		winners: input.params.winners,
		reserves: input.params.reserves,
		weightCap: input.params.weightCap,
		minPerChannel: input.params.minPerChannel ?? 0
	};
	return {
		seed,
		record: {
			format: RECORD_FORMATS[2],
			drawId: input.drawId,
			params,
			pool,
			commitment: {
				paramsHash: sha256Hex(serialiseParams(params, 2)),
				poolHash: poolHash(pool, 2),
				seedHash: seedHash(seed),
				committedAt: input.now.toISOString()
			},
			seed: null,
			result: null
		}
	};
}

/** The drawn record: the seed revealed, the outcome added. Throws when the seed is not the committed one. */
export function revealDrawRecord(record: DrawRecord, seed: string, now: Date): DrawRecord {
	if (seedHash(seed) !== record.commitment.seedHash)
		throw new Error('seed does not match commitment');
	const outcome = runDraw(
		record.pool,
		paramsOf(record),
		Buffer.from(seed, 'hex'),
		versionOf(record)
	);
	return { ...record, seed, result: { ...outcome, drawnAt: now.toISOString() } };
}

export type Verification =
	| { identical: true; outcome: DrawOutcome }
	| { identical: false; difference: string; outcome?: DrawOutcome };

function firstListDifference(name: string, recorded: readonly string[], rerun: readonly string[]) {
	const n = Math.max(recorded.length, rerun.length);
	for (let i = 0; i < n; i++) {
		if (recorded[i] !== rerun[i])
			return `${name}[${i}]: record says ${recorded[i] ?? '(none)'}, re-run gives ${rerun[i] ?? '(none)'}`;
	}
	return null;
}

/**
 * Re-checks a record from scratch: its shape, the canonical pool order, the three commitment hashes
 * and the re-run outcome. Returns the first difference found, in that order.
 */
export function verifyDrawRecord(input: unknown): Verification {
	const parsed = DrawRecordSchema.safeParse(input);
	if (!parsed.success) {
		const issue = parsed.error.issues[0]!;
		return {
			identical: false,
			difference: `record: ${issue.path.join('.') || '(root)'}: ${issue.message}`
		};
	}
	const r = parsed.data;
	let pool: Candidate[];
	try {
		pool = canonicalPool(r.pool);
	} catch (e) {
		return { identical: false, difference: `pool: ${(e as Error).message}` };
	}
	const moved = pool.findIndex((c, i) => c.id !== r.pool[i]!.id);
	if (moved >= 0) return { identical: false, difference: `pool[${moved}]: not in canonical order` };
	const params = paramsOf(r);
	const version = versionOf(r);
	const checks: [string, string, string][] = [
		['commitment.paramsHash', r.commitment.paramsHash, sha256Hex(serialiseParams(params, version))],
		['commitment.poolHash', r.commitment.poolHash, poolHash(pool, version)]
	];
	for (const [name, recorded, computed] of checks) {
		if (recorded !== computed)
			return {
				identical: false,
				difference: `${name}: record says ${recorded}, re-computed ${computed}`
			};
	}
	if (params.winners + params.reserves > (version === 1 ? pool.length : pickable(pool)))
		return { identical: false, difference: 'params: more winners and reserves than candidates' };
	if (r.seed === null)
		return { identical: false, difference: 'seed: not revealed yet (draw not done)' };
	const sh = seedHash(r.seed);
	if (sh !== r.commitment.seedHash)
		return {
			identical: false,
			difference: `seed: its SHA-256 is ${sh}, the commitment says ${r.commitment.seedHash}`
		};
	const outcome = runDraw(pool, params, Buffer.from(r.seed, 'hex'), version);
	if (r.result === null) return { identical: false, difference: 'result: missing', outcome };
	const diff =
		firstListDifference('result.winners', r.result.winners, outcome.winners) ??
		firstListDifference('result.reserves', r.result.reserves, outcome.reserves);
	return diff ? { identical: false, difference: diff, outcome } : { identical: true, outcome };
}
