import { z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { ClaimLinkUnavailableError } from '../domain/claims/claim-links.ts';
import { CLAIM_LINK_CREATORS } from '../domain/claims/access.ts';
import { createClaimLink } from '../domain/claims/create-claim-link.ts';
import { getClaim } from '../domain/claims/get-claim.ts';
import { listClaimLinks } from '../domain/claims/list-claim-links.ts';
import {
	CreateClaimLinkInput,
	ListClaimLinksInput,
	SubmitClaimInput
} from '../domain/claims/schemas.ts';
import { submitClaim } from '../domain/claims/submit-claim.ts';
import { ALL_STAFF, defineRoute } from '../http/access.ts';
import { publicOrigin } from '../http/origin.ts';
import { problem } from '../http/problem.ts';
import { newRouter } from '../http/router.ts';
import { json, problemResponses } from '../http/schemas.ts';
import type { AppEnv } from '../http/types.ts';

// ---- Staff: create and list links (mounted at /v1/claim-links)

const ClaimLinkCreatedSchema = z
	.object({
		id: z.string(),
		surpriseId: z.string(),
		url: z
			.string()
			.openapi({ description: 'Shown once: only the SHA-256 of the token is stored.' }),
		locale: z.enum(['nl', 'en']),
		expiresAt: z.string(),
		emailed: z.boolean(),
		replaced: z.number().int()
	})
	.openapi('ClaimLinkCreated');

const ClaimLinkSchema = z
	.object({
		id: z.string(),
		locale: z.string(),
		status: z.enum(['open', 'used', 'expired']),
		createdAt: z.string(),
		expiresAt: z.string(),
		usedAt: z.string().nullable(),
		emailedAt: z.string().nullable(),
		reminderSentAt: z.string().nullable(),
		createdBy: z.object({ id: z.string(), name: z.string() }).nullable()
	})
	.openapi('ClaimLink');

const create = defineRoute({
	method: 'post',
	path: '/',
	summary:
		'Create a claim link (adreslink) for an approved surprise, or replace the unused one of a surprise awaiting its address; optionally email it',
	description:
		'Moves the surprise approved → awaiting_address. The URL is in this response only. No Idempotency-Key: a stored replay would keep the token in the database; ' +
		'a repeated call simply replaces the link.',
	tags: ['claims'],
	access: { roles: CLAIM_LINK_CREATORS },
	request: {
		body: { content: { 'application/json': { schema: CreateClaimLinkInput } }, required: true }
	},
	responses: { 201: json(ClaimLinkCreatedSchema, 'Created'), ...problemResponses }
});

const list = defineRoute({
	method: 'get',
	path: '/',
	summary: 'The claim links of one surprise, newest first (never the token)',
	tags: ['claims'],
	access: { roles: ALL_STAFF },
	request: { query: ListClaimLinksInput },
	responses: {
		200: json(z.object({ items: z.array(ClaimLinkSchema) })),
		400: problemResponses[400],
		401: problemResponses[401],
		403: problemResponses[403]
	}
});

export const claimLinksRoutes = newRouter()
	.openapi(create, async (c) =>
		c.json(
			await createClaimLink({
				ctx: c.get('ctx'),
				input: c.req.valid('json'),
				options: { origin: publicOrigin(c) }
			}),
			201
		)
	)
	.openapi(list, async (c) =>
		c.json({ items: await listClaimLinks({ ctx: c.get('ctx'), input: c.req.valid('query') }) }, 200)
	);

// ---- The recipient: public, rate-limited (mounted at /v1/claims)

const TokenParam = z.object({
	token: z
		.string()
		.min(1)
		.max(200)
		.openapi({ param: { name: 'token', in: 'path' }, description: 'The token from the claim link' })
});

const ClaimSchema = z
	.object({
		locale: z.enum(['nl', 'en']),
		firstName: z.string(),
		expiresAt: z.string(),
		items: z.array(
			z.object({
				id: z.string(),
				name: z.string(),
				kind: z.string(),
				description: z.string(),
				quantity: z.number().int(),
				chosenVariant: z.object({ id: z.string(), name: z.string() }).nullable(),
				variants: z.array(z.object({ id: z.string(), name: z.string(), available: z.boolean() }))
			})
		)
	})
	.openapi('Claim');

const publicProblems = {
	400: problemResponses[400],
	404: problemResponses[404],
	409: problemResponses[409],
	429: problemResponses[429]
};

const show = defineRoute({
	method: 'get',
	path: '/{token}',
	summary:
		'What the claim page shows: first name, gifts and the variants to choose from. Never uses the token up',
	description:
		'Unknown, used and expired links all answer the same 404 body. Rate-limited per client IP (GET and POST together).',
	tags: ['claims'],
	access: { public: true },
	request: { params: TokenParam },
	responses: { 200: json(ClaimSchema), 404: problemResponses[404], 429: problemResponses[429] }
});

const submit = defineRoute({
	method: 'post',
	path: '/{token}',
	summary:
		'The customer submits address, variant choices and consent; exactly one submit per link succeeds',
	description:
		'Address rules per country: NL `1234 AB`, BE 4 digits, DE 5 digits, others free-form; errors per field (`address.postcode`, `variantChoices.<item id>`, `consent`) ' +
		'in the link’s language. Unknown, used and expired links all answer the same 404 body.',
	tags: ['claims'],
	access: { public: true },
	request: {
		params: TokenParam,
		body: { content: { 'application/json': { schema: SubmitClaimInput } }, required: true }
	},
	responses: {
		200: json(
			z
				.object({
					ok: z.literal(true),
					locale: z.enum(['nl', 'en']),
					codes: z.array(
						z.object({ giftName: z.string(), code: z.string(), pin: z.string().nullable() })
					)
				})
				.openapi('ClaimReceipt')
		),
		...publicProblems
	}
});

/** The same bytes for every dead link: no token in `instance`, no details. */
function unavailable(c: Context<AppEnv>, error: ClaimLinkUnavailableError) {
	return problem(c, 404, error.text, { code: 'not_found', instance: '/api/v1/claims' });
}

export const claimsRoutes = newRouter()
	.openapi(show, async (c) => {
		try {
			return c.json(
				await getClaim({ ctx: c.get('ctx'), input: { token: c.req.valid('param').token } }),
				200
			);
		} catch (error) {
			if (error instanceof ClaimLinkUnavailableError) return unavailable(c, error) as never;
			throw error;
		}
	})
	.openapi(submit, async (c) => {
		try {
			const receipt = await submitClaim({
				ctx: c.get('ctx'),
				input: { token: c.req.valid('param').token, body: c.req.valid('json') },
				options: { origin: publicOrigin(c) }
			});
			return c.json(receipt, 200);
		} catch (error) {
			if (error instanceof ClaimLinkUnavailableError) return unavailable(c, error) as never;
			throw error;
		}
	});
