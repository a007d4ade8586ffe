/**
 * `npm run db:migrate`: applies the committed migrations to the database in DATABASE_URL, or to the
 * embedded database in DATA_DIR (default ./data). `npm start` migrates on its own; this is for a
 * deployment step before the app starts, or a database prepared by hand.
 */
import { DataDirLockedError, migrateDatabase, openDatabase } from './client.ts';

const url = process.env.DATABASE_URL || undefined;
const dataDir = process.env.DATA_DIR || './data';
const where = url
	? 'the PostgreSQL database in DATABASE_URL'
	: `the embedded database in ${dataDir}`;

let exitCode = 0;
try {
	const database = url ? await openDatabase({ url, max: 1 }) : await openDatabase({ dataDir });
	try {
		const started = performance.now();
		await migrateDatabase(database);
		console.log(`Migrations applied to ${where} in ${Math.round(performance.now() - started)} ms.`);
	} finally {
		await database.close();
	}
} catch (error) {
	exitCode = 1;
	console.error(
		error instanceof DataDirLockedError
			? error.message
			: `Could not migrate ${where}: ${(error as Error).message}`
	);
}
process.exit(exitCode);
