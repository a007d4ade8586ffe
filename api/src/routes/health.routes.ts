import { z } from '@hono/zod-openapi';
import { sql } from 'drizzle-orm';
import { defineRoute } from '../http/access.ts';
import { newRouter } from '../http/router.ts';
import { json, problemResponses } from '../http/schemas.ts';
import { DatabaseUnavailableError } from '../http/unavailable.ts';

/** How long /ready waits for the database before it says no. */
const READY_TIMEOUT_MS = 3000;

const health = defineRoute({
	method: 'get',
	path: '/health',
	summary: 'Liveness: the process answers (the database is not asked; see /ready)',
	tags: ['meta'],
	access: { public: true },
	responses: {
		200: json(z.object({ status: z.literal('ok'), database: z.enum(['pglite', 'postgres']) }))
	}
});

const ready = defineRoute({
	method: 'get',
	path: '/ready',
	summary: 'Readiness: the database answers; 503 with Retry-After while it does not',
	tags: ['meta'],
	access: { public: true },
	responses: {
		200: json(z.object({ status: z.literal('ready'), database: z.enum(['pglite', 'postgres']) })),
		503: { description: 'The database is out of reach', content: problemResponses[400].content }
	}
});

export const healthRoutes = newRouter()
	// A restart does not bring the database back: liveness stays 200 through an outage.
	.openapi(health, (c) =>
		c.json({ status: 'ok' as const, database: c.get('deps').database.kind }, 200)
	)
	.openapi(ready, async (c) => {
		const { database } = c.get('deps');
		let timer: NodeJS.Timeout | undefined;
		const timeout = new Promise<never>((_, reject) => {
			timer = setTimeout(() => reject(new DatabaseUnavailableError()), READY_TIMEOUT_MS);
		});
		try {
			await Promise.race([database.db.execute(sql`select 1`), timeout]);
		} finally {
			clearTimeout(timer);
		}
		return c.json({ status: 'ready' as const, database: database.kind }, 200);
	});
