/**
 * Backup and restore of both kinds of database, used by `npm run backup` / `npm run restore` and the
 * nightly backup job.
 *
 * Embedded (PGlite): one process owns ./data (see lockDataDir in client.ts), so a second process can
 * not open it while the app runs. The running app therefore serves its own backup on a local socket
 * that only its user can open (`serveBackups`); the CLI asks it there and, when no app runs, opens the
 * directory itself. The backup is PGlite's own tarball of the data directory (`dumpDataDir`, gzip),
 * taken while no transaction is open (PGlite's transaction lock held, every query waiting): it is the
 * state after some commit, restored as after a clean crash. It is read back in memory before it counts.
 *
 * PostgreSQL: `pg_dump --format=custom` from an exported snapshot, so the row counts (and checksums)
 * the backup reports are those of exactly what it holds; `pg_restore` brings it back.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import postgres from 'postgres';
import { lockDataDir, openDatabase, type Database } from './client.ts';

export type BackupKind = 'pglite' | 'postgres';

/** One table's content: its row count and (when asked) the md5 of its rows in text order. */
export interface TableSum {
	table: string;
	rows: number;
	md5?: string;
}

export interface BackupResult {
	kind: BackupKind;
	file: string;
	bytes: number;
	ms: number;
	/** For embedded backups: taken by the running app (socket) or by opening the directory. */
	via?: 'app' | 'directory';
	tables: TableSum[];
}

/** A message meant for the person at the terminal (the CLIs print only the message). */
export class BackupError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'BackupError';
	}
}

type Query = (text: string) => Promise<Record<string, unknown>[]>;

const TABLES_SQL = `select schemaname as s, tablename as t from pg_tables
	where schemaname in ('public', 'drizzle') order by 1, 2`;

/** Row count and (checksums) md5 of every table of the app's schemas, in one snapshot (caller's). */
export async function tableSums(query: Query, checksums: boolean): Promise<TableSum[]> {
	// Text forms of timestamps and floats follow the session: pin them so two databases compare.
	await query(`set timezone = 'UTC'; set datestyle = 'ISO, YMD'; set extra_float_digits = 1`);
	const sums: TableSum[] = [];
	for (const row of await query(TABLES_SQL)) {
		const name = `"${String(row.s)}"."${String(row.t)}"`;
		const md5 = checksums
			? `, md5(coalesce(string_agg(r::text, E'\\n' order by r::text collate "C"), '')) as md5`
			: '';
		const [sum] = await query(`select count(*)::bigint as n${md5} from ${name} r`);
		sums.push({
			table: `${String(row.s)}.${String(row.t)}`,
			rows: Number(sum!.n),
			...(checksums ? { md5: String(sum!.md5) } : {})
		});
	}
	return sums;
}

export const pgliteQuery =
	(pg: PGlite): Query =>
	async (text) =>
		text.includes(';')
			? ((await pg.exec(text)).at(-1)?.rows ?? [])
			: (await pg.query<Record<string, unknown>>(text)).rows;

/** The PGlite instance under an embedded Database. */
export function pgliteOf(database: Database): PGlite {
	return (database.db as unknown as { $client: PGlite }).$client;
}

/**
 * The data directory as a gzip tarball, with no transaction half-done: PGlite's transaction lock is
 * held (every other transaction waits), and dumpDataDir takes the query lock (every query waits).
 * The CHECKPOINT first keeps the WAL a restore replays short.
 */
export async function dumpEmbedded(pg: PGlite): Promise<Buffer> {
	await pg.exec('CHECKPOINT');
	const blob = await pg._runExclusiveTransaction(() => pg.dumpDataDir('gzip'));
	return Buffer.from(await blob.arrayBuffer());
}

/** Opens an embedded backup in memory: it must open, and its tables are what it holds. */
export async function readEmbeddedBackup(bytes: Buffer, checksums: boolean): Promise<TableSum[]> {
	let pg: PGlite;
	try {
		pg = await PGlite.create({ loadDataDir: new Blob([new Uint8Array(bytes)]) });
	} catch (error) {
		throw new BackupError(`The backup does not open as an embedded database: ${String(error)}`);
	}
	try {
		return await tableSums(pgliteQuery(pg), checksums);
	} finally {
		await pg.close();
	}
}

/** Writes next to the target, then renames: a half-written backup never carries the final name. */
export function writeAtomically(file: string, bytes: Buffer): void {
	fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
	const partial = `${file}.partial-${process.pid}`;
	fs.writeFileSync(partial, bytes, { mode: 0o600 });
	fs.renameSync(partial, file);
}

// ── The running app's backup socket ────────────────────────────────────────────────────────────

/**
 * Where the app that holds dataDir answers backup requests: a Unix socket in the temp directory
 * (outside the data directory, which the tarball copies), named after the directory's real path.
 */
export function backupSocketPath(dataDir: string): string {
	const real = fs.existsSync(dataDir) ? fs.realpathSync(dataDir) : path.resolve(dataDir);
	const id = createHash('sha256').update(real).digest('hex').slice(0, 16);
	return process.platform === 'win32'
		? `\\\\.\\pipe\\hoppatee-backup-${id}`
		: path.join(os.tmpdir(), `hoppatee-backup-${id}.sock`);
}

/**
 * Serves `GET /backup` (the tarball) on backupSocketPath, mode 0600: whoever may open the socket
 * could read ./data anyway. The caller holds the data-directory lock, so an old socket file is stale.
 */
export async function serveBackups(
	database: Database,
	dataDir: string
): Promise<{ close(): Promise<void> }> {
	const pg = pgliteOf(database);
	const socket = backupSocketPath(dataDir);
	if (process.platform !== 'win32') fs.rmSync(socket, { force: true });
	let running: Promise<Buffer> | null = null;
	const server = http.createServer((req, res) => {
		if (req.method !== 'GET' || req.url !== '/backup') {
			res.writeHead(404).end();
			return;
		}
		// Two requests at once share one dump.
		running ??= dumpEmbedded(pg).finally(() => (running = null));
		running.then(
			(bytes) =>
				res
					.writeHead(200, {
						'content-type': 'application/gzip',
						'content-length': bytes.length
					})
					.end(bytes),
			(error: Error) => res.writeHead(500, { 'content-type': 'text/plain' }).end(error.message)
		);
	});
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(socket, () => resolve());
	});
	if (process.platform !== 'win32') fs.chmodSync(socket, 0o600);
	return {
		close: () =>
			new Promise<void>((resolve) => {
				server.close(() => resolve());
				server.closeAllConnections();
			})
	};
}

/** Asks the app on the socket for a backup; null when no app answers there. */
async function askRunningApp(dataDir: string): Promise<Buffer | null> {
	const socketPath = backupSocketPath(dataDir);
	return new Promise((resolve, reject) => {
		const req = http.get({ socketPath, path: '/backup' }, (res) => {
			const chunks: Buffer[] = [];
			res.on('data', (chunk: Buffer) => chunks.push(chunk));
			res.on('error', reject);
			res.on('end', () => {
				const body = Buffer.concat(chunks);
				if (res.statusCode === 200) resolve(body);
				else reject(new BackupError(`The running app could not make the backup: ${body}`));
			});
		});
		req.on('error', (error: NodeJS.ErrnoException) => {
			if (['ENOENT', 'ECONNREFUSED'].includes(error.code ?? '')) resolve(null);
			else if (error.code === 'EACCES')
				reject(
					new BackupError(
						`The running app's backup socket ${socketPath} is not open to this user: run the backup as the user the app runs as.`
					)
				);
			else reject(error);
		});
	});
}

// ── Backup ─────────────────────────────────────────────────────────────────────────────────────

/** Embedded: through the running app when there is one, else by opening the directory. */
export async function backupEmbedded(
	dataDir: string,
	file: string,
	options: { checksums?: boolean } = {}
): Promise<BackupResult> {
	const started = performance.now();
	let via: 'app' | 'directory' = 'app';
	let bytes = await askRunningApp(dataDir);
	if (!bytes) {
		if (!fs.existsSync(path.join(dataDir, 'PG_VERSION')))
			throw new BackupError(`There is no embedded database in ${dataDir} to back up.`);
		via = 'directory';
		// Throws DataDirLockedError when an app holds the directory without a socket (an older version).
		const database = await openDatabase({ dataDir });
		try {
			bytes = await dumpEmbedded(pgliteOf(database));
		} finally {
			await database.close();
		}
	}
	const tables = await readEmbeddedBackup(bytes, options.checksums ?? false);
	writeAtomically(file, bytes);
	return {
		kind: 'pglite',
		file,
		bytes: bytes.length,
		ms: performance.now() - started,
		via,
		tables
	};
}

const PG_TOOLS_MISSING = (tool: string) =>
	`${tool} was not found: install the PostgreSQL client tools of your server's major version (Debian/Ubuntu: apt-get install postgresql-client; macOS: brew install libpq), or put them on PATH.`;

/** Runs a PostgreSQL client tool; its stderr becomes the error. */
function run(tool: string, args: string[]): Promise<void> {
	return new Promise((resolve, reject) => {
		const child = spawn(tool, args, { stdio: ['ignore', 'ignore', 'pipe'] });
		let stderr = '';
		child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
		child.on('error', (error: NodeJS.ErrnoException) =>
			reject(error.code === 'ENOENT' ? new BackupError(PG_TOOLS_MISSING(tool)) : error)
		);
		child.on('close', (code) =>
			code === 0
				? resolve()
				: reject(new BackupError(`${tool} failed (exit ${code}): ${stderr.trim()}`))
		);
	});
}

/**
 * PostgreSQL: pg_dump in custom format from a snapshot this connection exports and holds, so the
 * table sums are taken from the very rows the dump holds.
 */
export async function backupPostgres(
	url: string,
	file: string,
	options: { checksums?: boolean } = {}
): Promise<BackupResult> {
	const started = performance.now();
	const sql = postgres(url, { max: 1, onnotice: () => {} });
	const partial = `${file}.partial-${process.pid}`;
	fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
	try {
		const tables = await sql.begin('isolation level repeatable read read only', async (tx) => {
			const [{ snapshot }] = await tx<
				[{ snapshot: string }]
			>`select pg_export_snapshot() as snapshot`;
			await run('pg_dump', [
				'--format=custom',
				`--snapshot=${snapshot}`,
				'--no-owner',
				'--no-privileges',
				`--file=${partial}`,
				url
			]);
			return tableSums(
				(text) => tx.unsafe(text) as Promise<Record<string, unknown>[]>,
				options.checksums ?? false
			);
		});
		fs.chmodSync(partial, 0o600);
		fs.renameSync(partial, file);
		return {
			kind: 'postgres',
			file,
			bytes: fs.statSync(file).size,
			ms: performance.now() - started,
			tables
		};
	} finally {
		fs.rmSync(partial, { force: true });
		await sql.end({ timeout: 5 });
	}
}

// ── Restore ────────────────────────────────────────────────────────────────────────────────────

/** What a backup file is, from its first bytes: pg_dump's custom format starts with PGDMP. */
export function backupKindOf(file: string): BackupKind {
	let head: Buffer;
	try {
		const fd = fs.openSync(file, 'r');
		head = Buffer.alloc(5);
		fs.readSync(fd, head, 0, 5, 0);
		fs.closeSync(fd);
	} catch {
		throw new BackupError(`Cannot read the backup file ${file}.`);
	}
	if (head.toString('latin1') === 'PGDMP') return 'postgres';
	if (head[0] === 0x1f && head[1] === 0x8b) return 'pglite';
	throw new BackupError(
		`${file} is not a Hoppatee backup (neither an embedded tarball nor pg_dump's custom format).`
	);
}

function refuseOtherKind(file: string, target: BackupKind): void {
	const kind = backupKindOf(file);
	if (kind === target) return;
	throw new BackupError(
		kind === 'postgres'
			? `${file} is a PostgreSQL backup (pg_dump custom format): set DATABASE_URL to restore it into PostgreSQL.`
			: `${file} is a backup of the embedded database: unset DATABASE_URL and set DATA_DIR to restore it.`
	);
}

export interface RestoreResult {
	kind: BackupKind;
	ms: number;
	tables: TableSum[];
	/** --force on an embedded directory: where what was there went. */
	setAside?: string;
}

/** Into an empty (or absent) data directory; `force` moves what is there aside first. */
export async function restoreEmbedded(
	dataDir: string,
	file: string,
	options: { force?: boolean; checksums?: boolean } = {}
): Promise<RestoreResult> {
	refuseOtherKind(file, 'pglite');
	const started = performance.now();
	const bytes = fs.readFileSync(file);
	// The lock first: restoring under a running app would be lost on its next write.
	const release = lockDataDir(dataDir);
	let setAside: string | undefined;
	try {
		const present = fs.readdirSync(dataDir).filter((name) => name !== 'hoppatee.lock');
		if (present.length > 0) {
			if (!options.force)
				throw new BackupError(
					`${dataDir} is not empty (it holds a database). Restore into an empty directory (DATA_DIR=…), or add --force to move what is there aside first.`
				);
			setAside = `${path.resolve(dataDir)}.before-restore-${new Date().toISOString().replace(/[:.]/g, '-')}`;
			fs.mkdirSync(setAside);
			for (const name of present)
				fs.renameSync(path.join(dataDir, name), path.join(setAside, name));
		}
		const pg = await PGlite.create({ dataDir, loadDataDir: new Blob([new Uint8Array(bytes)]) });
		try {
			const tables = await tableSums(pgliteQuery(pg), options.checksums ?? false);
			return { kind: 'pglite', ms: performance.now() - started, tables, setAside };
		} finally {
			await pg.close();
		}
	} finally {
		release();
	}
}

/** Into an empty database (no tables in public or drizzle); `force` drops both schemas first. */
export async function restorePostgres(
	url: string,
	file: string,
	options: { force?: boolean; checksums?: boolean } = {}
): Promise<RestoreResult> {
	refuseOtherKind(file, 'postgres');
	const started = performance.now();
	const sql = postgres(url, { max: 1, onnotice: () => {} });
	try {
		const [{ n }] = await sql<[{ n: number }]>`select count(*)::int as n from pg_tables
			where schemaname in ('public', 'drizzle')`;
		if (n > 0) {
			if (!options.force)
				throw new BackupError(
					`The database in DATABASE_URL is not empty (${n} tables). Restore into an empty database, or add --force to drop its tables first.`
				);
			await sql.unsafe(
				'drop schema if exists drizzle cascade; drop schema public cascade; create schema public'
			);
		}
		await run('pg_restore', [
			'--no-owner',
			'--no-privileges',
			'--exit-on-error',
			'--single-transaction',
			`--dbname=${url}`,
			file
		]);
		const tables = await sql.begin((tx) =>
			tableSums(
				(text) => tx.unsafe(text) as Promise<Record<string, unknown>[]>,
				options.checksums ?? false
			)
		);
		return { kind: 'postgres', ms: performance.now() - started, tables };
	} finally {
		await sql.end({ timeout: 5 });
	}
}
