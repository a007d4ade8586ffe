/** Cookie and header names the API and the web server agree on (no dependency: api/src/client.ts hands them on). */
export const SESSION_COOKIE = 'hoppatee_session';
/** Set by the web server (never trusted from the network) so rate limits see the real client. */
export const CLIENT_IP_HEADER = 'x-hoppatee-client-ip';
/** The reader's language for problem texts. */
export const LOCALE_HEADER = 'accept-language';
/** Replays the first response of a creating POST sent again with the same key and body. */
export const IDEMPOTENCY_KEY_HEADER = 'Idempotency-Key';
/**
 * Request body limits per kind of route: CSV imports and uploads 5 MB, everything else 1 MB (each
 * route declares its kind; body-limit.ts enforces it, web/start.ts sizes SvelteKit's to match).
 */
export const BODY_LIMITS = { default: 1024 * 1024, upload: 5 * 1024 * 1024 } as const;

/** How long a client should wait before trying again while the database is out of reach (Retry-After). */
export const RETRY_AFTER_SECONDS = 15;

/** Prometheus's default scrape path; served by the API app beside /api (api/src/http/metrics.ts). */
export const METRICS_PATH = '/metrics';
