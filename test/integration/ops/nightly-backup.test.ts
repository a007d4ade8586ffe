/** The nightly backup of the embedded database: off by default, once a day from 02:00, keeps N; its status (and a failure since the last one) for the admin page. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readEmbeddedBackup } from '#db/backup.ts';
import { migrateDatabase, openDatabase } from '#db/client.ts';
import { settings } from '#db/schema/index.ts';
import { NIGHTLY_BACKUP_JOB, runNightlyBackup } from '#api/domain/backups/nightly-backup.ts';
import { recordJobFailure } from '#api/domain/jobs/job-failures.ts';
import { systemCtx } from '#api/domain/context.ts';
import { freshDatabase } from '../../support/databases.ts';
import { testApi } from '../../support/api.ts';

describe('nightly backup', () => {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hoppatee-nightly-'));
	const backups = path.join(dir, 'backups');
	afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

	it('embedded: off by default; on, once per Amsterdam day from 02:00, keeping the newest N', async () => {
		const database = await openDatabase({ dataDir: path.join(dir, 'data') });
		try {
			await migrateDatabase(database);
			const at = (iso: string) => ({ ...systemCtx(database.db), now: () => new Date(iso) });
			const run = (iso: string) =>
				runNightlyBackup({ ctx: at(iso), database, input: { dir: backups } });

			expect(await run('2026-12-07T03:00:00Z')).toEqual({ written: 0, pruned: 0 });
			await database.db
				.insert(settings)
				.values({ key: 'nightly_backup', value: { enabled: true, keep: 2 } });
			// 00:30 in Amsterdam (UTC+1): too early.
			expect(await run('2026-12-06T23:30:00Z')).toEqual({ written: 0, pruned: 0 });
			expect(await run('2026-12-07T01:30:00Z')).toEqual({ written: 1, pruned: 0 });
			expect(await run('2026-12-07T05:00:00Z')).toEqual({ written: 0, pruned: 0 });
			expect(await run('2026-12-08T01:30:00Z')).toEqual({ written: 1, pruned: 0 });
			expect(await run('2026-12-09T01:30:00Z')).toEqual({ written: 1, pruned: 1 });
			fs.writeFileSync(path.join(backups, 'notes.txt'), 'not ours');
			const files = fs.readdirSync(backups).sort();
			expect(files).toEqual([
				'hoppatee-2026-12-08-013000.tar.gz',
				'hoppatee-2026-12-09-013000.tar.gz',
				'notes.txt'
			]);
			const tables = await readEmbeddedBackup(
				fs.readFileSync(path.join(backups, files[1]!)),
				false
			);
			expect(tables.find((t) => t.table === 'public.settings')?.rows).toBe(1);

			const t = testApi(database, { BACKUP_DIR: backups });
			const admin = await t.user('admin');
			const res = await t.client.api.v1.backups.$get({}, { headers: admin.headers });
			expect(res.status).toBe(200);
			expect(await res.json()).toMatchObject({
				applies: true,
				enabled: true,
				keep: 2,
				kept: 2,
				folder: backups,
				last: {
					file: 'hoppatee-2026-12-09-013000.tar.gz',
					bytes: fs.statSync(path.join(backups, files[1]!)).size
				}
			});
			const hub = await t.user('hub');
			expect((await t.client.api.v1.backups.$get({}, { headers: hub.headers })).status).toBe(403);

			// A failed run shows until a later backup is written; another job's failure does not.
			const status = async () =>
				(await (await t.client.api.v1.backups.$get({}, { headers: admin.headers })).json()) as {
					failed: { at: string; error: string } | null;
				};
			expect((await status()).failed).toBeNull();
			const failedAt = new Date(Date.now() + 1000);
			const failure = { attempt: 3, attempts: 3, error: 'ENOSPC: no space left on device' };
			await recordJobFailure(database.db, { ...failure, job: 'daily-digest', at: failedAt });
			expect((await status()).failed).toBeNull();
			await recordJobFailure(database.db, { ...failure, job: NIGHTLY_BACKUP_JOB, at: failedAt });
			expect((await status()).failed).toEqual({
				at: failedAt.toISOString(),
				error: 'ENOSPC: no space left on device'
			});
			await new Promise((r) => setTimeout(r, 1100));
			expect(await run('2026-12-10T01:30:00Z')).toEqual({ written: 1, pruned: 1 });
			expect((await status()).failed).toBeNull();
		} finally {
			await database.close();
		}
	}, 60_000);

	it('PostgreSQL: the nightly backup does not apply (npm run backup does)', async () => {
		const database = await freshDatabase('postgres');
		try {
			await database.db
				.insert(settings)
				.values({ key: 'nightly_backup', value: { enabled: true, keep: 2 } });
			const ctx = { ...systemCtx(database.db), now: () => new Date('2026-12-07T05:00:00Z') };
			const other = path.join(dir, 'pg');
			expect(await runNightlyBackup({ ctx, database, input: { dir: other } })).toEqual({
				written: 0,
				pruned: 0
			});
			expect(fs.existsSync(other)).toBe(false);
			const t = testApi(database, { BACKUP_DIR: other });
			const admin = await t.user('admin');
			const res = await t.client.api.v1.backups.$get({}, { headers: admin.headers });
			expect(await res.json()).toMatchObject({ applies: false, last: null });
		} finally {
			await database.close();
		}
	});
});
