import { z } from '@hono/zod-openapi';
import { createApiToken, listApiTokens, revokeApiToken } from '../domain/accounts/api-tokens.ts';
import { tokenScopes } from '../domain/accounts/roles.ts';
import { CreateApiTokenInput } from '../domain/accounts/schemas.ts';
import { defineRoute } from '../http/access.ts';
import { newRouter } from '../http/router.ts';
import { IdParam, json, problemResponses } from '../http/schemas.ts';
import { ADMINS } from '../domain/accounts/roles.ts';

const ADMIN = { roles: ADMINS } as const;
const TokenSchema = z
	.object({
		id: z.string(),
		name: z.string(),
		prefix: z.string(),
		scopes: z.array(z.string()),
		createdAt: z.string(),
		lastUsedAt: z.string().nullable(),
		revokedAt: z.string().nullable()
	})
	.openapi('ApiToken');

const list = defineRoute({
	method: 'get',
	path: '/',
	summary: 'API tokens (never their secrets)',
	tags: ['tokens'],
	access: ADMIN,
	responses: {
		200: json(z.object({ items: z.array(TokenSchema), scopes: z.array(z.string()) })),
		401: problemResponses[401],
		403: problemResponses[403]
	}
});

const create = defineRoute({
	method: 'post',
	path: '/',
	summary: 'Create a scoped API token; the secret is shown once',
	tags: ['tokens'],
	access: ADMIN,
	idempotent: true,
	request: {
		body: { content: { 'application/json': { schema: CreateApiTokenInput } }, required: true }
	},
	responses: {
		201: json(TokenSchema.extend({ token: z.string() }), 'Created'),
		...problemResponses
	}
});

const revoke = defineRoute({
	method: 'post',
	path: '/{id}/revoke',
	summary: 'Revoke a token',
	tags: ['tokens'],
	access: ADMIN,
	request: { params: IdParam },
	responses: { 200: json(TokenSchema), ...problemResponses }
});

export const tokensRoutes = newRouter()
	.openapi(list, async (c) =>
		c.json({ items: await listApiTokens({ ctx: c.get('ctx') }), scopes: [...tokenScopes] }, 200)
	)
	.openapi(create, async (c) =>
		c.json(await createApiToken({ ctx: c.get('ctx'), input: c.req.valid('json') }), 201)
	)
	.openapi(revoke, async (c) =>
		c.json(await revokeApiToken({ ctx: c.get('ctx'), input: { id: c.req.valid('param').id } }), 200)
	);
