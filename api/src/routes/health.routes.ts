import { z } from '@hono/zod-openapi';
import { sql } from 'drizzle-orm';
import { defineRoute } from '../http/access.ts';
import { newRouter } from '../http/router.ts';
import { json } from '../http/schemas.ts';

const health = defineRoute({
	method: 'get',
	path: '/health',
	summary: 'Liveness and database reachability',
	tags: ['meta'],
	access: { public: true },
	responses: {
		200: json(z.object({ status: z.literal('ok'), database: z.enum(['pglite', 'postgres']) }))
	}
});

export const healthRoutes = newRouter().openapi(health, async (c) => {
	const { database } = c.get('deps');
	await database.db.execute(sql`select 1`);
	return c.json({ status: 'ok' as const, database: database.kind }, 200);
});
