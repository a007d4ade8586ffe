/**
 * Shipped to delivered: carrier and tracking number at shipping, the on-its-way email in the
 * customer's language over real SMTP, `delivered` by the hub, by the customer's link and by the
 * automatic step, and address retention counted from delivery.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '#db/client.ts';
import { addresses, customers, emailOutbox, surpriseEvents, surprises } from '#db/schema/index.ts';
import { applyAddressRetention } from '#api/domain/privacy/apply-address-retention.ts';
import { deliverShipped } from '#api/domain/shipping/deliver-shipped.ts';
import { engines, freshDatabase } from '../../support/databases.ts';
import { invalid, testApi, type JsonOf } from '../../support/api.ts';
import { auditRows, expectProblem, expectStatus } from '../../support/expect-http.ts';
import { deliverTo, startSmtpServer, type Inbox } from '../../support/smtp-inbox.ts';
import { printFixtures, type Template } from '../print/fixtures.ts';

const DAY = 86_400_000;
const CHECKED = { cardIn: true, postageOn: true } as const;

describe.each(engines)('tracking and delivery on %s', (engine) => {
	let database: Database;
	let t: ReturnType<typeof testApi>;
	let p: ReturnType<typeof printFixtures>;
	let hub: Awaited<ReturnType<ReturnType<typeof testApi>['user']>>;
	let label: Template;
	let inbox: Inbox;

	beforeAll(async () => {
		database = await freshDatabase(engine);
		t = testApi(database, { PUBLIC_ORIGIN: 'https://hoppatee.example' });
		p = printFixtures(database, t);
		hub = await t.user('hub', { name: 'Hanna de Vries' });
		label = (await p.templates(hub.headers)).labels[0]!;
		inbox = await startSmtpServer();
	}, 60_000);
	afterAll(async () => {
		await inbox?.close();
		await database?.close();
	});

	/** Printed surprises for these customers (email known, the language given). */
	async function printed(people: { name: string; locale?: 'nl' | 'en'; email?: string | null }[]) {
		const { surprises: made } = await p.readyCampaign(
			hub,
			people.map((x) => x.name)
		);
		for (const [i, s] of made.entries()) {
			const [row] = await database.db.select().from(surprises).where(eq(surprises.id, s.id));
			await database.db
				.update(customers)
				.set({
					locale: people[i]!.locale ?? 'nl',
					...(people[i]!.email !== undefined ? { email: people[i]!.email } : {})
				})
				.where(eq(customers.id, row!.customerId));
		}
		const res = await t.client.api.v1.print.labels.$post(
			{ json: { surpriseIds: made.map((s) => s.id), templateId: label.id } },
			{ headers: hub.headers }
		);
		expect(res.status).toBe(200);
		return made;
	}
	const ship = (id: string, json: JsonOf<(typeof t.client.api.v1.print.ship)[':id']['$post']>) =>
		t.client.api.v1.print.ship[':id'].$post({ param: { id }, json }, { headers: hub.headers });
	const row = async (id: string) =>
		(await database.db.select().from(surprises).where(eq(surprises.id, id)))[0]!;
	const arrivedToken = (text: string) => /\/arrived\/([A-Za-z0-9_-]+)/.exec(text)![1]!;

	it('ships with PostNL and a Dutch customer gets the on-its-way email with the tracking link, once', async () => {
		const [s] = await printed([{ name: 'Zoë Ĳsbrand', locale: 'nl' }]);
		const shipped = await expectStatus<{ status: string; tracking: unknown }>(
			await ship(s!.id, {
				checklist: CHECKED,
				carrier: 'postnl',
				trackingNumber: '3s abc 1234567'
			}),
			200
		);
		expect(shipped.status).toBe('shipped');
		expect(shipped.tracking).toEqual({
			carrier: 'postnl',
			carrierName: 'PostNL',
			trackingNumber: '3SABC1234567'
		});
		const [audit] = await auditRows(database, 'surprise.ship', s!.id);
		expect(audit!.data).toMatchObject({ carrier: 'postnl', trackingNumber: true });

		inbox.messages.length = 0;
		expect((await deliverTo(inbox, database.db)).sent).toBeGreaterThanOrEqual(1);
		const mail = inbox.messages.find((m) => m.subject === 'Zoë, je verrassing is onderweg')!;
		expect(mail).toBeDefined();
		const url = 'https://jouw.postnl.nl/track-and-trace/3SABC1234567-NL-1015CJ';
		expect(mail.html).toContain(`href="${url}"`);
		expect(mail.html).toContain('Volg je pakket bij PostNL');
		expect(mail.text).toContain(url);
		expect(mail.text).toContain('PostNL trackingnummer: 3SABC1234567');
		expect(mail.text).toMatch(/https:\/\/hoppatee\.example\/arrived\/[A-Za-z0-9_-]{40,}/);
		expect(mail.to && !Array.isArray(mail.to) && mail.to.value[0]!.name).toBe('Zoë Ĳsbrand');

		// A second ship is a 409 whose status is the HTTP status; the surprise's status has its own name.
		const twice = await expectProblem(await ship(s!.id, { checklist: CHECKED }), 409);
		expect(twice.status).toBe(409);
		expect(twice.surpriseStatus).toBe('shipped');
		inbox.messages.length = 0;
		await deliverTo(inbox, database.db);
		expect(inbox.messages).toHaveLength(0);
	});

	it('an English customer gets it in English: DHL, bpost and DPD links, and "other" without one', async () => {
		const people = ['Sam Carter', 'Ava Jones', 'Noah Smith', 'Liam Brown'].map((name) => ({
			name,
			locale: 'en' as const
		}));
		const made = await printed(people);
		const asked = [
			[
				'dhl',
				'JVGL0123456789',
				'https://www.dhl.com/nl-en/home/tracking.html?tracking-id=JVGL0123456789&submit=1'
			],
			[
				'bpost',
				'CD123456789BE',
				'https://track.bpost.cloud/btr/web/#/search?itemCode=CD123456789BE&lang=en'
			],
			['dpd', '05212345678901', 'https://tracking.dpd.de/status/en_NL/parcel/05212345678901'],
			['other', 'ABC-123', null]
		] as const;
		inbox.messages.length = 0;
		for (const [i, [carrier, number]] of asked.entries())
			await expectStatus(
				await ship(made[i]!.id, { checklist: CHECKED, carrier, trackingNumber: number }),
				200
			);
		await deliverTo(inbox, database.db);
		for (const [i, [, number, url]] of asked.entries()) {
			const first = people[i]!.name.split(' ')[0]!;
			const mail = inbox.messages.find(
				(m) => m.subject === `${first}, your surprise is on its way`
			)!;
			expect(mail, first).toBeDefined();
			expect(mail.html).toContain('<html lang="en"');
			expect(mail.text).toContain(`tracking number: ${number}`);
			if (url) {
				expect(mail.text).toContain(`Track your parcel: ${url}`);
				expect(mail.html).toContain(`href="${url.replaceAll('&', '&amp;')}"`);
			} else expect(mail.text).not.toContain('Track your parcel');
		}
	});

	it('refuses a tracking number without a carrier, an unknown carrier and a malformed number, naming the field', async () => {
		const [s] = await printed([{ name: 'Femke Bos' }]);
		expect(
			(
				await expectProblem(
					await ship(s!.id, { checklist: CHECKED, trackingNumber: '3SABC1' }),
					400
				)
			).fields
		).toEqual(['carrier']);
		expect(
			(await expectProblem(await ship(s!.id, { checklist: CHECKED, carrier: invalid('ups') }), 400))
				.fields
		).toEqual(['carrier']);
		expect(
			(
				await expectProblem(
					await ship(s!.id, { checklist: CHECKED, carrier: 'dpd', trackingNumber: '<script>' }),
					400
				)
			).fields
		).toEqual(['trackingNumber']);
		expect((await row(s!.id)).status).toBe('printed');
	});

	it('without a known email nothing is sent, and the parcel still ships', async () => {
		const [s] = await printed([{ name: 'Geen Mail', email: null }]);
		await expectStatus(await ship(s!.id, { checklist: CHECKED, carrier: 'postnl' }), 200);
		const rows = await database.db
			.select()
			.from(emailOutbox)
			.where(eq(emailOutbox.eventKey, `on-its-way:${s!.id}`));
		expect(rows).toHaveLength(0);
	});

	it('the customer’s arrived link: the page marks nothing, the button marks it delivered once', async () => {
		const [s] = await printed([{ name: 'Daan Visser' }]);
		inbox.messages.length = 0;
		await expectStatus(await ship(s!.id, { checklist: CHECKED }), 200);
		await deliverTo(inbox, database.db);
		const token = arrivedToken(inbox.messages.find((m) => m.subject?.startsWith('Daan'))!.text!);
		const arrivals = t.client.api.v1.arrivals[':token'];

		const page = await expectStatus(await arrivals.$get({ param: { token } }), 200);
		expect(page).toEqual({ locale: 'nl', firstName: 'Daan', delivered: false });
		expect((await row(s!.id)).status).toBe('shipped');

		const done = await expectStatus(await arrivals.$post({ param: { token } }), 200);
		expect(done).toMatchObject({ delivered: true });
		const after = await row(s!.id);
		expect(after.status).toBe('delivered');
		expect(after.deliveredAt).toBeInstanceOf(Date);
		const events = await database.db
			.select()
			.from(surpriseEvents)
			.where(eq(surpriseEvents.surpriseId, s!.id));
		expect(events.find((e) => e.toStatus === 'delivered')?.noteKey).toBe(
			'history_delivered_by_customer'
		);
		expect((await auditRows(database, 'surprise.deliver', s!.id))[0]!.data).toMatchObject({
			via: 'customer'
		});

		// Again: no second move.
		await expectStatus(await arrivals.$post({ param: { token } }), 200);
		expect(await auditRows(database, 'surprise.deliver', s!.id)).toHaveLength(1);
		const unknown = await expectProblem(
			await arrivals.$get({ param: { token: 'x'.repeat(43) } }),
			404
		);
		expect(unknown.instance).toBe('/api/v1/arrivals');
	});

	it('the hub marks a parcel delivered by hand', async () => {
		const [s] = await printed([{ name: 'Ruben Smit' }]);
		await expectStatus(
			await ship(s!.id, { checklist: CHECKED, carrier: 'dhl', trackingNumber: '1234567890' }),
			200
		);
		await expectStatus(
			await t.client.api.v1.surprises[':id'].transition.$post(
				{ param: { id: s!.id }, json: { to: 'delivered' } },
				{ headers: hub.headers }
			),
			200
		);
		expect((await row(s!.id)).status).toBe('delivered');
	});

	it('counts a parcel delivered N days after shipping (a setting), dated then; retention counts from there', async () => {
		await p.f.setting('delivered_after_days', 10);
		const [late, recent] = await printed([{ name: 'Oud Pakket' }, { name: 'Nieuw Pakket' }]);
		await expectStatus(await ship(late!.id, { checklist: CHECKED }), 200);
		await expectStatus(await ship(recent!.id, { checklist: CHECKED }), 200);
		const now = Date.now();
		const shippedAt = new Date(now - 45 * DAY);
		await database.db.update(surprises).set({ shippedAt }).where(eq(surprises.id, late!.id));
		await database.db
			.update(surprises)
			.set({ shippedAt: new Date(now - 9 * DAY) })
			.where(eq(surprises.id, recent!.id));

		// Before: a shipped parcel's address is still needed, however old.
		const addressOf = async (id: string) =>
			(
				await database.db
					.select()
					.from(addresses)
					.where(eq(addresses.id, (await row(id)).addressId!))
			)[0]!;
		await applyAddressRetention({ ctx: t.ctx });
		expect((await addressOf(late!.id)).anonymisedAt).toBeNull();

		const result = await deliverShipped({ ctx: t.ctx });
		expect(result.delivered).toBe(1);
		const delivered = await row(late!.id);
		expect(delivered.status).toBe('delivered');
		expect(delivered.deliveredAt!.getTime()).toBe(shippedAt.getTime() + 10 * DAY);
		expect((await row(recent!.id)).status).toBe('shipped');
		expect((await auditRows(database, 'surprise.deliver', late!.id))[0]!.data).toMatchObject({
			via: 'automatic',
			days: 10
		});

		// Delivered 35 days ago with retention 30: the address goes now; the recent one stays.
		await applyAddressRetention({ ctx: t.ctx });
		expect((await addressOf(late!.id)).anonymisedAt).not.toBeNull();
		expect((await addressOf(late!.id)).street).toBeNull();
		expect((await addressOf(recent!.id)).anonymisedAt).toBeNull();
		expect((await deliverShipped({ ctx: t.ctx })).delivered).toBe(0);
	});

	it('the shipments CSV in PostNL’s and DHL’s bulk-upload columns', async () => {
		const made = await printed([{ name: 'Anna de Wit' }]);
		const csv = async (format: 'generic' | 'postnl' | 'dhl') => {
			const res = await t.client.api.v1.print['shipments.csv'].$get(
				{ query: { status: 'printed', format, email: 'true' } },
				{ headers: hub.headers }
			);
			expect(res.status).toBe(200);
			return (await res.text()).split('\r\n');
		};
		const generic = await csv('generic');
		expect(generic[0]).toBe(
			'reference,name,street,house_number,addition,postcode,city,country,weight_grams,email'
		);
		const postnl = await csv('postnl');
		expect(postnl[0]).toBe(
			'Referentie,Naam,Straat,Huisnummer,Toevoeging,Postcode,Plaats,Land,Gewicht,E-mailadres'
		);
		const line = postnl.find((l) => l.startsWith(made[0]!.reference))!;
		expect(line).toContain(',Anna de Wit,Keizersgracht,1,,1015 CJ,Amsterdam,NL,200,');
		const dhl = await csv('dhl');
		expect(dhl[0]).toBe(
			'Reference,Name,Street,HouseNumber,HouseNumberAddition,PostalCode,City,CountryCode,Weight,Email'
		);
		expect(dhl.find((l) => l.startsWith(made[0]!.reference))).toContain(',NL,0.200,');
		expect(
			(
				await expectProblem(
					await t.client.api.v1.print['shipments.csv'].$get(
						{ query: { format: invalid('ups') } },
						{ headers: hub.headers }
					),
					400
				)
			).fields
		).toEqual(['format']);
	});
});
