import { z } from '@hono/zod-openapi';
import { getCookie } from 'hono/cookie';
import {
	changePassword,
	checkPasswordReset,
	forgotPassword,
	resetPassword,
	sendPasswordReset
} from '../domain/accounts/passwords.ts';
import { ADMINS } from '../domain/accounts/roles.ts';
import {
	ChangePasswordInput,
	ForgotPasswordInput,
	ResetPasswordInput
} from '../domain/accounts/schemas.ts';
import { sha256 } from '../domain/accounts/secrets.ts';
import { ALL_STAFF, defineRoute } from '../http/access.ts';
import { SESSION_COOKIE } from '../http/middleware.ts';
import { publicOrigin } from '../http/origin.ts';
import { newRouter } from '../http/router.ts';
import { IdParam, json, problemResponses } from '../http/schemas.ts';

const TokenParam = z.object({
	token: z
		.string()
		.min(1)
		.max(200)
		.openapi({ param: { name: 'token', in: 'path' }, description: 'The token from the reset link' })
});

// ---- Mounted at /v1/auth

const change = defineRoute({
	method: 'put',
	path: '/password',
	summary: 'Change your own password (the current one required); your other sessions end',
	tags: ['auth'],
	access: { roles: ALL_STAFF },
	request: {
		body: { content: { 'application/json': { schema: ChangePasswordInput } }, required: true }
	},
	responses: {
		200: json(z.object({ sessionsEnded: z.number().int() })),
		...problemResponses
	}
});

const forgot = defineRoute({
	method: 'post',
	path: '/forgot-password',
	summary: 'Ask for a reset link by email',
	description:
		'The same 202 whether or not the address has an account, after at least 400 ms; rate-limited per client address (429).',
	tags: ['auth'],
	access: { public: true },
	request: {
		body: { content: { 'application/json': { schema: ForgotPasswordInput } }, required: true }
	},
	responses: {
		202: { description: 'If the address has an account, a link is on its way' },
		400: problemResponses[400],
		429: problemResponses[429]
	}
});

const checkReset = defineRoute({
	method: 'get',
	path: '/password-resets/{token}',
	summary: 'Whether a reset link still works (does not use it up)',
	tags: ['auth'],
	access: { public: true },
	request: { params: TokenParam },
	responses: {
		200: json(z.object({ email: z.string(), name: z.string(), expiresAt: z.string() })),
		404: problemResponses[404],
		429: problemResponses[429]
	}
});

const reset = defineRoute({
	method: 'post',
	path: '/password-resets/{token}',
	summary: 'Set a new password through a reset link; the link is used up and every session ends',
	tags: ['auth'],
	access: { public: true },
	request: {
		params: TokenParam,
		body: {
			content: { 'application/json': { schema: ResetPasswordInput.pick({ password: true }) } },
			required: true
		}
	},
	responses: {
		200: json(z.object({ email: z.string() })),
		400: problemResponses[400],
		404: problemResponses[404],
		429: problemResponses[429]
	}
});

export const passwordRoutes = newRouter()
	.openapi(change, async (c) => {
		const token = getCookie(c, SESSION_COOKIE);
		const result = await changePassword({
			ctx: c.get('ctx'),
			input: c.req.valid('json'),
			options: { keepSessionHash: token ? sha256(token) : null }
		});
		return c.json(result, 200);
	})
	.openapi(forgot, async (c) => {
		await forgotPassword({
			ctx: c.get('ctx'),
			input: c.req.valid('json'),
			options: { origin: publicOrigin(c) }
		});
		return c.body(null, 202);
	})
	.openapi(checkReset, async (c) => {
		c.header('Cache-Control', 'no-store');
		return c.json(
			await checkPasswordReset({ ctx: c.get('ctx'), input: c.req.valid('param') }),
			200
		);
	})
	.openapi(reset, async (c) =>
		c.json(
			await resetPassword({
				ctx: c.get('ctx'),
				input: { ...c.req.valid('json'), token: c.req.valid('param').token }
			}),
			200
		)
	);

// ---- Mounted at /v1/users

const sendReset = defineRoute({
	method: 'post',
	path: '/{id}/password-reset',
	summary: 'Email a user a reset link (single use, 24 hours)',
	tags: ['users'],
	access: { roles: ADMINS },
	request: { params: IdParam },
	responses: { 202: json(z.object({ expiresAt: z.string() }), 'Queued'), ...problemResponses }
});

export const userPasswordRoutes = newRouter().openapi(sendReset, async (c) =>
	c.json(
		await sendPasswordReset({
			ctx: c.get('ctx'),
			input: c.req.valid('param'),
			options: { origin: publicOrigin(c) }
		}),
		202
	)
);
