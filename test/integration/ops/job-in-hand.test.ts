/**
 * What SIGTERM's last step does (runtime.close(), after the requests drained): it waits for the job
 * in hand — a mail whose SMTP server is slow to answer — before it closes the embedded database,
 * so the mail is marked sent, and the data-dir lock is free afterwards.
 */
import { eq } from 'drizzle-orm';
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { SMTPServer } from 'smtp-server';
import { afterAll, describe, expect, it } from 'vitest';
import { systemCtx } from '#api/domain/context.ts';
import { enqueueEmail } from '#api/domain/email/enqueue-email.ts';
import { parseEnv } from '#api/env.ts';
import { boot } from '#api/runtime.ts';
import { openDatabase } from '#db/client.ts';
import { emailOutbox } from '#db/schema/index.ts';

const SMTP_DELAY_MS = 1500;

describe('closing the runtime with a job in hand', () => {
	const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hoppatee-job-in-hand-'));
	let receivedAt = 0;
	let dataStarted = false;
	const smtp = new SMTPServer({
		authOptional: true,
		disabledCommands: ['STARTTLS', 'AUTH'],
		logger: false,
		onData(stream, _session, callback) {
			dataStarted = true;
			stream.resume();
			stream.on('end', () =>
				setTimeout(() => {
					receivedAt = performance.now();
					callback();
				}, SMTP_DELAY_MS)
			);
		}
	});
	afterAll(async () => {
		await new Promise<void>((r) => smtp.close(() => r()));
		fs.rmSync(dataDir, { recursive: true, force: true });
	});

	it('waits for the mail being sent, then closes the database and frees the lock', async () => {
		await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
		const { port } = smtp.server.address() as AddressInfo;
		const runtime = await boot(
			parseEnv({
				DATA_DIR: dataDir,
				SEED_DEMO: 'false',
				LOG_LEVEL: 'silent',
				SMTP_URL: `smtp://127.0.0.1:${port}`
			}),
			{ scheduler: true }
		);
		let closedAt = 0;
		try {
			await enqueueEmail({
				ctx: systemCtx(runtime.database.db),
				input: {
					eventKey: 'job-in-hand:1',
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
			// The scheduler's first mail run comes 5 s after start.
			await expect.poll(() => dataStarted, { timeout: 15_000, interval: 50 }).toBe(true);
		} finally {
			await runtime.close();
			closedAt = performance.now();
		}
		expect(receivedAt).toBeGreaterThan(0);
		expect(closedAt).toBeGreaterThanOrEqual(receivedAt);

		const reopened = await openDatabase({ dataDir });
		try {
			const [mail] = await reopened.db
				.select({ status: emailOutbox.status, sentAt: emailOutbox.sentAt })
				.from(emailOutbox)
				.where(eq(emailOutbox.eventKey, 'job-in-hand:1'));
			expect(mail?.status).toBe('sent');
			expect(mail?.sentAt).toBeInstanceOf(Date);
		} finally {
			await reopened.close();
		}
	}, 60_000);
});
