/**
 * "Is this still right?": the hub asks the customer to confirm the address on file instead of
 * asking again; confirm or correct, single use, expiring; unanswered → back to the hub with a notice.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '#db/client.ts';
import { addressChecks, customers, surpriseEvents, surprises } from '#db/schema/index.ts';
import { expireAddressChecks } from '#api/domain/claims/expire-address-checks.ts';
import { engines, freshDatabase } from '../../support/databases.ts';
import { testApi } from '../../support/api.ts';
import { auditRows, expectProblem, expectStatus } from '../../support/expect-http.ts';
import { deliverTo, startSmtpServer, type Inbox } from '../../support/smtp-inbox.ts';
import { printFixtures } from '../print/fixtures.ts';

type Created = { id: string; url: string; emailed: boolean };

describe.each(engines)('address checks on %s', (engine) => {
	let database: Database;
	let t: ReturnType<typeof testApi>;
	let p: ReturnType<typeof printFixtures>;
	let hub: Awaited<ReturnType<ReturnType<typeof testApi>['user']>>;
	let inbox: Inbox;

	beforeAll(async () => {
		database = await freshDatabase(engine);
		t = testApi(database, { PUBLIC_ORIGIN: 'https://hoppatee.example' });
		p = printFixtures(database, t);
		hub = await t.user('hub', { name: 'Hanna de Vries' });
		inbox = await startSmtpServer();
	}, 60_000);
	afterAll(async () => {
		await inbox?.close();
		await database?.close();
	});

	/** A ready surprise whose address on file was used (auto-approved). */
	async function ready(name: string) {
		const { surprises: made } = await p.readyCampaign(hub, [name]);
		return made[0]!;
	}
	const create = (surpriseId: string, sendEmail = false) =>
		t.client.api.v1['address-checks'].$post(
			{ json: { surpriseId, sendEmail } },
			{ headers: hub.headers }
		);
	const tokenOf = (url: string) => url.split('/address-check/')[1]!;
	const row = async (id: string) =>
		(await database.db.select().from(surprises).where(eq(surprises.id, id)))[0]!;
	const checks = {
		$get: (a: { param: { token: string } }) => t.client.api.v1['address-checks'][':token'].$get(a),
		$post: (a: Parameters<(typeof t.client.api.v1)['address-checks'][':token']['$post']>[0]) =>
			t.client.api.v1['address-checks'][':token'].$post(a)
	};

	it('emails the link; the page shows the address on file (audited); confirm keeps it, once', async () => {
		const s = await ready('Zoë Ĳsbrand');
		const created = await expectStatus<Created>(await create(s.id, true), 201);
		expect(created.url).toMatch(/^https:\/\/hoppatee\.example\/address-check\/[A-Za-z0-9_-]{40,}$/);
		inbox.messages.length = 0;
		await deliverTo(inbox, database.db);
		const mail = inbox.messages.find((m) => m.subject === 'Zoë, klopt je adres nog?')!;
		expect(mail.text).toContain(created.url);

		const token = tokenOf(created.url);
		const page = await expectStatus<{ address: { street: string; postcode: string } }>(
			await checks.$get({ param: { token } }),
			200
		);
		expect(page.address).toMatchObject({ street: 'Keizersgracht', postcode: '1015 CJ' });
		expect(
			(await auditRows(database, 'address.read')).some(
				(a) => (a.data as { reason?: string }).reason === 'address check'
			)
		).toBe(true);

		const before = (await row(s.id)).addressId;
		await expectStatus(await checks.$post({ param: { token }, json: { answer: 'confirm' } }), 200);
		const after = await row(s.id);
		expect(after.status).toBe('ready');
		expect(after.addressId).toBe(before);
		const events = await database.db
			.select()
			.from(surpriseEvents)
			.where(eq(surpriseEvents.surpriseId, s.id));
		expect(events.map((e) => e.noteKey)).toContain('history_address_check_confirmed');
		await expectProblem(await checks.$post({ param: { token }, json: { answer: 'confirm' } }), 404);
		await expectProblem(await checks.$get({ param: { token } }), 404);
	});

	it('an approved surprise waits for the answer; a correction is checked per field, then stored and attached', async () => {
		const s = await ready('Sam Carter');
		// Back to approved, as after an expired claim link: the hub asks instead of sending a claim link.
		await database.db.update(surprises).set({ status: 'approved' }).where(eq(surprises.id, s.id));
		const onFile = (await row(s.id)).addressId;
		const created = await expectStatus<Created>(await create(s.id), 201);
		expect((await row(s.id)).status).toBe('awaiting_address');
		const token = tokenOf(created.url);
		const wrong = await expectProblem(
			await checks.$post({
				param: { token },
				json: {
					answer: 'correct',
					address: {
						street: 'Damrak',
						houseNumber: '1',
						postcode: '12',
						city: 'Amsterdam',
						country: 'NL'
					},
					consent: false
				}
			}),
			400
		);
		expect(wrong.fields).toEqual(expect.arrayContaining(['address.postcode', 'consent']));
		expect((await row(s.id)).status).toBe('awaiting_address');
		await expectStatus(
			await checks.$post({
				param: { token },
				json: {
					answer: 'correct',
					address: {
						recipientName: 'Sam Carter',
						street: 'Damrak',
						houseNumber: '1',
						postcode: '1012 LG',
						city: 'Amsterdam',
						country: 'NL'
					},
					consent: true
				}
			}),
			200
		);
		const after = await row(s.id);
		expect(after.status).toBe('ready');
		expect(after.addressId).not.toBe(onFile);
		expect((await auditRows(database, 'address_check.answer', s.id))[0]!.data).toMatchObject({
			answer: 'corrected',
			addressId: after.addressId
		});
	});

	it('refuses without an address on file, for a printed surprise, and emailing without an email', async () => {
		const s = await ready('Geen Adres');
		await database.db.update(surprises).set({ status: 'printed' }).where(eq(surprises.id, s.id));
		expect((await expectProblem(await create(s.id), 409)).fields).toEqual(['surpriseId']);
		const other = await ready('Geen Mail');
		await database.db
			.update(customers)
			.set({ email: null })
			.where(eq(customers.id, (await row(other.id)).customerId));
		expect((await expectProblem(await create(other.id, true), 400)).fields).toEqual(['sendEmail']);
	});

	it('unanswered in time: back to the hub with a notice, once', async () => {
		await p.f.setting('address_check_days', 7);
		const s = await ready('Oud Adres');
		await database.db.update(surprises).set({ status: 'approved' }).where(eq(surprises.id, s.id));
		const created = await expectStatus<Created>(await create(s.id), 201);
		await database.db
			.update(addressChecks)
			.set({ expiresAt: new Date(Date.now() - 1000) })
			.where(eq(addressChecks.id, created.id));
		expect((await expireAddressChecks({ ctx: t.ctx })).expired).toBeGreaterThanOrEqual(1);
		expect((await row(s.id)).status).toBe('approved');
		const events = await database.db
			.select()
			.from(surpriseEvents)
			.where(eq(surpriseEvents.surpriseId, s.id));
		expect(events.at(-1)?.noteKey).toBe('history_address_check_expired');
		expect((await expireAddressChecks({ ctx: t.ctx })).expired).toBe(0);
		await expectProblem(await checks.$get({ param: { token: tokenOf(created.url) } }), 404);
	});
});
