/**
 * Backup and restore figures: `npm run backup`'s path (pg_dump from an exported snapshot, with the
 * table counts in that snapshot) against a bare `pg_dump --format=custom` of the same database in
 * the same run, on the demo data and on 100,000 customers / 1,000,000 reactions (PostgreSQL); and the
 * embedded demo's backup (the app's tarball, read back) and restore.
 * Run: node bench/backup.ts  (CUSTOMERS=… REACTIONS=… to scale).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import postgres from 'postgres';
import { backupEmbedded, backupPostgres, restoreEmbedded, restorePostgres } from '#db/backup.ts';
import { formatBytes } from '#db/backup-report.ts';
import { migrateDatabase, openDatabase } from '#db/client.ts';
import { seedDemo } from '#api/seed/demo.ts';
import { createDatabase, startPgServer } from '../test/support/pg-server.ts';

const CUSTOMERS = Number(process.env.CUSTOMERS ?? 100_000);
const REACTIONS = Number(process.env.REACTIONS ?? 1_000_000);
const log = (line: string) => process.stdout.write(`${line}\n`);
const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hoppatee-bench-backup-'));

function bareDump(url: string, file: string): number {
	const t0 = performance.now();
	execFileSync('pg_dump', ['--format=custom', `--file=${file}`, url]);
	return performance.now() - t0;
}

async function comparePostgres(label: string, url: string, adminUrl: string): Promise<void> {
	const bareMs = bareDump(url, path.join(dir, `${label}-bare.dump`));
	const bareBytes = fs.statSync(path.join(dir, `${label}-bare.dump`)).size;
	const ours = await backupPostgres(url, path.join(dir, `${label}.dump`));
	const target = await createDatabase(
		adminUrl,
		`bench_restore_${label}_${Date.now().toString(36)}`
	);
	const restored = await restorePostgres(target, ours.file);
	const rows = ours.tables.reduce((n, t) => n + t.rows, 0);
	log(
		`backup: ${label} (PostgreSQL, ${rows.toLocaleString('en')} rows): backup ${s(ours.ms)}, ${formatBytes(ours.bytes)}; ` +
			`bare pg_dump ${s(bareMs)}, ${formatBytes(bareBytes)}; ${(ours.ms / bareMs).toFixed(2)}x the bare dump; restore ${s(restored.ms)}`
	);
}

const server = await startPgServer();
try {
	// Demo on PostgreSQL.
	const demoUrl = await createDatabase(server.url, `bench_backup_demo_${Date.now().toString(36)}`);
	const demo = await openDatabase({ url: demoUrl, max: 2 });
	await migrateDatabase(demo);
	await seedDemo(demo.db);
	await demo.close();
	await comparePostgres('demo', demoUrl, server.url);

	// Scale on PostgreSQL: generated in the server.
	const bigUrl = await createDatabase(server.url, `bench_backup_big_${Date.now().toString(36)}`);
	const big = await openDatabase({ url: bigUrl, max: 1 });
	await migrateDatabase(big);
	await big.close();
	const sql = postgres(bigUrl, { max: 1, onnotice: () => {} });
	const t0 = performance.now();
	await sql.unsafe(`
		insert into customers (id, name, locale)
			select gen_random_uuid(), 'Klant ' || g, case when g % 5 = 0 then 'en' else 'nl' end
			from generate_series(1, ${CUSTOMERS}) g;
		insert into handles (customer_id, channel, handle, handle_norm, followers)
			select id, 'x', 'klant_' || row_number() over (), 'klant_' || row_number() over (), (random() * 5000)::int
			from customers;
		create temporary table numbered as select id, row_number() over () as n from customers;
		insert into reactions (customer_id, channel, url, text, posted_at, kind, sentiment, suggested_sentiment, likes, followers, score_mass)
			select c.id, 'x', 'https://x.com/klant/status/' || g, 'Heerlijke stroopwafels, dank jullie wel! #' || g,
				now() - g * interval '37 seconds', 'post', 'positive', 'positive', g % 50, 100, 1.0
			from generate_series(1, ${REACTIONS}) g join numbered c on c.n = 1 + g % ${CUSTOMERS};
		analyze;`);
	await sql.end();
	log(
		`backup: loaded ${CUSTOMERS.toLocaleString('en')} customers, ${REACTIONS.toLocaleString('en')} reactions in ${s(performance.now() - t0)}`
	);
	await comparePostgres('100k-1M', bigUrl, server.url);

	// The embedded demo: the tarball (read back in memory) and its restore.
	const dataDir = path.join(dir, 'data');
	const embedded = await openDatabase({ dataDir });
	await migrateDatabase(embedded);
	await seedDemo(embedded.db);
	await embedded.close();
	const ours = await backupEmbedded(dataDir, path.join(dir, 'demo.tar.gz'));
	const restored = await restoreEmbedded(path.join(dir, 'restored'), ours.file);
	log(
		`backup: demo (embedded, ${ours.tables.reduce((n, t) => n + t.rows, 0).toLocaleString('en')} rows): backup ${s(ours.ms)}, ${formatBytes(ours.bytes)} (data directory ${formatBytes(Number(execFileSync('du', ['-sb', dataDir]).toString().split('\t')[0]))}); restore ${s(restored.ms)}`
	);
} finally {
	await server.stop();
	fs.rmSync(dir, { recursive: true, force: true });
}
