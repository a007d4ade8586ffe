import { z } from '@hono/zod-openapi';
import { ADMINS } from '../domain/accounts/roles.ts';
import { listJobFailures } from '../domain/jobs/job-failures.ts';
import { defineRoute } from '../http/access.ts';
import { newRouter } from '../http/router.ts';
import { json, problemResponses } from '../http/schemas.ts';

const JobFailureSchema = z
	.object({
		id: z.string(),
		job: z.string(),
		attempt: z.number().int(),
		attempts: z.number().int(),
		gaveUp: z.boolean(),
		error: z.string(),
		failedAt: z.string()
	})
	.openapi('JobFailure');

const failures = defineRoute({
	method: 'get',
	path: '/failures',
	summary: 'Failed attempts of the scheduled jobs, newest first (30 days)',
	tags: ['jobs'],
	access: { roles: ADMINS },
	responses: {
		200: json(z.object({ items: z.array(JobFailureSchema) })),
		401: problemResponses[401],
		403: problemResponses[403]
	}
});

export const jobsRoutes = newRouter().openapi(failures, async (c) =>
	c.json({ items: await listJobFailures({ ctx: c.get('ctx') }) }, 200)
);
