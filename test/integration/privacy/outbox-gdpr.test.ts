/**
 * GDPR over the outbox: export and erasure find every email to the customer however its recipient
 * was stored (`"Name" <address>`, `<address>`, bare, any case), erasure blanks them, and afterwards
 * no outbox page shows the name, the address or a link. Real SMTP delivers before the erasure.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '#db/client.ts';
import { customers, emailOutbox, surprises } from '#db/schema/index.ts';
import { enqueueEmail } from '#api/domain/email/enqueue-email.ts';
import { engines, freshDatabase } from '../../support/databases.ts';
import { testApi } from '../../support/api.ts';
import { expectProblem, expectStatus } from '../../support/expect-http.ts';
import { deliverTo, startSmtpServer, type Inbox } from '../../support/smtp-inbox.ts';
import { printFixtures } from '../print/fixtures.ts';

const NAME = 'Zoë “Zo” O’Brien-Ĳsbrand';
const EMAIL = 'Zoe.OBrien@Example.test';

describe.each(engines)('GDPR export and erasure over the outbox on %s', (engine) => {
	let database: Database;
	let t: ReturnType<typeof testApi>;
	let inbox: Inbox;

	beforeAll(async () => {
		database = await freshDatabase(engine);
		t = testApi(database, { PUBLIC_ORIGIN: 'https://hoppatee.example' });
		inbox = await startSmtpServer();
	}, 60_000);
	afterAll(async () => {
		await inbox?.close();
		await database?.close();
	});

	const lowStock = (eventKey: string, to: string | { name: string; address: string }) =>
		enqueueEmail({
			ctx: t.ctx,
			input: {
				eventKey,
				to,
				template: 'low-stock',
				locale: 'nl',
				data: {
					recipientName: NAME,
					giftName: 'Sokken',
					variantName: '36–40',
					stock: 1,
					threshold: 2,
					url: 'https://hoppatee.example/gifts/x'
				}
			}
		});

	it('exports every email to the customer and erasure blanks each one; no outbox page shows them after', async () => {
		const p = printFixtures(database, t);
		const hub = await t.user('hub');
		const admin = await t.user('admin');
		const { surprises: made } = await p.readyCampaign(hub, [NAME]);
		const s = made[0]!;
		const [row] = await database.db.select().from(surprises).where(eq(surprises.id, s.id));
		const customerId = row!.customerId;
		await database.db.update(customers).set({ email: EMAIL }).where(eq(customers.id, customerId));
		const label = (await p.templates(hub.headers)).labels[0]!;
		const printed = await t.client.api.v1.print.labels.$post(
			{ json: { surpriseIds: [s.id], templateId: label.id } },
			{ headers: hub.headers }
		);
		expect(printed.status).toBe(200);
		await expectStatus(
			await t.client.api.v1.print.ship[':id'].$post(
				{
					param: { id: s.id },
					json: {
						checklist: { cardIn: true, postageOn: true },
						carrier: 'postnl',
						trackingNumber: '3SABC7654321'
					}
				},
				{ headers: hub.headers }
			),
			200
		);
		// The same person under every way a recipient may be stored, and two others who only look alike.
		await lowStock('gdpr:named', { name: NAME, address: EMAIL.toLowerCase() });
		await lowStock('gdpr:bare', EMAIL.toUpperCase());
		await database.db.insert(emailOutbox).values({
			eventKey: 'gdpr:angle',
			toAddress: `<${EMAIL}>`,
			subject: `Voor ${NAME}`,
			html: '<p>x</p>',
			text: 'x',
			status: 'failed',
			lastError: `550 <${EMAIL}> mailbox unavailable`,
			messageId: '<gdpr-angle@hoppatee>'
		});
		await lowStock('gdpr:other', { name: 'Iemand Anders', address: `x${EMAIL}` });
		await lowStock('gdpr:plus', { name: 'Nog Iemand', address: `other+${EMAIL}` });

		inbox.messages.length = 0;
		await deliverTo(inbox, database.db);
		const onItsWay = inbox.messages.find((m) => m.subject?.includes('onderweg'))!;
		const arrived = /\/arrived\/([A-Za-z0-9_-]+)/.exec(onItsWay.text!)![1]!;

		const exported = await expectStatus<{
			emails: { eventKey: string; toAddress: string }[];
			surprises: { id: string; shipment: { carrier: string; trackingNumber: string } | null }[];
			auditLog: { action: string }[];
		}>(
			await t.client.api.v1.privacy.customers[':id'].export.$get(
				{ param: { id: customerId } },
				{ headers: admin.headers }
			),
			200
		);
		expect(exported.emails.map((e) => e.eventKey).sort()).toEqual(
			['gdpr:angle', 'gdpr:bare', 'gdpr:named', `on-its-way:${s.id}`].sort()
		);
		expect(exported.surprises[0]!.shipment).toMatchObject({
			carrier: 'postnl',
			trackingNumber: '3SABC7654321'
		});
		expect(exported.auditLog.map((a) => a.action)).toEqual(
			expect.arrayContaining(['surprise.plan', 'surprise.ship'])
		);

		const erased = await expectStatus<{ counts: { emailsBlanked: number } }>(
			await t.client.api.v1.privacy.customers[':id'].erase.$post(
				{ param: { id: customerId }, json: { reason: 'Verzoek per DM' } },
				{ headers: admin.headers }
			),
			200
		);
		expect(erased.counts.emailsBlanked).toBe(4);

		const list = await expectStatus<{ items: { id: string; eventKey: string }[] }>(
			await t.client.api.v1.outbox.$get({ query: { limit: '200' } }, { headers: hub.headers }),
			200
		);
		const mine = list.items.filter((i) =>
			/^(gdpr:(named|bare|angle)|on-its-way:)/.test(i.eventKey)
		);
		expect(mine).toHaveLength(4);
		const pages = [JSON.stringify(mine)];
		for (const item of mine)
			pages.push(
				await (
					await t.client.api.v1.outbox[':id'].$get(
						{ param: { id: item.id } },
						{ headers: hub.headers }
					)
				).text()
			);
		for (const page of pages) {
			expect(page.toLowerCase()).not.toContain('zoe.obrien@example.test');
			expect(page).not.toContain('Zoë');
			expect(page).not.toContain('O’Brien');
			expect(page).not.toContain(arrived);
			expect(page).not.toContain('jouw.postnl.nl');
			expect(page).not.toContain('3SABC7654321');
		}
		// The look-alikes are someone else's: untouched.
		const others = await database.db
			.select()
			.from(emailOutbox)
			.where(eq(emailOutbox.eventKey, 'gdpr:other'));
		expect(others[0]!.toAddress).toBe(`"Iemand Anders" <x${EMAIL}>`);
		const plus = await database.db
			.select()
			.from(emailOutbox)
			.where(eq(emailOutbox.eventKey, 'gdpr:plus'));
		expect(plus[0]!.subject).not.toBe('');

		// The "it arrived" link died with the rest.
		await expectProblem(
			await t.client.api.v1.arrivals[':token'].$get({ param: { token: arrived } }),
			404
		);
	});
});
