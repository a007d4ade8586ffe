import { z } from '@hono/zod-openapi';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { logIn } from '../domain/accounts/log-in.ts';
import { logOut } from '../domain/accounts/log-out.ts';
import { LogInInput } from '../domain/accounts/schemas.ts';
import { staffCan } from '../domain/accounts/staff-can.ts';
import { getUser } from '../domain/accounts/users.ts';
import { ALL_STAFF, defineRoute } from '../http/access.ts';
import { SESSION_COOKIE } from '../http/middleware.ts';
import { newRouter } from '../http/router.ts';
import { json, problemResponses, UserSchema } from '../http/schemas.ts';

const LoginResult = z
	.object({ user: UserSchema, session: z.object({ token: z.string(), expiresAt: z.string() }) })
	.openapi('LoginResult');
const StaffCanSchema = z
	.object({
		manageCampaigns: z.boolean(),
		manageCatalogue: z.boolean(),
		print: z.boolean(),
		administer: z.boolean()
	})
	.openapi('StaffCan');
const Me = z.object({ user: UserSchema, can: StaffCanSchema }).openapi('Me');

const login = defineRoute({
	method: 'post',
	path: '/login',
	summary: 'Log in with email and password; sets the session cookie',
	tags: ['auth'],
	access: { public: true },
	request: { body: { content: { 'application/json': { schema: LogInInput } }, required: true } },
	responses: {
		200: json(LoginResult),
		400: problemResponses[400],
		401: problemResponses[401],
		429: problemResponses[429]
	}
});

const logout = defineRoute({
	method: 'post',
	path: '/logout',
	summary: 'End the current session',
	tags: ['auth'],
	access: { public: true },
	responses: { 204: { description: 'Logged out' } }
});

const me = defineRoute({
	method: 'get',
	path: '/me',
	summary: 'The logged-in user',
	tags: ['auth'],
	access: { roles: ALL_STAFF },
	responses: { 200: json(Me), 401: problemResponses[401] }
});

export const authRoutes = newRouter()
	.openapi(login, async (c) => {
		const { env } = c.get('deps');
		const result = await logIn({
			ctx: c.get('ctx'),
			input: c.req.valid('json'),
			options: {
				sessionTtlHours: env.SESSION_TTL_HOURS,
				rateLimit: env.LOGIN_RATE_LIMIT,
				userAgent: c.req.header('user-agent')
			}
		});
		setCookie(c, SESSION_COOKIE, result.token, {
			httpOnly: true,
			sameSite: 'Lax',
			path: '/',
			secure: new URL(c.req.url).protocol === 'https:',
			expires: result.expiresAt
		});
		return c.json(
			{
				user: result.user,
				session: { token: result.token, expiresAt: result.expiresAt.toISOString() }
			},
			200
		);
	})
	.openapi(logout, async (c) => {
		const token = getCookie(c, SESSION_COOKIE);
		if (token) await logOut({ ctx: c.get('ctx'), input: { token } });
		deleteCookie(c, SESSION_COOKIE, { path: '/' });
		return c.body(null, 204);
	})
	.openapi(me, async (c) => {
		const actor = c.get('actor');
		const user = await getUser({
			ctx: c.get('ctx'),
			input: { id: actor.type === 'user' ? actor.id : '' }
		});
		return c.json({ user, can: staffCan(user.role) }, 200);
	});
