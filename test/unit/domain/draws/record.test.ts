import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
	prepareDrawRecord,
	revealDrawRecord,
	verifyDrawRecord,
	type DrawRecord
} from '../../../../api/src/domain/draws/record.ts';

const root = path.resolve(import.meta.dirname, '../../../..');
const node = path.join(root, 'node_modules/.bin/node');
const recordModule = path.join(root, 'api/src/domain/draws/record.ts');

const candidates = Array.from({ length: 30 }, (_, i) => ({
	id: `0000000${i % 10}-0000-4000-8000-0000000000${String(i).padStart(2, '0')}`,
	handle: i % 7 === 0 ? `@zoë_${i}` : `@user${i}`,
	channel: i % 2 ? 'instagram' : 'x',
	weight: 1 + (i % 4),
	// Two households of three: at most one pick each.
	household: i % 10 === 3 ? 'aaaa' : i % 10 === 7 ? 'bbbb' : ''
}));

function drawn(): DrawRecord {
	const { record, seed } = prepareDrawRecord({
		drawId: 'draw-1',
		params: { winners: 5, reserves: 3, weightCap: '2x-median', minPerChannel: 2 },
		candidates,
		now: new Date('2027-02-17T09:00:00Z')
	});
	return revealDrawRecord(record, seed, new Date('2027-02-17T10:00:00Z'));
}

describe('draw record', () => {
	it('a drawn record verifies identical; a prepared one says the seed is not revealed', () => {
		const r = drawn();
		expect(verifyDrawRecord(r)).toMatchObject({ identical: true });
		expect(verifyDrawRecord(JSON.parse(JSON.stringify(r)))).toMatchObject({ identical: true });
		const prepared = { ...r, seed: null, result: null };
		expect(verifyDrawRecord(prepared)).toMatchObject({
			identical: false,
			difference: expect.stringMatching(/^seed/)
		});
		expect(() => revealDrawRecord(prepared, '00'.repeat(32), new Date())).toThrow(/commitment/);
	});

	it('names the first difference when the recorded winners were changed', () => {
		const r = drawn();
		const swapped = {
			...r,
			result: { ...r.result!, winners: [r.result!.reserves[0]!, ...r.result!.winners.slice(1)] }
		};
		expect(verifyDrawRecord(swapped)).toMatchObject({
			identical: false,
			difference: expect.stringMatching(/^result\.winners\[0\]: record says/)
		});
	});

	it('detects any changed byte in the params, the pool or the seed', () => {
		const text = JSON.stringify(drawn());
		const start = text.indexOf('"params"');
		const end = text.indexOf('"commitment"');
		const seedStart = text.indexOf('"seed"');
		const seedEnd = text.indexOf('"result"');
		expect(start).toBeGreaterThan(0);
		const positions = [
			...Array.from({ length: end - start }, (_, i) => start + i),
			...Array.from({ length: seedEnd - seedStart }, (_, i) => seedStart + i)
		];
		let checked = 0;
		fc.assert(
			fc.property(fc.constantFrom(...positions), fc.integer({ min: 1, max: 94 }), (pos, shift) => {
				const code = text.charCodeAt(pos);
				// Printable ASCII, never the same character again.
				const next = String.fromCharCode(32 + ((code - 32 + shift) % 95));
				const changed = text.slice(0, pos) + next + text.slice(pos + 1);
				let data: unknown;
				try {
					data = JSON.parse(changed);
				} catch {
					return; // an unreadable record: the command line says so
				}
				checked++;
				expect(verifyDrawRecord(data).identical).toBe(false);
			}),
			{ numRuns: 2000 }
		);
		expect(checked).toBeGreaterThan(500);
	});

	it('gives the same winners under UTC, Europe/Amsterdam, America/New_York and Asia/Tokyo', () => {
		const algorithmModule = path.join(root, 'api/src/domain/draws/algorithm.ts');
		const script = `
			import { canonicalPool, poolHash, runDraw } from ${JSON.stringify(algorithmModule)};
			import { verifyDrawRecord } from ${JSON.stringify(recordModule)};
			const input = JSON.parse(process.env.DRAW_INPUT);
			const pool = canonicalPool(input.candidates);
			process.stdout.write(JSON.stringify({
				tz: Intl.DateTimeFormat().resolvedOptions().timeZone,
				hash: poolHash(pool, 2),
				result: runDraw(pool, input.params, Buffer.from(input.record.seed, 'hex'), 2),
				verified: verifyDrawRecord(input.record).identical
			}));`;
		const r = drawn();
		const input = JSON.stringify({
			params: { winners: 5, reserves: 3, weightCap: '2x-median', minPerChannel: 2 },
			// Shuffled: the canonical order must not depend on how the pool arrived.
			candidates: [...candidates].reverse(),
			record: r
		});
		const outputs = ['UTC', 'Europe/Amsterdam', 'America/New_York', 'Asia/Tokyo'].map((tz, i) =>
			JSON.parse(
				execFileSync(node, ['--input-type=module', '-e', script], {
					env: {
						...process.env,
						TZ: tz,
						LANG: ['C', 'nl_NL.UTF-8', 'en_US.UTF-8', 'ja_JP.UTF-8'][i],
						DRAW_INPUT: input
					},
					encoding: 'utf8'
				})
			)
		);
		expect(outputs.map((o) => o.tz)).toEqual([
			'UTC',
			'Europe/Amsterdam',
			'America/New_York',
			'Asia/Tokyo'
		]);
		for (const o of outputs) {
			expect(o.hash).toBe(r.commitment.poolHash);
			expect(o.result).toEqual({ winners: r.result!.winners, reserves: r.result!.reserves });
			expect(o.verified).toBe(true);
		}
	});

	it('npm run draw:verify prints identical, or the first difference with exit 1', () => {
		const dir = mkdtempSync(path.join(tmpdir(), 'draw-verify-'));
		const good = path.join(dir, 'good.json');
		const bad = path.join(dir, 'bad.json');
		const r = drawn();
		writeFileSync(good, JSON.stringify(r, null, 2));
		writeFileSync(bad, JSON.stringify({ ...r, params: { ...r.params, reserves: 2 } }));
		const cli = path.join(root, 'api/src/domain/draws/verify-cli.ts');
		const ok = spawnSync(node, [cli, good], { encoding: 'utf8' });
		expect(ok.status).toBe(0);
		expect(ok.stdout).toBe('identical: 5 winners, 3 reserves\n');
		const no = spawnSync(node, [cli, bad], { encoding: 'utf8' });
		expect(no.status).toBe(1);
		expect(no.stdout).toMatch(/^not identical: first difference commitment\.paramsHash/);
	});
});
