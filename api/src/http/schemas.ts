import { z } from '@hono/zod-openapi';
import { zodText } from '../messages/zod.ts';

/** Response shapes shared across routes, so OpenAPI and the typed client agree. */
export const ProblemSchema = z
	.object({
		type: z.string(),
		title: z.string(),
		status: z.number(),
		detail: z.string(),
		instance: z.string(),
		requestId: z.string().optional(),
		code: z.string().optional(),
		errors: z.array(z.object({ field: z.string(), message: z.string() })).optional()
	})
	.openapi('Problem');

const problemContent = { 'application/problem+json': { schema: ProblemSchema } };
export const problemResponses = {
	400: { description: 'Invalid input', content: problemContent },
	401: { description: 'Not logged in', content: problemContent },
	403: { description: 'Not allowed for this role or token', content: problemContent },
	404: { description: 'Not found', content: problemContent },
	409: { description: 'Conflict with the current state', content: problemContent },
	422: { description: 'Idempotency-Key reused with another body', content: problemContent },
	429: { description: 'Rate limited', content: problemContent }
} as const;

export const json = <T extends z.ZodType>(schema: T, description = 'OK') => ({
	description,
	content: { 'application/json': { schema } }
});

export const IdParam = z.object({
	id: z.uuid(zodText('must_be_uuid')).openapi({ param: { name: 'id', in: 'path' } })
});

export const UserSchema = z
	.object({
		id: z.string(),
		email: z.string(),
		name: z.string(),
		role: z.enum(['hub', 'marketing', 'admin']),
		active: z.boolean(),
		locale: z.string(),
		digest: z.boolean(),
		createdAt: z.string(),
		lastLoginAt: z.string().nullable()
	})
	.openapi('User');
