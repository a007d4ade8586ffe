import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
// Open-file-description locks (fcntl F_OFD_SETLK on Linux, flock on macOS, LockFileEx on Windows).
import { tryLock } from 'fs-native-extensions';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import postgres from 'postgres';
import { refuseNewerDatabase } from './migration-guard.ts';
import { registerListener } from './notify.ts';
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
export function lockDataDir(dir: string): () => void {
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

/**
 * drizzle hands postgres.js its queries unprepared, and postgres.js then sends every query with
 * parameters twice over the wire: a describe round trip first, then the execution; the server parses
 * and plans it each time. As named prepared statements (postgres.js keeps them per connection and
 * retires connections after 30–60 minutes) a repeated query costs one round trip and no parse.
 * Queries without parameters keep the simple protocol (several statements in one string).
 */
function preparedStatements(client: postgres.Sql): postgres.Sql {
	type Callback = (sql: postgres.Sql) => unknown;
	return new Proxy(client, {
		get(target, property, receiver) {
			if (property === 'unsafe')
				return (query: string, args: unknown[] = [], options: object = {}) =>
					target.unsafe(query, args as never, { ...options, prepare: true });
			// Transactions and savepoints hand their callback a connection of their own: the same there.
			if (property === 'begin' || property === 'savepoint')
				return (...args: unknown[]) => {
					const work = args.pop() as Callback;
					const method = (target as unknown as Record<string, (...a: unknown[]) => unknown>)[
						property
					]!;
					return method(...args, (sql: postgres.Sql) => work(preparedStatements(sql)));
				};
			return Reflect.get(target, property, receiver) as unknown;
		}
	});
}

export async function openDatabase(options: OpenOptions): Promise<Database> {
	if ('url' in options) {
		// connect_timeout: an unreachable server answers 503 within seconds, not postgres.js's 30.
		const client = postgres(options.url, {
			max: options.max ?? 10,
			connect_timeout: 10,
			onnotice: () => {},
			connection: {
				// Names this pool's connections in pg_stat_activity (db/pool-stats.ts counts them for /metrics).
				application_name: `hoppatee ${randomUUID().slice(0, 8)}`,
				// Statements stay prepared, but each run is planned for its parameters: a generic plan
				// cannot see how rare a searched word is and walks the whole list order for it (seen at
				// a million reactions: 0.2 s instead of 5 ms). Planning a list query costs well under 1 ms.
				plan_cache_mode: 'force_custom_plan'
			}
		});
		const db = drizzlePostgres(preparedStatements(client), { schema }) as unknown as Db;
		serverUrls.set(db, options.url);
		registerListener(db, {
			listen: async (channel, onMessage, onReady) => {
				const { unlisten } = await client.listen(channel, onMessage, onReady);
				return unlisten;
			}
		});
		return { db, kind: 'postgres', close: () => client.end({ timeout: 5 }) };
	}
	const release = options.dataDir ? lockDataDir(options.dataDir) : () => {};
	try {
		// pg_trgm: the trigram indexes behind contains-search (migration 0010), as on a server.
		const client = await PGlite.create({
			...(options.dataDir ? { dataDir: options.dataDir } : {}),
			extensions: { pg_trgm }
		});
		const db = drizzlePglite(client, { schema }) as unknown as Db;
		registerListener(db, {
			listen: async (channel, onMessage, onReady) => {
				const unlisten = await client.listen(channel, onMessage);
				onReady?.();
				return () => unlisten();
			}
		});
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
	await refuseNewerDatabase(database);
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
