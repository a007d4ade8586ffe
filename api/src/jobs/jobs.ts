/**
 * Every scheduled job: a name, how often it runs and what it does. The scheduler (scheduler.ts)
 * files each job once per period for all instances together and retries a failed run with a
 * growing delay, so a job here only does its work. Adding a job is one entry in `jobs`.
 */
import type { Database, Db } from '../../../db/client.ts';
import { deleteExpiredSessions } from '../domain/accounts/resolve-actor.ts';
import { NIGHTLY_BACKUP_JOB, runNightlyBackup } from '../domain/backups/nightly-backup.ts';
import { HUB_TIME_ZONE } from '../domain/calendar/today.ts';
import { refreshCampaignStatuses } from '../domain/campaigns/refresh-statuses.ts';
import { expireClaimLinks } from '../domain/claims/expire-claim-links.ts';
import { sendClaimReminders } from '../domain/claims/send-claim-reminders.ts';
import type { Ctx } from '../domain/context.ts';
import { deliverQueuedEmails } from '../domain/email/deliver-queued-emails.ts';
import { sendDailyDigest } from '../domain/email/send-daily-digest.ts';
import type { MailTransport } from '../domain/email/transport.ts';
import { expireNominations } from '../domain/nominations/expire-nominations.ts';
import { applyAddressRetention } from '../domain/privacy/apply-address-retention.ts';
import { runNightlyScoreRecompute } from '../domain/scores/recompute-scores.ts';
import { continueWeightsRebuild } from '../domain/scores/weights-rebuild.ts';

/** What a job gets to work with. */
export interface JobDeps {
	/** A system context (the clock the scheduler was given). */
	ctx(): Ctx;
	db: Db;
	database: Database;
	now(): Date;
	/** The public origin, for links in emails. */
	origin: string;
	/** SMTP, or null for the in-app outbox. */
	transport: MailTransport | null;
	/** Where the nightly backup of the embedded database goes (BACKUP_DIR). */
	backupDir: string;
}

export interface Job {
	/** Stable: the admins' jobs page and the run records name it. */
	name: string;
	/** The period: at most one run per period across all instances (epoch-aligned: minutes, hours). */
	everySeconds: number;
	/** Counts of what the run did, logged when any is non-zero. Throw to fail (and be retried). */
	run(deps: JobDeps): Promise<Record<string, number>>;
}

export const MINUTE = 60;
export const HOUR = 3_600;
/** The approval digest goes out from 08:00 hub time. */
const DIGEST_FROM_HOUR = 8;

// The daily jobs are idempotent per day (event keys, conditional updates), so running them hourly
// only makes them timelier; the nightly recompute waits for 03:00 by itself.
export const jobs: readonly Job[] = [
	{
		name: 'mail-delivery',
		everySeconds: MINUTE,
		run: async (d) => ({ ...(await deliverQueuedEmails(d)) })
	},
	{
		name: 'claim-reminders',
		everySeconds: HOUR,
		run: async (d) => ({
			...(await sendClaimReminders({ ctx: d.ctx(), input: { origin: d.origin } }))
		})
	},
	{
		name: 'claim-link-expiry',
		everySeconds: HOUR,
		run: async (d) => ({ ...(await expireClaimLinks({ ctx: d.ctx() })) })
	},
	{
		name: 'campaign-status',
		everySeconds: HOUR,
		run: async (d) => {
			const { activated, closed } = await refreshCampaignStatuses({ ctx: d.ctx() });
			return { activated: activated.length, closed: closed.length };
		}
	},
	{
		name: 'nomination-expiry',
		everySeconds: HOUR,
		run: async (d) => ({ expired: (await expireNominations({ ctx: d.ctx() })).expired })
	},
	{
		name: 'address-retention',
		everySeconds: HOUR,
		run: async (d) => countsOf(await applyAddressRetention({ ctx: d.ctx() }))
	},
	{
		name: 'session-cleanup',
		everySeconds: HOUR,
		run: async (d) => ({ deleted: await deleteExpiredSessions(d.db, d.now()) })
	},
	{
		name: 'score-recompute',
		everySeconds: HOUR,
		run: async (d) => ({ ...(await runNightlyScoreRecompute({ ctx: d.ctx() })) })
	},
	{
		// A weights rebuild an instance left behind (stopped, crashed) carries on from its last batch.
		name: 'weights-rebuild',
		everySeconds: MINUTE,
		run: async (d) => ({ batches: (await continueWeightsRebuild({ ctx: d.ctx() })).batches })
	},
	{
		name: NIGHTLY_BACKUP_JOB,
		everySeconds: HOUR,
		run: async (d) =>
			countsOf(
				await runNightlyBackup({ ctx: d.ctx(), database: d.database, input: { dir: d.backupDir } })
			)
	},
	{
		name: 'daily-digest',
		everySeconds: HOUR,
		run: async (d) =>
			amsterdamHour(d.now()) >= DIGEST_FROM_HOUR
				? { ...(await sendDailyDigest({ ctx: d.ctx(), input: { origin: d.origin } })) }
				: { queued: 0 }
	}
];

/** The numeric fields of a verb's result (what is worth a log line). */
function countsOf(result: unknown): Record<string, number> {
	if (!result || typeof result !== 'object') return {};
	return Object.fromEntries(
		Object.entries(result).flatMap(([k, v]) => (typeof v === 'number' ? [[k, v]] : []))
	);
}

function amsterdamHour(at: Date): number {
	return (
		Number(
			new Intl.DateTimeFormat('en-GB', {
				timeZone: HUB_TIME_ZONE,
				hour: '2-digit',
				hour12: false
			}).format(at)
		) % 24
	);
}
