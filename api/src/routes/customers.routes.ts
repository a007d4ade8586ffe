import { z } from '@hono/zod-openapi';
import { channels, tiers } from '../../../db/schema/index.ts';
import { CUSTOMER_WRITERS } from '../domain/customers/access.ts';
import { createCustomer } from '../domain/customers/create-customer.ts';
import { customerTimeline } from '../domain/customers/customer-timeline.ts';
import { findOrCreateCustomerFromUrl } from '../domain/customers/find-or-create-from-url.ts';
import { getCustomer } from '../domain/customers/get-customer.ts';
import { importCustomers, previewCustomerImport } from '../domain/customers/import-customers.ts';
import { listCustomers } from '../domain/customers/list-customers.ts';
import {
	CreateCustomerInput,
	CustomerFromUrlInput,
	ImportCustomersInput,
	ListCustomersInput,
	UpdateCustomerInput
} from '../domain/customers/schemas.ts';
import { updateCustomer } from '../domain/customers/update-customer.ts';
import { ALL_STAFF, defineRoute } from '../http/access.ts';
import { pageOf } from '../http/pagination.ts';
import { previewIn } from '../http/localize.ts';
import { requestLocale } from '../http/problem.ts';
import { newRouter } from '../http/router.ts';
import { IdParam, json, problemResponses } from '../http/schemas.ts';

const READ = { roles: ALL_STAFF, scope: 'customers:read' } as const;
const WRITE = { roles: CUSTOMER_WRITERS, scope: 'customers:write' } as const;
const readProblems = {
	400: problemResponses[400],
	401: problemResponses[401],
	403: problemResponses[403]
};

const HandleSchema = z
	.object({
		id: z.string(),
		channel: z.enum(channels),
		handle: z.string(),
		followers: z.number().int()
	})
	.openapi('Handle');

export const CustomerSchema = z
	.object({
		id: z.string(),
		name: z.string(),
		email: z.string().nullable(),
		locale: z.string(),
		tier: z.enum(tiers),
		isStaff: z.boolean(),
		optedOut: z.boolean(),
		notes: z.string(),
		handles: z.array(HandleSchema),
		createdAt: z.string(),
		updatedAt: z.string()
	})
	.openapi('Customer');

const TimelineSchema = z
	.object({
		items: z.array(
			z.object({
				kind: z.enum(['nomination', 'surprise', 'reaction']),
				id: z.string(),
				at: z.string(),
				title: z.string(),
				status: z.string()
			})
		)
	})
	.openapi('CustomerTimeline');

const FromUrlResult = z
	.object({
		customer: CustomerSchema,
		created: z.boolean(),
		channel: z.enum(channels),
		handle: z.string()
	})
	.openapi('CustomerFromUrl');

const CsvRowError = z.object({ line: z.number().int(), field: z.string(), message: z.string() });
const ImportPreview = z
	.object({
		rows: z.array(
			z.object({
				line: z.number().int(),
				values: z.record(z.string(), z.string()),
				errors: z.array(CsvRowError)
			})
		),
		valid: z.number().int(),
		invalid: z.number().int()
	})
	.openapi('CustomerImportPreview');

const CSV_HELP =
	'CSV with a header line. Columns (any order, case-insensitive): name (required), email (the customer’s email, also stored as their email handle), ' +
	'locale (nl|en), notes, x (or twitter), facebook, instagram, linkedin, whatsapp, followers_x, followers_facebook, followers_instagram, followers_linkedin. ' +
	'Separator comma, semicolon or tab; UTF-8. Line numbers count the header as line 1.';

const list = defineRoute({
	method: 'get',
	path: '/',
	summary:
		'Customers by name; search q over name, email and handles (case- and accent-insensitive); filter by channel or tier',
	tags: ['customers'],
	access: READ,
	request: { query: ListCustomersInput },
	responses: { 200: json(pageOf(CustomerSchema)), ...readProblems }
});

const create = defineRoute({
	method: 'post',
	path: '/',
	summary:
		'Create a customer with handles (one per channel); 409 names the handle another customer holds',
	tags: ['customers'],
	access: WRITE,
	idempotent: true,
	request: {
		body: { content: { 'application/json': { schema: CreateCustomerInput } }, required: true }
	},
	responses: { 201: json(CustomerSchema, 'Created'), ...problemResponses }
});

const fromUrl = defineRoute({
	method: 'post',
	path: '/from-url',
	summary:
		'Find the customer behind a post or profile link, or create one (always 200; `created` says which)',
	tags: ['customers'],
	access: WRITE,
	request: {
		body: { content: { 'application/json': { schema: CustomerFromUrlInput } }, required: true }
	},
	responses: { 200: json(FromUrlResult), ...problemResponses }
});

const importPreview = defineRoute({
	method: 'post',
	path: '/import/preview',
	summary: 'Check a customer CSV row by row without importing it',
	description: CSV_HELP,
	tags: ['customers'],
	access: WRITE,
	upload: true,
	request: {
		body: { content: { 'application/json': { schema: ImportCustomersInput } }, required: true }
	},
	responses: { 200: json(ImportPreview), ...problemResponses }
});

const importCsv = defineRoute({
	method: 'post',
	path: '/import',
	summary:
		'Import a customer CSV, all or nothing: any bad row is a 400 with errors rows.<line>.<column> and nothing is written',
	description: CSV_HELP,
	tags: ['customers'],
	access: WRITE,
	upload: true,
	idempotent: true,
	request: {
		body: { content: { 'application/json': { schema: ImportCustomersInput } }, required: true }
	},
	responses: {
		201: json(z.object({ imported: z.number().int() }).openapi('CustomerImportResult'), 'Imported'),
		...problemResponses
	}
});

const get = defineRoute({
	method: 'get',
	path: '/{id}',
	summary: 'One customer with their handles',
	tags: ['customers'],
	access: READ,
	request: { params: IdParam },
	responses: { 200: json(CustomerSchema), ...readProblems, 404: problemResponses[404] }
});

const update = defineRoute({
	method: 'patch',
	path: '/{id}',
	summary: 'Change a customer; `handles`, when given, replaces the whole set',
	tags: ['customers'],
	access: WRITE,
	request: {
		params: IdParam,
		body: { content: { 'application/json': { schema: UpdateCustomerInput } }, required: true }
	},
	responses: { 200: json(CustomerSchema), ...problemResponses }
});

const timeline = defineRoute({
	method: 'get',
	path: '/{id}/timeline',
	summary: 'Nominations, surprises and reactions of a customer, newest first',
	tags: ['customers'],
	access: READ,
	request: { params: IdParam },
	responses: { 200: json(TimelineSchema), ...readProblems, 404: problemResponses[404] }
});

export const customersRoutes = newRouter()
	.openapi(list, async (c) =>
		c.json(await listCustomers({ ctx: c.get('ctx'), input: c.req.valid('query') }), 200)
	)
	.openapi(create, async (c) =>
		c.json(await createCustomer({ ctx: c.get('ctx'), input: c.req.valid('json') }), 201)
	)
	.openapi(fromUrl, async (c) =>
		c.json(
			await findOrCreateCustomerFromUrl({ ctx: c.get('ctx'), input: c.req.valid('json') }),
			200
		)
	)
	.openapi(importPreview, async (c) =>
		c.json(
			previewIn(
				await previewCustomerImport({ ctx: c.get('ctx'), input: c.req.valid('json') }),
				requestLocale(c)
			),
			200
		)
	)
	.openapi(importCsv, async (c) =>
		c.json(await importCustomers({ ctx: c.get('ctx'), input: c.req.valid('json') }), 201)
	)
	.openapi(get, async (c) =>
		c.json(await getCustomer({ ctx: c.get('ctx'), input: { id: c.req.valid('param').id } }), 200)
	)
	.openapi(update, async (c) =>
		c.json(
			await updateCustomer({
				ctx: c.get('ctx'),
				input: { id: c.req.valid('param').id, changes: c.req.valid('json') }
			}),
			200
		)
	)
	.openapi(timeline, async (c) =>
		c.json(
			await customerTimeline({ ctx: c.get('ctx'), input: { id: c.req.valid('param').id } }),
			200
		)
	);
