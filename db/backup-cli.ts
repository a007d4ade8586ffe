/**
 * `npm run backup -- <file> [--checksums] [--json]`: a consistent backup while the app runs.
 * DATABASE_URL set: pg_dump (custom format) of that database. Otherwise the embedded database in
 * DATA_DIR (default ./data), through the running app or, when none runs, from the directory.
 * --checksums adds each table's md5 to the report; --json prints the report as one JSON line.
 */
import { backupEmbedded, backupPostgres, BackupError } from './backup.ts';
import { DataDirLockedError } from './client.ts';
import { describeBackup, parseArgs } from './backup-report.ts';

const url = process.env.DATABASE_URL || undefined;
const dataDir = process.env.DATA_DIR || './data';
const args = parseArgs(process.argv.slice(2), ['checksums', 'json']);
const stamp = new Date().toISOString().slice(0, 19).replace(/[:T]/g, '-');
const file = args.file ?? `backups/hoppatee-${stamp}.${url ? 'dump' : 'tar.gz'}`;

let exitCode = 0;
try {
	const options = { checksums: args.flags.has('checksums') };
	const result = url
		? await backupPostgres(url, file, options)
		: await backupEmbedded(dataDir, file, options);
	console.log(
		args.flags.has('json')
			? JSON.stringify(result)
			: describeBackup(
					result,
					url ? 'the PostgreSQL database in DATABASE_URL' : `the embedded database in ${dataDir}`
				)
	);
} catch (error) {
	exitCode = 1;
	console.error(
		error instanceof BackupError || error instanceof DataDirLockedError
			? error.message
			: `The backup failed: ${(error as Error).message}`
	);
}
process.exit(exitCode);
