import { z } from '@hono/zod-openapi';
import { channels } from '../../../db/schema/customers.ts';
import { surpriseStatuses } from '../../../db/schema/surprises.ts';
import { createNomination } from '../domain/nominations/create-nomination.ts';
import { acceptNomination, declineNomination } from '../domain/nominations/decide-nomination.ts';
import { listNominators } from '../domain/nominations/list-nominators.ts';
import { getNomination, listNominations } from '../domain/nominations/list-nominations.ts';
import {
	AcceptNominationInput,
	CreateNominationInput,
	DeclineNominationInput,
	ListNominationsInput,
	nominationStatuses,
	reasonCategories
} from '../domain/nominations/schemas.ts';
import { ALL_STAFF, defineRoute } from '../http/access.ts';
import { pageOf } from '../http/pagination.ts';
import { newRouter } from '../http/router.ts';
import { IdParam, json, problemResponses } from '../http/schemas.ts';
import { PlannedSurpriseSchema } from './surprises.routes.ts';

const Ref = z.object({ id: z.string(), name: z.string() });

export const NominationSchema = z
	.object({
		id: z.string(),
		status: z.enum(nominationStatuses),
		reason: z.enum(reasonCategories),
		text: z.string(),
		postUrl: z.string().nullable(),
		customer: z.object({
			id: z.string(),
			name: z.string(),
			handles: z.array(z.object({ channel: z.enum(channels), handle: z.string() }))
		}),
		campaign: Ref.nullable(),
		nominatedBy: Ref.nullable().openapi({ description: 'Null when an API token nominated' }),
		declineReason: z.string().nullable(),
		surprise: z
			.object({ id: z.string(), reference: z.string(), status: z.enum(surpriseStatuses) })
			.nullable(),
		createdAt: z.string(),
		decidedAt: z.string().nullable(),
		can: z
			.object({ accept: z.boolean(), decline: z.boolean() })
			.openapi({ description: 'What the caller may do next' })
	})
	.openapi('Nomination');

const body = <T extends z.ZodType>(schema: T) => ({
	body: { content: { 'application/json': { schema } }, required: true }
});

const list = defineRoute({
	method: 'get',
	path: '/',
	summary: 'Nominations, newest first, filtered by status, campaign, nominator or channel',
	tags: ['nominations'],
	access: { roles: ALL_STAFF },
	request: { query: ListNominationsInput },
	responses: { 200: json(pageOf(NominationSchema)), ...problemResponses }
});

const nominators = defineRoute({
	method: 'get',
	path: '/nominators',
	summary:
		'Everyone who ever nominated someone, by name (the choices of the list’s nominator filter)',
	tags: ['nominations'],
	access: { roles: ALL_STAFF },
	responses: {
		200: json(z.object({ items: z.array(Ref) })),
		401: problemResponses[401],
		403: problemResponses[403]
	}
});

const create = defineRoute({
	method: 'post',
	path: '/',
	summary:
		'Nominate a customer (by id, or by the link to their post); for staff and the webcare inbox',
	tags: ['nominations'],
	access: { roles: ALL_STAFF, scope: 'nominations:write' },
	idempotent: true,
	request: body(CreateNominationInput),
	responses: {
		201: json(NominationSchema.extend({ customerCreated: z.boolean() }), 'Created'),
		...problemResponses
	}
});

const get = defineRoute({
	method: 'get',
	path: '/{id}',
	summary: 'One nomination',
	tags: ['nominations'],
	access: { roles: ALL_STAFF },
	request: { params: IdParam },
	responses: { 200: json(NominationSchema), ...problemResponses }
});

const accept = defineRoute({
	method: 'post',
	path: '/{id}/accept',
	summary:
		'Turn the nomination into a surprise (planned, or approved within the auto-approve limit)',
	tags: ['nominations'],
	access: { roles: ['hub'] },
	idempotent: true,
	request: { params: IdParam, ...body(AcceptNominationInput) },
	responses: {
		201: json(
			z.object({ nomination: NominationSchema, surprise: PlannedSurpriseSchema }),
			'Created'
		),
		...problemResponses
	}
});

const decline = defineRoute({
	method: 'post',
	path: '/{id}/decline',
	summary: 'Decline the nomination, with a reason',
	tags: ['nominations'],
	access: { roles: ['hub', 'marketing'] },
	request: { params: IdParam, ...body(DeclineNominationInput) },
	responses: { 200: json(NominationSchema), ...problemResponses }
});

export const nominationsRoutes = newRouter()
	.openapi(list, async (c) =>
		c.json(await listNominations({ ctx: c.get('ctx'), input: c.req.valid('query') }), 200)
	)
	.openapi(nominators, async (c) =>
		c.json({ items: await listNominators({ ctx: c.get('ctx') }) }, 200)
	)
	.openapi(create, async (c) =>
		c.json(await createNomination({ ctx: c.get('ctx'), input: c.req.valid('json') }), 201)
	)
	.openapi(get, async (c) =>
		c.json(await getNomination({ ctx: c.get('ctx'), input: { id: c.req.valid('param').id } }), 200)
	)
	.openapi(accept, async (c) =>
		c.json(
			await acceptNomination({
				ctx: c.get('ctx'),
				input: { id: c.req.valid('param').id, body: c.req.valid('json') }
			}),
			201
		)
	)
	.openapi(decline, async (c) =>
		c.json(
			await declineNomination({
				ctx: c.get('ctx'),
				input: { id: c.req.valid('param').id, body: c.req.valid('json') }
			}),
			200
		)
	);
