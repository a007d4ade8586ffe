import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '#db/client.ts';
import { auditLog, printJobs, surpriseEvents } from '#db/schema/index.ts';
import { engines, freshDatabase } from '../../support/databases.ts';
import { testApi, invalid, type JsonOf } from '../../support/api.ts';
import { auditRows, expectProblem, expectStatus } from '../../support/expect-http.ts';
import { pdfText, printFixtures, qrCodes, type PrintJob, type Template } from './fixtures.ts';

const SECRET = 'GEHEIM-klaagt-veel-niet-printen';

describe.each(engines)('printing labels and cards on %s', (engine) => {
	let database: Database;
	let t: ReturnType<typeof testApi>;
	let p: ReturnType<typeof printFixtures>;
	let hub: Awaited<ReturnType<ReturnType<typeof testApi>['user']>>;
	let marketing: Awaited<ReturnType<ReturnType<typeof testApi>['user']>>;
	let admin: Awaited<ReturnType<ReturnType<typeof testApi>['user']>>;
	let label: Template;
	let card: Template;

	beforeAll(async () => {
		database = await freshDatabase(engine);
		t = testApi(database, { PUBLIC_ORIGIN: 'https://hub.example.test' });
		p = printFixtures(database, t);
		hub = await t.user('hub', { name: 'Hanna de Vries' });
		marketing = await t.user('marketing');
		admin = await t.user('admin');
		const all = await p.templates(hub.headers);
		// A sheet (several labels a page), so start positions and pages mean something.
		label = all.labels.find((l) => l.cells >= 3)!;
		card = all.cards[0]!;
	}, 60_000);
	afterAll(async () => {
		await database?.close();
	});

	const labels = (json: JsonOf<typeof t.client.api.v1.print.labels.$post>, headers = hub.headers) =>
		t.client.api.v1.print.labels.$post({ json }, { headers });
	const cards = (json: JsonOf<typeof t.client.api.v1.print.cards.$post>, headers = hub.headers) =>
		t.client.api.v1.print.cards.$post({ json }, { headers });
	async function pdfOf(res: Response) {
		const text = await res.clone().text();
		if (res.status !== 200) throw new Error(`expected 200, got ${res.status}: ${text}`);
		expect(res.headers.get('content-type')).toBe('application/pdf');
		const pdf = new Uint8Array(await res.arrayBuffer());
		expect(Buffer.from(pdf.subarray(0, 5)).toString('latin1')).toBe('%PDF-');
		return {
			pdf,
			text: pdfText(pdf),
			jobId: res.headers.get('x-print-job-id')!,
			flags: Number(res.headers.get('x-print-flags'))
		};
	}
	const job = async (id: string) =>
		expectStatus<PrintJob>(
			await t.client.api.v1.print.jobs[':id'].$get({ param: { id } }, { headers: hub.headers }),
			200
		);

	it('lists the templates for every staff role', async () => {
		const all = await p.templates(marketing.headers);
		expect(all.labels.length).toBeGreaterThan(0);
		expect(all.cards.length).toBeGreaterThan(0);
		expect(all.labels.every((l) => typeof l.id === 'string' && l.cells > 0)).toBe(true);
	});

	it('prints a campaign’s ready surprises as labels: PDF, job, printed, audited address reads, never the internal note', async () => {
		const { campaign, gift, surprises } = await p.readyCampaign(
			hub,
			['Zoë van ’t Hek', 'Łukasz Żółć', 'Şükrü Öztürk'],
			{ internalNote: SECRET, postage: 'postzegelcode' }
		);
		const waiting = await p.waitingSurprise(hub, campaign.id, gift.id);
		expect(waiting.status).toBe('awaiting_address');
		expect(surprises.every((s) => s.status === 'ready')).toBe(true);

		const res = await labels({ campaignId: campaign.id, templateId: label.id });
		const { text, jobId, flags } = await pdfOf(res);
		expect(res.headers.get('cache-control')).toBe('no-store');
		expect(res.headers.get('x-print-pages')).toBe(String(Math.ceil(3 / label.cells)));
		for (const s of surprises) expect(text).toContain(s.reference);
		expect(text).toContain('Keizersgracht 1');
		expect(text).toContain('Postzegelcode');
		expect(text).toContain('Stroopwafel & Co'); // the default return address
		expect(text).not.toContain(SECRET);
		expect(text).not.toContain(waiting.reference);

		for (const s of surprises) expect(await p.status(s.id, hub.headers)).toBe('printed');
		expect(await p.status(waiting.id, hub.headers)).toBe('awaiting_address');

		const [row] = await database.db.select().from(printJobs).where(eq(printJobs.id, jobId));
		expect(row).toMatchObject({
			kind: 'labels',
			template: label.id,
			startPosition: 1,
			campaignId: campaign.id,
			createdBy: hub.id,
			reprintOf: null,
			pages: Math.ceil(3 / label.cells)
		});
		expect(row!.surpriseIds).toEqual(
			[...surprises].sort((a, b) => a.reference.localeCompare(b.reference)).map((s) => s.id)
		);
		expect((row!.flags as unknown[]).length).toBe(flags);

		const reads = await database.db
			.select()
			.from(auditLog)
			.where(and(eq(auditLog.action, 'address.read'), sql`${auditLog.data}->>'reason' = 'print'`));
		expect(reads.map((r) => r.actorId)).toEqual(surprises.map(() => hub.id));
		for (const s of surprises) {
			const moved = await auditRows(database, 'surprise.print', s.id);
			expect(moved).toHaveLength(1);
			expect(moved[0]!.data).toMatchObject({ from: 'ready', to: 'printed', printJobId: jobId });
		}
		expect((await auditRows(database, 'print.labels', jobId))[0]!.data).toMatchObject({
			template: label.id,
			surprises: 3,
			campaignId: campaign.id
		});

		const viewed = await job(jobId);
		expect(viewed).toMatchObject({
			kind: 'labels',
			surpriseCount: 3,
			campaign: { id: campaign.id },
			createdBy: { id: hub.id }
		});
		expect(viewed.surprises!.map((s) => s.status)).toEqual(['printed', 'printed', 'printed']);
		expect(viewed.flags).toHaveLength(flags);

		// Nothing ready is left in the campaign.
		expect(
			(await expectProblem(await labels({ campaignId: campaign.id, templateId: label.id }), 409))
				.fields
		).toEqual(['campaignId']);
	});

	it('puts the QR to the ship page, the postage line per surprise and the return address setting on the labels', async () => {
		const stamp = await p.readyCampaign(hub, ['Anna Stempel'], { postage: 'stamp' });
		const franked = await p.readyCampaign(hub, ['Bert Frankeer'], { postage: 'franking' });
		await p.f.setting('return_address', ['Retour: Hub B.V.', 'Postbus 99', '9999 ZZ  RETOURSTAD']);
		try {
			const { text, pdf } = await pdfOf(
				await labels({
					surpriseIds: [stamp.surprises[0]!.id, franked.surprises[0]!.id],
					templateId: label.id
				})
			);
			const codes = qrCodes(pdf);
			if (codes)
				expect(codes).toEqual(
					expect.arrayContaining([
						`https://hub.example.test/surprises/${stamp.surprises[0]!.id}/ship`
					])
				);
			expect(text).toContain('Postzegel');
			expect(text).toContain('Port betaald');
			expect(text).toContain('Postbus 99');
			expect(text).not.toContain('Stroopwafel & Co');
		} finally {
			await database.db.execute(sql`delete from settings where key = 'return_address'`);
		}
	});

	it('prints cards with message, first names and signer, in label order, without moving or reading addresses', async () => {
		const { surprises } = await p.readyCampaign(hub, ['Nguyễn Thị Minh Khai', 'Ĳsbrand de Boer'], {
			internalNote: SECRET,
			cardMessage: (name) => `Bedankt voor je geduld, ${name.split(' ')[0]}!`
		});
		const readsBefore = (await auditRows(database, 'address.read')).length;
		const { text, jobId } = await pdfOf(
			await cards({ surpriseIds: surprises.map((s) => s.id), templateId: card.id })
		);
		expect(text).toContain('Hanna'); // the signer's first name
		expect(text).not.toContain('de Vries');
		expect(text).toContain('Bedankt voor je geduld');
		expect(text).not.toContain(SECRET);
		expect((await auditRows(database, 'address.read')).length).toBe(readsBefore);
		for (const s of surprises) expect(await p.status(s.id, hub.headers)).toBe('ready');
		const viewed = await job(jobId);
		expect(viewed).toMatchObject({
			kind: 'cards',
			template: card.id,
			surpriseCount: 2,
			startPosition: 1
		});
		expect(await auditRows(database, 'print.cards', jobId)).toHaveLength(1);

		// A card without a message is named, not printed blank.
		const blank = await p.readyCampaign(hub, ['Leeg Kaartje'], { cardMessage: () => '' });
		const problem = await expectProblem(
			await cards({ surpriseIds: [blank.surprises[0]!.id], templateId: card.id }),
			409
		);
		expect(problem.detail).toContain(blank.surprises[0]!.reference);
	});

	it('reprints a job (same surprises, job template) without moving anything twice', async () => {
		const { surprises } = await p.readyCampaign(hub, ['Reprint Een', 'Reprint Twee']);
		const first = await pdfOf(
			await labels({ surpriseIds: surprises.map((s) => s.id), templateId: label.id })
		);
		const eventsBefore = await database.db
			.select()
			.from(surpriseEvents)
			.where(eq(surpriseEvents.surpriseId, surprises[0]!.id));

		const again = await pdfOf(
			await labels({ reprintJobId: first.jobId, startPosition: 2 }, admin.headers)
		);
		expect(again.jobId).not.toBe(first.jobId);
		const viewed = await job(again.jobId);
		expect(viewed).toMatchObject({
			reprintOf: first.jobId,
			template: label.id,
			startPosition: 2,
			surpriseCount: 2,
			createdBy: { id: admin.id }
		});
		for (const s of surprises) {
			expect(await p.status(s.id, hub.headers)).toBe('printed');
			expect(await auditRows(database, 'surprise.print', s.id)).toHaveLength(1);
		}
		expect(
			await database.db
				.select()
				.from(surpriseEvents)
				.where(eq(surpriseEvents.surpriseId, surprises[0]!.id))
		).toHaveLength(eventsBefore.length);
		const reads = await database.db
			.select()
			.from(auditLog)
			.where(
				and(eq(auditLog.action, 'address.read'), sql`${auditLog.data}->>'reason' = 'label reprint'`)
			);
		expect(reads).toHaveLength(2);

		// Printed surprises may also be chosen again by id.
		await pdfOf(await labels({ surpriseIds: [surprises[1]!.id], templateId: label.id }));
		expect(await auditRows(database, 'surprise.print', surprises[1]!.id)).toHaveLength(1);
		// A cards reprint of a labels job needs its own template.
		expect((await expectProblem(await cards({ reprintJobId: first.jobId }), 400)).fields).toEqual([
			'templateId'
		]);
		await pdfOf(await cards({ reprintJobId: first.jobId, templateId: card.id }));
		await expectProblem(await labels({ reprintJobId: crypto.randomUUID() }), 404);
	});

	it('refuses a surprise that is not ready with 409 naming it, and prints nothing of the batch', async () => {
		const { campaign, gift, surprises } = await p.readyCampaign(hub, ['Klaar Voorprint']);
		const waiting = await p.waitingSurprise(hub, campaign.id, gift.id);
		const jobsBefore = (await database.db.select().from(printJobs)).length;
		const problem = await expectProblem(
			await labels({ surpriseIds: [surprises[0]!.id, waiting.id], templateId: label.id }),
			409
		);
		expect(problem.detail).toContain(waiting.reference);
		expect(problem.detail).toContain('awaiting_address');
		expect(problem.fields).toEqual(['surpriseIds.1']);
		expect(problem.surprises).toEqual([
			{ id: waiting.id, reference: waiting.reference, status: 'awaiting_address' }
		]);
		expect(await p.status(surprises[0]!.id, hub.headers)).toBe('ready');
		expect((await database.db.select().from(printJobs)).length).toBe(jobsBefore);
		await expectProblem(
			await labels({ surpriseIds: [crypto.randomUUID()], templateId: label.id }),
			404
		);
	});

	it('answers bad input with 400 naming the field', async () => {
		const { surprises } = await p.readyCampaign(hub, ['Fout Invoer']);
		const ids = [surprises[0]!.id];
		expect(
			(await expectProblem(await labels({ surpriseIds: ids, templateId: 'no-such-sheet' }), 400))
				.fields
		).toEqual(['templateId']);
		expect(
			(await expectProblem(await cards({ surpriseIds: ids, templateId: label.id }), 400)).fields
		).toEqual(['templateId']);
		expect(
			(
				await expectProblem(
					await labels({ surpriseIds: ids, templateId: label.id, startPosition: 0 }),
					400
				)
			).fields
		).toEqual(['startPosition']);
		const beyond = await expectProblem(
			await labels({ surpriseIds: ids, templateId: label.id, startPosition: label.cells + 1 }),
			400
		);
		expect(beyond.fields).toEqual(['startPosition']);
		expect(beyond.detail).toContain(String(label.cells));
		expect((await expectProblem(await labels({ templateId: label.id }), 400)).fields).toEqual([
			'surpriseIds'
		]);
		expect(
			(
				await expectProblem(
					await labels({ surpriseIds: ids, campaignId: crypto.randomUUID(), templateId: label.id }),
					400
				)
			).fields
		).toEqual(['surpriseIds']);
		expect(
			(await expectProblem(await labels({ surpriseIds: ['nope'], templateId: label.id }), 400))
				.fields
		).toEqual(['surpriseIds.0']);
		expect((await expectProblem(await labels({ surpriseIds: ids }), 400)).fields).toEqual([
			'templateId'
		]);
		expect(await p.status(ids[0]!, hub.headers)).toBe('ready');
		// The last position of the sheet is fine.
		const last = await pdfOf(
			await labels({ surpriseIds: ids, templateId: label.id, startPosition: label.cells })
		);
		expect((await job(last.jobId)).startPosition).toBe(label.cells);
	});

	it('previews page 1 and the flags of the whole batch without recording or moving anything', async () => {
		const { campaign, surprises } = await p.readyCampaign(
			hub,
			Array.from({ length: label.cells + 2 }, (_, i) => `Voorbeeld ${i + 1}`)
		);
		const jobsBefore = (await database.db.select().from(printJobs)).length;
		const preview = await expectStatus<{
			pages: number;
			flags: unknown[];
			surprises: { id: string }[];
			firstPage: { contentType: string; base64: string };
		}>(
			await t.client.api.v1.print.preview.$post(
				{ json: { kind: 'labels', campaignId: campaign.id, templateId: label.id } },
				{ headers: hub.headers }
			),
			200
		);
		expect(preview.surprises).toHaveLength(surprises.length);
		expect(preview.pages).toBe(2);
		const page = Buffer.from(preview.firstPage.base64, 'base64');
		expect(page.subarray(0, 5).toString('latin1')).toBe('%PDF-');
		const { PDFDocument } = await import('pdf-lib');
		expect((await PDFDocument.load(page)).getPageCount()).toBe(1);
		expect((await database.db.select().from(printJobs)).length).toBe(jobsBefore);
		for (const s of surprises) expect(await p.status(s.id, hub.headers)).toBe('ready');
		const reads = await database.db
			.select()
			.from(auditLog)
			.where(
				and(eq(auditLog.action, 'address.read'), sql`${auditLog.data}->>'reason' = 'print preview'`)
			);
		expect(reads.length).toBe(surprises.length);
		const cardsPreview = await t.client.api.v1.print.preview.$post(
			{ json: { kind: 'cards', campaignId: campaign.id, templateId: card.id } },
			{ headers: hub.headers }
		);
		expect((await expectStatus<{ pages: number }>(cardsPreview, 200)).pages).toBeGreaterThan(0);
		expect(
			(
				await expectProblem(
					await t.client.api.v1.print.preview.$post(
						{ json: { kind: invalid('stickers'), campaignId: campaign.id } },
						{ headers: hub.headers }
					),
					400
				)
			).fields
		).toContain('kind');
	});

	it('lists print jobs newest first with a cursor', async () => {
		const page1 = await expectStatus<{ items: PrintJob[]; nextCursor: string | null }>(
			await t.client.api.v1.print.jobs.$get(
				{ query: { limit: '2' } },
				{ headers: marketing.headers }
			),
			200
		);
		expect(page1.items).toHaveLength(2);
		expect(page1.nextCursor).not.toBeNull();
		const page2 = await expectStatus<{ items: PrintJob[] }>(
			await t.client.api.v1.print.jobs.$get(
				{ query: { limit: '2', cursor: page1.nextCursor! } },
				{ headers: marketing.headers }
			),
			200
		);
		expect(page2.items.map((j) => j.id)).not.toContain(page1.items[0]!.id);
		const onlyCards = await expectStatus<{ items: PrintJob[] }>(
			await t.client.api.v1.print.jobs.$get({ query: { kind: 'cards' } }, { headers: hub.headers }),
			200
		);
		expect(onlyCards.items.every((j) => j.kind === 'cards')).toBe(true);
		await expectProblem(
			await t.client.api.v1.print.jobs[':id'].$get(
				{ param: { id: crypto.randomUUID() } },
				{ headers: hub.headers }
			),
			404
		);
	});

	it('lets only the hub and admins print: marketing 403, anonymous 401', async () => {
		const { campaign } = await p.readyCampaign(hub, ['Alleen Hub']);
		const body = { campaignId: campaign.id, templateId: label.id };
		expect((await expectProblem(await labels(body, marketing.headers), 403)).code).toBe(
			'forbidden'
		);
		await expectProblem(await cards({ ...body, templateId: card.id }, marketing.headers), 403);
		await expectProblem(
			await t.client.api.v1.print.preview.$post(
				{ json: { kind: 'labels', ...body } },
				{ headers: marketing.headers }
			),
			403
		);
		await expectProblem(await labels(body, {}), 401);
		// Reading jobs is fine for marketing (everything the hub may read).
		await expectStatus(
			await t.client.api.v1.print.jobs.$get({ query: {} }, { headers: marketing.headers }),
			200
		);
	});
});
