import type { Context } from 'hono';
import type { AppEnv } from './types.ts';

/** Where links in emails and claim links point: PUBLIC_ORIGIN when set, else the request's own origin. */
export function publicOrigin(c: Context<AppEnv>): string {
	const configured = c.get('deps').env.PUBLIC_ORIGIN;
	return configured ? new URL(configured).origin : new URL(c.req.url).origin;
}
