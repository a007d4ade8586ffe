import { createRoute, type RouteConfig } from '@hono/zod-openapi';
import type { MiddlewareHandler } from 'hono';
import type { ZodType } from 'zod';
import type { Role, TokenScope } from '../domain/accounts/roles.ts';
import { ForbiddenError, UnauthenticatedError } from '../domain/errors.ts';
import { BODY_LIMITS, limitBody } from './body-limit.ts';
import { idempotency } from './idempotency.ts';
import { inputRule } from './input-rule.ts';
import type { AppEnv } from './types.ts';

/**
 * Every route declares who may call it. The rule lands in the OpenAPI document as `x-access`, and
 * the authorisation-matrix test checks every registered route against it.
 */
export type Access = { public: true } | { roles: readonly Role[]; scope?: TokenScope };

export function isAllowed(
	access: Access,
	actor: AppEnv['Variables']['actor']
): 'ok' | 'unauthenticated' | 'forbidden' {
	if ('public' in access) return 'ok';
	if (actor.type === 'anonymous') return 'unauthenticated';
	if (actor.type === 'system') return 'ok';
	if (actor.type === 'user') return access.roles.includes(actor.role) ? 'ok' : 'forbidden';
	return access.scope && actor.scopes.includes(access.scope) ? 'ok' : 'forbidden';
}

function authorize(access: Access): MiddlewareHandler<AppEnv> {
	return async (c, next) => {
		const verdict = isAllowed(access, c.get('actor'));
		if (verdict === 'unauthenticated') throw new UnauthenticatedError();
		if (verdict === 'forbidden') throw new ForbiddenError();
		await next();
	};
}

type RouteInput = Omit<RouteConfig, 'middleware'> & {
	access: Access;
	idempotent?: boolean;
	/** A CSV import or upload: takes the larger body limit. */
	upload?: boolean;
};

/**
 * Every route's middleware, in order: the body limit (before a byte is parsed), who may call it,
 * the one input rule for text, the Idempotency-Key.
 */
export function defineRoute<const R extends RouteInput>(config: R) {
	const { access, idempotent, upload, ...rest } = config;
	const kind = upload ? 'upload' : 'default';
	const middleware: MiddlewareHandler<AppEnv>[] = [
		limitBody(kind),
		authorize(access),
		inputRule({
			json: (rest.request?.body?.content?.['application/json'] as { schema?: ZodType } | undefined)
				?.schema,
			query: rest.request?.query as ZodType | undefined,
			param: rest.request?.params as ZodType | undefined
		})
	];
	if (idempotent) middleware.push(idempotency);
	return createRoute({
		...rest,
		'x-access': access,
		'x-body-limit': BODY_LIMITS[kind],
		...(idempotent ? { 'x-idempotent': true } : {}),
		...('public' in access
			? {}
			: {
					security: access.scope ? [{ cookie: [] }, { bearer: [access.scope] }] : [{ cookie: [] }]
				}),
		middleware
	} as Omit<R, 'access' | 'idempotent' | 'upload'> & { middleware: MiddlewareHandler<AppEnv>[] });
}

export const ALL_STAFF = ['hub', 'marketing', 'admin'] as const;
