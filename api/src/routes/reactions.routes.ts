import { z } from '@hono/zod-openapi';
import { channels, reactionKinds, sentiments, tiers } from '../../../db/schema/index.ts';
import {
	REACTION_READERS,
	REACTION_STARRERS,
	REACTION_WRITERS
} from '../domain/reactions/access.ts';
import { deleteReaction } from '../domain/reactions/delete-reaction.ts';
import { getReaction } from '../domain/reactions/get-reaction.ts';
import { importReactions, previewReactionImport } from '../domain/reactions/import-reactions.ts';
import { listReactions } from '../domain/reactions/list-reactions.ts';
import { logReaction } from '../domain/reactions/log-reaction.ts';
import { reactionsDashboard } from '../domain/reactions/reactions-dashboard.ts';
import { REACTION_CSV_COLUMNS } from '../domain/reactions/reaction-csv.ts';
import {
	ImportReactionsInput,
	ListReactionsInput,
	LogReactionInput,
	SuggestReactionInput,
	UpdateReactionInput
} from '../domain/reactions/schemas.ts';
import { starReaction } from '../domain/reactions/star-reaction.ts';
import { suggestReaction } from '../domain/reactions/suggest-reaction.ts';
import { updateReaction } from '../domain/reactions/update-reaction.ts';
import { defineRoute } from '../http/access.ts';
import { pageOf } from '../http/pagination.ts';
import { previewIn, suggestionIn } from '../http/localize.ts';
import { requestLocale } from '../http/problem.ts';
import { newRouter } from '../http/router.ts';
import { IdParam, json, problemResponses } from '../http/schemas.ts';

const READ = { roles: REACTION_READERS, scope: 'reactions:read' } as const;
const WRITE = { roles: REACTION_WRITERS, scope: 'reactions:write' } as const;
const readProblems = {
	400: problemResponses[400],
	401: problemResponses[401],
	403: problemResponses[403]
};

const Driver = z.object({
	text: z.string(),
	weight: z.number(),
	count: z.number().int(),
	source: z.enum(['word', 'emoji'])
});
const SentimentSuggestionSchema = z
	.object({
		sentiment: z.enum(sentiments),
		score: z.number(),
		language: z.enum(['nl', 'en']),
		drivers: z.array(Driver)
	})
	.openapi('SentimentSuggestion');

export const ReactionSchema = z
	.object({
		id: z.string(),
		customerId: z.string(),
		customer: z.object({ id: z.string(), name: z.string(), tier: z.string() }),
		surpriseId: z.string().nullable(),
		surprise: z.object({ id: z.string(), reference: z.string() }).nullable(),
		channel: z.enum(channels),
		url: z.string().nullable(),
		text: z.string().openapi({
			description:
				'What the customer wrote, exactly as stored: untrusted, show it as text (escaped), never as HTML.'
		}),
		postedAt: z.string(),
		kind: z.enum(reactionKinds),
		sentiment: z.enum(sentiments),
		suggestedSentiment: z.enum(sentiments).nullable(),
		sentimentOverridden: z.boolean(),
		sentimentBasis: z.object({
			language: z.enum(['nl', 'en']),
			score: z.number(),
			drivers: z.array(Driver)
		}),
		likes: z.number().int(),
		shares: z.number().int(),
		comments: z.number().int(),
		followers: z.number().int(),
		starred: z.boolean(),
		createdBy: z.object({ id: z.string(), name: z.string() }).nullable(),
		createdAt: z.string(),
		updatedAt: z.string()
	})
	.openapi('Reaction');

const LoggedReactionSchema = z
	.object({
		reaction: ReactionSchema,
		created: z.boolean(),
		customerCreated: z.boolean(),
		suggestedSurpriseId: z.string().nullable(),
		customerScore: z.object({ score: z.number(), tier: z.enum(tiers), previousTier: z.enum(tiers) })
	})
	.openapi('LoggedReaction');

const SuggestionSchema = z
	.object({
		url: z.string().nullable(),
		channel: z.enum(channels).nullable(),
		handle: z.string().nullable(),
		customer: z
			.object({ id: z.string(), name: z.string(), tier: z.string(), locale: z.string() })
			.nullable(),
		existingReactionId: z.string().nullable(),
		sentiment: SentimentSuggestionSchema,
		suggestedSurpriseId: z.string().nullable(),
		suggestedSurprise: z.object({ id: z.string(), reference: z.string() }).nullable(),
		followers: z.number().int().nullable(),
		authorProblem: z.object({ field: z.string(), message: z.string() }).nullable()
	})
	.openapi('ReactionSuggestion');

const CsvRowError = z.object({ line: z.number().int(), field: z.string(), message: z.string() });
const ImportPreview = z
	.object({
		rows: z.array(
			z.object({
				line: z.number().int(),
				values: z.record(z.string(), z.string()),
				errors: z.array(CsvRowError),
				status: z.enum(['new', 'exists', 'invalid']),
				existingReactionId: z.string().nullable(),
				customer: z.object({ id: z.string(), name: z.string() }).nullable(),
				createsCustomer: z.boolean(),
				suggestedSentiment: z.enum(sentiments).nullable()
			})
		),
		valid: z.number().int(),
		existing: z.number().int(),
		invalid: z.number().int()
	})
	.openapi('ReactionImportPreview');

const CSV_HELP =
	`CSV with a header line. Columns (any order, case-insensitive): ${REACTION_CSV_COLUMNS.join(', ')}. posted_at is required, and one of url, customer_id ` +
	'or handle (+ channel). posted_at as 2026-11-20T14:05:00+01:00, or 2026-11-20 14:05 / 20-11-2026 14:05 in Amsterdam time. surprise: a reference (HOP-00042) or id. ' +
	'Rows whose post link is already logged are skipped. Separator comma, semicolon or tab; UTF-8. Line numbers count the header as line 1.';

const list = defineRoute({
	method: 'get',
	path: '/',
	summary:
		'Reactions, newest post first; filter by customer, surprise, channel, sentiment, kind, posted from/to, text',
	tags: ['reactions'],
	access: READ,
	request: { query: ListReactionsInput },
	responses: { 200: json(pageOf(ReactionSchema)), ...readProblems }
});

const log = defineRoute({
	method: 'post',
	path: '/',
	summary:
		'Log a reaction (from the post link: customer found or created by handle). Idempotent on the link: the same post again is a 200 with the existing reaction',
	tags: ['reactions'],
	access: WRITE,
	idempotent: true,
	request: {
		body: { content: { 'application/json': { schema: LogReactionInput } }, required: true }
	},
	responses: {
		201: json(LoggedReactionSchema, 'Logged'),
		200: json(LoggedReactionSchema, 'Already logged: the existing reaction'),
		...problemResponses
	}
});

const suggest = defineRoute({
	method: 'post',
	path: '/suggest',
	summary:
		'While logging: who posted it, the suggested sentiment and the words behind it, the surprise it is probably about (writes nothing)',
	tags: ['reactions'],
	access: WRITE,
	request: {
		body: { content: { 'application/json': { schema: SuggestReactionInput } }, required: true }
	},
	responses: { 200: json(SuggestionSchema), ...problemResponses }
});

const importPreview = defineRoute({
	method: 'post',
	path: '/import/preview',
	summary: 'Check a reaction CSV row by row without importing it',
	description: CSV_HELP,
	tags: ['reactions'],
	access: WRITE,
	upload: true,
	request: {
		body: { content: { 'application/json': { schema: ImportReactionsInput } }, required: true }
	},
	responses: { 200: json(ImportPreview), ...problemResponses }
});

const importCsv = defineRoute({
	method: 'post',
	path: '/import',
	summary:
		'Import a reaction CSV, all or nothing: any bad row is a 400 with errors rows.<line>.<column> and nothing is written',
	description: CSV_HELP,
	tags: ['reactions'],
	access: WRITE,
	upload: true,
	idempotent: true,
	request: {
		body: { content: { 'application/json': { schema: ImportReactionsInput } }, required: true }
	},
	responses: {
		201: json(
			z
				.object({
					imported: z.number().int(),
					skipped: z.number().int(),
					customersCreated: z.number().int()
				})
				.openapi('ReactionImportResult'),
			'Imported'
		),
		...problemResponses
	}
});

const DashboardSchema = z
	.object({
		reactions: z.object({
			since: z.string(),
			total: z.number().int(),
			bySentiment: z.object({
				positive: z.number().int(),
				neutral: z.number().int(),
				negative: z.number().int()
			})
		}),
		emerging: z.array(
			z.object({
				customerId: z.string(),
				name: z.string(),
				score: z.number(),
				change: z.number(),
				tier: z.enum(tiers),
				since: z.string()
			})
		)
	})
	.openapi('ReactionsDashboard');

const dashboard = defineRoute({
	method: 'get',
	path: '/dashboard',
	summary:
		'Dashboard figures: reactions posted in the last 7 days by sentiment, the newest emerging ambassadors',
	tags: ['reactions'],
	access: { roles: REACTION_READERS },
	responses: { 200: json(DashboardSchema), ...readProblems }
});

const get = defineRoute({
	method: 'get',
	path: '/{id}',
	summary: 'One reaction',
	tags: ['reactions'],
	access: READ,
	request: { params: IdParam },
	responses: { 200: json(ReactionSchema), ...readProblems, 404: problemResponses[404] }
});

const update = defineRoute({
	method: 'patch',
	path: '/{id}',
	summary:
		'Change a reaction; a chosen sentiment overrides the suggestion (kept); the customer is rescored',
	tags: ['reactions'],
	access: WRITE,
	request: {
		params: IdParam,
		body: { content: { 'application/json': { schema: UpdateReactionInput } }, required: true }
	},
	responses: { 200: json(ReactionSchema), ...problemResponses }
});

const remove = defineRoute({
	method: 'delete',
	path: '/{id}',
	summary: 'Delete a reaction logged by mistake; the customer is rescored',
	tags: ['reactions'],
	access: WRITE,
	request: { params: IdParam },
	responses: {
		200: json(z.object({ id: z.string(), customerId: z.string() }).openapi('DeletedReaction')),
		...problemResponses
	}
});

const star = (method: 'put' | 'delete') =>
	defineRoute({
		method,
		path: '/{id}/star',
		summary:
			method === 'put'
				? 'Star a reaction as a highlight for the reports (again: no change)'
				: 'Take the highlight star off a reaction',
		tags: ['reactions'],
		access: { roles: REACTION_STARRERS },
		request: { params: IdParam },
		responses: { 200: json(ReactionSchema), ...readProblems, 404: problemResponses[404] }
	});
const putStar = star('put');
const deleteStar = star('delete');

export const reactionsRoutes = newRouter()
	.openapi(list, async (c) =>
		c.json(await listReactions({ ctx: c.get('ctx'), input: c.req.valid('query') }), 200)
	)
	.openapi(log, async (c) => {
		const result = await logReaction({ ctx: c.get('ctx'), input: c.req.valid('json') });
		return result.created ? c.json(result, 201) : c.json(result, 200);
	})
	.openapi(suggest, async (c) =>
		c.json(
			suggestionIn(
				await suggestReaction({ ctx: c.get('ctx'), input: c.req.valid('json') }),
				requestLocale(c)
			),
			200
		)
	)
	.openapi(importPreview, async (c) =>
		c.json(
			previewIn(
				await previewReactionImport({ ctx: c.get('ctx'), input: c.req.valid('json') }),
				requestLocale(c)
			),
			200
		)
	)
	.openapi(importCsv, async (c) =>
		c.json(await importReactions({ ctx: c.get('ctx'), input: c.req.valid('json') }), 201)
	)
	// Before /{id}: "dashboard" is not a reaction id.
	.openapi(dashboard, async (c) => c.json(await reactionsDashboard({ ctx: c.get('ctx') }), 200))
	.openapi(get, async (c) =>
		c.json(await getReaction({ ctx: c.get('ctx'), input: { id: c.req.valid('param').id } }), 200)
	)
	.openapi(update, async (c) =>
		c.json(
			await updateReaction({
				ctx: c.get('ctx'),
				input: { id: c.req.valid('param').id, changes: c.req.valid('json') }
			}),
			200
		)
	)
	.openapi(remove, async (c) =>
		c.json(await deleteReaction({ ctx: c.get('ctx'), input: { id: c.req.valid('param').id } }), 200)
	)
	.openapi(putStar, async (c) =>
		c.json(
			await starReaction({
				ctx: c.get('ctx'),
				input: { id: c.req.valid('param').id, starred: true }
			}),
			200
		)
	)
	.openapi(deleteStar, async (c) =>
		c.json(
			await starReaction({
				ctx: c.get('ctx'),
				input: { id: c.req.valid('param').id, starred: false }
			}),
			200
		)
	);
