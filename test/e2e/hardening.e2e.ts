import http from 'node:http';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { E2E_ADMIN } from './support/app.ts';
import { DEMO, DEMO_PASSWORD } from './support/session.ts';
import { baseUrl, launchBrowser } from './support/browser.ts';

/**
 * The built app as `npm start` serves it (web/start.ts → SvelteKit and the API in one process):
 * the API's limits, content types and headers must be the ones it has alone, not SvelteKit's.
 */

/** A raw HTTP request, so the body can be sent chunked (no Content-Length) or with one. */
function sendOnce(
	path: string,
	options: { method?: string; headers?: Record<string, string>; body?: Buffer; chunked?: boolean }
): Promise<{ status: number; headers: http.IncomingHttpHeaders; text: string }> {
	const url = new URL(path, baseUrl());
	return new Promise((resolve, reject) => {
		let answered = false;
		const req = http.request(
			url,
			{
				method: options.method ?? 'POST',
				headers: {
					...options.headers,
					...(options.body && !options.chunked
						? { 'content-length': String(options.body.length) }
						: {})
				}
			},
			(res) => {
				answered = true;
				let text = '';
				res.setEncoding('utf8');
				res.on('data', (c: string) => (text += c));
				res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, text }));
			}
		);
		// The server may answer (413) and close before the whole body is sent; that is the point. Like
		// a careful client, stop sending once the answer has begun; a write the closed socket refuses
		// (EPIPE, ECONNRESET) only fails the call when no answer comes.
		req.on('error', (error: NodeJS.ErrnoException) => {
			if (error.code !== 'EPIPE' && error.code !== 'ECONNRESET') return reject(error);
			setTimeout(() => reject(error), 2_000).unref();
		});
		void (async () => {
			const body = options.body ?? Buffer.alloc(0);
			for (let at = 0; at < body.length && !answered && !req.destroyed; at += 64 * 1024)
				await new Promise<void>((done) =>
					req.write(body.subarray(at, at + 64 * 1024), () => done())
				);
			if (!answered && !req.destroyed) req.end();
		})();
	});
}

/**
 * The server closes right after its early 413, with the rest of the body still unread, so the
 * kernel may reset the connection and drop the answer before the client reads it (no lingering
 * close yet). Such a reset is tried again; any answer that does arrive is what the test checks.
 */
async function send(...args: Parameters<typeof sendOnce>): ReturnType<typeof sendOnce> {
	for (let attempt = 1; ; attempt++) {
		try {
			return await sendOnce(...args);
		} catch (error) {
			const code = (error as NodeJS.ErrnoException).code;
			if (attempt === 3 || (code !== 'EPIPE' && code !== 'ECONNRESET')) throw error;
		}
	}
}

describe('the one process keeps the API’s own rules', () => {
	let cookie = '';
	let bearer = '';
	let browser: Browser;

	beforeAll(async () => {
		const login = await fetch(`${baseUrl()}/api/v1/auth/login`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ email: E2E_ADMIN.email, password: E2E_ADMIN.password })
		});
		expect(login.status).toBe(200);
		cookie = login.headers.getSetCookie()[0]!.split(';')[0]!;
		const token = await fetch(`${baseUrl()}/api/v1/tokens`, {
			method: 'POST',
			headers: { 'content-type': 'application/json', cookie },
			body: JSON.stringify({ name: 'e2e hardening', scopes: ['reactions:write'] })
		});
		expect(token.status).toBe(201);
		bearer = `Bearer ${((await token.json()) as { token: string }).token}`;
		browser = await launchBrowser();
	});

	afterAll(async () => {
		await browser?.close();
	});

	const json = { 'content-type': 'application/json' };

	it('takes a 600 KB customer CSV preview (SvelteKit’s 512 KB default cut it off as "Malformed JSON")', async () => {
		const csv = [
			'name,email',
			...Array.from({ length: 7000 }, (_, i) => `Klant ${i} ${'van '.repeat(20)}Dijk,`)
		].join('\n');
		expect(csv.length).toBeGreaterThan(600 * 1024);
		const body = Buffer.from(JSON.stringify({ csv }));
		for (const chunked of [false, true]) {
			const res = await send('/api/v1/customers/import/preview', {
				headers: { ...json, cookie },
				body,
				chunked
			});
			expect(res.status, res.text.slice(0, 200)).toBe(200);
		}
	});

	it('answers 413 problem+json past the limit, chunked or not: 5 MB on an import, 1 MB elsewhere', async () => {
		const cases = [
			{ path: '/api/v1/customers/import/preview', size: 7 * 1024 * 1024, mb: 5 },
			{ path: '/api/v1/customers/import/preview', size: 5 * 1024 * 1024 + 1, mb: 5 },
			{ path: '/api/v1/customers', size: 1024 * 1024 + 1, mb: 1 }
		];
		for (const { path, size, mb } of cases) {
			for (const chunked of [false, true]) {
				const res = await send(path, {
					headers: { ...json, cookie },
					body: Buffer.alloc(size, 0x20),
					chunked
				});
				expect(res.status, `${path} ${size} chunked=${chunked}: ${res.text}`).toBe(413);
				expect(res.headers['content-type']).toContain('application/problem+json');
				expect(JSON.parse(res.text).detail).toContain(`${mb} MB`);
			}
		}
	});

	it('answers a token client’s text/plain or form post with 415 problem+json, not a plain-text CSRF refusal', async () => {
		for (const type of ['text/plain;charset=UTF-8', 'application/x-www-form-urlencoded']) {
			const res = await fetch(`${baseUrl()}/api/v1/reactions`, {
				method: 'POST',
				headers: { authorization: bearer, 'content-type': type },
				body: JSON.stringify({ url: 'https://x.com/someone/status/1' })
			});
			expect(res.status).toBe(415);
			expect(res.headers.get('content-type')).toContain('application/problem+json');
		}
		// A DELETE without a body or content type reaches the API too (SvelteKit refused it as a form).
		const gone = await fetch(`${baseUrl()}/api/v1/reactions/00000000-0000-4000-8000-000000000000`, {
			method: 'DELETE',
			headers: { authorization: bearer }
		});
		expect(gone.headers.get('content-type')).toContain('application/problem+json');
		expect([403, 404]).toContain(gone.status);
	});

	it('still refuses cross-site writes with the session cookie', async () => {
		for (const type of ['text/plain', 'application/json']) {
			const res = await fetch(`${baseUrl()}/api/v1/tokens`, {
				method: 'POST',
				headers: { cookie, origin: 'http://evil.example', 'content-type': type },
				body: JSON.stringify({ name: 'stolen', scopes: ['reactions:write'] })
			});
			expect([403, 415]).toContain(res.status);
			expect(res.headers.get('content-type')).toContain('application/problem+json');
		}
	});

	it('sends the security headers with static files too', async () => {
		const page = await fetch(`${baseUrl()}/login`);
		const html = await page.text();
		const asset = /(\/_app\/immutable\/[^"']+\.js)/.exec(html)?.[1];
		expect(asset).toBeTruthy();
		for (const path of ['/favicon.svg', asset!]) {
			const res = await fetch(`${baseUrl()}${path}`);
			expect(res.status, path).toBe(200);
			expect(res.headers.get('x-content-type-options'), path).toBe('nosniff');
			expect(res.headers.get('x-frame-options'), path).toBe('DENY');
			expect(res.headers.get('strict-transport-security'), path).toContain('max-age=');
			expect(res.headers.get('referrer-policy'), path).toBe('strict-origin-when-cross-origin');
		}
	});

	it('shows /api/docs with its styles (its own CSP)', async () => {
		const page = await browser.newPage();
		const refused: string[] = [];
		page.on('console', (m) => {
			if (/Content Security Policy/i.test(m.text())) refused.push(m.text());
		});
		const res = await page.goto(`${baseUrl()}/api/docs`);
		expect(res?.status()).toBe(200);
		const maxWidth = await page.evaluate(() => getComputedStyle(document.body).maxWidth);
		expect(maxWidth).toBe('1152px'); // 72rem from the page's own <style>
		expect(refused).toEqual([]);
		await page.close();
	});

	it('states the recipient-name limit beside the field on the claim page (the customer’s 200)', async () => {
		const login = await fetch(`${baseUrl()}/api/v1/auth/login`, {
			method: 'POST',
			headers: json,
			body: JSON.stringify({ email: DEMO.hub, password: DEMO_PASSWORD })
		});
		const hub = login.headers.getSetCookie()[0]!.split(';')[0]!;
		const list = await fetch(`${baseUrl()}/api/v1/surprises?status=awaiting_address&limit=1`, {
			headers: { cookie: hub }
		});
		const [surprise] = ((await list.json()) as { items: { id: string }[] }).items;
		expect(surprise, 'a demo surprise waiting for its address').toBeTruthy();
		const link = await fetch(`${baseUrl()}/api/v1/claim-links`, {
			method: 'POST',
			headers: { ...json, cookie: hub },
			body: JSON.stringify({ surpriseId: surprise!.id, locale: 'nl' })
		});
		expect(link.status).toBe(201);
		const { url } = (await link.json()) as { url: string };
		const page = await browser.newPage();
		await page.goto(url);
		const input = page.locator('#recipientName');
		expect(await input.getAttribute('aria-describedby')).toContain('recipientName-hint');
		expect(await page.locator('#recipientName-hint').innerText()).toBe('Hoogstens 200 tekens.');
		await page.close();
	});
});
