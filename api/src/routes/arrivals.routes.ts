import { z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import {
	ArrivalLinkUnavailableError,
	confirmArrival,
	getArrival
} from '../domain/shipping/arrival-links.ts';
import { defineRoute } from '../http/access.ts';
import { problem } from '../http/problem.ts';
import { newRouter } from '../http/router.ts';
import { json, problemResponses } from '../http/schemas.ts';
import type { AppEnv } from '../http/types.ts';

// ---- The customer's "it arrived" link from the on-its-way email: public, rate-limited (mounted at /v1/arrivals)

const TokenParam = z.object({
	token: z
		.string()
		.min(1)
		.max(200)
		.openapi({ param: { name: 'token', in: 'path' }, description: 'The token from the email' })
});

const ArrivalSchema = z
	.object({
		locale: z.enum(['nl', 'en']),
		firstName: z.string(),
		delivered: z.boolean()
	})
	.openapi('Arrival');

const show = defineRoute({
	method: 'get',
	path: '/{token}',
	summary: 'What the arrived page shows; never marks anything (mail scanners open links first)',
	tags: ['shipping'],
	access: { public: true },
	request: { params: TokenParam },
	responses: { 200: json(ArrivalSchema), 404: problemResponses[404], 429: problemResponses[429] }
});

const confirm = defineRoute({
	method: 'post',
	path: '/{token}',
	summary: 'The customer says the parcel arrived: shipped → delivered (again: no change)',
	tags: ['shipping'],
	access: { public: true },
	request: { params: TokenParam },
	responses: { 200: json(ArrivalSchema), 404: problemResponses[404], 429: problemResponses[429] }
});

/** The same bytes for every dead link: no token in `instance`, no details. */
function unavailable(c: Context<AppEnv>, error: ArrivalLinkUnavailableError) {
	return problem(c, 404, error.text, { code: 'not_found', instance: '/api/v1/arrivals' });
}

export const arrivalsRoutes = newRouter()
	.openapi(show, async (c) => {
		try {
			return c.json(
				await getArrival({ ctx: c.get('ctx'), input: { token: c.req.valid('param').token } }),
				200
			);
		} catch (error) {
			if (error instanceof ArrivalLinkUnavailableError) return unavailable(c, error) as never;
			throw error;
		}
	})
	.openapi(confirm, async (c) => {
		try {
			return c.json(
				await confirmArrival({ ctx: c.get('ctx'), input: { token: c.req.valid('param').token } }),
				200
			);
		} catch (error) {
			if (error instanceof ArrivalLinkUnavailableError) return unavailable(c, error) as never;
			throw error;
		}
	});
