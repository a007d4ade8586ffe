/**
 * Upgrades: the demo database as the previous migration set made it (test/fixtures/upgrade, see
 * make-fixture.ts), on PostgreSQL and embedded, is migrated to this version, keeps every row, and the app answers on it. A
 * database migrated by a newer version is refused by migrate, `npm run db:migrate` and `npm start`.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { pgliteOf, pgliteQuery, restoreEmbedded, restorePostgres, tableSums } from '#db/backup.ts';
import { migrateDatabase, openDatabase, type Database } from '#db/client.ts';
import { NewerDatabaseError } from '#db/migration-guard.ts';
import { DEMO_PASSWORD, DEMO_STAFF } from '#api/seed/demo.ts';
import { testApi } from '../../support/api.ts';
import { createDatabase, dropDatabase } from '../../support/pg-server.ts';

const root = path.resolve(import.meta.dirname, '../../..');
const fixtureDir = path.join(root, 'test/fixtures/upgrade');
const fixtureOf = (ending: string) =>
	path.join(
		fixtureDir,
		fs.readdirSync(fixtureDir).find((name) => name.endsWith(ending))!
	);
const fixture = fixtureOf('.dump');
const embeddedFixture = fixtureOf('.tar.gz');
const run = promisify(execFile);

async function cli(script: string, env: Record<string, string>) {
	try {
		const { stdout, stderr } = await run(process.execPath, [script], {
			cwd: root,
			env: { ...process.env, DATABASE_URL: '', DATA_DIR: '', ...env }
		});
		return { code: 0, out: stdout + stderr };
	} catch (error) {
		const e = error as { code: number; stdout: string; stderr: string };
		return { code: e.code, out: e.stdout + e.stderr };
	}
}

const sums = (database: Database) =>
	tableSums(
		database.kind === 'pglite'
			? pgliteQuery(pgliteOf(database))
			: async (text) => {
					const result = (await database.db.execute(text)) as unknown;
					return (Array.isArray(result) ? result : (result as { rows: [] }).rows) as Record<
						string,
						unknown
					>[];
				},
		false
	);

/** A migration this version does not ship, as a newer version would have recorded it. */
const newerMigration = sql`insert into drizzle.__drizzle_migrations (hash, created_at)
	values ('from-a-newer-version', 4102444800000)`;

/** Migrates the restored fixture; every table keeps its rows, and a demo hub'er logs in and lists surprises. */
async function expectUpgradeKeepsEverything(
	database: Database,
	before: { table: string; rows: number }[]
) {
	await migrateDatabase(database);
	const after = new Map((await sums(database)).map((t) => [t.table, t.rows]));
	const journal = JSON.parse(
		fs.readFileSync(path.join(root, 'db/migrations/meta/_journal.json'), 'utf8')
	) as { entries: unknown[] };
	for (const { table, rows } of before) {
		// The journal gains this version's migrations; every other table keeps its demo rows.
		const expected = table === 'drizzle.__drizzle_migrations' ? journal.entries.length : rows;
		expect({ table, rows: after.get(table) }).toEqual({ table, rows: expected });
	}

	const t = testApi(database);
	const login = await t.client.api.v1.auth.login.$post(
		{ json: { email: DEMO_STAFF[0]!.email, password: DEMO_PASSWORD } },
		{ headers: { 'x-hoppatee-client-ip': '10.9.0.1' } }
	);
	expect(login.status, await login.clone().text()).toBe(200);
	const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
	const list = await t.client.api.v1.surprises.$get({ query: {} }, { headers: { cookie } });
	expect(list.status, await list.clone().text()).toBe(200);
	expect(((await list.json()) as { items: unknown[] }).items.length).toBeGreaterThan(0);
}

describe('upgrades', () => {
	const cleanups: (() => Promise<unknown> | void)[] = [];
	afterAll(async () => {
		for (const cleanup of cleanups.reverse()) await cleanup();
	});

	it('migrates the previous demo database to now, keeping every row; the app answers on it', async () => {
		const adminUrl = inject('pgAdminUrl');
		const name = `upgrade_${process.pid}_${Date.now().toString(36)}`;
		const url = await createDatabase(adminUrl, name);
		cleanups.push(() => dropDatabase(adminUrl, name));
		const before = (await restorePostgres(url, fixture)).tables;
		expect(before.find((t) => t.table === 'public.customers')!.rows).toBeGreaterThan(0);

		const database = await openDatabase({ url, max: 5 });
		cleanups.push(() => database.close());
		await expectUpgradeKeepsEverything(database, before);
	}, 120_000);

	it('migrates the previous embedded demo database to now, keeping every row; the app answers on it', async () => {
		const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hoppatee-upgrade-'));
		cleanups.push(() => fs.rmSync(dataDir, { recursive: true, force: true }));
		const before = (await restoreEmbedded(dataDir, embeddedFixture)).tables;
		expect(before.find((t) => t.table === 'public.customers')!.rows).toBeGreaterThan(0);

		const database = await openDatabase({ dataDir });
		cleanups.push(() => database.close());
		await expectUpgradeKeepsEverything(database, before);
	}, 120_000);

	it('refuses a PostgreSQL database migrated by a newer version: migrate and npm run db:migrate', async () => {
		const adminUrl = inject('pgAdminUrl');
		const name = `newer_${process.pid}_${Date.now().toString(36)}`;
		const url = await createDatabase(adminUrl, name);
		cleanups.push(() => dropDatabase(adminUrl, name));
		const database = await openDatabase({ url, max: 1 });
		try {
			await migrateDatabase(database);
			await database.db.execute(newerMigration);
			await expect(migrateDatabase(database)).rejects.toBeInstanceOf(NewerDatabaseError);
		} finally {
			await database.close();
		}
		const result = await cli('db/migrate.ts', { DATABASE_URL: url });
		expect(result.code).toBe(1);
		expect(result.out).toContain('This database was migrated by a newer version of Hoppatee');
		expect(result.out).toContain('(made 2100-01-01 00:00 UTC)');
	});

	it('npm start refuses an embedded database migrated by a newer version, in one message', async () => {
		const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hoppatee-newer-'));
		cleanups.push(() => fs.rmSync(dataDir, { recursive: true, force: true }));
		const database = await openDatabase({ dataDir });
		try {
			await migrateDatabase(database);
			await database.db.execute(newerMigration);
		} finally {
			await database.close();
		}
		const result = await cli('web/start.ts', {
			DATA_DIR: dataDir,
			PORT: '39917',
			LOG_LEVEL: 'silent'
		});
		expect(result.code).toBe(1);
		expect(result.out.trim()).toMatch(
			/^This database was migrated by a newer version of Hoppatee: 1 of its migrations .* Downgrading in place is not supported\.$/
		);
	}, 60_000);
});
