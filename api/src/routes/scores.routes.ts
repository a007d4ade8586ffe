import { z } from '@hono/zod-openapi';
import { reactionKinds, sentiments, tiers } from '../../../db/schema/index.ts';
import { getCustomerScore } from '../domain/scores/get-customer-score.ts';
import { listAmbassadors } from '../domain/scores/list-ambassadors.ts';
import { recomputeScores } from '../domain/scores/recompute-scores.ts';
import { getWeightsRebuild } from '../domain/scores/weights-rebuild.ts';
import { ListAmbassadorsInput } from '../domain/scores/schemas.ts';
import { ALL_STAFF, defineRoute } from '../http/access.ts';
import { pageOf } from '../http/pagination.ts';
import { newRouter } from '../http/router.ts';
import { IdParam, json, problemResponses } from '../http/schemas.ts';
import { ADMINS } from '../domain/accounts/roles.ts';

const STAFF = { roles: ALL_STAFF } as const;
const ADMIN = { roles: ADMINS } as const;
const readProblems = {
	400: problemResponses[400],
	401: problemResponses[401],
	403: problemResponses[403]
};

const AmbassadorSchema = z
	.object({
		customerId: z.string(),
		name: z.string(),
		score: z.number(),
		tier: z.enum(tiers),
		scoreBefore: z.number(),
		change: z.number(),
		reactionCount: z.number().int(),
		lastPositiveAt: z.string().nullable(),
		emergingSince: z.string().nullable(),
		slippingSince: z.string().nullable(),
		computedAt: z.string()
	})
	.openapi('Ambassador');

const ComponentSchema = z
	.object({
		reactionId: z.string(),
		postedAt: z.string(),
		kind: z.enum(reactionKinds),
		sentiment: z.enum(sentiments),
		followers: z.number().int(),
		surpriseId: z.string().nullable(),
		giftTriggered: z.boolean(),
		sentimentWeight: z.number(),
		kindWeight: z.number(),
		spontaneity: z.number(),
		decay: z.number(),
		reach: z.number(),
		contribution: z.number()
	})
	.openapi('ScoreComponent');

const CustomerScoreSchema = z
	.object({
		customerId: z.string(),
		score: z.number(),
		tier: z.enum(tiers),
		excluded: z.enum(['staff', 'opted_out']).nullable(),
		computedAt: z.string().nullable(),
		scoreBefore: z.number(),
		change: z.number(),
		emerging: z.boolean(),
		emergingSince: z.string().nullable(),
		slipping: z.boolean(),
		slippingSince: z.string().nullable(),
		advocateSince: z.string().nullable(),
		lastPositiveAt: z.string().nullable(),
		reactionCount: z.number().int(),
		nextTier: z
			.object({ tier: z.enum(tiers), threshold: z.number(), missing: z.number() })
			.nullable(),
		components: z.array(ComponentSchema),
		history: z.array(z.object({ day: z.string(), score: z.number(), tier: z.enum(tiers) })),
		trend: z.array(z.object({ day: z.string(), score: z.number() })),
		tierChanges: z.array(z.object({ day: z.string(), from: z.enum(tiers), to: z.enum(tiers) })),
		weights: z.record(z.string(), z.unknown()),
		tiers: z.object({
			fan: z.number(),
			supporter: z.number(),
			advocate: z.number(),
			ambassador: z.number()
		}),
		formula: z.string()
	})
	.openapi('CustomerScore');

const leaderboard = defineRoute({
	method: 'get',
	path: '/',
	summary:
		'The ambassador leaderboard, highest score first: filter by tier, or view=emerging | slipping',
	tags: ['scores'],
	access: STAFF,
	request: { query: ListAmbassadorsInput },
	responses: { 200: json(pageOf(AmbassadorSchema)), ...readProblems }
});

const customerScore = defineRoute({
	method: 'get',
	path: '/{id}/score',
	summary: "A customer's ambassador score: every term of every reaction, trend and tier history",
	tags: ['scores'],
	access: STAFF,
	request: { params: IdParam },
	responses: { 200: json(CustomerScoreSchema), ...readProblems, 404: problemResponses[404] }
});

const recompute = defineRoute({
	method: 'post',
	path: '/recompute',
	summary: 'Recompute every score now (one set-based statement), e.g. after changing the weights',
	tags: ['scores'],
	access: ADMIN,
	responses: {
		200: json(
			z
				.object({
					scored: z.number().int(),
					tierChanges: z.number().int(),
					historyRows: z.number().int(),
					ms: z.number(),
					computedAt: z.string()
				})
				.openapi('RecomputeResult')
		),
		...problemResponses
	}
});

const weightsRebuild = defineRoute({
	method: 'get',
	path: '/weights-rebuild',
	summary:
		'The newest score weights change: its rebuild of every reaction term and score, in batches (null before the first change)',
	tags: ['scores'],
	access: ADMIN,
	responses: {
		200: json(
			z.object({
				rebuild: z
					.object({
						version: z.number().int(),
						state: z.enum(['running', 'finished', 'superseded']),
						done: z.number().int(),
						total: z.number().int(),
						startedAt: z.string(),
						finishedAt: z.string().nullable(),
						error: z.string().nullable()
					})
					.nullable()
					.openapi('WeightsRebuild')
			})
		),
		401: problemResponses[401],
		403: problemResponses[403]
	}
});

/** Mounted at /v1/ambassadors. */
export const ambassadorsRoutes = newRouter().openapi(leaderboard, async (c) =>
	c.json(await listAmbassadors({ ctx: c.get('ctx'), input: c.req.valid('query') }), 200)
);

/** Mounted at /v1/customers, after the customers router (no path of its own clashes). */
export const customerScoreRoutes = newRouter().openapi(customerScore, async (c) =>
	c.json(await getCustomerScore({ ctx: c.get('ctx'), input: { id: c.req.valid('param').id } }), 200)
);

/** Mounted at /v1/scores. */
export const scoresRoutes = newRouter()
	.openapi(recompute, async (c) => c.json(await recomputeScores({ ctx: c.get('ctx') }), 200))
	.openapi(weightsRebuild, async (c) =>
		c.json({ rebuild: await getWeightsRebuild({ ctx: c.get('ctx') }) }, 200)
	);
