import { z } from '@hono/zod-openapi';
import { cardTemplateIds } from '../domain/card-checks/card-limits.ts';
import { checkCardMessage } from '../domain/card-checks/check-card-message.ts';
import { CheckCardMessageInput, warningKinds } from '../domain/card-checks/schemas.ts';
import {
	getCardCheckLists,
	updateSpellingAllowList,
	updateStockPhrases,
	UpdateSpellingAllowListInput,
	UpdateStockPhrasesInput
} from '../domain/card-checks/word-lists.ts';
import { ALL_STAFF, defineRoute } from '../http/access.ts';
import { newRouter } from '../http/router.ts';
import { json, problemResponses } from '../http/schemas.ts';

const WarningSchema = z
	.object({
		kind: z.enum(warningKinds),
		message: z.string(),
		start: z.number().int().optional(),
		end: z.number().int().optional(),
		word: z.string().optional(),
		suggestions: z.array(z.string()).optional(),
		phrase: z.string().optional(),
		surpriseReference: z.string().optional(),
		similarity: z.number().optional(),
		measure: z.enum(['chars', 'lines']).optional(),
		limit: z.number().int().optional(),
		actual: z.number().int().optional()
	})
	.openapi('CardWarning');

const ListsSchema = z
	.object({ spellingAllowList: z.array(z.string()), stockPhrases: z.array(z.string()) })
	.openapi('CardCheckLists');
const ListsWithCardsSchema = ListsSchema.extend({
	cards: z.array(
		z.object({
			id: z.enum(cardTemplateIds),
			maxChars: z.number().int(),
			maxLines: z.number().int()
		})
	)
}).openapi('CardCheckListsWithCards');

const check = defineRoute({
	method: 'post',
	path: '/',
	summary:
		'Check a card message: Dutch spelling, stock phrases, near-copies of recent cards, fit on the card (warnings only)',
	description:
		'Read-only and fast: call it while the hub’er types (debounced). Offsets are UTF-16 indices into `message`.',
	tags: ['card-checks'],
	access: { roles: ALL_STAFF },
	request: {
		body: { content: { 'application/json': { schema: CheckCardMessageInput } }, required: true }
	},
	responses: { 200: json(z.object({ warnings: z.array(WarningSchema) })), ...problemResponses }
});

const getLists = defineRoute({
	method: 'get',
	path: '/word-lists',
	summary: 'The spelling allow-list, the stock phrases and the card sizes',
	tags: ['card-checks'],
	access: { roles: ALL_STAFF },
	responses: {
		200: json(ListsWithCardsSchema),
		401: problemResponses[401],
		403: problemResponses[403]
	}
});

const putAllowList = defineRoute({
	method: 'put',
	path: '/word-lists/spelling-allow-list',
	summary: 'Replace the words the spelling check accepts (brand names, compounds, names)',
	tags: ['card-checks'],
	access: { roles: ALL_STAFF },
	request: {
		body: {
			content: { 'application/json': { schema: UpdateSpellingAllowListInput } },
			required: true
		}
	},
	responses: { 200: json(ListsSchema), ...problemResponses }
});

const putStockPhrases = defineRoute({
	method: 'put',
	path: '/word-lists/stock-phrases',
	summary: 'Replace the list of stock phrases a card should avoid',
	tags: ['card-checks'],
	access: { roles: ['marketing', 'admin'] },
	request: {
		body: { content: { 'application/json': { schema: UpdateStockPhrasesInput } }, required: true }
	},
	responses: { 200: json(ListsSchema), ...problemResponses }
});

export const cardChecksRoutes = newRouter()
	.openapi(check, async (c) =>
		c.json(await checkCardMessage({ ctx: c.get('ctx'), input: c.req.valid('json') }), 200)
	)
	.openapi(getLists, async (c) => c.json(await getCardCheckLists({ ctx: c.get('ctx') }), 200))
	.openapi(putAllowList, async (c) =>
		c.json(await updateSpellingAllowList({ ctx: c.get('ctx'), input: c.req.valid('json') }), 200)
	)
	.openapi(putStockPhrases, async (c) =>
		c.json(await updateStockPhrases({ ctx: c.get('ctx'), input: c.req.valid('json') }), 200)
	);
