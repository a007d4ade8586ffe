/**
 * Run the same integration suite on both engines: PGlite (embedded, PostgreSQL 18, what the app
 * uses by default) and a real PostgreSQL server (the Debian 15 one when installed), which is the
 * only place concurrency and version skew show up.
 */
import { inject } from 'vitest';
import { migrateDatabase, openDatabase, type Database } from '#db/client.ts';
import { createDatabase, dropDatabase } from './pg-server.ts';

export const engines = ['pglite', 'postgres'] as const;
export type Engine = (typeof engines)[number];

/** A migrated, empty database. close() also drops it (postgres). */
export async function freshDatabase(engine: Engine): Promise<Database> {
	if (engine === 'pglite') {
		const database = await openDatabase({});
		await migrateDatabase(database);
		return database;
	}
	const adminUrl = inject('pgAdminUrl');
	if (!adminUrl)
		throw new Error('pgAdminUrl not provided: run this file in the vitest `integration` project');
	// Unique per call: files run in parallel workers on the one shared server.
	const name = `t_${process.pid}_${Date.now().toString(36)}_${crypto.randomUUID().slice(0, 8)}`;
	const url = await createDatabase(adminUrl, name);
	const database = await openDatabase({ url, max: 60 });
	try {
		await migrateDatabase(database);
	} catch (error) {
		await database.close();
		await dropDatabase(adminUrl, name);
		throw error;
	}
	return {
		...database,
		async close() {
			await database.close();
			await dropDatabase(adminUrl, name);
		}
	};
}
