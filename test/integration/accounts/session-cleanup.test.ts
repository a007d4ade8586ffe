import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '#db/client.ts';
import { sessions } from '#db/schema/accounts.ts';
import { parseEnv } from '#api/env.ts';
import { startScheduler } from '#api/jobs/scheduler.ts';
import { freshDatabase } from '../../support/databases.ts';
import { testApi } from '../../support/api.ts';

describe('expired sessions', () => {
	let database: Database;
	beforeAll(async () => {
		database = await freshDatabase('pglite');
	}, 60_000);
	afterAll(async () => {
		await database?.close();
	});

	it('are deleted by the scheduled hourly clean-up; live sessions stay and keep working', async () => {
		const t = testApi(database);
		const live = await t.user('hub');
		const stale = await t.user('marketing');
		const hour = 3_600_000;
		// The stale user's session ran out two hours ago (sessions in these tests last one hour).
		await database.db
			.update(sessions)
			.set({ expiresAt: new Date(Date.now() - 2 * hour) })
			.where(eq(sessions.userId, stale.id));
		expect(await database.db.select().from(sessions)).toHaveLength(2);
		// The job list as shipped, on its schedule: the first tick files this hour's clean-up.
		const scheduler = await startScheduler({
			database,
			env: parseEnv({ LOG_LEVEL: 'silent' }),
			log: () => {},
			now: () => new Date(Date.now() + 0.5 * hour),
			pollSeconds: 0.5
		});
		try {
			await expect
				.poll(async () => (await database.db.select().from(sessions)).map((s) => s.userId), {
					timeout: 15_000,
					interval: 200
				})
				.toEqual([live.id]);
		} finally {
			await scheduler.stop();
		}
		expect((await t.client.api.v1.auth.me.$get({}, { headers: live.headers })).status).toBe(200);
		expect((await t.client.api.v1.auth.me.$get({}, { headers: stale.headers })).status).toBe(401);
	});
});
