/**
 * Real SMTP: a local smtp-server on 127.0.0.1 (random port) receives what deliverQueuedEmails sends
 * through nodemailer, and mailparser reads it back, as a mail client would.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '#db/client.ts';
import { emailOutbox } from '#db/schema/index.ts';
import { sha256 } from '#api/domain/accounts/secrets.ts';
import { createClaimLink } from '#api/domain/claims/create-claim-link.ts';
import type { Ctx } from '#api/domain/context.ts';
import { deliverQueuedEmails, MAX_ATTEMPTS } from '#api/domain/email/deliver-queued-emails.ts';
import { enqueueEmail } from '#api/domain/email/enqueue-email.ts';
import { createMailTransport } from '#api/domain/email/transport.ts';
import { parseEnv } from '#api/env.ts';
import { engines, freshDatabase } from '../../support/databases.ts';
import { testApi } from '../../support/api.ts';
import { startSmtpServer, type Inbox } from '../../support/smtp-inbox.ts';
import { claimFixtures } from '../claims/fixtures.ts';

describe.each(engines)('email over real SMTP on %s', (engine) => {
	let database: Database;
	let t: ReturnType<typeof testApi>;
	let inbox: Inbox;
	let hubCtx: Ctx;

	beforeAll(async () => {
		database = await freshDatabase(engine);
		t = testApi(database);
		inbox = await startSmtpServer();
		const hub = await t.user('hub', { name: 'Sanne de Boer' });
		hubCtx = {
			...t.ctx,
			actor: { type: 'user', id: hub.id, role: 'hub', name: hub.name, email: hub.email }
		};
	}, 60_000);
	afterAll(async () => {
		await inbox?.close();
		await database?.close();
	});

	const transportFor = (url: string) =>
		createMailTransport(
			parseEnv({ SMTP_URL: url, MAIL_FROM: 'Hoppatee <hoppatee@example.test>' })
		)!;
	const outboxRow = async (eventKey: string) =>
		(await database.db.select().from(emailOutbox).where(eq(emailOutbox.eventKey, eventKey)))[0]!;

	it('a Dutch claim-link mail reaches Zoë Ĳsbrand with the link, the right subject and a deterministic Message-ID', async () => {
		const s = await claimFixtures(database).surprise({
			name: 'Zoë Ĳsbrand',
			email: 'zoe@example.test',
			locale: 'nl'
		});
		const link = await createClaimLink({
			ctx: hubCtx,
			input: { surpriseId: s.id, sendEmail: true },
			options: { origin: 'https://hoppatee.example' }
		});
		const transport = transportFor(inbox.url);
		const report = await deliverQueuedEmails({ db: database.db, transport });
		transport.close();
		expect(report).toEqual({ sent: 1, retried: 0, failed: 0, filed: 0 });

		expect(inbox.messages).toHaveLength(1);
		const mail = inbox.messages[0]!;
		expect(mail.to && !Array.isArray(mail.to) && mail.to.value).toEqual([
			{ name: 'Zoë Ĳsbrand', address: 'zoe@example.test' }
		]);
		expect(mail.from?.value).toEqual([{ name: 'Hoppatee', address: 'hoppatee@example.test' }]);
		expect(mail.subject).toBe('Zoë, er ligt een verrassing voor je klaar');
		expect(mail.html).toContain('<html lang="nl"');
		expect(mail.html).toContain(`href="${link.url}"`);
		expect(mail.text).toContain('Hoi Zoë,');
		expect(mail.text).toContain(link.url);
		expect(mail.text).toContain('De link werkt één keer');
		expect(mail.messageId).toBe(`<${sha256(`claim-link:${link.id}`)}@hoppatee>`);
		const row = await outboxRow(`claim-link:${link.id}`);
		expect(row).toMatchObject({
			status: 'sent',
			attempts: 1,
			lastError: null,
			messageId: mail.messageId
		});
		expect(row.sentAt).toBeInstanceOf(Date);
	});

	it('the same event enqueued twice is one message', async () => {
		inbox.messages.length = 0;
		const input = {
			eventKey: 'test:twice',
			to: { name: 'Łukasz Żółć 🧦', address: 'lukasz@example.test' },
			template: 'low-stock',
			locale: 'en',
			data: {
				recipientName: 'Łukasz',
				giftName: 'Sokken',
				variantName: '41–46',
				stock: 2,
				threshold: 5,
				url: 'https://hoppatee.example/gifts/1'
			}
		} as const;
		const first = await enqueueEmail({ ctx: t.ctx, input });
		const second = await enqueueEmail({ ctx: t.ctx, input });
		expect(first.created).toBe(true);
		expect(second).toEqual({ id: null, created: false, messageId: first.messageId });
		const transport = transportFor(inbox.url);
		await deliverQueuedEmails({ db: database.db, transport });
		await deliverQueuedEmails({ db: database.db, transport });
		transport.close();
		expect(inbox.messages.map((m) => m.messageId)).toEqual([first.messageId]);
		const to = inbox.messages[0]!.to;
		expect(to && !Array.isArray(to) && to.value[0]!.name).toBe('Łukasz Żółć 🧦');
	});

	it('a failing SMTP server: the message is retried later with backoff, not lost; a permanent 5xx gives up', async () => {
		inbox.messages.length = 0;
		const data = {
			recipientName: 'Marloes',
			giftName: 'Sokken',
			variantName: '36–40',
			stock: 1,
			threshold: 5,
			url: 'https://hoppatee.example/gifts/1'
		};
		await enqueueEmail({
			ctx: t.ctx,
			input: {
				eventKey: 'test:retry',
				to: 'marloes@example.test',
				template: 'low-stock',
				locale: 'nl',
				data
			}
		});
		const start = Date.now();

		// 1. Nobody listening at all.
		const refused = await startSmtpServer();
		await refused.close();
		const down = transportFor(refused.url);
		expect(
			await deliverQueuedEmails({ db: database.db, transport: down, now: () => new Date(start) })
		).toMatchObject({ sent: 0, retried: 1 });
		down.close();
		let row = await outboxRow('test:retry');
		expect(row).toMatchObject({ status: 'queued', attempts: 1 });
		expect(row.lastError).toMatch(/ECONNREFUSED|connect/i);
		expect(row.nextAttemptAt.getTime()).toBe(start + 60_000);

		// 2. The server answers 451 (temporary): next attempt after a longer wait.
		const transport = transportFor(inbox.url);
		inbox.mode = 451;
		expect(
			await deliverQueuedEmails({ db: database.db, transport, now: () => new Date(start + 30_000) })
		).toMatchObject({ sent: 0, retried: 0 });
		expect(
			await deliverQueuedEmails({ db: database.db, transport, now: () => new Date(start + 61_000) })
		).toMatchObject({ retried: 1 });
		row = await outboxRow('test:retry');
		expect(row).toMatchObject({ status: 'queued', attempts: 2 });
		expect(row.lastError).toMatch(/451/);
		expect(row.nextAttemptAt.getTime()).toBe(start + 61_000 + 5 * 60_000);

		// 3. The server is fine again: delivered, once.
		inbox.mode = 'accept';
		expect(
			await deliverQueuedEmails({
				db: database.db,
				transport,
				now: () => new Date(start + 7 * 60_000)
			})
		).toMatchObject({ sent: 1 });
		expect(inbox.messages).toHaveLength(1);
		expect(inbox.messages[0]!.subject).toBe('Bijna op: Sokken (36–40), nog 1');
		expect(await outboxRow('test:retry')).toMatchObject({ status: 'sent', attempts: 3 });

		// A permanent rejection (550) is not retried.
		inbox.mode = 550;
		await enqueueEmail({
			ctx: t.ctx,
			input: {
				eventKey: 'test:permanent',
				to: 'nobody@example.test',
				template: 'low-stock',
				locale: 'nl',
				data
			}
		});
		expect(
			await deliverQueuedEmails({
				db: database.db,
				transport,
				now: () => new Date(start + 8 * 60_000)
			})
		).toMatchObject({ failed: 1 });
		expect(await outboxRow('test:permanent')).toMatchObject({ status: 'failed', attempts: 1 });
		inbox.mode = 'accept';
		transport.close();
		expect(MAX_ATTEMPTS).toBeGreaterThan(3);
	});

	it('a process that died mid-send: after the lease the message goes out again with the same Message-ID', async () => {
		inbox.messages.length = 0;
		const { messageId } = await enqueueEmail({
			ctx: t.ctx,
			input: {
				eventKey: 'test:crash',
				to: 'x@example.test',
				template: 'low-stock',
				locale: 'en',
				data: {
					recipientName: 'X',
					giftName: 'G',
					variantName: 'V',
					stock: 0,
					threshold: 1,
					url: 'https://hoppatee.example/'
				}
			}
		});
		const start = Date.now();
		// The dead process claimed the row (status sending, lease) and never came back.
		const crashed = { send: () => new Promise<void>(() => {}), close: () => {} };
		void deliverQueuedEmails({ db: database.db, transport: crashed, now: () => new Date(start) });
		await new Promise((r) => setTimeout(r, 300));
		expect(await outboxRow('test:crash')).toMatchObject({ status: 'sending', attempts: 1 });
		const transport = transportFor(inbox.url);
		expect(
			await deliverQueuedEmails({ db: database.db, transport, now: () => new Date(start + 60_000) })
		).toMatchObject({ sent: 0 });
		expect(
			await deliverQueuedEmails({
				db: database.db,
				transport,
				now: () => new Date(start + 6 * 60_000)
			})
		).toMatchObject({ sent: 1 });
		transport.close();
		expect(inbox.messages.map((m) => m.messageId)).toEqual([messageId]);
	});
});
