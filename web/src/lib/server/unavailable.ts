import { RETRY_AFTER_SECONDS } from '#api/client';
import { m } from '#lib/paraglide/messages.js';
import { getLocale } from '#lib/paraglide/runtime.js';

/**
 * The page for a database out of reach, told in the reader's language. Built by hand, not by the
 * error page: the layout around that needs the user, and finding the user needs the database. It
 * reloads itself, so the work a person was on comes back as soon as the database does.
 */
export function unavailablePage(): Response {
	const title = m.error_503_title();
	const html = `<!doctype html>
<html lang="${getLocale()}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="refresh" content="${RETRY_AFTER_SECONDS}">
<title>${title} · ${m.app_name()}</title>
<style>body{font-family:system-ui,sans-serif;max-width:34rem;margin:15vh auto;padding:0 1.5rem;line-height:1.5;color:#1f2933}a{color:#0b5cad}</style>
</head>
<body>
<p>${m.error_status({ status: 503 })}</p>
<h1>${title}</h1>
<p>${m.error_503_text()}</p>
<p><a href="">${m.error_503_retry()}</a></p>
</body>
</html>
`;
	return new Response(html, {
		status: 503,
		headers: {
			'Content-Type': 'text/html; charset=utf-8',
			'Retry-After': String(RETRY_AFTER_SECONDS),
			'Cache-Control': 'no-store'
		}
	});
}
