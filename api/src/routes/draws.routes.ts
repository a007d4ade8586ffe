import { z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { CLAIM_LINK_CREATORS } from '../domain/claims/access.ts';
import { drawCertificate } from '../domain/draws/certificate.ts';
import { DRAW_RUNNERS, SURPRISE_PLANNERS } from '../domain/draws/draw-can.ts';
import { promotionReasons } from '../domain/draws/draw-view.ts';
import {
	CancelDrawInput,
	PrepareDrawInput,
	cancelDraw,
	drawWinners,
	getDraw,
	getDrawVerification,
	prepareDraw
} from '../domain/draws/draws.ts';
import { ListDrawsInput, listDraws } from '../domain/draws/list-draws.ts';
import { PreviewPoolInput, eligibilityRules, previewDrawPool } from '../domain/draws/pool.ts';
import { PromoteReserveInput, promoteReserve } from '../domain/draws/promote-reserve.ts';
import {
	MakeWinnerSurprisesInput,
	WinnerClaimLinksInput,
	createWinnerClaimLinks,
	makeWinnerSurprises,
	type WinnerOutcome
} from '../domain/draws/winner-surprises.ts';
import { render, type Locale } from '../messages/index.ts';
import { ALL_STAFF, defineRoute } from '../http/access.ts';
import { publicOrigin } from '../http/origin.ts';
import { requestLocale } from '../http/problem.ts';
import { newRouter } from '../http/router.ts';
import { IdParam, json, problemResponses } from '../http/schemas.ts';
import type { AppEnv } from '../http/types.ts';

const drawStatuses = ['prepared', 'drawn', 'cancelled'] as const;

const recordFields = {
	drawId: z.string(),
	commitment: z.object({
		paramsHash: z.string(),
		poolHash: z.string(),
		seedHash: z.string(),
		committedAt: z.string()
	}),
	seed: z.string().nullable().openapi({ description: 'Null until drawn' }),
	result: z
		.object({ winners: z.array(z.string()), reserves: z.array(z.string()), drawnAt: z.string() })
		.nullable()
};
const paramFields = {
	generator: z.literal('sha256-ctr-v1'),
	winners: z.number().int(),
	reserves: z.number().int(),
	weightCap: z.enum(['none', '2x-median'])
};
const candidateFields = {
	id: z.string(),
	handle: z.string(),
	channel: z.string(),
	weight: z.number()
};

const RecordSchema = z
	.discriminatedUnion('format', [
		z.object({
			format: z.literal('hoppatee-draw/1'),
			params: z.object({ algorithm: z.literal('efraimidis-spirakis-v1'), ...paramFields }),
			pool: z.array(z.object(candidateFields)),
			...recordFields
		}),
		z.object({
			format: z.literal('hoppatee-draw/2'),
			params: z.object({
				algorithm: z.literal('efraimidis-spirakis-v2'),
				...paramFields,
				minPerChannel: z.number().int()
			}),
			pool: z.array(z.object({ ...candidateFields, household: z.string() })),
			...recordFields
		})
	])
	.openapi('DrawRecord', {
		description:
			'The hoppatee-draw/2 record (or /1, made before households and strata): README "Draws: how to verify"'
	});

/** A candidate with the customer behind them (staff only). */
const Person = z.object({
	candidateId: z.string(),
	handle: z.string(),
	channel: z.string(),
	customer: z.object({ id: z.string(), name: z.string() }).nullable()
});

const Removed = z.object({
	customerId: z.string(),
	handle: z.string(),
	reason: z.string().optional(),
	enteredAt: z.string().optional().openapi({ description: 'A late entry: its (first) entry time' })
});

const Households = z.object({ candidates: z.number().int(), groups: z.number().int() }).openapi({
	description: 'Candidates sharing a postal address with another, and in how many households'
});

const EntrantSummary = z.object({
	rows: z.number().int(),
	entrants: z.number().int(),
	merged: z
		.array(z.object({ handle: z.string(), channel: z.string(), entries: z.number().int() }))
		.openapi({ description: 'Entrants with more than one entry, merged by normalised handle' }),
	newCustomers: z.number().int(),
	closesAt: z.string().nullable()
});

const DrawSchema = z
	.object({
		id: z.string(),
		campaignId: z.string().nullable(),
		status: z.enum(drawStatuses),
		weighting: z.string(),
		eligibility: z.object({
			pool: z.unknown(),
			poolSize: z.number().int(),
			rules: z.array(
				z.object({
					rule: z.enum(eligibilityRules),
					count: z.number().int(),
					removed: z.array(Removed)
				})
			),
			households: Households.optional(),
			entrants: EntrantSummary.optional()
		}),
		chances: z.object({
			method: z.enum(['exact', 'monte-carlo']),
			runs: z.number().int(),
			win: z.array(z.number()).openapi({ description: 'Per candidate, in the record’s pool order' })
		}),
		record: RecordSchema,
		winners: z
			.array(
				Person.extend({
					position: z.number().int(),
					surprise: z
						.object({ id: z.string(), reference: z.string(), status: z.string() })
						.nullable(),
					promoted: z.boolean().openapi({ description: 'A reserve who took this place' })
				})
			)
			.openapi({ description: 'The winners as they stand after promotions; empty until drawn' }),
		reserves: z.array(
			Person.extend({
				position: z.number().int(),
				promoted: z.boolean().openapi({ description: 'Already took a winner’s place' })
			})
		),
		promotions: z.array(
			z.object({
				at: z.string(),
				by: z.string().nullable(),
				position: z.number().int(),
				reason: z.enum(promotionReasons),
				replaced: Person,
				reserve: Person,
				cancelledSurprise: z.string().nullable()
			})
		),
		createdAt: z.string(),
		drawnAt: z.string().nullable(),
		cancelledAt: z.string().nullable(),
		cancelReason: z.string().nullable(),
		can: z
			.object({
				draw: z.boolean(),
				cancel: z.boolean(),
				promote: z.boolean(),
				makeSurprises: z.boolean(),
				createClaimLinks: z.boolean()
			})
			.openapi({ description: 'What the caller may do next' })
	})
	.openapi('Draw');

const PublicPerson = z.object({ candidateId: z.string(), handle: z.string() });

const VerificationSchema = z
	.object({
		id: z.string(),
		status: z.enum(drawStatuses),
		poolSize: z.number().int(),
		removed: z.array(z.object({ rule: z.enum(eligibilityRules), count: z.number().int() })),
		record: RecordSchema,
		identical: z.boolean().nullable().openapi({ description: 'Null until drawn' }),
		difference: z.string().nullable(),
		promotions: z
			.array(
				z.object({
					at: z.string(),
					position: z.number().int(),
					reason: z.enum(promotionReasons),
					replaced: PublicPerson,
					reserve: PublicPerson
				})
			)
			.openapi({ description: 'Reserves who took a winner’s place, in order (handles only)' })
	})
	.openapi('DrawVerification');

const ListSchema = z
	.object({
		items: z.array(
			z.object({
				id: z.string(),
				campaign: z.object({ id: z.string(), name: z.string() }).nullable(),
				status: z.enum(drawStatuses),
				winners: z.number().int(),
				reserves: z.number().int(),
				poolSize: z.number().int(),
				candidates: z.number().int(),
				createdAt: z.string(),
				drawnAt: z.string().nullable()
			})
		),
		can: z.object({ prepare: z.boolean() })
	})
	.openapi('DrawList');

const PreviewSchema = z
	.object({
		campaignId: z.string(),
		pool: z.unknown(),
		poolSize: z.number().int(),
		eligible: z.number().int(),
		rules: z.array(
			z.object({
				rule: z.enum(eligibilityRules),
				count: z.number().int(),
				removed: z.array(Removed).optional()
			})
		),
		households: Households,
		entrants: EntrantSummary.extend({
			invalid: z.number().int(),
			errors: z.array(z.object({ line: z.number().int(), field: z.string(), message: z.string() }))
		}).nullable()
	})
	.openapi('DrawPoolPreview');

/** Per winner: created (with what), skipped (why) or failed (the single verb's problem). */
const outcomeSchema = <T extends z.ZodType>(value: T, name: string) =>
	z
		.object({
			drawId: z.string(),
			summary: z.object({
				created: z.number().int(),
				skipped: z.number().int(),
				failed: z.number().int()
			}),
			results: z.array(
				z.object({
					candidateId: z.string(),
					handle: z.string(),
					outcome: z.enum(['created', 'skipped', 'failed']),
					value: value.optional(),
					reason: z.string().optional(),
					problem: z
						.object({
							code: z.string(),
							detail: z.string(),
							errors: z.array(z.object({ field: z.string(), message: z.string() }))
						})
						.optional()
				})
			)
		})
		.openapi(name);

const SurprisesOutcome = outcomeSchema(
	z.object({ surpriseId: z.string(), reference: z.string(), status: z.string() }),
	'DrawWinnerSurprises'
);
const ClaimLinksOutcome = outcomeSchema(
	z.object({ url: z.string(), expiresAt: z.string(), emailed: z.boolean() }),
	'DrawWinnerClaimLinks'
);

/** The outcome in the reader's language: the skip reason and the failure's problem rendered. */
function told<T>(
	out: { drawId: string; summary: Record<'created' | 'skipped' | 'failed', number> } & {
		results: WinnerOutcome<T>[];
	},
	locale: Locale
) {
	return {
		drawId: out.drawId,
		summary: out.summary,
		results: out.results.map((r) => {
			const base = { candidateId: r.candidateId, handle: r.handle, outcome: r.outcome };
			if (r.outcome === 'created') return { ...base, value: r.value };
			if (r.outcome === 'skipped') return { ...base, reason: render(r.reason, locale) };
			return {
				...base,
				problem: {
					code: r.failure.code,
					detail: render(r.failure.text, locale),
					errors: r.failure.fields.map((f) => ({
						field: f.field,
						message: render(f.message, locale)
					}))
				}
			};
		})
	};
}

/** Where the public verify page of a draw is, for the certificate. */
const verifyUrl = (c: Context<AppEnv>, id: string) => `${publicOrigin(c)}/draw/${id}/verify`;

const body = <T extends z.ZodType>(schema: T) => ({
	body: { content: { 'application/json': { schema } }, required: true }
});

const prepare = defineRoute({
	method: 'post',
	path: '/',
	summary:
		'Prepare a draw: pool, eligibility rules with what each removed, chances and the commitment (nothing drawn yet)',
	tags: ['draws'],
	access: { roles: DRAW_RUNNERS },
	request: body(PrepareDrawInput),
	responses: { 201: json(DrawSchema, 'Created'), ...problemResponses }
});

const get = defineRoute({
	method: 'get',
	path: '/{id}',
	summary: 'One draw, with every removed candidate and the rule that removed them',
	tags: ['draws'],
	access: { roles: ALL_STAFF },
	request: { params: IdParam },
	responses: { 200: json(DrawSchema), ...problemResponses }
});

const draw = defineRoute({
	method: 'post',
	path: '/{id}/draw',
	summary: 'Reveal the seed and draw winners and reserves, once',
	tags: ['draws'],
	access: { roles: DRAW_RUNNERS },
	request: { params: IdParam },
	responses: { 200: json(DrawSchema), ...problemResponses }
});

const cancel = defineRoute({
	method: 'post',
	path: '/{id}/cancel',
	summary: 'Cancel a prepared draw, with a reason',
	tags: ['draws'],
	access: { roles: DRAW_RUNNERS },
	request: { params: IdParam, ...body(CancelDrawInput) },
	responses: { 200: json(DrawSchema), ...problemResponses }
});

const verify = defineRoute({
	method: 'get',
	path: '/{id}/verification',
	summary: 'Public: the commitment before the draw, the record and the re-run’s verdict after it',
	description:
		'No login; public handles only, never names or addresses. Rate-limited per client IP.',
	tags: ['draws'],
	access: { public: true },
	request: { params: IdParam },
	responses: {
		200: json(VerificationSchema),
		400: problemResponses[400],
		404: problemResponses[404],
		429: problemResponses[429]
	}
});

const list = defineRoute({
	method: 'get',
	path: '/',
	summary: 'Draws, newest first, of one campaign or all',
	tags: ['draws'],
	access: { roles: ALL_STAFF },
	request: { query: ListDrawsInput },
	responses: { 200: json(ListSchema), ...problemResponses }
});

const preview = defineRoute({
	method: 'post',
	path: '/pool-preview',
	summary: 'A pool’s size and what each eligibility rule would remove, before preparing',
	tags: ['draws'],
	access: { roles: DRAW_RUNNERS },
	request: body(PreviewPoolInput),
	responses: { 200: json(PreviewSchema), ...problemResponses }
});

const promote = defineRoute({
	method: 'post',
	path: '/{id}/promotions',
	summary:
		'A winner who did not respond or claim makes way for the next reserve (their surprise is cancelled)',
	tags: ['draws'],
	access: { roles: DRAW_RUNNERS },
	request: { params: IdParam, ...body(PromoteReserveInput) },
	responses: { 200: json(DrawSchema), ...problemResponses }
});

const winnerSurprises = defineRoute({
	method: 'post',
	path: '/{id}/surprises',
	summary:
		'Every winner without a surprise gets one in the draw’s campaign, each through the single-surprise rules; a summary per winner',
	tags: ['draws'],
	access: { roles: SURPRISE_PLANNERS },
	request: { params: IdParam, ...body(MakeWinnerSurprisesInput) },
	responses: { 200: json(SurprisesOutcome), ...problemResponses }
});

const winnerClaimLinks = defineRoute({
	method: 'post',
	path: '/{id}/claim-links',
	summary:
		'A claim link for every winner’s surprise (shown once, to copy into a DM, or emailed); a summary per winner',
	tags: ['draws'],
	access: { roles: CLAIM_LINK_CREATORS },
	request: { params: IdParam, ...body(WinnerClaimLinksInput) },
	responses: { 200: json(ClaimLinksOutcome), ...problemResponses }
});

const certificate = defineRoute({
	method: 'get',
	path: '/{id}/certificate',
	summary: 'Public: the draw certificate, an A4 PDF (handles only)',
	description: 'No login; rate-limited per client IP. Dutch or English (`locale`).',
	tags: ['draws'],
	access: { public: true },
	request: {
		params: IdParam,
		query: z.object({ locale: z.enum(['nl', 'en']).optional() })
	},
	responses: {
		200: {
			description: 'The certificate',
			content: { 'application/pdf': { schema: z.string().openapi({ format: 'binary' }) } }
		},
		400: problemResponses[400],
		404: problemResponses[404],
		409: problemResponses[409],
		429: problemResponses[429]
	}
});

export const drawsRoutes = newRouter()
	.openapi(list, async (c) =>
		c.json(await listDraws({ ctx: c.get('ctx'), input: c.req.valid('query') }), 200)
	)
	.openapi(preview, async (c) => {
		const out = await previewDrawPool({ ctx: c.get('ctx'), input: { body: c.req.valid('json') } });
		const locale = requestLocale(c);
		// Row errors in the reader's language, as the other CSV previews give them.
		const entrants = out.entrants && {
			...out.entrants,
			errors: out.entrants.errors.map((e) => ({
				line: e.line,
				field: e.field,
				message: render(e.text, locale)
			}))
		};
		return c.json({ ...out, entrants }, 200);
	})
	.openapi(prepare, async (c) =>
		c.json(await prepareDraw({ ctx: c.get('ctx'), input: { body: c.req.valid('json') } }), 201)
	)
	.openapi(get, async (c) =>
		c.json(await getDraw({ ctx: c.get('ctx'), input: { id: c.req.valid('param').id } }), 200)
	)
	.openapi(draw, async (c) =>
		c.json(await drawWinners({ ctx: c.get('ctx'), input: { id: c.req.valid('param').id } }), 200)
	)
	.openapi(cancel, async (c) =>
		c.json(
			await cancelDraw({
				ctx: c.get('ctx'),
				input: { id: c.req.valid('param').id, body: c.req.valid('json') }
			}),
			200
		)
	)
	.openapi(verify, async (c) =>
		c.json(
			await getDrawVerification({ ctx: c.get('ctx'), input: { id: c.req.valid('param').id } }),
			200
		)
	)
	.openapi(promote, async (c) =>
		c.json(
			await promoteReserve({
				ctx: c.get('ctx'),
				input: { id: c.req.valid('param').id, body: c.req.valid('json') }
			}),
			200
		)
	)
	.openapi(winnerSurprises, async (c) => {
		const out = await makeWinnerSurprises({
			ctx: c.get('ctx'),
			input: { id: c.req.valid('param').id, body: c.req.valid('json') }
		});
		return c.json(told(out, requestLocale(c)), 200);
	})
	.openapi(winnerClaimLinks, async (c) => {
		const out = await createWinnerClaimLinks({
			ctx: c.get('ctx'),
			input: { id: c.req.valid('param').id, body: c.req.valid('json') },
			options: { origin: publicOrigin(c) }
		});
		// The links exist only in this answer: never in a cache.
		c.header('Cache-Control', 'no-store');
		return c.json(told(out, requestLocale(c)), 200);
	})
	.openapi(certificate, async (c) => {
		const { id } = c.req.valid('param');
		const { pdf, filename } = await drawCertificate({
			ctx: c.get('ctx'),
			input: {
				id,
				locale: c.req.valid('query').locale ?? requestLocale(c),
				verifyUrl: verifyUrl(c, id)
			}
		});
		return c.body(pdf as Uint8Array<ArrayBuffer>, 200, {
			'Content-Type': 'application/pdf',
			'Content-Disposition': `inline; filename="${filename}"`
		});
	});
