import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
// Open-file-description locks (fcntl F_OFD_SETLK on Linux, flock on macOS, LockFileEx on Windows).
import { tryLock } from 'fs-native-extensions';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import postgres from 'postgres';
import * as schema from './schema/index.ts';

export type Schema = typeof schema;
/** The one database type the domain sees, whichever driver is underneath. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
/** A transaction has the same query API as the database. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
export type Executor = Db | Tx;

export interface Database {
	db: Db;
	kind: 'pglite' | 'postgres';
	close(): Promise<void>;
}

const migrationsFolder = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');

export type OpenOptions =
	| { url: string; max?: number }
	/** dataDir undefined = in memory (tests). */
	| { dataDir?: string };

export class DataDirLockedError extends Error {
	constructor(dir: string, holder: string) {
		super(
			`The data directory ${dir} is in use by another Hoppatee process (${holder}). ` +
				'Stop that process first, or point DATA_DIR at another directory. Two processes on one embedded database would lose data.'
		);
		this.name = 'DataDirLockedError';
	}
}

/**
 * An exclusive lock on the data directory: PGlite opened twice silently loses writes. The kernel
 * holds it on the open lock file, so it works across PID namespaces (two containers on one volume
 * are both PID 1 or 13) and is gone the moment the process dies, however it dies. The file says who
 * holds it (a random instance id, host, pid) for the message; it is never deleted, since a fresh
 * file would let a third process lock another inode than the one the second is waiting on.
 */
function lockDataDir(dir: string): () => void {
	fs.mkdirSync(dir, { recursive: true });
	const lockFile = path.join(dir, 'hoppatee.lock');
	const fd = fs.openSync(lockFile, fs.constants.O_RDWR | fs.constants.O_CREAT, 0o644);
	let locked = false;
	try {
		locked = tryLock(fd);
	} catch (error) {
		fs.closeSync(fd);
		throw error;
	}
	if (!locked) {
		const holder = fs.readFileSync(fd, 'utf8').trim() || 'unknown';
		fs.closeSync(fd);
		throw new DataDirLockedError(dir, holder);
	}
	const holder = `instance ${randomUUID()}, host ${os.hostname()}, pid ${process.pid}, since ${new Date().toISOString()}`;
	fs.ftruncateSync(fd, 0);
	fs.writeSync(fd, `${holder}\n`, 0);
	let released = false;
	return () => {
		if (released) return;
		released = true;
		fs.closeSync(fd); // closing the file ends the lock
	};
}

/** The server behind a PostgreSQL database, for the boot lock's own connection. */
const serverUrls = new WeakMap<Db, string>();
/** One key for every Hoppatee boot step on a server (an arbitrary 64-bit constant). */
const BOOT_LOCK_KEY = 7_318_846_902_114_001n;

export async function openDatabase(options: OpenOptions): Promise<Database> {
	if ('url' in options) {
		// connect_timeout: an unreachable server answers 503 within seconds, not postgres.js's 30.
		const client = postgres(options.url, {
			max: options.max ?? 10,
			connect_timeout: 10,
			// Names this pool's connections in pg_stat_activity (db/pool-stats.ts counts them for /metrics).
			connection: { application_name: `hoppatee ${randomUUID().slice(0, 8)}` },
			onnotice: () => {}
		});
		const db = drizzlePostgres(client, { schema }) as unknown as Db;
		serverUrls.set(db, options.url);
		return { db, kind: 'postgres', close: () => client.end({ timeout: 5 }) };
	}
	const release = options.dataDir ? lockDataDir(options.dataDir) : () => {};
	try {
		const client = await PGlite.create(options.dataDir ? { dataDir: options.dataDir } : {});
		const db = drizzlePglite(client, { schema }) as unknown as Db;
		return {
			db,
			kind: 'pglite',
			close: async () => {
				await client.close();
				release();
			}
		};
	} catch (error) {
		release();
		throw error;
	}
}

/**
 * Runs `work` while holding the boot lock: several instances starting at once on one PostgreSQL
 * (a rolling deploy, replicas) take turns to migrate and create the first admin, so each step
 * happens once and no instance fails on another's half-made schema. A session-level advisory lock
 * on a connection of its own, so the work may use the whole pool (even a pool of one), and a
 * crashed holder's lock ends with its connection. The embedded database has one process already.
 */
export async function withBootLock<T>(database: Database, work: () => Promise<T>): Promise<T> {
	const url = serverUrls.get(database.db);
	if (database.kind === 'pglite' || !url) return work();
	const lock = postgres(url, { max: 1, connect_timeout: 10, onnotice: () => {} });
	try {
		await lock`select pg_advisory_lock(${BOOT_LOCK_KEY.toString()}::bigint)`;
		return await work();
	} finally {
		await lock.end({ timeout: 5 }); // ending the session ends the lock
	}
}

export async function migrateDatabase(database: Database): Promise<void> {
	if (database.kind === 'pglite') {
		await migratePglite(database.db as never, { migrationsFolder });
	} else {
		await withBootLock(database, () => migratePostgres(database.db as never, { migrationsFolder }));
	}
}

/** Raw `db.execute` results differ per driver (postgres.js: an array; PGlite: `{ rows }`). */
export function rowsOf<T>(result: unknown): T[] {
	return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
}
