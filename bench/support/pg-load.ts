/** Bulk loading and timing helpers shared by the database benches. */
import type { Writable } from 'node:stream';
import type postgres from 'postgres';

/** Deterministic pseudo-random numbers (mulberry32), so every run loads the same data. */
export function rng(seed: number) {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

/** A fixed UUID for row `n` of table `kind`, so rows can point at each other before they exist. */
export const uuidFrom = (n: number, kind: number) =>
	`${kind.toString(16).padStart(8, '0')}-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;

export const log = (line: string) => process.stdout.write(`${line}\n`);
export const ms = (t0: number) => performance.now() - t0;
export const p95 = (xs: number[]) =>
	[...xs].sort((a, b) => a - b)[Math.ceil(xs.length * 0.95) - 1]!;
export const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** COPY … FROM STDIN of tab-separated lines, streamed in 1 MB chunks. */
export async function copy(
	sql: postgres.Sql,
	table: string,
	columns: string[],
	rows: () => Generator<string>
) {
	const stream = (await sql
		.unsafe(`copy ${table} (${columns.join(', ')}) from stdin`)
		.writable()) as Writable;
	let buffer = '';
	for (const line of rows()) {
		buffer += line;
		if (buffer.length > 1 << 20) {
			if (!stream.write(buffer)) await new Promise((r) => stream.once('drain', r));
			buffer = '';
		}
	}
	await new Promise<void>((resolve, reject) => {
		stream.on('error', reject);
		stream.on('finish', resolve);
		stream.end(buffer);
	});
}
