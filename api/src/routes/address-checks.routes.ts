import { z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { CLAIM_LINK_CREATORS } from '../domain/claims/access.ts';
import {
	AddressCheckUnavailableError,
	AnswerAddressCheckInput,
	answerAddressCheck,
	getAddressCheck
} from '../domain/claims/answer-address-check.ts';
import { createAddressCheck } from '../domain/claims/create-address-check.ts';
import { CreateClaimLinkInput } from '../domain/claims/schemas.ts';
import { defineRoute } from '../http/access.ts';
import { publicOrigin } from '../http/origin.ts';
import { problem } from '../http/problem.ts';
import { newRouter } from '../http/router.ts';
import { json, problemResponses } from '../http/schemas.ts';
import type { AppEnv } from '../http/types.ts';

// "Is this still right?" (mounted at /v1/address-checks): the hub creates a check; the customer
// opens and answers it (public, rate-limited with the claim pages).

const Locale = z.enum(['nl', 'en']);

const CreatedSchema = z
	.object({
		id: z.string(),
		surpriseId: z.string(),
		url: z
			.string()
			.openapi({ description: 'Shown once: only the SHA-256 of the token is stored.' }),
		locale: Locale,
		expiresAt: z.string(),
		emailed: z.boolean()
	})
	.openapi('AddressCheckCreated');

const CheckSchema = z
	.object({
		locale: Locale,
		firstName: z.string(),
		expiresAt: z.string(),
		address: z.object({
			recipientName: z.string().nullable(),
			street: z.string().nullable(),
			houseNumber: z.string().nullable(),
			addition: z.string().nullable(),
			postcode: z.string().nullable(),
			city: z.string().nullable(),
			country: z.string()
		})
	})
	.openapi('AddressCheck');

const TokenParam = z.object({
	token: z
		.string()
		.min(1)
		.max(200)
		.openapi({ param: { name: 'token', in: 'path' }, description: 'The token from the link' })
});

const create = defineRoute({
	method: 'post',
	path: '/',
	summary:
		'Ask the customer whether the address on file is still right: a single-use link (optionally emailed)',
	tags: ['claims'],
	access: { roles: CLAIM_LINK_CREATORS },
	request: {
		body: { content: { 'application/json': { schema: CreateClaimLinkInput } }, required: true }
	},
	responses: { 201: json(CreatedSchema, 'Created'), ...problemResponses }
});

const show = defineRoute({
	method: 'get',
	path: '/{token}',
	summary: 'What the check page shows: first name and the address on file (each showing audited)',
	tags: ['claims'],
	access: { public: true },
	request: { params: TokenParam },
	responses: { 200: json(CheckSchema), 404: problemResponses[404], 429: problemResponses[429] }
});

const answer = defineRoute({
	method: 'post',
	path: '/{token}',
	summary: 'The customer confirms the address, or corrects it (with consent); one answer per link',
	tags: ['claims'],
	access: { public: true },
	request: {
		params: TokenParam,
		body: {
			content: { 'application/json': { schema: AnswerAddressCheckInput } },
			required: true
		}
	},
	responses: {
		200: json(
			z.object({
				ok: z.literal(true),
				locale: Locale,
				answer: z.enum(['confirmed', 'corrected'])
			})
		),
		400: problemResponses[400],
		404: problemResponses[404],
		409: problemResponses[409],
		429: problemResponses[429]
	}
});

/** The same bytes for every dead link: no token in `instance`, no details. */
function unavailable(c: Context<AppEnv>, error: AddressCheckUnavailableError) {
	return problem(c, 404, error.text, { code: 'not_found', instance: '/api/v1/address-checks' });
}

export const addressChecksRoutes = newRouter()
	.openapi(create, async (c) =>
		c.json(
			await createAddressCheck({
				ctx: c.get('ctx'),
				input: c.req.valid('json'),
				options: { origin: publicOrigin(c) }
			}),
			201
		)
	)
	.openapi(show, async (c) => {
		try {
			return c.json(
				await getAddressCheck({ ctx: c.get('ctx'), input: { token: c.req.valid('param').token } }),
				200
			);
		} catch (error) {
			if (error instanceof AddressCheckUnavailableError) return unavailable(c, error) as never;
			throw error;
		}
	})
	.openapi(answer, async (c) => {
		try {
			return c.json(
				await answerAddressCheck({
					ctx: c.get('ctx'),
					input: { token: c.req.valid('param').token, body: c.req.valid('json') }
				}),
				200
			);
		} catch (error) {
			if (error instanceof AddressCheckUnavailableError) return unavailable(c, error) as never;
			throw error;
		}
	});
