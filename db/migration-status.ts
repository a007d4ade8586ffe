/**
 * Whether the database's migration journal matches this code's (db/migrations/meta/_journal.json):
 * what /api/ready says under "migrations". drizzle's migrator records each applied migration's
 * `when` as `created_at` and applies those later than the last one recorded, so the same test tells
 * pending migrations (this code is newer) from unknown ones (a newer version migrated the database).
 */
import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { rowsOf, type Database } from './client.ts';

const journalFile = path.join(import.meta.dirname, 'migrations/meta/_journal.json');

export interface MigrationStatus {
	/** Migrations this code has that the database lacks. */
	pending: number;
	/** Migrations the database has that this code does not know. */
	unknown: number;
}

let known: number[] | undefined;

function codeMigrations(): number[] {
	known ??= (
		JSON.parse(fs.readFileSync(journalFile, 'utf8')) as { entries: { when: number }[] }
	).entries.map((e) => e.when);
	return known;
}

export async function migrationStatus(database: Database): Promise<MigrationStatus> {
	const code = codeMigrations();
	let applied: number[] = [];
	try {
		applied = rowsOf<{ created_at: string | number }>(
			await database.db.execute(sql`select created_at from drizzle.__drizzle_migrations`)
		).map((r) => Number(r.created_at));
	} catch (error) {
		// 42P01 / 3F000: never migrated (no journal table or schema yet); anything else is an outage.
		const e = error as { code?: string; cause?: { code?: string } };
		if (![e.code, e.cause?.code].some((c) => c === '42P01' || c === '3F000')) throw error;
	}
	const last = Math.max(0, ...applied);
	return {
		pending: code.filter((when) => when > last).length,
		unknown: applied.filter((when) => !code.includes(when)).length
	};
}
