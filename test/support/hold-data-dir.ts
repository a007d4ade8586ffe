/**
 * Opens the embedded database in DATA_DIR (argv[2]) as the app does, writes one row and keeps it
 * open: the process the data-dir lock test starts twice. Prints `holding <pid> <host pid>`, or the
 * refusal and exits 3.
 */
import fs from 'node:fs';
import { sql } from 'drizzle-orm';
import { DataDirLockedError, openDatabase } from '../../db/client.ts';

const dir = process.argv[2]!;
try {
	const database = await openDatabase({ dataDir: dir });
	await database.db.execute(sql`create table if not exists probe (n int)`);
	await database.db.execute(sql`insert into probe values (${process.pid})`);
	// In a PID namespace process.pid is the namespace's; NSpid's first field is the host's.
	const hostPid =
		fs.readFileSync('/proc/self/status', 'utf8').match(/^NSpid:\s+(\d+)/m)?.[1] ?? process.pid;
	console.log(`holding ${process.pid} ${hostPid}`);
	setInterval(() => {}, 60_000);
} catch (error) {
	if (error instanceof DataDirLockedError) {
		console.error(error.message);
		process.exit(3);
	}
	throw error;
}
