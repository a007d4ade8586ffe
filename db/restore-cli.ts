/**
 * `npm run restore -- <file> [--force] [--checksums] [--json]`: a backup from `npm run backup` into
 * an empty database: the one in DATABASE_URL (a pg_dump file), else the embedded one in DATA_DIR
 * (default ./data; the app must be stopped). A non-empty target is refused unless --force: an
 * embedded directory's content is then moved aside, a PostgreSQL database's tables are dropped.
 * The next start migrates the restored database to this version.
 */
import { BackupError, restoreEmbedded, restorePostgres } from './backup.ts';
import { DataDirLockedError } from './client.ts';
import { describeRestore, parseArgs } from './backup-report.ts';

const url = process.env.DATABASE_URL || undefined;
const dataDir = process.env.DATA_DIR || './data';
const args = parseArgs(process.argv.slice(2), ['force', 'checksums', 'json']);

let exitCode = 0;
try {
	if (!args.file)
		throw new BackupError('Name the backup file: npm run restore -- <file> [--force]');
	const options = { force: args.flags.has('force'), checksums: args.flags.has('checksums') };
	const result = url
		? await restorePostgres(url, args.file, options)
		: await restoreEmbedded(dataDir, args.file, options);
	console.log(
		args.flags.has('json')
			? JSON.stringify(result)
			: describeRestore(
					result,
					args.file,
					url ? 'the PostgreSQL database in DATABASE_URL' : `the embedded database in ${dataDir}`
				)
	);
} catch (error) {
	exitCode = 1;
	console.error(
		error instanceof BackupError || error instanceof DataDirLockedError
			? error.message
			: `The restore failed: ${(error as Error).message}`
	);
}
process.exit(exitCode);
