import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
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
	constructor(dir: string, pid: number) {
		super(
			`The data directory ${dir} is in use by another Hoppatee process (pid ${pid}). ` +
				'Stop that process first, or point DATA_DIR at another directory. Two processes on one embedded database would lose data.'
		);
		this.name = 'DataDirLockedError';
	}
}

function processAlive(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		return (error as NodeJS.ErrnoException).code === 'EPERM';
	}
}

/** An exclusive lock on the data directory: PGlite opened twice silently loses writes. */
function lockDataDir(dir: string): () => void {
	fs.mkdirSync(dir, { recursive: true });
	const lockFile = path.join(dir, 'hoppatee.lock');
	for (let attempt = 0; attempt < 2; attempt++) {
		try {
			fs.writeFileSync(lockFile, String(process.pid), { flag: 'wx' });
			let released = false;
			const release = () => {
				if (released) return;
				released = true;
				try {
					if (fs.readFileSync(lockFile, 'utf8') === String(process.pid)) fs.unlinkSync(lockFile);
				} catch {
					/* already gone */
				}
			};
			process.once('exit', release);
			return release;
		} catch (error) {
			if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
			const pid = Number(fs.readFileSync(lockFile, 'utf8'));
			if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && processAlive(pid)) {
				throw new DataDirLockedError(dir, pid);
			}
			// A stale lock from a process that died: take it over.
			fs.unlinkSync(lockFile);
		}
	}
	throw new Error(`Could not lock ${dir}`);
}

export async function openDatabase(options: OpenOptions): Promise<Database> {
	if ('url' in options) {
		const client = postgres(options.url, { max: options.max ?? 10, onnotice: () => {} });
		const db = drizzlePostgres(client, { schema }) as unknown as Db;
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

export async function migrateDatabase(database: Database): Promise<void> {
	if (database.kind === 'pglite') {
		await migratePglite(database.db as never, { migrationsFolder });
	} else {
		await migratePostgres(database.db as never, { migrationsFolder });
	}
}

/** Raw `db.execute` results differ per driver (postgres.js: an array; PGlite: `{ rows }`). */
export function rowsOf<T>(result: unknown): T[] {
	return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
}
