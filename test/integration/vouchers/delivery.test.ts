/**
 * A voucher's code reaches the customer exactly once, through the gift's channel: the e-voucher
 * email (real SMTP: a local smtp-server), the claim page's answer, or the printed card; masked for
 * staff everywhere else, in full (audited) for marketing; a resend is audited and carries the same code.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '#db/client.ts';
import { customers, emailOutbox, gifts, surprises, voucherCodes } from '#db/schema/index.ts';
import { systemCtx } from '#api/domain/context.ts';
import { deliverQueuedEmails } from '#api/domain/email/deliver-queued-emails.ts';
import { createMailTransport } from '#api/domain/email/transport.ts';
import { cardCodes } from '#api/domain/vouchers/card-codes.ts';
import { settleSentGifts } from '#api/domain/vouchers/settle-sent-gifts.ts';
import { parseEnv } from '#api/env.ts';
import { engines, freshDatabase } from '../../support/databases.ts';
import { testApi } from '../../support/api.ts';
import { auditRows, expectProblem, expectStatus } from '../../support/expect-http.ts';
import { startSmtpServer, type Inbox } from '../../support/smtp-inbox.ts';
import { fixtures } from '../surprises/fixtures.ts';

type Surprise = {
	id: string;
	status: string;
	kind: string;
	items: { voucherCode: string | null }[];
	can: { sendGiftEmail: boolean; revealCodes: boolean };
};

describe.each(engines)('voucher codes reach the customer on %s', (engine) => {
	let database: Database;
	let t: ReturnType<typeof testApi>;
	let f: ReturnType<typeof fixtures>;
	let inbox: Inbox;
	let hub: Awaited<ReturnType<ReturnType<typeof testApi>['user']>>;
	let marketing: Awaited<ReturnType<ReturnType<typeof testApi>['user']>>;

	beforeAll(async () => {
		database = await freshDatabase(engine);
		t = testApi(database);
		f = fixtures(database);
		inbox = await startSmtpServer();
		hub = await t.user('hub', { name: 'Sanne de Boer' });
		marketing = await t.user('marketing');
	}, 60_000);
	afterAll(async () => {
		await inbox?.close();
		await database?.close();
	});

	/** A gift with a code pool on the given channel; codes get a PIN. */
	async function codeGift(kind: 'voucher' | 'digital', channel: 'card' | 'claim_page' | 'email') {
		const gift = await f.gift({ kind, unitCostCents: 1000 });
		await database.db.update(gifts).set({ codeChannel: channel }).where(eq(gifts.id, gift.id));
		const code = `JUMB-${crypto.randomUUID().slice(0, 8).toUpperCase()}`;
		await database.db.insert(voucherCodes).values({ giftId: gift.id, code, pin: '4821' });
		return { ...gift, code };
	}
	async function customer(
		email: string | null,
		locale: 'nl' | 'en' = 'nl',
		address = false
	): Promise<string> {
		const c = await f.customer({ name: 'Zoë Ĳsbrand', address });
		await database.db.update(customers).set({ email, locale }).where(eq(customers.id, c.id));
		return c.id;
	}
	async function plan(customerId: string, giftId: string, cardMessage: string) {
		const campaign = await f.campaign({ giftIds: [giftId], autoApproveLimitCents: 5000 });
		return expectStatus<Surprise>(
			await t.client.api.v1.surprises.$post(
				{
					json: { customerId, campaignId: campaign.id, items: [{ giftId }], cardMessage }
				},
				{ headers: hub.headers }
			),
			201
		);
	}
	const view = async (id: string, headers = hub.headers) =>
		expectStatus<Surprise>(
			await t.client.api.v1.surprises[':id'].$get({ param: { id } }, { headers }),
			200
		);
	const transport = () =>
		createMailTransport(
			parseEnv({ SMTP_URL: inbox.url, MAIL_FROM: 'Stroopwafel & Co <hallo@example.test>' })
		)!;
	/** One mail-delivery job run: deliver, then settle the digital surprises whose email went out. */
	async function mailRun(smtp: ReturnType<typeof transport> | null) {
		await deliverQueuedEmails({ db: database.db, transport: smtp });
		return settleSentGifts({ ctx: systemCtx(database.db) });
	}
	const mailsTo = (address: string) =>
		inbox.messages.filter((m) => !Array.isArray(m.to) && m.to?.value[0]?.address === address);

	it('an e-voucher: approved until SMTP accepts it, then sent; the code and PIN once, with the card message, in nl; masked for the hub', async () => {
		const gift = await codeGift('digital', 'email');
		const email = `zoe-${crypto.randomUUID().slice(0, 6)}@example.test`;
		const s = await plan(
			await customer(email),
			gift.id,
			'Wat fijn dat je zo snel reageerde!\nGeniet ervan.'
		);
		expect(s.kind).toBe('digital');
		expect(s.status).toBe('approved');
		expect(s.items[0]!.voucherCode).toMatch(/^••••/);
		expect(JSON.stringify(s)).not.toContain(gift.code);

		inbox.mode = 451;
		const smtp = transport();
		expect(await mailRun(smtp)).toEqual({ settled: 0 });
		expect((await view(s.id)).status).toBe('approved');
		inbox.mode = 'accept';
		await database.db
			.update(emailOutbox)
			.set({ nextAttemptAt: new Date() })
			.where(eq(emailOutbox.eventKey, `e-voucher:${s.id}`));
		expect(await mailRun(smtp)).toEqual({ settled: 1 });
		expect(await mailRun(smtp)).toEqual({ settled: 0 });
		smtp.close();

		const after = await view(s.id);
		expect(after.status).toBe('sent');
		const mails = mailsTo(email);
		expect(mails).toHaveLength(1);
		const mail = mails[0]!;
		expect(mail.subject).toBe('Zoë, er is iets voor je');
		for (const part of [mail.text!, String(mail.html)]) {
			expect(part.split(gift.code)).toHaveLength(2);
			expect(part).toContain('4821');
			expect(part).toContain('Wat fijn dat je zo snel reageerde!');
			expect(part).toContain('Sanne');
		}
		expect(mail.text).toContain('Pincode: 4821');
		const reveals = await auditRows(database, 'voucher_code.reveal', s.id);
		expect(reveals.map((r) => (r.data as { via: string }).via)).toEqual(['email']);
		expect(JSON.stringify(reveals)).not.toContain(gift.code);
	});

	it('resending is the hub’s, audited, and sends the same code; marketing reads it in full, audited; the hub may not', async () => {
		const gift = await codeGift('digital', 'email');
		const email = `lukasz-${crypto.randomUUID().slice(0, 6)}@example.test`;
		const s = await plan(await customer(email, 'en'), gift.id, 'Enjoy!');
		const smtp = transport();
		await mailRun(smtp);
		const sent = await view(s.id);
		expect(sent.can).toEqual({ ...sent.can, sendGiftEmail: true, revealCodes: false });
		expect((await view(s.id, marketing.headers)).can).toMatchObject({
			sendGiftEmail: false,
			revealCodes: true
		});

		const resend = () =>
			t.client.api.v1.surprises[':id']['gift-email'].$post(
				{ param: { id: s.id } },
				{ headers: hub.headers }
			);
		expect((await expectStatus<Surprise>(await resend(), 200)).status).toBe('sent');
		await expectProblem(
			await t.client.api.v1.surprises[':id']['gift-email'].$post(
				{ param: { id: s.id } },
				{ headers: marketing.headers }
			),
			403
		);
		await mailRun(smtp);
		smtp.close();
		const mails = mailsTo(email);
		expect(mails).toHaveLength(2);
		expect(mails.map((m) => m.subject)).toEqual([
			'Zoë, something for you',
			'Zoë, something for you'
		]);
		for (const m of mails) expect(m.text).toContain(`your code: ${gift.code}`);
		expect(new Set(mails.map((m) => m.messageId)).size).toBe(2);
		expect(await auditRows(database, 'surprise.gift_email_resend', s.id)).toHaveLength(1);
		expect(
			(await auditRows(database, 'voucher_code.reveal', s.id)).map(
				(r) => (r.data as { via: string }).via
			)
		).toEqual(['email', 'email_resend']);

		const read = t.client.api.v1.surprises[':id']['voucher-codes'].$get;
		await expectProblem(await read({ param: { id: s.id } }, { headers: hub.headers }), 403);
		const full = await expectStatus<{ codes: { code: string; pin: string; channel: string }[] }>(
			await read({ param: { id: s.id } }, { headers: marketing.headers }),
			200
		);
		expect(full.codes).toEqual([
			expect.objectContaining({ code: gift.code, pin: '4821', channel: 'email' })
		]);
		const byMarketing = (await auditRows(database, 'voucher_code.reveal', s.id)).filter(
			(r) => (r.data as { via: string }).via === 'marketing'
		);
		expect(byMarketing).toHaveLength(1);
		expect(byMarketing[0]!.actorId).toBe(marketing.id);
	});

	it('without an email address the e-voucher waits (approved); the hub adds it and sends; without SMTP the outbox filing counts as sent', async () => {
		const gift = await codeGift('digital', 'email');
		const customerId = await customer(null);
		const s = await plan(customerId, gift.id, 'Zomaar.');
		expect(s.status).toBe('approved');
		const send = () =>
			t.client.api.v1.surprises[':id']['gift-email'].$post(
				{ param: { id: s.id } },
				{ headers: hub.headers }
			);
		expect((await expectProblem(await send(), 409)).fields).toEqual(['email']);
		const email = `later-${crypto.randomUUID().slice(0, 6)}@example.test`;
		await database.db.update(customers).set({ email }).where(eq(customers.id, customerId));
		expect((await expectStatus<Surprise>(await send(), 200)).status).toBe('approved');
		expect((await expectProblem(await send(), 409)).fields).toEqual(['status']);
		expect(await mailRun(null)).toEqual({ settled: 1 });
		const [row] = await database.db
			.select()
			.from(emailOutbox)
			.where(eq(emailOutbox.eventKey, `e-voucher:${s.id}`));
		expect(row!.status).toBe('outbox');
		expect(row!.text.split(gift.code)).toHaveLength(2);
		expect((await view(s.id)).status).toBe('sent');
		expect(mailsTo(email)).toHaveLength(0);

		// The outbox page: masked for the hub, as sent for marketing (audited).
		const read = async (headers: Record<string, string>) =>
			expectStatus<{ html: string; text: string }>(
				await t.client.api.v1.outbox[':id'].$get({ param: { id: row!.id } }, { headers }),
				200
			);
		const forHub = await read(hub.headers);
		expect(forHub.html + forHub.text).not.toContain(gift.code);
		expect(forHub.html + forHub.text).not.toContain('4821');
		expect(forHub.text).toContain(`••••${gift.code.slice(-4)}`);
		const before = (await auditRows(database, 'voucher_code.reveal', s.id)).length;
		expect((await read(marketing.headers)).text).toContain(gift.code);
		expect(await auditRows(database, 'voucher_code.reveal', s.id)).toHaveLength(before + 1);
	});

	it('a claim-page code: a claim link even with the address on file; the code only in the one successful claim answer', async () => {
		const gift = await codeGift('voucher', 'claim_page');
		const s = await plan(await customer('claim@example.test', 'nl', true), gift.id, 'Voor jou!');
		expect(s.status).toBe('awaiting_address');
		const link = await expectStatus<{ url: string }>(
			await t.client.api.v1['claim-links'].$post(
				{ json: { surpriseId: s.id, sendEmail: true } },
				{ headers: hub.headers }
			),
			201
		);
		const token = link.url.split('/').pop()!;
		const headers = { 'x-hoppatee-client-ip': '198.51.100.7' };
		const page = await t.client.api.v1.claims[':token'].$get({ param: { token } }, { headers });
		expect(await page.text()).not.toContain(gift.code);
		const json = {
			address: {
				recipientName: 'Zoë Ĳsbrand',
				street: 'Keizersgracht',
				houseNumber: '1',
				addition: null,
				postcode: '1015 CJ',
				city: 'Amsterdam',
				country: 'NL'
			},
			consent: true
		};
		const receipt = await expectStatus<{ codes: { code: string; pin: string }[] }>(
			await t.client.api.v1.claims[':token'].$post({ param: { token }, json }, { headers }),
			200
		);
		expect(receipt.codes).toEqual([{ giftName: gift.name, code: gift.code, pin: '4821' }]);
		const again = await t.client.api.v1.claims[':token'].$post(
			{ param: { token }, json },
			{ headers }
		);
		expect(again.status).toBe(404);
		expect(await again.text()).not.toContain(gift.code);
		const outbox = await database.db.select().from(emailOutbox);
		expect(outbox.some((m) => m.html.includes(gift.code) || m.text.includes(gift.code))).toBe(
			false
		);
		expect(
			(await auditRows(database, 'voucher_code.reveal', s.id)).map(
				(r) => (r.data as { via: string }).via
			)
		).toEqual(['claim_page']);
		expect((await view(s.id)).status).toBe('ready');
	});

	it('a card code prints in full on a real print (audited) and masked in a preview; other channels never print', async () => {
		const card = await codeGift('voucher', 'card');
		const s = await plan(await customer(null, 'nl', true), card.id, 'Veel plezier!');
		expect(s.status).toBe('ready');
		const ctx = systemCtx(database.db);
		expect((await cardCodes(ctx, [s.id], 'mask')).get(s.id)).toMatch(/^••••.* · PIN ••••21$/);
		expect(await auditRows(database, 'voucher_code.reveal', s.id)).toHaveLength(0);
		expect((await cardCodes(ctx, [s.id], 'print')).get(s.id)).toBe(`${card.code} · PIN 4821`);
		expect(await auditRows(database, 'voucher_code.reveal', s.id)).toHaveLength(1);
		const [row] = await database.db.select().from(surprises).where(eq(surprises.id, s.id));
		const claimOnly = await codeGift('voucher', 'claim_page');
		const other = await plan(await customer(null, 'nl', true), claimOnly.id, 'Hoi');
		expect((await cardCodes(ctx, [row!.id, other.id], 'print')).has(other.id)).toBe(false);
	});
});
