import fs from 'node:fs';
import path from 'node:path';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { parseEnv } from '#api/env.ts';
import { boot, type Runtime } from '#api/runtime.ts';
import { createDatabase, dropDatabase } from '../../support/pg-server.ts';

const journal = JSON.parse(
	fs.readFileSync(path.resolve('db/migrations/meta/_journal.json'), 'utf8')
) as { entries: unknown[] };

describe('two instances starting at once on one empty PostgreSQL database', () => {
	const adminUrl = inject('pgAdminUrl');
	const name = `t_boot_race_${process.pid}_${Date.now().toString(36)}`;
	let url: string;
	beforeAll(async () => {
		url = await createDatabase(adminUrl, name);
	});
	afterAll(async () => {
		await dropDatabase(adminUrl, name);
	});

	it('both come up with their job runners; the schema is migrated once and one first admin is made', async () => {
		const env = parseEnv({
			DATABASE_URL: url,
			LOG_LEVEL: 'silent',
			HOPPATEE_ADMIN_EMAIL: 'first.admin@example.test'
		});
		// Two runtimes as `npm start` boots them (the job runner too), each with its own pools, racing
		// from the same instant.
		const started = await Promise.allSettled([
			boot(env, { scheduler: true }),
			boot(env, { scheduler: true })
		]);
		const runtimes = started.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
		try {
			expect(started.map((r) => (r.status === 'rejected' ? String(r.reason) : 'up'))).toEqual([
				'up',
				'up'
			]);
			for (const runtime of runtimes) {
				const res = await runtime.api.request('/api/ready');
				expect(res.status).toBe(200);
			}
			const sql = postgres(url, { max: 1, onnotice: () => {} });
			try {
				const applied = await sql`select hash from drizzle.__drizzle_migrations`;
				expect(applied).toHaveLength(journal.entries.length);
				expect(new Set(applied.map((r) => r.hash)).size).toBe(journal.entries.length);
				const admins = await sql`select email from users where role = 'admin'`;
				// Both job runners filed this hour's clean-up; it exists once.
				const cleanups = async () =>
					(
						await sql`select count(*)::int as n from pgboss.job
							where data->>'job' = 'session-cleanup'`
					)[0]!.n;
				await expect.poll(cleanups, { timeout: 10_000 }).toBe(1);
				await new Promise((resolve) => setTimeout(resolve, 500)); // the slower tick too
				expect(await cleanups()).toBe(1);
				expect(admins.map((r) => r.email)).toEqual(['first.admin@example.test']);
			} finally {
				await sql.end({ timeout: 5 });
			}
		} finally {
			await Promise.all(runtimes.map((r: Runtime) => r.close()));
		}
	}, 60_000);
});
