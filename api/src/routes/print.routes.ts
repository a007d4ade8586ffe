import { z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { surpriseStatuses } from '../../../db/schema/surprises.ts';
import { exportShipments } from '../domain/printing/export-shipments.ts';
import { getPrintJob } from '../domain/printing/get-print-job.ts';
import { getShipView } from '../domain/printing/get-ship-view.ts';
import { listPrintJobs } from '../domain/printing/list-print-jobs.ts';
import { listPrintTemplates } from '../domain/printing/list-templates.ts';
import { previewPrint } from '../domain/printing/preview-print.ts';
import { printCards } from '../domain/printing/print-cards.ts';
import { PRINTERS } from '../domain/printing/access.ts';
import { printLabels, type OnProgress, type PrintResult } from '../domain/printing/print-labels.ts';
import {
	ExportShipmentsInput,
	ListPrintJobsInput,
	PreviewPrintInput,
	PrintCardsInput,
	PrintLabelsInput,
	ShipSurpriseInput
} from '../domain/printing/schemas.ts';
import { readShipAddress } from '../domain/printing/read-ship-address.ts';
import { shipSurprise } from '../domain/printing/ship-surprise.ts';
import { carrierKeys } from '../domain/shipping/carriers.ts';
import { ALL_STAFF, defineRoute } from '../http/access.ts';
import { flagsIn, templatesIn } from '../http/localize.ts';
import { publicOrigin } from '../http/origin.ts';
import { requestLocale } from '../http/problem.ts';
import { pageOf } from '../http/pagination.ts';
import { newRouter } from '../http/router.ts';
import { IdParam, json, problemResponses } from '../http/schemas.ts';
import type { AppEnv } from '../http/types.ts';

const PRINT = { roles: PRINTERS } as const;
const STAFF = { roles: ALL_STAFF } as const;

const Ref = z.object({ id: z.string(), name: z.string() });
const Status = z.enum(surpriseStatuses);

const FlagSchema = z
	.object({
		reference: z.string(),
		kind: z.enum(['unprintable_glyph', 'overflow']),
		detail: z.string()
	})
	.openapi('PrintFlag', {
		description:
			'Something the renderer could not print as asked (a glyph no font has, text that did not fit)'
	});

const PrintJobSchema = z
	.object({
		id: z.string(),
		kind: z.enum(['labels', 'cards']),
		template: z.string(),
		startPosition: z.number().int(),
		campaign: Ref.nullable().openapi({
			description:
				'The campaign printed, or the one campaign all surprises of a selection belong to'
		}),
		reprintOf: z.string().nullable(),
		pages: z.number().int(),
		surpriseCount: z.number().int(),
		flags: z.array(FlagSchema),
		createdBy: Ref.nullable(),
		createdAt: z.string(),
		surprises: z
			.array(z.object({ id: z.string(), reference: z.string(), status: Status }))
			.optional()
			.openapi({ description: 'In print order (single job only)' })
	})
	.openapi('PrintJob');

const Size = z.object({ width: z.number(), height: z.number() });
const TemplateSummarySchema = z
	.object({
		id: z.string(),
		name: z.string(),
		kind: z.enum(['label', 'card']),
		media: z.enum(['sheet', 'thermal', 'card']).openapi({
			description: 'Sheets hold several labels; thermal printers take one label per page'
		}),
		page: Size.openapi({ description: 'Page size in mm' }),
		cell: Size.openapi({ description: 'One label or card in mm, as it is read' }),
		cells: z.number().int().openapi({ description: 'Labels or cards per page' }),
		grid: z
			.object({ columns: z.number().int(), rows: z.number().int() })
			.openapi({ description: 'Cells across and down (label N counts across, then down)' }),
		sides: z.number().int().openapi({ description: 'Pages per sheet of cards (2: print duplex)' })
	})
	.openapi('PrintTemplate');
const TemplatesSchema = z
	.object({ labels: z.array(TemplateSummarySchema), cards: z.array(TemplateSummarySchema) })
	.openapi('PrintTemplates');

const PreviewSchema = z
	.object({
		kind: z.enum(['labels', 'cards']),
		templateId: z.string(),
		surprises: z.array(z.object({ id: z.string(), reference: z.string(), status: Status })),
		pages: z.number().int().openapi({ description: 'Pages the whole print would have' }),
		flags: z
			.array(FlagSchema)
			.openapi({ description: 'Flags of the whole batch, not only page 1' }),
		firstPage: z
			.object({ contentType: z.literal('application/pdf'), base64: z.string() })
			.openapi({ description: 'Page 1 as a one-page PDF' })
	})
	.openapi('PrintPreview');

const ShipViewSchema = z
	.object({
		id: z.string(),
		reference: z.string(),
		status: Status,
		recipientName: z
			.string()
			.openapi({ description: 'The customer’s name, to match the parcel to its label' }),
		recipientFirstName: z.string(),
		place: z.object({ city: z.string().nullable(), country: z.string() }).nullable().openapi({
			description:
				'City and country of the address (what retention keeps); never the street or postcode'
		}),
		hasAddress: z.boolean(),
		items: z.array(
			z.object({
				giftName: z.string(),
				giftKind: z.string(),
				variantName: z.string().nullable(),
				quantity: z.number().int()
			})
		),
		cardMessage: z.string(),
		signedByName: z.string().nullable(),
		postage: z.object({ method: z.string(), line: z.string().nullable() }),
		checklist: z
			.array(z.enum(['cardIn', 'postageOn']))
			.openapi({ description: 'Boxes to tick before shipping' }),
		canShip: z.boolean(),
		can: z
			.object({ ship: z.boolean(), readAddress: z.boolean() })
			.openapi({ description: 'What the caller may do here' }),
		printedAt: z.string().nullable(),
		shippedAt: z.string().nullable(),
		deliveredAt: z.string().nullable(),
		tracking: z
			.object({
				carrier: z.enum(carrierKeys),
				carrierName: z.string(),
				trackingNumber: z.string().nullable()
			})
			.nullable()
			.openapi({ description: 'The carrier and tracking number entered at shipping' })
	})
	.openapi('ShipView');

const ShipAddressSchema = z
	.object({
		reference: z.string(),
		lines: z.array(z.string()).openapi({ description: 'The address block as the label prints it' })
	})
	.openapi('ShipAddress');

const pdfHeaders = {
	'X-Print-Job-Id': {
		description: 'The recorded print job (GET /api/v1/print/jobs/{id} has its flags)',
		schema: { type: 'string', format: 'uuid' }
	},
	'X-Print-Flags': {
		description: 'How many flags the renderer raised',
		schema: { type: 'integer' }
	},
	'X-Print-Pages': { description: 'Pages in the PDF', schema: { type: 'integer' } }
} as const;
const pdfResponse = (description: string) => ({
	description,
	headers: pdfHeaders,
	content: { 'application/pdf': { schema: z.string().openapi({ format: 'binary' }) } }
});
const body = <T extends z.ZodType>(schema: T) => ({
	body: { content: { 'application/json': { schema } }, required: true }
});

const templates = defineRoute({
	method: 'get',
	path: '/templates',
	summary: 'Card and label templates (from templates/, validated at load)',
	tags: ['print'],
	access: STAFF,
	responses: { 200: json(TemplatesSchema), ...problemResponses }
});

const labels = defineRoute({
	method: 'post',
	path: '/labels',
	summary:
		'Shipping labels as one PDF: a selection, a campaign’s ready surprises, or a reprint; ready surprises move to printed',
	description:
		'Exactly one of `surpriseIds` (ready or printed), `campaignId` (its ready surprises) or `reprintJobId`. Rendering is synchronous; the web shows a progress bar while it runs. Each full address read is audited.',
	tags: ['print'],
	access: PRINT,
	request: body(PrintLabelsInput),
	responses: { 200: pdfResponse('The labels, in reference order'), ...problemResponses }
});

const cards = defineRoute({
	method: 'post',
	path: '/cards',
	summary: 'Cards as one PDF, in the same order as their labels; moves no surprise (labels do)',
	tags: ['print'],
	access: PRINT,
	request: body(PrintCardsInput),
	responses: { 200: pdfResponse('The cards, in reference order'), ...problemResponses }
});

const preview = defineRoute({
	method: 'post',
	path: '/preview',
	summary:
		'Page 1 of a print and the flags of the whole batch, without printing (no job, no moves)',
	tags: ['print'],
	access: PRINT,
	request: body(PreviewPrintInput),
	responses: { 200: json(PreviewSchema), ...problemResponses }
});

const jobs = defineRoute({
	method: 'get',
	path: '/jobs',
	summary: 'Print jobs, newest first',
	tags: ['print'],
	access: STAFF,
	request: { query: ListPrintJobsInput },
	responses: {
		200: json(
			pageOf(PrintJobSchema).extend({
				can: z
					.object({ print: z.boolean() })
					.openapi({ description: 'Whether the caller may print or reprint' })
			})
		),
		...problemResponses
	}
});

const job = defineRoute({
	method: 'get',
	path: '/jobs/{id}',
	summary: 'One print job with its surprises and flags',
	tags: ['print'],
	access: STAFF,
	request: { params: IdParam },
	responses: { 200: json(PrintJobSchema), ...problemResponses }
});

const shipView = defineRoute({
	method: 'get',
	path: '/ship/{id}',
	summary:
		'What the ship page shows after scanning a label: reference, first name, items, checklist',
	tags: ['print'],
	access: STAFF,
	request: { params: IdParam },
	responses: { 200: json(ShipViewSchema), ...problemResponses }
});

const ship = defineRoute({
	method: 'post',
	path: '/ship/{id}',
	summary: 'Mark a printed surprise shipped after the pre-ship checklist (card in, postage on)',
	tags: ['print'],
	access: PRINT,
	request: { params: IdParam, ...body(ShipSurpriseInput) },
	responses: { 200: json(ShipViewSchema), ...problemResponses }
});

const shipAddress = defineRoute({
	method: 'get',
	path: '/ship/{id}/address',
	summary:
		'The full address of a surprise, for the ship page when a label is unreadable; each read is audited (address.read, “ship page”)',
	tags: ['print'],
	access: PRINT,
	request: { params: IdParam },
	responses: { 200: json(ShipAddressSchema), ...problemResponses }
});

const shipments = defineRoute({
	method: 'get',
	path: '/shipments.csv',
	summary:
		'Shipments as CSV for a carrier’s bulk upload (formula-safe); each full address read is audited',
	tags: ['print'],
	access: PRINT,
	request: { query: ExportShipmentsInput },
	responses: {
		200: {
			description:
				'reference, name, street, house_number, addition, postcode, city, country, weight_grams[, email]',
			content: { 'text/csv': { schema: z.string() } }
		},
		...problemResponses
	}
});

/** Large batches render in chunks; each chunk is logged (debug) against the request id. */
function progressLog(c: Context<AppEnv>, kind: string): OnProgress {
	const log = c.get('log');
	const requestId = c.get('requestId');
	return (done, total) => log('debug', 'print progress', { requestId, kind, done, total });
}

function pdfBody(c: Context<AppEnv>, result: PrintResult) {
	return c.body(result.pdf as Uint8Array<ArrayBuffer>, 200, {
		'Content-Type': 'application/pdf',
		'Content-Disposition': `inline; filename="hoppatee-${result.job.kind}-${result.job.id.slice(0, 8)}.pdf"`,
		// Labels carry full addresses: never in a shared cache.
		'Cache-Control': 'no-store',
		'X-Print-Job-Id': result.job.id,
		'X-Print-Flags': String(result.flags.length),
		'X-Print-Pages': String(result.job.pages)
	});
}

export const printRoutes = newRouter()
	.openapi(templates, async (c) =>
		c.json(templatesIn(await listPrintTemplates({ ctx: c.get('ctx') }), requestLocale(c)), 200)
	)
	.openapi(labels, async (c) =>
		pdfBody(
			c,
			await printLabels({
				ctx: c.get('ctx'),
				input: c.req.valid('json'),
				options: { origin: publicOrigin(c), onProgress: progressLog(c, 'labels') }
			})
		)
	)
	.openapi(cards, async (c) =>
		pdfBody(
			c,
			await printCards({
				ctx: c.get('ctx'),
				input: c.req.valid('json'),
				options: { onProgress: progressLog(c, 'cards') }
			})
		)
	)
	.openapi(preview, async (c) => {
		const result = await previewPrint({
			ctx: c.get('ctx'),
			input: c.req.valid('json'),
			options: { origin: publicOrigin(c) }
		});
		return c.json({ ...result, flags: flagsIn(result.flags, requestLocale(c)) }, 200);
	})
	.openapi(jobs, async (c) => {
		const page = await listPrintJobs({ ctx: c.get('ctx'), input: c.req.valid('query') });
		const locale = requestLocale(c);
		const items = page.items.map((j) => ({ ...j, flags: flagsIn(j.flags, locale) }));
		return c.json({ ...page, items }, 200);
	})
	.openapi(job, async (c) => {
		const job = await getPrintJob({ ctx: c.get('ctx'), input: { id: c.req.valid('param').id } });
		return c.json({ ...job, flags: flagsIn(job.flags, requestLocale(c)) }, 200);
	})
	.openapi(shipView, async (c) =>
		c.json(await getShipView({ ctx: c.get('ctx'), input: { id: c.req.valid('param').id } }), 200)
	)
	.openapi(shipAddress, async (c) =>
		c.json(
			await readShipAddress({ ctx: c.get('ctx'), input: { id: c.req.valid('param').id } }),
			200
		)
	)
	.openapi(ship, async (c) =>
		c.json(
			await shipSurprise({
				ctx: c.get('ctx'),
				input: { id: c.req.valid('param').id, body: c.req.valid('json') },
				options: { origin: publicOrigin(c) }
			}),
			200
		)
	)
	.openapi(shipments, async (c) => {
		const query = c.req.valid('query');
		const { csv } = await exportShipments({ ctx: c.get('ctx'), input: query });
		const suffix = query.format && query.format !== 'generic' ? `-${query.format}` : '';
		return c.body(csv, 200, {
			'Content-Type': 'text/csv; charset=utf-8',
			'Content-Disposition': `attachment; filename="hoppatee-shipments${suffix}.csv"`,
			'Cache-Control': 'no-store'
		});
	});
