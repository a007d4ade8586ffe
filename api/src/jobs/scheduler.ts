/**
 * A small in-process scheduler: every minute it delivers due mail, every hour it runs the claim-link
 * jobs, campaign status flips, nomination expiry, address retention, expired-session clean-up, the nightly ambassador score
 * recompute (from 03:00) and (from 08:00 Amsterdam
 * time) the daily approval digest. All state lives in PostgreSQL —
 * SKIP LOCKED claims, conditional updates and unique event keys — so every instance behind a load
 * balancer may run it at once without sending anything twice. Opt-in: boot() starts it only when
 * asked, tests never do.
 */
import type { Database } from '../../../db/client.ts';
import { deleteExpiredSessions } from '../domain/accounts/resolve-actor.ts';
import { refreshCampaignStatuses } from '../domain/campaigns/refresh-statuses.ts';
import { expireNominations } from '../domain/nominations/expire-nominations.ts';
import { applyAddressRetention } from '../domain/privacy/apply-address-retention.ts';
import { runNightlyScoreRecompute } from '../domain/scores/recompute-scores.ts';
import { expireClaimLinks } from '../domain/claims/expire-claim-links.ts';
import { sendClaimReminders } from '../domain/claims/send-claim-reminders.ts';
import { HUB_TIME_ZONE } from '../domain/calendar/today.ts';
import { systemCtx } from '../domain/context.ts';
import { deliverQueuedEmails } from '../domain/email/deliver-queued-emails.ts';
import { sendDailyDigest } from '../domain/email/send-daily-digest.ts';
import { emailTemplates } from '../domain/email/templates.ts';
import { createMailTransport } from '../domain/email/transport.ts';
import type { Env } from '../env.ts';
import type { Log } from '../http/types.ts';
import { countedRun } from './job-stats.ts';

export interface SchedulerOptions {
	database: Database;
	env: Env;
	log: Log;
	now?: () => Date;
	/** Defaults: mail every minute, claim jobs and digest every hour, digest from 08:00. */
	mailEveryMs?: number;
	hourlyEveryMs?: number;
	digestFromHour?: number;
}

export interface Scheduler {
	/** One delivery run now (also what the minute timer does). */
	deliverMail(): Promise<void>;
	/** One run of the hourly jobs now. */
	runHourly(): Promise<void>;
	stop(): Promise<void>;
}

interface Runner {
	tickMs: number;
	lastTickAt: Date | null;
}
const runners = new Set<Runner>();

/**
 * Whether this process's job runner is alive, for readiness checks: started, not stopped, and a
 * timer fired within three of its intervals (starting counts as the first).
 */
export function jobRunnerStatus(at: Date = new Date()): {
	running: boolean;
	alive: boolean;
	lastTickAt: string | null;
} {
	let last: Runner | undefined;
	for (const r of runners) if (!last || (r.lastTickAt ?? 0) > (last.lastTickAt ?? 0)) last = r;
	const alive = !!last?.lastTickAt && at.getTime() - last.lastTickAt.getTime() < 3 * last.tickMs;
	return { running: runners.size > 0, alive, lastTickAt: last?.lastTickAt?.toISOString() ?? null };
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

export function startScheduler(options: SchedulerOptions): Scheduler {
	const { database, env, log } = options;
	const now = options.now ?? (() => new Date());
	const origin = env.PUBLIC_ORIGIN
		? new URL(env.PUBLIC_ORIGIN).origin
		: `http://localhost:${env.PORT}`;
	const transport = createMailTransport(env);
	// A broken template should stop the start, not a delivery at 3 a.m.
	emailTemplates();
	const ctx = () => ({ ...systemCtx(database.db), now });
	const running = new Set<Promise<unknown>>();
	const busy = new Set<string>();
	const runner: Runner = {
		tickMs: Math.min(options.mailEveryMs ?? 60_000, options.hourlyEveryMs ?? 3_600_000),
		lastTickAt: new Date()
	};

	/** One task at a time per name (a slow SMTP server must not pile up runs); errors are logged, never thrown. */
	const guarded = (name: string, work: () => Promise<object>) => async () => {
		runner.lastTickAt = new Date();
		if (busy.has(name)) return;
		busy.add(name);
		const task = (async () => {
			try {
				const result = (await countedRun(name, work)) as Record<string, number>;
				if (Object.values(result).some((n) => n > 0)) log('info', `job ${name}`, result);
			} catch (error) {
				log('error', `job ${name} failed`, { error: (error as Error).stack ?? String(error) });
			} finally {
				busy.delete(name);
			}
		})();
		running.add(task);
		await task;
		running.delete(task);
	};

	const deliverMail = guarded('mail', () =>
		deliverQueuedEmails({ db: database.db, transport, now })
	);
	const runHourly = guarded('hourly', async () => {
		const reminders = await sendClaimReminders({ ctx: ctx(), input: { origin } });
		const expiries = await expireClaimLinks({ ctx: ctx() });
		const digest =
			amsterdamHour(now()) >= (options.digestFromHour ?? 8)
				? await sendDailyDigest({ ctx: ctx(), input: { origin } })
				: { queued: 0 };
		// The "daily" jobs are idempotent, so running them every hour only makes them timelier.
		const campaigns = await refreshCampaignStatuses({ ctx: ctx() });
		const nominations = await expireNominations({ ctx: ctx() });
		await applyAddressRetention({ ctx: ctx() });
		const sessionsDeleted = await deleteExpiredSessions(database.db, now());
		// Once per Amsterdam day from 03:00: decay moves every ambassador score.
		const scores = await runNightlyScoreRecompute({ ctx: ctx() });
		return {
			reminded: reminders.reminded,
			expired: expiries.expired,
			digests: digest.queued,
			campaignsActivated: campaigns.activated.length,
			campaignsClosed: campaigns.closed.length,
			nominationsExpired: nominations.expired,
			sessionsDeleted,
			scoresRecomputed: scores.recomputed
		};
	});

	const timers = [
		setInterval(deliverMail, options.mailEveryMs ?? 60_000),
		setInterval(runHourly, options.hourlyEveryMs ?? 3_600_000)
	];
	// First runs soon after start, not a full interval later.
	timers.push(setTimeout(deliverMail, 5_000), setTimeout(runHourly, 15_000));
	for (const timer of timers) timer.unref();
	runners.add(runner);
	log('info', 'scheduler started', { smtp: transport ? 'yes' : 'no (local outbox)' });

	return {
		deliverMail,
		runHourly,
		async stop() {
			runners.delete(runner);
			for (const timer of timers) clearTimeout(timer);
			await Promise.allSettled([...running]);
			transport?.close();
		}
	};
}
