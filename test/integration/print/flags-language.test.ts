import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '#db/client.ts';
import { printJobs } from '#db/schema/index.ts';
import { engines, freshDatabase } from '../../support/databases.ts';
import { testApi } from '../../support/api.ts';
import { expectStatus } from '../../support/expect-http.ts';
import { printFixtures, type PrintJob } from './fixtures.ts';

type Flag = { reference: string; kind: string; detail: string };

/** A name with a right-to-left override left open and a glyph no embedded font has. */
const TROUBLE = `Jan \u202Ekoorb \u{13000}`;

describe.each(engines)(
	'print flags and template names in the reader’s language on %s',
	(engine) => {
		let database: Database;
		let t: ReturnType<typeof testApi>;
		let p: ReturnType<typeof printFixtures>;
		let hub: Awaited<ReturnType<ReturnType<typeof testApi>['user']>>;
		const inLanguage = (language: string) => ({ ...hub.headers, 'accept-language': language });

		beforeAll(async () => {
			database = await freshDatabase(engine);
			t = testApi(database);
			p = printFixtures(database, t);
			hub = await t.user('hub');
		}, 60_000);
		afterAll(async () => {
			await database?.close();
		});

		it('names the templates in Dutch for a Dutch reader and in English otherwise', async () => {
			const nl = await p.templates(inLanguage('nl'));
			const en = await p.templates(inLanguage('en'));
			const l7160 = (list: typeof nl) => list.labels.find((l) => l.id === 'avery-l7160')!.name;
			expect(l7160(nl)).toBe('Avery L7160 — 21 per A4-vel, 63,5 × 38,1 mm');
			expect(l7160(en)).toBe('Avery L7160 — 21 per A4 sheet, 63.5 × 38.1 mm');
			expect(nl.cards.every((c) => !/\bsheet\b|\bcard\b|postcard/i.test(c.name))).toBe(true);
		});

		it('tells each flag of a preview and of a recorded job in the reader’s language', async () => {
			const { campaign } = await p.readyCampaign(hub, [TROUBLE]);
			const preview = async (language: string) =>
				(
					await expectStatus<{ flags: Flag[] }>(
						await t.client.api.v1.print.preview.$post(
							{ json: { kind: 'labels', campaignId: campaign.id, templateId: 'avery-l7160' } },
							{ headers: inLanguage(language) }
						),
						200
					)
				).flags.map((f) => f.detail);
			const nl = await preview('nl');
			expect(nl).toEqual(
				expect.arrayContaining([
					'Tekstrichtingsteken U+202E bleef open: aan het eind van de regel gesloten.',
					expect.stringMatching(/^"𓀀" \(U\+13000\) kan niet geprint worden/)
				])
			);
			const en = await preview('en');
			expect(en).toEqual(
				expect.arrayContaining([
					'Text direction mark U+202E left open: closed at the end of the line.',
					expect.stringMatching(/^"𓀀" \(U\+13000\) cannot be printed/)
				])
			);
			expect(nl).toHaveLength(en.length);

			const res = await t.client.api.v1.print.labels.$post(
				{ json: { campaignId: campaign.id, templateId: 'avery-l7160' } },
				{ headers: hub.headers }
			);
			expect(res.status).toBe(200);
			const id = res.headers.get('x-print-job-id')!;
			const job = await expectStatus<PrintJob & { flags: Flag[] }>(
				await t.client.api.v1.print.jobs[':id'].$get(
					{ param: { id } },
					{ headers: inLanguage('nl') }
				),
				200
			);
			expect(job.flags.map((f) => f.detail)).toEqual(nl);
			const list = await expectStatus<{ items: { id: string; flags: Flag[] }[] }>(
				await t.client.api.v1.print.jobs.$get({ query: {} }, { headers: inLanguage('nl') }),
				200
			);
			expect(list.items.find((j) => j.id === id)!.flags.map((f) => f.detail)).toEqual(nl);

			// A job recorded before flags had codes keeps its English detail.
			await database.db
				.update(printJobs)
				.set({
					flags: [{ reference: 'HOP-00001', kind: 'overflow', detail: 'the address does not fit' }]
				})
				.where(eq(printJobs.id, id));
			const old = await expectStatus<{ flags: Flag[] }>(
				await t.client.api.v1.print.jobs[':id'].$get(
					{ param: { id } },
					{ headers: inLanguage('nl') }
				),
				200
			);
			expect(old.flags).toEqual([
				{ reference: 'HOP-00001', kind: 'overflow', detail: 'the address does not fit' }
			]);
		});
	}
);
