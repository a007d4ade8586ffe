/**
 * The phone page behind a label's QR code: name and place, never the street on screen unless asked
 * (and then audited); and shipping happens only through the pre-ship checklist, never through the
 * generic surprise transition.
 */
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '#db/client.ts';
import { auditLog, printJobs } from '#db/schema/index.ts';
import { engines, freshDatabase } from '../../support/databases.ts';
import { testApi, type JsonOf } from '../../support/api.ts';
import { expectProblem, expectStatus } from '../../support/expect-http.ts';
import { printFixtures, type PrintJob, type Template } from './fixtures.ts';

type ShipView = {
	reference: string;
	status: string;
	recipientName: string;
	recipientFirstName: string;
	place: { city: string | null; country: string } | null;
	hasAddress: boolean;
	canShip: boolean;
};

describe.each(engines)('the ship page and the one way to ship on %s', (engine) => {
	let database: Database;
	let t: ReturnType<typeof testApi>;
	let p: ReturnType<typeof printFixtures>;
	let hub: Awaited<ReturnType<ReturnType<typeof testApi>['user']>>;
	let marketing: Awaited<ReturnType<ReturnType<typeof testApi>['user']>>;
	let label: Template;
	let card: Template;

	beforeAll(async () => {
		database = await freshDatabase(engine);
		t = testApi(database);
		p = printFixtures(database, t);
		hub = await t.user('hub', { name: 'Hanna de Vries' });
		marketing = await t.user('marketing');
		const all = await p.templates(hub.headers);
		label = all.labels[0]!;
		card = all.cards[0]!;
	}, 60_000);
	afterAll(async () => {
		await database?.close();
	});

	const view = async (id: string, headers = hub.headers) =>
		expectStatus<ShipView>(
			await t.client.api.v1.print.ship[':id'].$get({ param: { id } }, { headers }),
			200
		);
	const addressReads = (reason: string) =>
		database.db
			.select()
			.from(auditLog)
			.where(
				and(eq(auditLog.action, 'address.read'), sql`${auditLog.data}->>'reason' = ${reason}`)
			);

	it('shows the name and place but not the address; the full address is a separate, audited read', async () => {
		const { surprises } = await p.readyCampaign(hub, ['Şükrü Öztürk']);
		const s = surprises[0]!;
		const shown = await view(s.id, marketing.headers);
		expect(shown).toMatchObject({
			recipientName: 'Şükrü Öztürk',
			recipientFirstName: 'Şükrü',
			place: { city: 'Amsterdam', country: 'NL' },
			hasAddress: true
		});
		expect(JSON.stringify(shown)).not.toContain('Keizersgracht');
		expect(JSON.stringify(shown)).not.toContain('1015 CJ');
		expect(await addressReads(`ship page ${s.reference}`)).toHaveLength(0);

		// Marketing reads the ship page but neither reads the address nor ships.
		expect(
			(
				await expectProblem(
					await t.client.api.v1.print.ship[':id'].address.$get(
						{ param: { id: s.id } },
						{ headers: marketing.headers }
					),
					403
				)
			).code
		).toBe('forbidden');
		const address = await expectStatus<{ reference: string; lines: string[] }>(
			await t.client.api.v1.print.ship[':id'].address.$get(
				{ param: { id: s.id } },
				{ headers: hub.headers }
			),
			200
		);
		expect(address).toEqual({
			reference: s.reference,
			lines: ['Şükrü Öztürk', 'Keizersgracht 1', '1015 CJ  AMSTERDAM']
		});
		const reads = await addressReads(`ship page ${s.reference}`);
		expect(reads).toHaveLength(1);
		expect(reads[0]!.actorId).toBe(hub.id);
		await expectProblem(
			await t.client.api.v1.print.ship[':id'].address.$get(
				{ param: { id: crypto.randomUUID() } },
				{ headers: hub.headers }
			),
			404
		);
	});

	it('refuses `shipped` in the generic transition with 422 naming the ship route; the checklist route ships', async () => {
		const { surprises } = await p.readyCampaign(hub, ['Geen Checklist']);
		const s = surprises[0]!;
		const transition = (
			to: JsonOf<(typeof t.client.api.v1.surprises)[':id']['transition']['$post']>['to']
		) =>
			t.client.api.v1.surprises[':id'].transition.$post(
				{ param: { id: s.id }, json: { to } },
				{ headers: hub.headers }
			);
		// Even while still ready, and again once printed: there is no way around the checklist.
		expect((await expectProblem(await transition('shipped'), 422)).fields).toEqual(['to']);
		expect(
			(
				await t.client.api.v1.print.labels.$post(
					{ json: { surpriseIds: [s.id], templateId: label.id } },
					{ headers: hub.headers }
				)
			).status
		).toBe(200);
		const refused = await expectProblem(await transition('shipped'), 422);
		expect(refused.detail).toContain(`/api/v1/print/ship/${s.id}`);
		expect(refused).toMatchObject({
			shipRoute: `/api/v1/print/ship/${s.id}`,
			code: 'unprocessable'
		});
		expect(await p.status(s.id, hub.headers)).toBe('printed');

		const shipped = await expectStatus<ShipView>(
			await t.client.api.v1.print.ship[':id'].$post(
				{ param: { id: s.id }, json: { checklist: { cardIn: true, postageOn: true } } },
				{ headers: hub.headers }
			),
			200
		);
		expect(shipped.status).toBe('shipped');
		// Delivered still goes through the transition.
		expect(
			await expectStatus<{ status: string }>(await transition('delivered'), 200)
		).toMatchObject({ status: 'delivered' });
	});

	it('records a selection within one campaign as that campaign’s print, so cards after labels keep the campaign', async () => {
		const { campaign, surprises } = await p.readyCampaign(hub, ['Kaart Een', 'Kaart Twee']);
		const other = await p.readyCampaign(hub, ['Andere Een']);
		const labelsRes = await t.client.api.v1.print.labels.$post(
			{ json: { campaignId: campaign.id, templateId: label.id } },
			{ headers: hub.headers }
		);
		expect(labelsRes.status).toBe(200);
		const labelsJob = await expectStatus<PrintJob>(
			await t.client.api.v1.print.jobs[':id'].$get(
				{ param: { id: labelsRes.headers.get('x-print-job-id')! } },
				{ headers: hub.headers }
			),
			200
		);
		// The cards of exactly those surprises (now printed), chosen by id: the job still names the campaign.
		const cardsRes = await t.client.api.v1.print.cards.$post(
			{ json: { surpriseIds: labelsJob.surprises!.map((s) => s.id), templateId: card.id } },
			{ headers: hub.headers }
		);
		expect(cardsRes.status).toBe(200);
		const cardsJob = await expectStatus<PrintJob>(
			await t.client.api.v1.print.jobs[':id'].$get(
				{ param: { id: cardsRes.headers.get('x-print-job-id')! } },
				{ headers: hub.headers }
			),
			200
		);
		expect(cardsJob).toMatchObject({
			kind: 'cards',
			campaign: { id: campaign.id },
			reprintOf: null,
			surpriseCount: 2
		});
		expect(cardsJob.surprises!.map((s) => s.reference)).toEqual(
			surprises.map((s) => s.reference).sort()
		);

		// Across two campaigns there is no one campaign to name.
		const mixed = await t.client.api.v1.print.cards.$post(
			{ json: { surpriseIds: [surprises[0]!.id, other.surprises[0]!.id], templateId: card.id } },
			{ headers: hub.headers }
		);
		const [row] = await database.db
			.select()
			.from(printJobs)
			.where(eq(printJobs.id, mixed.headers.get('x-print-job-id')!));
		expect(row!.campaignId).toBeNull();
	});
});
