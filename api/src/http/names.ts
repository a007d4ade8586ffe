/** Cookie and header names the API and the web server agree on (no dependency: api/src/client.ts hands them on). */
export const SESSION_COOKIE = 'hoppatee_session';
/** Set by the web server (never trusted from the network) so rate limits see the real client. */
export const CLIENT_IP_HEADER = 'x-hoppatee-client-ip';
/** The reader's language for problem texts. */
export const LOCALE_HEADER = 'accept-language';
/** Replays the first response of a creating POST sent again with the same key and body. */
export const IDEMPOTENCY_KEY_HEADER = 'Idempotency-Key';
