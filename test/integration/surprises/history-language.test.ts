import { readFileSync } from 'node:fs';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '#db/client.ts';
import { surpriseEvents } from '#db/schema/index.ts';
import { engines, freshDatabase } from '../../support/databases.ts';
import { expectStatus } from '../../support/expect-http.ts';
import { testApi } from '../../support/api.ts';
import { claimFixtures, tokenOf, validBody } from '../claims/fixtures.ts';

type Events = { events: { from: string | null; to: string; note: string }[] };

describe.each(engines)('a surprise’s history in the reader’s language on %s', (engine) => {
	let database: Database;
	let t: ReturnType<typeof testApi>;
	let f: ReturnType<typeof claimFixtures>;
	let hub: Awaited<ReturnType<ReturnType<typeof testApi>['user']>>;

	beforeAll(async () => {
		database = await freshDatabase(engine);
		t = testApi(database, { PUBLIC_ORIGIN: 'https://hoppatee.example' });
		f = claimFixtures(database);
		hub = await t.user('hub');
	}, 60_000);
	afterAll(async () => {
		await database?.close();
	});

	const history = async (id: string, language: string) =>
		(
			await expectStatus<Events>(
				await t.client.api.v1.surprises[':id'].$get(
					{ param: { id } },
					{ headers: { ...hub.headers, 'accept-language': language } }
				),
				200
			)
		).events.map((e) => `${e.to}: ${e.note}`);

	it('reads fully English for an English reader and fully Dutch for a Dutch one, claim and print included', async () => {
		const s = await f.surprise();
		const link = await expectStatus<{ url: string }>(
			await t.client.api.v1['claim-links'].$post(
				{ json: { surpriseId: s.id } },
				{ headers: hub.headers }
			),
			201
		);
		await expectStatus(
			await t.client.api.v1.claims[':token'].$post(
				{ param: { token: tokenOf(link.url) }, json: validBody(s) },
				{ headers: { 'x-hoppatee-client-ip': '198.51.100.7' } }
			),
			200
		);
		const templates = await expectStatus<{ labels: { id: string }[] }>(
			await t.client.api.v1.print.templates.$get({}, { headers: hub.headers }),
			200
		);
		const templateId = templates.labels[0]!.id;
		expect(
			(
				await t.client.api.v1.print.labels.$post(
					{ json: { surpriseIds: [s.id], templateId } },
					{ headers: hub.headers }
				)
			).status
		).toBe(200);
		await expectStatus(
			await t.client.api.v1.print.ship[':id'].$post(
				{ param: { id: s.id }, json: { checklist: { cardIn: true, postageOn: true } } },
				{ headers: hub.headers }
			),
			200
		);

		const english = await history(s.id, 'en');
		expect(english.slice(-4)).toEqual([
			'awaiting_address: Claim link created.',
			'ready: Address entered through the claim link. Chose: 41–46.',
			`printed: Label printed (${templateId}).`,
			'shipped: Card in, postage on.'
		]);
		const dutch = await history(s.id, 'nl-NL,nl;q=0.9');
		expect(dutch.slice(-4)).toEqual([
			'awaiting_address: Adreslink gemaakt.',
			'ready: Adres ingevuld via de adreslink. Gekozen: 41–46.',
			`printed: Etiket geprint (${templateId}).`,
			'shipped: Kaart erin, porto erop.'
		]);
	});

	it('the migration turns the prose the system wrote before (English or Dutch) into codes, and leaves people’s notes alone', async () => {
		const s = await f.surprise();
		const written = [
			'Adreslink gemaakt en gemaild.',
			'Adres ingevuld via de adreslink. Gekozen: 36–40.',
			'Etiket geprint (avery-l7160).',
			'Approved automatically: € 6,28 is within the auto-approve limit of € 50,00.',
			'Digitaal cadeau: verstuurd bij goedkeuring.',
			'Klant wil liever geen sokken.'
		];
		for (const note of written)
			await database.db
				.insert(surpriseEvents)
				.values({ surpriseId: s.id, toStatus: 'approved', note });
		const migration = readFileSync(
			new URL('../../../db/migrations/0008_history_note_codes.sql', import.meta.url),
			'utf8'
		);
		for (const statement of migration
			.split('--> statement-breakpoint')
			.filter((st) => st.includes('UPDATE')))
			await database.db.execute(sql.raw(statement));
		const rows = await database.db
			.select()
			.from(surpriseEvents)
			.where(eq(surpriseEvents.surpriseId, s.id));
		expect(rows.find((r) => r.note === 'Klant wil liever geen sokken.')).toMatchObject({
			noteKey: null,
			noteParams: null
		});
		const byKey = Object.fromEntries(
			rows.filter((r) => r.noteKey).map((r) => [r.noteKey, r.noteParams])
		);
		expect(byKey).toMatchObject({
			history_claim_link_created_and_emailed: null,
			history_claim_submitted_with_choices: { variants: '36–40' },
			history_label_printed: { template: 'avery-l7160' },
			history_approved_automatically: { total: '€ 6,28', limit: '€ 50,00' },
			history_digital_sent_on_approval: null
		});
		expect(rows.filter((r) => r.noteKey).every((r) => r.note === '')).toBe(true);
		const english = await history(s.id, 'en');
		expect(english).toEqual(
			expect.arrayContaining([
				'approved: Label printed (avery-l7160).',
				'approved: Digital gift: sent on approval.',
				'approved: Klant wil liever geen sokken.'
			])
		);
	});
});
