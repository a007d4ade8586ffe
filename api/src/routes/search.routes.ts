import { z } from '@hono/zod-openapi';
import { SearchInput, searchEverything } from '../domain/search/search-everything.ts';
import { ALL_STAFF, defineRoute } from '../http/access.ts';
import { newRouter } from '../http/router.ts';
import { json, problemResponses } from '../http/schemas.ts';
import { CustomerSchema } from './customers.routes.ts';
import { NominationSchema } from './nominations.routes.ts';
import { ReactionSchema } from './reactions.routes.ts';
import { SurpriseSchema } from './surprises.routes.ts';

const SearchResultsSchema = z
	.object({
		q: z.string(),
		exactSurpriseId: z.string().uuid().nullable(),
		customers: z.array(CustomerSchema),
		surprises: z.array(SurpriseSchema),
		nominations: z.array(NominationSchema),
		reactions: z.array(ReactionSchema)
	})
	.openapi('SearchResults');

const search = defineRoute({
	method: 'get',
	path: '/',
	summary:
		'One search over customers, surprises (by reference: HOP-00116, hop 116), nominations and reactions; five of each',
	tags: ['search'],
	access: { roles: ALL_STAFF },
	request: { query: SearchInput },
	responses: { 200: json(SearchResultsSchema), ...problemResponses }
});

export const searchRoutes = newRouter().openapi(search, async (c) =>
	c.json(await searchEverything({ ctx: c.get('ctx'), input: c.req.valid('query') }), 200)
);
