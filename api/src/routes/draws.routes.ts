import { z } from '@hono/zod-openapi';
import { DRAW_RUNNERS } from '../domain/draws/draw-can.ts';
import {
	CancelDrawInput,
	PrepareDrawInput,
	cancelDraw,
	drawWinners,
	eligibilityRules,
	getDraw,
	getDrawVerification,
	prepareDraw
} from '../domain/draws/draws.ts';
import { ALL_STAFF, defineRoute } from '../http/access.ts';
import { newRouter } from '../http/router.ts';
import { IdParam, json, problemResponses } from '../http/schemas.ts';

const drawStatuses = ['prepared', 'drawn', 'cancelled'] as const;

const RecordSchema = z
	.object({
		format: z.literal('hoppatee-draw/1'),
		drawId: z.string(),
		params: z.object({
			algorithm: z.literal('efraimidis-spirakis-v1'),
			generator: z.literal('sha256-ctr-v1'),
			winners: z.number().int(),
			reserves: z.number().int(),
			weightCap: z.enum(['none', '2x-median'])
		}),
		pool: z.array(
			z.object({ id: z.string(), handle: z.string(), channel: z.string(), weight: z.number() })
		),
		commitment: z.object({
			paramsHash: z.string(),
			poolHash: z.string(),
			seedHash: z.string(),
			committedAt: z.string()
		}),
		seed: z.string().nullable().openapi({ description: 'Null until drawn' }),
		result: z
			.object({ winners: z.array(z.string()), reserves: z.array(z.string()), drawnAt: z.string() })
			.nullable()
	})
	.openapi('DrawRecord', {
		description: 'The hoppatee-draw/1 record (README "Draws: how to verify")'
	});

const Removed = z.object({
	customerId: z.string(),
	handle: z.string(),
	reason: z.string().optional()
});

const DrawSchema = z
	.object({
		id: z.string(),
		campaignId: z.string().nullable(),
		status: z.enum(drawStatuses),
		weighting: z.string(),
		eligibility: z.object({
			pool: z.unknown(),
			poolSize: z.number().int(),
			rules: z.array(
				z.object({
					rule: z.enum(eligibilityRules),
					count: z.number().int(),
					removed: z.array(Removed)
				})
			)
		}),
		chances: z.object({
			method: z.enum(['exact', 'monte-carlo']),
			runs: z.number().int(),
			win: z.array(z.number()).openapi({ description: 'Per candidate, in the record’s pool order' })
		}),
		record: RecordSchema,
		cancelReason: z.string().nullable(),
		can: z
			.object({ draw: z.boolean(), cancel: z.boolean() })
			.openapi({ description: 'What the caller may do next' })
	})
	.openapi('Draw');

const VerificationSchema = z
	.object({
		id: z.string(),
		status: z.enum(drawStatuses),
		poolSize: z.number().int(),
		removed: z.array(z.object({ rule: z.enum(eligibilityRules), count: z.number().int() })),
		record: RecordSchema,
		identical: z.boolean().nullable().openapi({ description: 'Null until drawn' }),
		difference: z.string().nullable()
	})
	.openapi('DrawVerification');

const body = <T extends z.ZodType>(schema: T) => ({
	body: { content: { 'application/json': { schema } }, required: true }
});

const prepare = defineRoute({
	method: 'post',
	path: '/',
	summary:
		'Prepare a draw: pool, eligibility rules with what each removed, chances and the commitment (nothing drawn yet)',
	tags: ['draws'],
	access: { roles: DRAW_RUNNERS },
	request: body(PrepareDrawInput),
	responses: { 201: json(DrawSchema, 'Created'), ...problemResponses }
});

const get = defineRoute({
	method: 'get',
	path: '/{id}',
	summary: 'One draw, with every removed candidate and the rule that removed them',
	tags: ['draws'],
	access: { roles: ALL_STAFF },
	request: { params: IdParam },
	responses: { 200: json(DrawSchema), ...problemResponses }
});

const draw = defineRoute({
	method: 'post',
	path: '/{id}/draw',
	summary: 'Reveal the seed and draw winners and reserves, once',
	tags: ['draws'],
	access: { roles: DRAW_RUNNERS },
	request: { params: IdParam },
	responses: { 200: json(DrawSchema), ...problemResponses }
});

const cancel = defineRoute({
	method: 'post',
	path: '/{id}/cancel',
	summary: 'Cancel a prepared draw, with a reason',
	tags: ['draws'],
	access: { roles: DRAW_RUNNERS },
	request: { params: IdParam, ...body(CancelDrawInput) },
	responses: { 200: json(DrawSchema), ...problemResponses }
});

const verify = defineRoute({
	method: 'get',
	path: '/{id}/verification',
	summary: 'Public: the commitment before the draw, the record and the re-run’s verdict after it',
	description:
		'No login; public handles only, never names or addresses. Rate-limited per client IP.',
	tags: ['draws'],
	access: { public: true },
	request: { params: IdParam },
	responses: {
		200: json(VerificationSchema),
		400: problemResponses[400],
		404: problemResponses[404],
		429: problemResponses[429]
	}
});

export const drawsRoutes = newRouter()
	.openapi(prepare, async (c) =>
		c.json(await prepareDraw({ ctx: c.get('ctx'), input: { body: c.req.valid('json') } }), 201)
	)
	.openapi(get, async (c) =>
		c.json(await getDraw({ ctx: c.get('ctx'), input: { id: c.req.valid('param').id } }), 200)
	)
	.openapi(draw, async (c) =>
		c.json(await drawWinners({ ctx: c.get('ctx'), input: { id: c.req.valid('param').id } }), 200)
	)
	.openapi(cancel, async (c) =>
		c.json(
			await cancelDraw({
				ctx: c.get('ctx'),
				input: { id: c.req.valid('param').id, body: c.req.valid('json') }
			}),
			200
		)
	)
	.openapi(verify, async (c) =>
		c.json(
			await getDrawVerification({ ctx: c.get('ctx'), input: { id: c.req.valid('param').id } }),
			200
		)
	);
