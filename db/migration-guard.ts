/**
 * Refuses a database migrated by a newer Hoppatee: its journal (drizzle.__drizzle_migrations) holds a
 * migration this code does not ship. Drizzle would skip it silently and the app would run on a schema
 * it does not know, so start and `npm run db:migrate` stop with this message instead.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import type { Database } from './client.ts';

/** postgres.js answers an array, PGlite `{ rows }` (client.ts's rowsOf, not imported: client.ts imports this file). */
const rowsOf = <T>(result: unknown): T[] =>
	(Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];

export class NewerDatabaseError extends Error {
	constructor(unknown: { createdAt: number }[]) {
		const when = unknown
			.map((m) => new Date(m.createdAt).toISOString().slice(0, 16).replace('T', ' '))
			.join(', ');
		super(
			`This database was migrated by a newer version of Hoppatee: ${unknown.length} of its migrations ` +
				`(made ${when} UTC) are unknown to this version. Run the newer version, or restore the backup ` +
				'taken before the upgrade (npm run restore). Downgrading in place is not supported.'
		);
		this.name = 'NewerDatabaseError';
	}
}

const journalFile = path.join(
	path.dirname(fileURLToPath(import.meta.url)),
	'migrations/meta/_journal.json'
);

/** The `when` of every migration this code ships: drizzle stores it as the row's created_at. */
export function knownMigrations(): Set<number> {
	const journal = JSON.parse(fs.readFileSync(journalFile, 'utf8')) as {
		entries: { when: number }[];
	};
	return new Set(journal.entries.map((e) => e.when));
}

export async function refuseNewerDatabase(database: Database): Promise<void> {
	const [{ present }] = rowsOf<{ present: boolean }>(
		await database.db.execute(
			sql`select to_regclass('drizzle.__drizzle_migrations') is not null as present`
		)
	) as [{ present: boolean }];
	if (!present) return; // a new database
	const applied = rowsOf<{ created_at: string | number }>(
		await database.db.execute(sql`select created_at from drizzle.__drizzle_migrations`)
	);
	const known = knownMigrations();
	const unknown = applied
		.map((row) => ({ createdAt: Number(row.created_at) }))
		.filter((m) => !known.has(m.createdAt));
	if (unknown.length > 0) throw new NewerDatabaseError(unknown);
}
