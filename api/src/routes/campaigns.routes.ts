import { z } from '@hono/zod-openapi';
import { surpriseStatuses } from '../../../db/schema/index.ts';
import { CAMPAIGN_MANAGERS } from '../domain/campaigns/access.ts';
import {
	createCampaign,
	getCampaign,
	listCampaigns,
	updateCampaign
} from '../domain/campaigns/campaigns.ts';
import {
	campaignKinds,
	campaignStatuses,
	CreateCampaignInput,
	DecideCampaignInput,
	UpdateCampaignInput
} from '../domain/campaigns/schemas.ts';
import { decideCampaign, submitCampaign } from '../domain/campaigns/workflow.ts';
import { giftKinds } from '../domain/gifts/schemas.ts';
import { ALL_STAFF, defineRoute } from '../http/access.ts';
import { publicOrigin } from '../http/origin.ts';
import { pageOf, PageQuery } from '../http/pagination.ts';
import { newRouter } from '../http/router.ts';
import { IdParam, json, problemResponses } from '../http/schemas.ts';

const READ = { roles: ALL_STAFF } as const;
const MANAGE = { roles: CAMPAIGN_MANAGERS } as const;
const body = <T extends z.ZodType>(schema: T) => ({
	body: { content: { 'application/json': { schema } }, required: true }
});
const Person = z.object({ id: z.string(), name: z.string() }).nullable();

const CampaignSchema = z
	.object({
		id: z.string(),
		name: z.string(),
		kind: z.enum(campaignKinds),
		status: z.enum(campaignStatuses),
		description: z.string(),
		startsOn: z
			.string()
			.openapi({ description: 'Europe/Amsterdam calendar date', example: '2026-11-13' }),
		endsOn: z.string().openapi({ description: 'Europe/Amsterdam calendar date, inclusive' }),
		budget: z
			.object({
				budgetCents: z.number().int(),
				reservedCents: z.number().int(),
				spentCents: z.number().int(),
				leftCents: z.number().int()
			})
			.openapi({ description: 'reserved includes spent; left = budget − reserved' }),
		maxSurprises: z.number().int().nullable(),
		autoApproveLimitCents: z.number().int(),
		cooldownDays: z.number().int(),
		giftIds: z.array(z.string()),
		gifts: z.array(z.object({ id: z.string(), name: z.string(), kind: z.enum(giftKinds) })),
		createdBy: Person,
		approvedBy: Person,
		approvedAt: z.string().nullable(),
		createdAt: z.string(),
		updatedAt: z.string()
	})
	.openapi('Campaign');

const CampaignDetailSchema = CampaignSchema.extend({
	today: z.string(),
	effectiveStatus: z.enum(campaignStatuses),
	openForSurprises: z.boolean(),
	surprisesByStatus: z.record(z.enum(surpriseStatuses), z.number().int()),
	surprisesTotal: z.number().int(),
	overdue: z.object({
		count: z.number().int(),
		items: z.array(
			z.object({
				id: z.string(),
				reference: z.string(),
				status: z.enum(surpriseStatuses),
				dueOn: z.string(),
				customerId: z.string(),
				daysOverdue: z.number().int()
			})
		)
	}),
	decisions: z.array(
		z.object({
			id: z.string(),
			decision: z.string(),
			comment: z.string(),
			decidedBy: Person,
			createdAt: z.string()
		})
	),
	can: z
		.object({
			edit: z.boolean(),
			submit: z.boolean(),
			approve: z.boolean(),
			reject: z.boolean(),
			requestChanges: z.boolean()
		})
		.openapi({ description: 'What the caller may do next (separation of duties included)' })
}).openapi('CampaignDetail');

const list = defineRoute({
	method: 'get',
	path: '/',
	summary: 'Campaigns, newest first',
	tags: ['campaigns'],
	access: READ,
	request: {
		query: z.object({
			status: z.enum(campaignStatuses).optional(),
			kind: z.enum(campaignKinds).optional(),
			...PageQuery
		})
	},
	responses: {
		200: json(pageOf(CampaignSchema)),
		400: problemResponses[400],
		401: problemResponses[401],
		403: problemResponses[403]
	}
});

const create = defineRoute({
	method: 'post',
	path: '/',
	summary: 'Create a draft campaign',
	tags: ['campaigns'],
	access: MANAGE,
	idempotent: true,
	request: body(CreateCampaignInput),
	responses: { 201: json(CampaignDetailSchema, 'Created'), ...problemResponses }
});

const get = defineRoute({
	method: 'get',
	path: '/{id}',
	summary: 'A campaign with its budget bar, surprises by state, overdue surprises and decisions',
	tags: ['campaigns'],
	access: READ,
	request: { params: IdParam },
	responses: {
		200: json(CampaignDetailSchema),
		400: problemResponses[400],
		401: problemResponses[401],
		403: problemResponses[403],
		404: problemResponses[404]
	}
});

const update = defineRoute({
	method: 'patch',
	path: '/{id}',
	summary: 'Edit a draft or a campaign with changes requested',
	tags: ['campaigns'],
	access: MANAGE,
	request: { params: IdParam, ...body(UpdateCampaignInput) },
	responses: { 200: json(CampaignDetailSchema), ...problemResponses }
});

const submit = defineRoute({
	method: 'post',
	path: '/{id}/submit',
	summary:
		'Submit for a decision by another marketing user (emails an approval request to marketing)',
	tags: ['campaigns'],
	access: MANAGE,
	request: { params: IdParam },
	responses: { 200: json(CampaignDetailSchema), ...problemResponses }
});

const decide = defineRoute({
	method: 'post',
	path: '/{id}/decisions',
	summary: 'Approve, reject or request changes (comment required unless approving)',
	description:
		'Never by the creator or an editor of the campaign (403), unless they are the only active marketing user and the setting allow_sole_marketing_self_approval is on.',
	tags: ['campaigns'],
	access: MANAGE,
	request: { params: IdParam, ...body(DecideCampaignInput) },
	responses: { 200: json(CampaignDetailSchema), ...problemResponses }
});

export const campaignsRoutes = newRouter()
	.openapi(list, async (c) =>
		c.json(await listCampaigns({ ctx: c.get('ctx'), input: c.req.valid('query') }), 200)
	)
	.openapi(create, async (c) =>
		c.json(await createCampaign({ ctx: c.get('ctx'), input: c.req.valid('json') }), 201)
	)
	.openapi(get, async (c) =>
		c.json(await getCampaign({ ctx: c.get('ctx'), input: c.req.valid('param') }), 200)
	)
	.openapi(update, async (c) =>
		c.json(
			await updateCampaign({
				ctx: c.get('ctx'),
				input: { id: c.req.valid('param').id, changes: c.req.valid('json') }
			}),
			200
		)
	)
	.openapi(submit, async (c) =>
		c.json(
			await submitCampaign({
				ctx: c.get('ctx'),
				input: c.req.valid('param'),
				options: { origin: publicOrigin(c) }
			}),
			200
		)
	)
	.openapi(decide, async (c) =>
		c.json(
			await decideCampaign({
				ctx: c.get('ctx'),
				input: { id: c.req.valid('param').id, decision: c.req.valid('json') },
				options: { origin: publicOrigin(c) }
			}),
			200
		)
	);
