import { z } from '@hono/zod-openapi';
import { channels, tiers } from '../../../db/schema/index.ts';
import { getDashboard } from '../domain/dashboard/get-dashboard.ts';
import { getWorkQueues, queueKeys } from '../domain/dashboard/work-queues.ts';
import { roles } from '../../../db/schema/index.ts';
import { ALL_STAFF, defineRoute } from '../http/access.ts';
import { newRouter } from '../http/router.ts';
import { json, problemResponses } from '../http/schemas.ts';

const counts = <T extends readonly [string, ...string[]]>(keys: T) =>
	z.record(z.enum(keys), z.number().int());

const DashboardSchema = z
	.object({
		customers: z.object({
			total: z.number().int(),
			byChannel: counts(channels),
			byTier: counts(tiers)
		}),
		reactionsLast7Days: z.number().int()
	})
	.openapi('Dashboard');

const get = defineRoute({
	method: 'get',
	path: '/',
	summary: 'Key numbers for the start page',
	tags: ['dashboard'],
	access: { roles: ALL_STAFF },
	responses: { 200: json(DashboardSchema), 401: problemResponses[401], 403: problemResponses[403] }
});

const WorkQueuesSchema = z
	.object({
		role: z.enum(roles),
		queues: z.array(z.object({ key: z.enum(queueKeys), count: z.number().int() }))
	})
	.openapi('WorkQueues');

const queues = defineRoute({
	method: 'get',
	path: '/queues',
	summary: 'What waits for the signed-in user’s role: a count per queue, each a filtered list',
	tags: ['dashboard'],
	access: { roles: ALL_STAFF },
	responses: {
		200: json(WorkQueuesSchema),
		401: problemResponses[401],
		403: problemResponses[403]
	}
});

export const dashboardRoutes = newRouter()
	.openapi(get, async (c) => c.json(await getDashboard({ ctx: c.get('ctx') }), 200))
	.openapi(queues, async (c) => c.json(await getWorkQueues({ ctx: c.get('ctx') }), 200));
