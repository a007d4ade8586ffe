/**
 * On PostgreSQL the app's queries run as named prepared statements: one round trip per query and
 * no parse or plan each time (drizzle alone hands postgres.js unprepared queries, which it then
 * describes in a round trip of their own). One connection, so the statements it lists are ours.
 */
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateDatabase, openDatabase, rowsOf, type Database } from '#db/client.ts';
import { users } from '#db/schema/index.ts';
import { createDatabase, dropDatabase } from '../../support/pg-server.ts';
import { inject } from 'vitest';

const statements = async (database: Database, like: string) =>
	rowsOf<{ n: number }>(
		await database.db.execute(
			sql.raw(
				`select count(*)::int as n from pg_prepared_statements where statement like '${like}'`
			)
		)
	)[0]!.n;

describe('queries on PostgreSQL', () => {
	const adminUrl = inject('pgAdminUrl');
	const name = `t_prepared_${process.pid}_${Date.now().toString(36)}`;
	let database: Database;

	beforeAll(async () => {
		database = await openDatabase({ url: await createDatabase(adminUrl!, name), max: 1 });
		await migrateDatabase(database);
	}, 60_000);
	afterAll(async () => {
		await database?.close();
		await dropDatabase(adminUrl!, name);
	});

	it('run as prepared statements, inside transactions too, and the simple protocol still takes several statements', async () => {
		expect(await database.db.select().from(users).where(eq(users.email, 'a@example.test'))).toEqual(
			[]
		);
		expect(await database.db.select().from(users).where(eq(users.email, 'b@example.test'))).toEqual(
			[]
		);
		// The same query twice, one statement: prepared once and kept.
		expect(await statements(database, 'select %from "users" where "users"."email" = $1')).toBe(1);

		await database.db.transaction(async (tx) => {
			await tx.select({ id: users.id }).from(users).where(eq(users.name, 'x'));
		});
		expect(await statements(database, 'select "id" from "users" where "users"."name" = $1')).toBe(
			1
		);

		await database.db.execute(sql.raw('select 1; select 2'));
	});
});
