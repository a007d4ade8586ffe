/**
 * The nightly backup of the embedded database: once per Amsterdam day from 02:00 (the scheduler's
 * hourly run calls it), when the `nightly_backup` setting is on, a tarball into BACKUP_DIR, keeping
 * the newest `keep`. The folder is the host's choice (an environment variable), not a web form's:
 * a folder inside the served build would publish the data. Only files of its own name pattern are
 * ever pruned. The last backup's time and size come from the folder itself; a failed run shows on
 * the admin page until a later backup succeeds (a full disk must not hide in the log).
 */
import { desc, eq } from 'drizzle-orm';
import fs from 'node:fs';
import path from 'node:path';
import type { Database } from '../../../../db/client.ts';
import { dumpEmbedded, pgliteOf, writeAtomically } from '../../../../db/backup.ts';
import { jobFailures } from '../../../../db/schema/index.ts';
import { amsterdamDate } from '../calendar/today.ts';
import { requireRole, type Ctx } from '../context.ts';
import { readSetting } from '../settings/settings.ts';

/** The scheduled job's name, where its failed attempts are filed (job_failures). */
export const NIGHTLY_BACKUP_JOB = 'nightly-backup';

const FILE = /^hoppatee-(\d{4}-\d{2}-\d{2})-(\d{6})\.tar\.gz$/;
const FROM_HOUR = 2;

function backupsIn(dir: string): { name: string; day: string; at: Date; bytes: number }[] {
	if (!fs.existsSync(dir)) return [];
	return fs
		.readdirSync(dir)
		.filter((name) => FILE.test(name))
		.map((name) => {
			const stat = fs.statSync(path.join(dir, name));
			return { name, day: FILE.exec(name)![1]!, at: stat.mtime, bytes: stat.size };
		})
		.sort((a, b) => b.name.localeCompare(a.name));
}

function amsterdamHour(at: Date): number {
	const hour = new Intl.DateTimeFormat('en-GB', {
		timeZone: 'Europe/Amsterdam',
		hour: '2-digit',
		hour12: false
	}).format(at);
	return Number(hour) % 24;
}

export async function runNightlyBackup({
	ctx,
	database,
	input
}: {
	ctx: Ctx;
	database: Database;
	input: { dir: string };
}): Promise<{ written: number; pruned: number }> {
	if (database.kind !== 'pglite') return { written: 0, pruned: 0 };
	const setting = await readSetting(ctx, 'nightly_backup');
	const now = ctx.now();
	const today = amsterdamDate(now);
	if (!setting.enabled || amsterdamHour(now) < FROM_HOUR) return { written: 0, pruned: 0 };
	if (backupsIn(input.dir).some((b) => b.day === today)) return { written: 0, pruned: 0 };
	const stamp = now.toISOString().slice(11, 19).replaceAll(':', '');
	writeAtomically(
		path.join(input.dir, `hoppatee-${today}-${stamp}.tar.gz`),
		await dumpEmbedded(pgliteOf(database))
	);
	const old = backupsIn(input.dir).slice(setting.keep);
	for (const b of old) fs.rmSync(path.join(input.dir, b.name));
	return { written: 1, pruned: old.length };
}

export interface BackupStatus {
	/** Nightly backups apply to the embedded database only. */
	applies: boolean;
	enabled: boolean;
	keep: number;
	folder: string;
	kept: number;
	last: { at: string; bytes: number; file: string } | null;
	/** The newest failed attempt since the last backup that was written. */
	failed: { at: string; error: string } | null;
}

export async function getBackupStatus({
	ctx,
	database,
	input
}: {
	ctx: Ctx;
	database: Database;
	input: { dir: string };
}): Promise<BackupStatus> {
	requireRole(ctx, 'admin');
	const setting = await readSetting(ctx, 'nightly_backup');
	const files = backupsIn(input.dir);
	const last = files[0];
	const [failure] = await ctx.db
		.select({ at: jobFailures.failedAt, error: jobFailures.error })
		.from(jobFailures)
		.where(eq(jobFailures.job, NIGHTLY_BACKUP_JOB))
		.orderBy(desc(jobFailures.failedAt))
		.limit(1);
	const failedSinceLast = failure && (!last || failure.at > last.at);
	return {
		applies: database.kind === 'pglite',
		enabled: setting.enabled,
		keep: setting.keep,
		folder: path.resolve(input.dir),
		kept: files.length,
		last: last ? { at: last.at.toISOString(), bytes: last.bytes, file: last.name } : null,
		failed: failedSinceLast ? { at: failure.at.toISOString(), error: failure.error } : null
	};
}
