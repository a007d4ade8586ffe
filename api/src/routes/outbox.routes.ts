import { z } from '@hono/zod-openapi';
import { outboxStatuses } from '../domain/email/deliver-queued-emails.ts';
import {
	getOutboxMessage,
	listOutbox,
	ListOutboxInput,
	OUTBOX_READERS,
	retryOutboxMessage
} from '../domain/email/outbox.ts';
import { defineRoute } from '../http/access.ts';
import { pageOf } from '../http/pagination.ts';
import { newRouter } from '../http/router.ts';
import { IdParam, json, problemResponses } from '../http/schemas.ts';
import { ADMINS } from '../domain/accounts/roles.ts';

const READ = { roles: OUTBOX_READERS } as const;
const readProblems = {
	400: problemResponses[400],
	401: problemResponses[401],
	403: problemResponses[403]
};

const OutboxSummarySchema = z
	.object({
		id: z.string(),
		eventKey: z.string(),
		to: z.string(),
		subject: z.string(),
		status: z.enum(outboxStatuses),
		attempts: z.number().int(),
		nextAttemptAt: z.string(),
		sentAt: z.string().nullable(),
		lastError: z.string().nullable(),
		messageId: z.string(),
		createdAt: z.string()
	})
	.openapi('OutboxSummary');

const OutboxMessageSchema = OutboxSummarySchema.extend({
	html: z
		.string()
		.openapi({ description: 'Rendered HTML: show it in a sandboxed iframe (srcdoc, sandbox="")' }),
	text: z.string()
}).openapi('OutboxMessage');

const list = defineRoute({
	method: 'get',
	path: '/',
	summary:
		'Outgoing mail, newest first: queued, sending, sent, failed, or filed in the local outbox (no SMTP_URL)',
	tags: ['outbox'],
	access: READ,
	request: { query: ListOutboxInput },
	responses: { 200: json(pageOf(OutboxSummarySchema)), ...readProblems }
});

const get = defineRoute({
	method: 'get',
	path: '/{id}',
	summary: 'One message with its rendered HTML and text',
	tags: ['outbox'],
	access: READ,
	request: { params: IdParam },
	responses: { 200: json(OutboxMessageSchema), ...readProblems, 404: problemResponses[404] }
});

const retry = defineRoute({
	method: 'post',
	path: '/{id}/retry',
	summary: 'Queue a failed message again with fresh attempts',
	tags: ['outbox'],
	access: { roles: ADMINS },
	request: { params: IdParam },
	responses: {
		200: json(OutboxMessageSchema),
		...readProblems,
		404: problemResponses[404],
		409: problemResponses[409]
	}
});

export const outboxRoutes = newRouter()
	.openapi(list, async (c) =>
		c.json(await listOutbox({ ctx: c.get('ctx'), input: c.req.valid('query') }), 200)
	)
	.openapi(get, async (c) =>
		c.json(await getOutboxMessage({ ctx: c.get('ctx'), input: c.req.valid('param') }), 200)
	)
	.openapi(retry, async (c) =>
		c.json(await retryOutboxMessage({ ctx: c.get('ctx'), input: c.req.valid('param') }), 200)
	);
