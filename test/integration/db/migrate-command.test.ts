/** `npm run db:migrate` (db/migrate.ts) on both engines: applies every migration, twice is harmless, a held data dir is refused. */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import postgres from 'postgres';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { openDatabase } from '#db/client.ts';
import { createDatabase, dropDatabase } from '../../support/pg-server.ts';

const root = path.resolve(import.meta.dirname, '../../..');
const run = promisify(execFile);
const journal = JSON.parse(
	fs.readFileSync(path.join(root, 'db/migrations/meta/_journal.json'), 'utf8')
) as { entries: unknown[] };

/** Runs the command as npm does (Node 24 from node_modules/.bin); never throws, returns the exit code. */
async function migrate(env: Record<string, string>): Promise<{ code: number; out: string }> {
	const clean = { ...process.env, DATABASE_URL: '', DATA_DIR: '', ...env };
	try {
		const { stdout, stderr } = await run(process.execPath, ['db/migrate.ts'], {
			cwd: root,
			env: clean
		});
		return { code: 0, out: stdout + stderr };
	} catch (error) {
		const e = error as { code: number; stdout: string; stderr: string };
		return { code: e.code, out: e.stdout + e.stderr };
	}
}

describe('npm run db:migrate', () => {
	const dirs: string[] = [];
	afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

	it('migrates an empty embedded data dir, and again without change', async () => {
		const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hoppatee-migrate-'));
		dirs.push(dir);
		const first = await migrate({ DATA_DIR: dir });
		expect(first).toMatchObject({ code: 0 });
		expect(first.out).toContain(`Migrations applied to the embedded database in ${dir}`);
		expect((await migrate({ DATA_DIR: dir })).code).toBe(0);
		const database = await openDatabase({ dataDir: dir });
		try {
			const result = (await database.db.execute(
				'select count(*)::int as n from drizzle.__drizzle_migrations'
			)) as unknown as { rows: { n: number }[] };
			expect(result.rows[0]!.n).toBe(journal.entries.length);
		} finally {
			await database.close();
		}
	});

	it('refuses a data dir another process holds, with the reason', async () => {
		const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hoppatee-migrate-'));
		dirs.push(dir);
		const holder = await openDatabase({ dataDir: dir });
		try {
			const result = await migrate({ DATA_DIR: dir });
			expect(result.code).toBe(1);
			expect(result.out).toMatch(/in use|locked|another/i);
		} finally {
			await holder.close();
		}
	});

	it('migrates the PostgreSQL database in DATABASE_URL', async () => {
		const adminUrl = inject('pgAdminUrl');
		const name = `t_migrate_${process.pid}_${Date.now().toString(36)}`;
		const url = await createDatabase(adminUrl, name);
		try {
			const result = await migrate({ DATABASE_URL: url });
			expect(result).toMatchObject({ code: 0 });
			expect(result.out).toContain('Migrations applied to the PostgreSQL database in DATABASE_URL');
			const sql = postgres(url, { max: 1, onnotice: () => {} });
			try {
				const [{ n }] = await sql<
					{ n: number }[]
				>`select count(*)::int as n from drizzle.__drizzle_migrations`;
				expect(n).toBe(journal.entries.length);
			} finally {
				await sql.end({ timeout: 5 });
			}
		} finally {
			await dropDatabase(adminUrl, name);
		}
	});
});
