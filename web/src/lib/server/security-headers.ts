/**
 * The security headers of everything the web serves: pages (hooks.server.ts) and the static files
 * adapter-node answers before any hook runs (web/start.ts sets them on those). The CSP of pages
 * comes from the `csp` option in vite.config.ts; the API sets its own.
 */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
	'Strict-Transport-Security': 'max-age=31536000; includeSubDomains',
	// Not no-referrer: with it, browsers send `Origin: null` on plain form posts, and SvelteKit's
	// CSRF check then refuses every form submitted without JavaScript.
	'Referrer-Policy': 'strict-origin-when-cross-origin',
	'X-Content-Type-Options': 'nosniff',
	'X-Frame-Options': 'DENY',
	'Cross-Origin-Opener-Policy': 'same-origin',
	'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), payment=()'
};
