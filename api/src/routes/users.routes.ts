import { z } from '@hono/zod-openapi';
import { CreateUserInput, UpdateUserInput } from '../domain/accounts/schemas.ts';
import { createUser, listUsers, updateUser } from '../domain/accounts/users.ts';
import { defineRoute } from '../http/access.ts';
import { newRouter } from '../http/router.ts';
import { IdParam, json, problemResponses, UserSchema } from '../http/schemas.ts';
import { ADMINS } from '../domain/accounts/roles.ts';

const ADMIN = { roles: ADMINS } as const;

const list = defineRoute({
	method: 'get',
	path: '/',
	summary: 'All users',
	tags: ['users'],
	access: ADMIN,
	responses: {
		200: json(z.object({ items: z.array(UserSchema) })),
		401: problemResponses[401],
		403: problemResponses[403]
	}
});

const create = defineRoute({
	method: 'post',
	path: '/',
	summary: 'Create a user',
	tags: ['users'],
	access: ADMIN,
	idempotent: true,
	request: {
		body: { content: { 'application/json': { schema: CreateUserInput } }, required: true }
	},
	responses: { 201: json(UserSchema, 'Created'), ...problemResponses }
});

const update = defineRoute({
	method: 'patch',
	path: '/{id}',
	summary: 'Change a user’s name, role, language or deactivate them',
	tags: ['users'],
	access: ADMIN,
	request: {
		params: IdParam,
		body: { content: { 'application/json': { schema: UpdateUserInput } }, required: true }
	},
	responses: { 200: json(UserSchema), ...problemResponses }
});

export const usersRoutes = newRouter()
	.openapi(list, async (c) => c.json({ items: await listUsers({ ctx: c.get('ctx') }) }, 200))
	.openapi(create, async (c) =>
		c.json(await createUser({ ctx: c.get('ctx'), input: c.req.valid('json') }), 201)
	)
	.openapi(update, async (c) =>
		c.json(
			await updateUser({
				ctx: c.get('ctx'),
				input: { id: c.req.valid('param').id, changes: c.req.valid('json') }
			}),
			200
		)
	);
