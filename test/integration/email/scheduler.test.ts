import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '#db/client.ts';
import { emailOutbox } from '#db/schema/index.ts';
import { enqueueEmail } from '#api/domain/email/enqueue-email.ts';
import { systemCtx } from '#api/domain/context.ts';
import { parseEnv } from '#api/env.ts';
import type { Log } from '#api/http/types.ts';
import { jobs } from '#api/jobs/jobs.ts';
import { startScheduler } from '#api/jobs/scheduler.ts';
import { freshDatabase } from '../../support/databases.ts';

describe('the in-process scheduler', () => {
	let database: Database;
	beforeAll(async () => {
		database = await freshDatabase('pglite');
	}, 60_000);
	afterAll(async () => {
		await database?.close();
	});

	it('delivers due mail on its schedule (to the local outbox without SMTP), runs every job, stops cleanly', async () => {
		const lines: { level: string; msg: string; data?: Record<string, unknown> }[] = [];
		const log: Log = (level, msg, data) => lines.push({ level, msg, data });
		await enqueueEmail({
			ctx: systemCtx(database.db),
			input: {
				eventKey: 'scheduler:1',
				to: 'a@example.test',
				template: 'low-stock',
				locale: 'nl',
				data: {
					recipientName: 'A',
					giftName: 'G',
					variantName: 'V',
					stock: 0,
					threshold: 1,
					url: 'https://hoppatee.example/'
				}
			}
		});
		const scheduler = await startScheduler({
			database,
			env: parseEnv({ LOG_LEVEL: 'silent' }),
			log,
			pollSeconds: 0.5
		});
		try {
			await expect
				.poll(
					async () =>
						(
							await database.db
								.select()
								.from(emailOutbox)
								.where(eq(emailOutbox.eventKey, 'scheduler:1'))
						)[0]!.status,
					{ timeout: 5_000 }
				)
				.toBe('outbox');
			for (const job of jobs) await scheduler.run(job.name);
			expect(lines.filter((l) => l.level === 'error')).toEqual([]);
			expect(lines.some((l) => l.msg === 'job mail-delivery' && l.data?.filed === 1)).toBe(true);
		} finally {
			await scheduler.stop();
		}
	});
});
