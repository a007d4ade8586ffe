/**
 * Staff are told, through the one outbox and over real SMTP: marketing when a surprise waits for
 * approval above the limit (an email now, or the daily digest, per their choice), the hub'er who
 * planned it when marketing approves or rejects it, with the comment. Sent once, retried.
 */
import { eq, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '#db/client.ts';
import { emailOutbox, users } from '#db/schema/index.ts';
import { sendDailyDigest } from '#api/domain/email/send-daily-digest.ts';
import { engines, freshDatabase } from '../../support/databases.ts';
import { testApi } from '../../support/api.ts';
import { expectStatus } from '../../support/expect-http.ts';
import { deliverTo, startSmtpServer, type Inbox } from '../../support/smtp-inbox.ts';
import { fixtures } from '../surprises/fixtures.ts';

describe.each(engines)('staff notices on %s', (engine) => {
	let database: Database;
	let t: ReturnType<typeof testApi>;
	let f: ReturnType<typeof fixtures>;
	let inbox: Inbox;
	let hub: Awaited<ReturnType<ReturnType<typeof testApi>['user']>>;
	let mailer: Awaited<ReturnType<ReturnType<typeof testApi>['user']>>;
	let digester: Awaited<ReturnType<ReturnType<typeof testApi>['user']>>;
	let campaign: { id: string };
	let gift: { id: string };

	beforeAll(async () => {
		database = await freshDatabase(engine);
		t = testApi(database, { PUBLIC_ORIGIN: 'https://hoppatee.example' });
		f = fixtures(database);
		inbox = await startSmtpServer();
		hub = await t.user('hub', { name: 'Fleur Jansen' });
		mailer = await t.user('marketing', { name: 'Lotte van Dijk' });
		digester = await t.user('marketing', { name: 'Jeroen Smit' });
		await database.db.update(users).set({ digest: true }).where(eq(users.id, digester.id));
		await database.db.update(users).set({ locale: 'en' }).where(eq(users.id, hub.id));
		gift = await f.gift({ kind: 'item', unitCostCents: 5_000 });
		campaign = await f.campaign({
			giftIds: [gift.id],
			autoApproveLimitCents: 1_000,
			budgetCents: 1_000_000
		});
	}, 60_000);
	afterAll(async () => {
		await inbox?.close();
		await database?.close();
	});

	async function planAboveLimit() {
		const customer = await f.customer({ address: true });
		return expectStatus<{ id: string; reference: string; status: string }>(
			await t.client.api.v1.surprises.$post(
				{
					json: {
						customerId: customer.id,
						campaignId: campaign.id,
						items: [{ giftId: gift.id }],
						cardMessage: 'Hoi!'
					}
				},
				{ headers: hub.headers }
			),
			201
		);
	}
	const rowsLike = (prefix: string) =>
		database.db
			.select()
			.from(emailOutbox)
			.where(like(emailOutbox.eventKey, `${prefix}%`));

	it('a surprise above the limit: the marketing user who wants mails gets one now, with a link straight to it', async () => {
		const s = await planAboveLimit();
		expect(s.status).toBe('planned');
		const rows = await rowsLike(`approval-request:surprise:${s.id}:`);
		expect(rows.map((r) => r.toAddress)).toEqual([`"Lotte van Dijk" <${mailer.email}>`]);

		inbox.messages.length = 0;
		await deliverTo(inbox, database.db);
		const mail = inbox.messages.find((m) => m.subject?.startsWith('Goedkeuring gevraagd'))!;
		expect(mail.subject).toContain(s.reference);
		expect(mail.text).toContain(`https://hoppatee.example/surprises/${s.id}`);
		expect(mail.html).toContain(`href="https://hoppatee.example/surprises/${s.id}"`);
		// Sent once: a second delivery run finds nothing.
		inbox.messages.length = 0;
		expect((await deliverTo(inbox, database.db)).sent).toBe(0);
		expect(inbox.messages).toHaveLength(0);

		// The digest user sees it in the daily digest instead.
		await sendDailyDigest({ ctx: t.ctx, input: { origin: 'https://hoppatee.example' } });
		const digests = await rowsLike(`daily-digest:${digester.id}:`);
		expect(digests).toHaveLength(1);
		expect(digests[0]!.text).toContain(s.reference);
		expect(await rowsLike(`daily-digest:${mailer.id}:`)).toHaveLength(0);
	});

	it('within the limit nobody is asked', async () => {
		const cheap = await f.gift({ kind: 'item', unitCostCents: 100 });
		const open = await f.campaign({
			giftIds: [cheap.id],
			autoApproveLimitCents: 10_000,
			budgetCents: 1_000_000
		});
		const customer = await f.customer({ address: true });
		const s = await expectStatus<{ id: string; status: string }>(
			await t.client.api.v1.surprises.$post(
				{ json: { customerId: customer.id, campaignId: open.id, items: [{ giftId: cheap.id }] } },
				{ headers: hub.headers }
			),
			201
		);
		expect(s.status).not.toBe('planned');
		expect(await rowsLike(`approval-request:surprise:${s.id}:`)).toHaveLength(0);
	});

	it('the hub’er who planned it gets the approval and the rejection with the comment, in their language, retried once the server answers', async () => {
		const yes = await planAboveLimit();
		const no = await planAboveLimit();
		await expectStatus(
			await t.client.api.v1.surprises[':id'].approve.$post(
				{ param: { id: yes.id }, json: { comment: 'Mooi gebaar, doen!' } },
				{ headers: mailer.headers }
			),
			200
		);
		await expectStatus(
			await t.client.api.v1.surprises[':id'].reject.$post(
				{ param: { id: no.id }, json: { comment: 'Deze klant kreeg vorige week al iets.' } },
				{ headers: mailer.headers }
			),
			200
		);
		const decisions = await rowsLike('decision:surprise:');
		expect(decisions.map((r) => r.eventKey).sort()).toEqual(
			[`decision:surprise:${yes.id}:approved:1`, `decision:surprise:${no.id}:rejected:1`].sort()
		);
		expect(decisions.every((r) => r.toAddress === `"Fleur Jansen" <${hub.email}>`)).toBe(true);

		// The server is busy first (451): nothing lost, the next run delivers.
		inbox.messages.length = 0;
		inbox.mode = 451;
		const busy = await deliverTo(inbox, database.db);
		expect(busy.retried).toBeGreaterThanOrEqual(2);
		inbox.mode = 'accept';
		await database.db
			.update(emailOutbox)
			.set({ nextAttemptAt: new Date(Date.now() - 1000) })
			.where(like(emailOutbox.eventKey, 'decision:surprise:%'));
		await deliverTo(inbox, database.db);
		const title = `${yes.reference} for ${await customerName(yes.id)}`;
		const approved = inbox.messages.find((m) => m.subject === `Approved: ${title}`);
		expect(approved, inbox.messages.map((m) => m.subject).join(' | ')).toBeDefined();
		expect(approved!.text).toContain('> Mooi gebaar, doen!');
		expect(approved!.text).toContain(`https://hoppatee.example/surprises/${yes.id}`);
		const rejected = inbox.messages.find((m) => m.subject?.startsWith('Rejected:'))!;
		expect(rejected.subject).toContain(no.reference);
		expect(rejected.text).toContain('> Deze klant kreeg vorige week al iets.');
		expect(inbox.messages.filter((m) => m.subject?.startsWith('Approved:'))).toHaveLength(1);
	});

	async function customerName(surpriseId: string) {
		const res = await t.client.api.v1.surprises[':id'].$get(
			{ param: { id: surpriseId } },
			{ headers: hub.headers }
		);
		return ((await res.json()) as { customer: { name: string } }).customer.name;
	}
});
