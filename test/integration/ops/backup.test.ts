/**
 * `npm run backup` / `npm run restore` against a running app under writes, on both engines: the
 * restored database holds exactly what the backup's snapshot held (every table's row count and md5
 * of its ordered rows), every write acknowledged before the backup began, and nothing begun after it.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { pgliteOf, pgliteQuery, type BackupResult, type RestoreResult } from '#db/backup.ts';
import { migrateDatabase, openDatabase, type Database } from '#db/client.ts';
import { boot, type Runtime } from '#api/runtime.ts';
import { parseEnv } from '#api/env.ts';
import { testApi } from '../../support/api.ts';
import { createDatabase, dropDatabase } from '../../support/pg-server.ts';

const root = path.resolve(import.meta.dirname, '../../..');
const run = promisify(execFile);
const WRITERS = 20;

/** Runs a command as npm does (Node 24); returns its exit code and output, never throws. */
async function cli(
	script: string,
	args: string[],
	env: Record<string, string>
): Promise<{ code: number; out: string; err: string }> {
	try {
		const { stdout, stderr } = await run(process.execPath, [script, ...args], {
			cwd: root,
			env: { ...process.env, DATABASE_URL: '', DATA_DIR: '', ...env }
		});
		return { code: 0, out: stdout, err: stderr };
	} catch (error) {
		const e = error as { code: number; stdout: string; stderr: string };
		return { code: e.code, out: e.stdout, err: e.stderr };
	}
}

interface Write {
	name: string;
	started: number;
	acked?: number;
}

/** WRITERS clients creating customers through the API until stopped; every write recorded. */
function startWriters(database: Database) {
	const t = testApi(database);
	const writes: Write[] = [];
	let stopping = false;
	let failures = 0;
	const ready = t.user('hub');
	const done = ready.then((hub) =>
		Promise.all(
			Array.from({ length: WRITERS }, async (_, w) => {
				for (let n = 0; !stopping; n += 1) {
					const write: Write = { name: `Writer ${w} customer ${n}`, started: performance.now() };
					writes.push(write);
					const res = await t.client.api.v1.customers.$post(
						{
							json: { name: write.name, handles: [{ channel: 'instagram', handle: `@w${w}n${n}` }] }
						},
						{ headers: hub.headers }
					);
					if (res.status === 201) write.acked = performance.now();
					else failures += 1;
					// PGlite answers in microtasks: a client on the wire waits for I/O, so timers and
					// the backup command's socket get their turn.
					await new Promise((resolve) => setImmediate(resolve));
				}
			})
		)
	);
	return {
		ready,
		writes,
		/** Waits until at least n writes were acknowledged. */
		async until(n: number) {
			while (writes.filter((w) => w.acked).length < n) await new Promise((r) => setTimeout(r, 20));
		},
		async stop() {
			stopping = true;
			await done;
			return failures;
		}
	};
}

/** What the backup must hold: everything acknowledged before it began, nothing begun after it ended. */
function expectWritesAtSnapshot(
	writes: Write[],
	began: number,
	ended: number,
	restored: Set<string>
) {
	const before = writes.filter((w) => w.acked !== undefined && w.acked < began);
	const after = writes.filter((w) => w.started > ended);
	expect(before.length).toBeGreaterThan(0);
	expect(before.filter((w) => !restored.has(w.name))).toEqual([]);
	expect(after.filter((w) => restored.has(w.name))).toEqual([]);
	// Taken under writes: some writes landed after the backup.
	expect(restored.size).toBeLessThan(writes.filter((w) => w.acked).length);
}

describe('backup and restore of a running app under writes', () => {
	const cleanups: (() => Promise<void> | void)[] = [];
	afterAll(async () => {
		for (const cleanup of cleanups.reverse()) await cleanup();
	});

	it('PostgreSQL: 20 writers, pg_dump from the snapshot, pg_restore into an empty database', async () => {
		const adminUrl = inject('pgAdminUrl');
		const suffix = `${process.pid}_${Date.now().toString(36)}`;
		const sourceUrl = await createDatabase(adminUrl, `backup_src_${suffix}`);
		const targetUrl = await createDatabase(adminUrl, `backup_dst_${suffix}`);
		cleanups.push(
			() => dropDatabase(adminUrl, `backup_src_${suffix}`),
			() => dropDatabase(adminUrl, `backup_dst_${suffix}`)
		);
		const database = await openDatabase({ url: sourceUrl, max: WRITERS + 5 });
		cleanups.push(() => database.close());
		await migrateDatabase(database);
		const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'hoppatee-backup-')), 'pg.dump');
		cleanups.push(() => fs.rmSync(path.dirname(file), { recursive: true, force: true }));

		const writers = startWriters(database);
		await writers.ready;
		await writers.until(100);
		const began = performance.now();
		const backup = await cli('db/backup-cli.ts', [file, '--checksums', '--json'], {
			DATABASE_URL: sourceUrl
		});
		const ended = performance.now();
		await writers.until(writers.writes.filter((w) => w.acked).length + 50);
		expect(await writers.stop()).toBe(0);
		expect(backup, backup.err).toMatchObject({ code: 0 });
		const made = JSON.parse(backup.out) as BackupResult;
		expect(made).toMatchObject({ kind: 'postgres', file });
		expect(made.bytes).toBe(fs.statSync(file).size);
		expect(fs.readFileSync(file).subarray(0, 5).toString()).toBe('PGDMP');

		const restore = await cli('db/restore-cli.ts', [file, '--checksums', '--json'], {
			DATABASE_URL: targetUrl
		});
		expect(restore, restore.err).toMatchObject({ code: 0 });
		const restored = JSON.parse(restore.out) as RestoreResult;
		// The backup's sums were taken on the source inside the snapshot pg_dump dumped.
		expect(restored.tables).toEqual(made.tables);
		expect(made.tables.length).toBeGreaterThan(20);

		const target = await openDatabase({ url: targetUrl, max: 1 });
		try {
			const names = (await target.db.execute('select name from customers')) as unknown as {
				name: string;
			}[];
			expectWritesAtSnapshot(writers.writes, began, ended, new Set(names.map((r) => r.name)));
		} finally {
			await target.close();
		}

		// A second restore onto the now full database is refused, and --force replaces it.
		const again = await cli('db/restore-cli.ts', [file], { DATABASE_URL: targetUrl });
		expect(again.code).toBe(1);
		expect(again.err).toMatch(/The database in DATABASE_URL is not empty \(\d+ tables\).*--force/);
		const forced = await cli('db/restore-cli.ts', [file, '--force', '--checksums', '--json'], {
			DATABASE_URL: targetUrl
		});
		expect(forced, forced.err).toMatchObject({ code: 0 });
		expect((JSON.parse(forced.out) as RestoreResult).tables).toEqual(restored.tables);
	}, 180_000);

	it('embedded: 20 writers, the backup served by the running app, restored into an empty directory', async () => {
		const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hoppatee-backup-'));
		cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
		const dataDir = path.join(dir, 'data');
		const runtime: Runtime = await boot(
			parseEnv({ DATA_DIR: dataDir, SEED_DEMO: 'false', LOG_LEVEL: 'silent' }),
			{ backupSocket: true }
		);
		cleanups.push(() => runtime.close());
		const file = path.join(dir, 'embedded.tar.gz');

		const writers = startWriters(runtime.database);
		await writers.ready;
		await writers.until(100);
		const began = performance.now();
		const backup = await cli('db/backup-cli.ts', [file, '--checksums', '--json'], {
			DATA_DIR: dataDir
		});
		const ended = performance.now();
		await writers.until(writers.writes.filter((w) => w.acked).length + 50);
		expect(await writers.stop()).toBe(0);
		expect(backup, backup.err).toMatchObject({ code: 0 });
		const made = JSON.parse(backup.out) as BackupResult;
		expect(made).toMatchObject({ kind: 'pglite', via: 'app', file });

		const restoredDir = path.join(dir, 'restored');
		const restore = await cli('db/restore-cli.ts', [file, '--checksums', '--json'], {
			DATA_DIR: restoredDir
		});
		expect(restore, restore.err).toMatchObject({ code: 0 });
		const restored = JSON.parse(restore.out) as RestoreResult;
		expect(restored.tables).toEqual(made.tables);

		// Against the source: every restored row is one the source holds (the writes only insert),
		// and the customers are those of one moment between the backup's start and end.
		const source = pgliteQuery(pgliteOf(runtime.database));
		const target = await openDatabase({ dataDir: restoredDir });
		try {
			const copy = pgliteQuery(pgliteOf(target));
			for (const { table } of made.tables) {
				const rowsOf = async (query: typeof source) =>
					(await query(`set timezone = 'UTC'; select r::text as row from ${table} r`)).map((r) =>
						String(r.row)
					);
				const inSource = new Set(await rowsOf(source));
				const missing = (await rowsOf(copy)).filter((row) => !inSource.has(row));
				expect(missing, table).toEqual([]);
			}
			const names = await copy('select name from customers');
			expectWritesAtSnapshot(
				writers.writes,
				began,
				ended,
				new Set(names.map((r) => String(r.name)))
			);
		} finally {
			await target.close();
		}

		// The restored directory is no longer empty: refused, and --force sets the old one aside.
		const again = await cli('db/restore-cli.ts', [file], { DATA_DIR: restoredDir });
		expect(again.code).toBe(1);
		expect(again.err).toContain(`${restoredDir} is not empty`);
		const forced = await cli('db/restore-cli.ts', [file, '--force', '--json'], {
			DATA_DIR: restoredDir
		});
		expect(forced, forced.err).toMatchObject({ code: 0 });
		const aside = (JSON.parse(forced.out) as RestoreResult).setAside!;
		expect(fs.existsSync(path.join(aside, 'PG_VERSION'))).toBe(true);
		// A restore under the running app is refused by the data-directory lock.
		const underApp = await cli('db/restore-cli.ts', [file, '--force'], { DATA_DIR: dataDir });
		expect(underApp.code).toBe(1);
		expect(underApp.err).toContain('is in use by another Hoppatee process');
	}, 180_000);
});
