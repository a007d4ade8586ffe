import { count } from 'drizzle-orm';
import { serveBackups } from '../../db/backup.ts';
import { migrateDatabase, openDatabase, withBootLock, type Database } from '../../db/client.ts';
import { customers } from '../../db/schema/index.ts';
import { seedDemo, DEMO_PASSWORD } from './seed/demo.ts';
import { ensureFirstAdmin } from './domain/accounts/ensure-first-admin.ts';
import { systemCtx } from './domain/context.ts';
import { stopWeightsRebuild } from './domain/scores/weights-rebuild.ts';
import { readEnv, type Env } from './env.ts';
import { createApi, type Api } from './app.ts';
import type { Log } from './http/types.ts';
import { startScheduler } from './jobs/scheduler.ts';
import { stopWallHub } from './http/wall-hub.ts';
import { createLogger } from './log.ts';

export interface Runtime {
	env: Env;
	database: Database;
	api: Api;
	log: Log;
	close(): Promise<void>;
}

/** Opens the database, migrates, creates the first admin and (embedded only) the demo data. */
export async function boot(
	env: Env = readEnv(),
	options: { scheduler?: boolean; backupSocket?: boolean } = {}
): Promise<Runtime> {
	const log = createLogger(env.LOG_LEVEL);
	const started = performance.now();
	const database = env.DATABASE_URL
		? await openDatabase({ url: env.DATABASE_URL })
		: await openDatabase({ dataDir: env.DATA_DIR });
	await migrateDatabase(database);
	const ctx = systemCtx(database.db);

	// Under the boot lock: two instances starting at once on an empty database make one admin.
	const admin = await withBootLock(database, () =>
		ensureFirstAdmin({
			ctx,
			input: { email: env.HOPPATEE_ADMIN_EMAIL, password: env.HOPPATEE_ADMIN_PASSWORD }
		})
	);
	const lines: string[] = [];
	if (admin) {
		lines.push(
			`Admin: ${admin.email}${admin.generated ? ` / one-time password: ${admin.password} (shown once; change it after logging in)` : ' (password from HOPPATEE_ADMIN_PASSWORD)'}`
		);
	}
	const [{ n }] = (await database.db.select({ n: count() }).from(customers)) as [{ n: number }];
	const wantsDemo =
		env.SEED_DEMO === 'true' ||
		(env.SEED_DEMO === 'auto' && database.kind === 'pglite' && Number(n) === 0);
	if (wantsDemo && Number(n) === 0) {
		// Scored inside the seed, so tiers, "emerging" and "slipping away" show on the first page view.
		const demo = await seedDemo(database.db);
		lines.push(
			`Demo data: ${demo.customers} customers, ${demo.surprises} surprises, ${demo.reactions} reactions.`
		);
		lines.push(
			`Demo logins (password ${DEMO_PASSWORD}): ${demo.logins.map((l) => `${l.email} (${l.role})`).join(', ')}`
		);
	}
	for (const line of lines) console.log(line);
	log('info', 'ready', { database: database.kind, ms: Math.round(performance.now() - started) });

	const api = createApi({ database, env, log, runsJobs: !!options.scheduler });
	// Background jobs (mail, claim links, retention…): state lives in PostgreSQL, so every instance may run them.
	const scheduler = options.scheduler ? await startScheduler({ database, env, log }) : null;
	// `npm run backup` asks the app that holds ./data for a consistent copy (db/backup.ts).
	const backups =
		options.backupSocket && database.kind === 'pglite'
			? await serveBackups(database, env.DATA_DIR).catch((error: unknown) => {
					// The app runs without it; `npm run backup` then asks to stop the app.
					log('warn', 'backup socket unavailable', { error: String(error) });
					return null;
				})
			: null;
	let closed = false;
	return {
		env,
		database,
		api,
		log,
		close: async () => {
			if (closed) return;
			closed = true;
			await stopWeightsRebuild();
			await scheduler?.stop();
			await backups?.close();
			await stopWallHub(database.db);
			await database.close();
		}
	};
}

let shared: Promise<Runtime> | undefined;

/** One runtime per process: a second PGlite instance on the same directory would lose data. */
export function getRuntime(): Promise<Runtime> {
	shared ??= boot(readEnv(), { scheduler: true, backupSocket: true }).then((runtime) => {
		const shutdown = () => void runtime.close();
		process.once('sveltekit:shutdown' as never, shutdown);
		return runtime;
	});
	return shared;
}
