import { z } from '@hono/zod-openapi';
import { giftKinds } from '../../../db/schema/gifts.ts';
import { surpriseStatuses } from '../../../db/schema/surprises.ts';
import { advanceSurprise } from '../domain/surprises/advance-surprise.ts';
import { approveSurprise, rejectSurprise } from '../domain/surprises/approve-surprise.ts';
import { attachSurpriseAddress } from '../domain/surprises/attach-address.ts';
import { cancelSurprise } from '../domain/surprises/cancel-surprise.ts';
import { chooseSurpriseVariant } from '../domain/surprises/choose-variant.ts';
import { getSurprise } from '../domain/surprises/get-surprise.ts';
import { listSigners } from '../domain/surprises/list-signers.ts';
import { listOverdueSurprises, listSurprises } from '../domain/surprises/list-surprises.ts';
import { planSurprise } from '../domain/surprises/plan-surprise.ts';
import {
	AdvanceSurpriseInput,
	ApproveSurpriseInput,
	AttachAddressInput,
	CancelSurpriseInput,
	ChooseVariantInput,
	ListOverdueInput,
	ListSurprisesInput,
	PlanSurpriseInput,
	RejectSurpriseInput,
	UpdateSurpriseInput
} from '../domain/surprises/schemas.ts';
import { updateSurprise } from '../domain/surprises/update-surprise.ts';
import { ALL_STAFF, defineRoute } from '../http/access.ts';
import { pageOf } from '../http/pagination.ts';
import { publicOrigin } from '../http/origin.ts';
import { newRouter } from '../http/router.ts';
import { historyIn } from '../http/localize.ts';
import { requestLocale } from '../http/problem.ts';
import { IdParam, json, problemResponses } from '../http/schemas.ts';
import { zodText } from '../messages/zod.ts';

const HUB = { roles: ['hub'] } as const;
const MARKETING = { roles: ['marketing'] } as const;
const STAFF = { roles: ALL_STAFF } as const;

const Ref = z.object({ id: z.string(), name: z.string() });
const Status = z.enum(surpriseStatuses);

export const SurpriseSchema = z
	.object({
		id: z.string(),
		reference: z.string().openapi({ example: 'HOP-00042' }),
		status: Status,
		kind: z.enum(['physical', 'digital']),
		customer: Ref,
		campaign: Ref,
		nominationId: z.string().nullable(),
		cardMessage: z.string(),
		internalNote: z.string().openapi({ description: 'Staff only: never printed, never emailed.' }),
		signedBy: Ref.nullable(),
		items: z.array(
			z.object({
				id: z.string(),
				giftId: z.string(),
				giftName: z.string(),
				giftKind: z.enum(giftKinds),
				variantId: z.string().nullable(),
				variantName: z.string().nullable(),
				quantity: z.number().int(),
				unitCostCents: z.number().int(),
				voucherCode: z.string().nullable().openapi({ description: 'Masked' })
			})
		),
		costCents: z.number().int(),
		postageCents: z.number().int(),
		totalCents: z.number().int(),
		postage: z.string(),
		addressId: z.string().nullable(),
		approvedBy: Ref.nullable().openapi({ description: 'Null when approved automatically' }),
		approvedAt: z.string().nullable(),
		dueOn: z
			.string()
			.nullable()
			.openapi({ description: 'Ship by this Amsterdam date (N working days after approval)' }),
		overdue: z.boolean(),
		printedAt: z.string().nullable(),
		shippedAt: z.string().nullable(),
		deliveredAt: z.string().nullable(),
		createdBy: Ref.nullable(),
		createdAt: z.string(),
		updatedAt: z.string(),
		nextStatuses: z.array(Status),
		can: z
			.object({
				edit: z.boolean(),
				approve: z.boolean(),
				reject: z.boolean(),
				cancel: z.boolean(),
				createClaimLink: z.boolean(),
				print: z.boolean(),
				ship: z.boolean(),
				advance: z.array(Status).openapi({ description: 'Manual moves this caller may make now' }),
				sendGiftEmail: z.boolean(),
				revealCodes: z.boolean()
			})
			.openapi({ description: 'What the caller may do next, by the rules the verbs enforce' }),
		events: z
			.array(
				z.object({
					id: z.string(),
					from: Status.nullable(),
					to: Status,
					actor: Ref.nullable(),
					note: z.string(),
					at: z.string()
				})
			)
			.optional()
			.openapi({ description: 'The history, oldest first (single surprise only)' })
	})
	.openapi('Surprise');

export const AutoApprovalSchema = z.object({
	attempted: z.boolean(),
	approved: z.boolean(),
	reason: z.string().nullable()
});
export const PlannedSurpriseSchema = SurpriseSchema.extend({
	autoApproval: AutoApprovalSchema
}).openapi('PlannedSurprise');

const body = <T extends z.ZodType>(schema: T, required = true) => ({
	body: { content: { 'application/json': { schema } }, required }
});
const ItemParams = IdParam.extend({
	itemId: z.uuid(zodText('must_be_uuid')).openapi({ param: { name: 'itemId', in: 'path' } })
});

const list = defineRoute({
	method: 'get',
	path: '/',
	summary: 'Surprises, newest first, filtered by status, campaign or customer',
	tags: ['surprises'],
	access: STAFF,
	request: { query: ListSurprisesInput },
	responses: { 200: json(pageOf(SurpriseSchema)), ...problemResponses }
});

const overdue = defineRoute({
	method: 'get',
	path: '/overdue',
	summary: 'Approved surprises not shipped by their due date, most overdue first',
	tags: ['surprises'],
	access: STAFF,
	request: { query: ListOverdueInput },
	responses: { 200: json(pageOf(SurpriseSchema)), ...problemResponses }
});

const signers = defineRoute({
	method: 'get',
	path: '/signers',
	summary: 'Who may sign a card: the active hub’ers, by name',
	tags: ['surprises'],
	access: STAFF,
	responses: {
		200: json(z.object({ items: z.array(Ref) })),
		401: problemResponses[401],
		403: problemResponses[403]
	}
});

const plan = defineRoute({
	method: 'post',
	path: '/',
	summary:
		'Plan a surprise; approved at once when within the campaign’s auto-approve limit and budget',
	tags: ['surprises'],
	access: HUB,
	idempotent: true,
	request: body(PlanSurpriseInput),
	responses: { 201: json(PlannedSurpriseSchema, 'Created'), ...problemResponses }
});

const get = defineRoute({
	method: 'get',
	path: '/{id}',
	summary: 'One surprise with its items and history',
	tags: ['surprises'],
	access: STAFF,
	request: { params: IdParam },
	responses: { 200: json(SurpriseSchema), ...problemResponses }
});

const update = defineRoute({
	method: 'patch',
	path: '/{id}',
	summary: 'Change the card message, internal note or signer (until printed)',
	tags: ['surprises'],
	access: HUB,
	request: { params: IdParam, ...body(UpdateSurpriseInput) },
	responses: { 200: json(SurpriseSchema), ...problemResponses }
});

const approve = defineRoute({
	method: 'post',
	path: '/{id}/approve',
	summary: 'Approve a planned surprise: reserves budget, voucher codes and stock',
	tags: ['surprises'],
	access: MARKETING,
	request: { params: IdParam, ...body(ApproveSurpriseInput, false) },
	responses: { 200: json(SurpriseSchema), ...problemResponses }
});

const reject = defineRoute({
	method: 'post',
	path: '/{id}/reject',
	summary: 'Reject a planned surprise (cancelled, with the reason)',
	tags: ['surprises'],
	access: MARKETING,
	request: { params: IdParam, ...body(RejectSurpriseInput) },
	responses: { 200: json(SurpriseSchema), ...problemResponses }
});

const cancel = defineRoute({
	method: 'post',
	path: '/{id}/cancel',
	summary: 'Cancel before shipping: budget, voucher codes and stock go back',
	tags: ['surprises'],
	access: { roles: ['hub', 'marketing'] },
	request: { params: IdParam, ...body(CancelSurpriseInput) },
	responses: { 200: json(SurpriseSchema), ...problemResponses }
});

const transition = defineRoute({
	method: 'post',
	path: '/{id}/transition',
	summary: 'Mark printed, delivered, or (back to) ready',
	description:
		'`shipped` is refused here (422 on `to`, with `shipRoute`): a parcel ships only through the pre-ship checklist, `POST /api/v1/print/ship/{id}`.',
	tags: ['surprises'],
	access: HUB,
	request: { params: IdParam, ...body(AdvanceSurpriseInput) },
	responses: { 200: json(SurpriseSchema), ...problemResponses }
});

const address = defineRoute({
	method: 'post',
	path: '/{id}/address',
	summary: 'Ship to this address of the customer (ready once every variant is chosen)',
	tags: ['surprises'],
	access: HUB,
	request: { params: IdParam, ...body(AttachAddressInput) },
	responses: { 200: json(SurpriseSchema), ...problemResponses }
});

const variant = defineRoute({
	method: 'post',
	path: '/{id}/items/{itemId}/variant',
	summary: 'Choose the variant (size …) of one item',
	tags: ['surprises'],
	access: HUB,
	request: { params: ItemParams, ...body(ChooseVariantInput) },
	responses: { 200: json(SurpriseSchema), ...problemResponses }
});

export const surprisesRoutes = newRouter()
	.openapi(list, async (c) =>
		c.json(await listSurprises({ ctx: c.get('ctx'), input: c.req.valid('query') }), 200)
	)
	.openapi(overdue, async (c) =>
		c.json(await listOverdueSurprises({ ctx: c.get('ctx'), input: c.req.valid('query') }), 200)
	)
	.openapi(signers, async (c) => c.json({ items: await listSigners({ ctx: c.get('ctx') }) }, 200))
	.openapi(plan, async (c) =>
		c.json(
			await planSurprise({
				ctx: c.get('ctx'),
				input: c.req.valid('json'),
				options: { origin: publicOrigin(c) }
			}),
			201
		)
	)
	.openapi(get, async (c) =>
		c.json(
			historyIn(
				await getSurprise({ ctx: c.get('ctx'), input: { id: c.req.valid('param').id } }),
				requestLocale(c)
			),
			200
		)
	)
	.openapi(update, async (c) =>
		c.json(
			await updateSurprise({
				ctx: c.get('ctx'),
				input: { id: c.req.valid('param').id, body: c.req.valid('json') }
			}),
			200
		)
	)
	.openapi(approve, async (c) =>
		c.json(
			await approveSurprise({
				ctx: c.get('ctx'),
				input: { id: c.req.valid('param').id, body: c.req.valid('json') },
				options: { origin: publicOrigin(c) }
			}),
			200
		)
	)
	.openapi(reject, async (c) =>
		c.json(
			await rejectSurprise({
				ctx: c.get('ctx'),
				input: { id: c.req.valid('param').id, body: c.req.valid('json') },
				options: { origin: publicOrigin(c) }
			}),
			200
		)
	)
	.openapi(cancel, async (c) =>
		c.json(
			await cancelSurprise({
				ctx: c.get('ctx'),
				input: { id: c.req.valid('param').id, body: c.req.valid('json') }
			}),
			200
		)
	)
	.openapi(transition, async (c) =>
		c.json(
			await advanceSurprise({
				ctx: c.get('ctx'),
				input: { id: c.req.valid('param').id, body: c.req.valid('json') }
			}),
			200
		)
	)
	.openapi(address, async (c) =>
		c.json(
			await attachSurpriseAddress({
				ctx: c.get('ctx'),
				input: { id: c.req.valid('param').id, body: c.req.valid('json') }
			}),
			200
		)
	)
	.openapi(variant, async (c) => {
		const { id, itemId } = c.req.valid('param');
		return c.json(
			await chooseSurpriseVariant({
				ctx: c.get('ctx'),
				input: { id, itemId, body: c.req.valid('json') }
			}),
			200
		);
	});
