import { OpenAPIHono } from '@hono/zod-openapi';
import { authRoutes } from './routes/auth.routes.ts';
import { backupsRoutes } from './routes/backups.routes.ts';
import { brandRoutes } from './routes/brand.routes.ts';
import { campaignsRoutes } from './routes/campaigns.routes.ts';
import { addressChecksRoutes } from './routes/address-checks.routes.ts';
import { arrivalsRoutes } from './routes/arrivals.routes.ts';
import { claimLinksRoutes, claimsRoutes } from './routes/claims.routes.ts';
import { cardChecksRoutes } from './routes/card-checks.routes.ts';
import { customersRoutes } from './routes/customers.routes.ts';
import { dashboardRoutes } from './routes/dashboard.routes.ts';
import { searchRoutes } from './routes/search.routes.ts';
import { drawsRoutes } from './routes/draws.routes.ts';
import { giftsRoutes } from './routes/gifts.routes.ts';
import { healthRoutes } from './routes/health.routes.ts';
import { jobsRoutes } from './routes/jobs.routes.ts';
import { nominationsRoutes } from './routes/nominations.routes.ts';
import { outboxRoutes } from './routes/outbox.routes.ts';
import { privacyRoutes } from './routes/privacy.routes.ts';
import { passwordRoutes, userPasswordRoutes } from './routes/passwords.routes.ts';
import { printRoutes } from './routes/print.routes.ts';
import { reactionsRoutes } from './routes/reactions.routes.ts';
import { reportsRoutes } from './routes/reports.routes.ts';
import { ambassadorsRoutes, customerScoreRoutes, scoresRoutes } from './routes/scores.routes.ts';
import { settingsRoutes } from './routes/settings.routes.ts';
import { surprisesRoutes } from './routes/surprises.routes.ts';
import { tokensRoutes } from './routes/tokens.routes.ts';
import { usersRoutes } from './routes/users.routes.ts';
import { voucherRoutes } from './routes/vouchers.routes.ts';
import { displayLinksRoutes, wallRoutes } from './routes/wall.routes.ts';
import { msg } from './messages/index.ts';
import { renderDocsPage } from './http/docs-page.ts';
import { csrfGuard, identifyActor, requestContext, securityHeaders } from './http/middleware.ts';
import { mountMetrics } from './http/metrics.ts';
import { METRICS_PATH } from './http/names.ts';
import { onError, problem } from './http/problem.ts';
import type { ApiDeps, AppEnv } from './http/types.ts';

/** The docs page: its own inline styles, nothing else. */
const DOCS_CSP =
	"default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

const OPENAPI_INFO = { openapi: '3.1.0', info: { title: 'Hoppatee', version: '1' } } as const;

/** The whole HTTP API under /api. The same app runs inside SvelteKit or alone. */
export function createApi(deps: ApiDeps) {
	const root = new OpenAPIHono<AppEnv>();
	const app = root.basePath('/api');
	// Outermost, so the API's own policy (default-src 'none') does not replace it: the page has its styles inline.
	app.use('/docs', async (c, next) => {
		await next();
		c.res.headers.set('Content-Security-Policy', DOCS_CSP);
	});
	mountMetrics(root, app, deps);
	app.use(requestContext(deps), securityHeaders, identifyActor, csrfGuard);
	app.onError(onError);
	app.notFound((c) =>
		problem(
			c,
			404,
			msg('no_route_for', { method: c.req.method, pathname: new URL(c.req.url).pathname })
		)
	);

	const api = app
		.route('/', healthRoutes)
		.route('/v1/auth', authRoutes)
		.route('/v1/auth', passwordRoutes)
		.route('/v1/users', usersRoutes)
		.route('/v1/users', userPasswordRoutes)
		.route('/v1/tokens', tokensRoutes)
		.route('/v1/jobs', jobsRoutes)
		.route('/v1/gifts', giftsRoutes)
		.route('/v1/campaigns', campaignsRoutes)
		.route('/v1/settings', settingsRoutes)
		.route('/v1/brand', brandRoutes)
		.route('/v1/backups', backupsRoutes)
		.route('/v1/customers', customersRoutes)
		.route('/v1/customers', customerScoreRoutes)
		.route('/v1/nominations', nominationsRoutes)
		.route('/v1/draws', drawsRoutes)
		.route('/v1/reactions', reactionsRoutes)
		.route('/v1/ambassadors', ambassadorsRoutes)
		.route('/v1/scores', scoresRoutes)
		.route('/v1/surprises', surprisesRoutes)
		.route('/v1/surprises', voucherRoutes)
		.route('/v1/claim-links', claimLinksRoutes)
		.route('/v1/claims', claimsRoutes)
		.route('/v1/arrivals', arrivalsRoutes)
		.route('/v1/address-checks', addressChecksRoutes)
		.route('/v1/outbox', outboxRoutes)
		.route('/v1/card-checks', cardChecksRoutes)
		.route('/v1/privacy', privacyRoutes)
		.route('/v1/print', printRoutes)
		.route('/v1/dashboard', dashboardRoutes)
		.route('/v1/search', searchRoutes)
		.route('/v1/reports', reportsRoutes)
		.route('/v1/display-links', displayLinksRoutes)
		.route('/v1/wall', wallRoutes);

	app.openAPIRegistry.registerComponent('securitySchemes', 'cookie', {
		type: 'apiKey',
		in: 'cookie',
		name: 'hoppatee_session'
	});
	app.openAPIRegistry.registerComponent('securitySchemes', 'bearer', {
		type: 'http',
		scheme: 'bearer'
	});
	app.doc31('/v1/openapi.json', { ...OPENAPI_INFO, servers: [{ url: '/' }] });
	app.get('/docs', (c) => {
		const doc = app.getOpenAPI31Document(OPENAPI_INFO);
		return c.html(renderDocsPage(doc as never));
	});
	return api;
}

export type Api = ReturnType<typeof createApi>;
/** Paths that are not API operations and so carry no x-access rule (the authz matrix knows them). */
export const NON_OPERATION_PATHS = ['/api/v1/openapi.json', '/api/docs', METRICS_PATH];
