/**
 * The app behind a proxy, and its PostgreSQL going away. An app of this file's own (built as
 * `npm start` builds), on a PostgreSQL server of its own, so stopping it spares the other files.
 */
import fs from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase, startPgServer, type PgServer } from '../support/pg-server.ts';
import { E2E_ADMIN, startApp, type RunningApp } from './support/app.ts';
import { launchBrowser } from './support/browser.ts';

describe('behind a proxy, and when the database is down', () => {
	let server: PgServer | undefined;
	let app: RunningApp;
	let browser: Browser;
	let cookie = '';

	beforeAll(async () => {
		server = await startPgServer();
		const url = await createDatabase(server.url, 'hoppatee');
		// TRUST_PROXY=true, and no request below carries X-Forwarded-For: as a health check straight to the port.
		app = await startApp(300_000, { DATABASE_URL: url, TRUST_PROXY: 'true' });
		browser = await launchBrowser();
	}, 320_000);
	afterAll(async () => {
		await browser?.close();
		await app?.stop();
		await server?.stop();
	});

	it('answers without X-Forwarded-For under TRUST_PROXY=true, from the socket address', async () => {
		expect((await fetch(`${app.baseUrl}/api/health`)).status).toBe(200);
		expect((await fetch(`${app.baseUrl}/login`)).status).toBe(200);
		const login = await fetch(`${app.baseUrl}/api/v1/auth/login`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify(E2E_ADMIN)
		});
		expect(login.status).toBe(200);
		cookie = login.headers.get('set-cookie')!.split(';')[0]!;
		const home = await fetch(`${app.baseUrl}/`, { headers: { cookie }, redirect: 'manual' });
		expect(home.status).toBe(200);
	});

	it('shows logged-in people a "temporarily unavailable" page, not the login page', async () => {
		expect((await fetch(`${app.baseUrl}/api/ready`)).status).toBe(200);
		await server!.stop();
		server = undefined;

		const dutch = await fetch(`${app.baseUrl}/customers`, {
			headers: { cookie },
			redirect: 'manual'
		});
		expect(dutch.status).toBe(503);
		expect(dutch.headers.get('location')).toBeNull();
		expect(dutch.headers.get('retry-after')).toBe('15');
		const html = await dutch.text();
		expect(html).toContain('<html lang="nl">');
		expect(html).toContain('Tijdelijk niet beschikbaar');

		const english = await fetch(`${app.baseUrl}/`, {
			headers: { cookie: `${cookie}; PARAGLIDE_LOCALE=en` },
			redirect: 'manual'
		});
		expect(english.status).toBe(503);
		expect(await english.text()).toContain('Temporarily unavailable');

		// What a person sees.
		const context = await browser.newContext();
		const [name, value] = cookie.split('=') as [string, string];
		await context.addCookies([{ name, value, url: app.baseUrl }]);
		const page = await context.newPage();
		const response = await page.goto(`${app.baseUrl}/`);
		fs.mkdirSync('test-results', { recursive: true });
		await page.screenshot({ path: 'test-results/unavailable.png' });
		expect(response?.status()).toBe(503);
		expect(new URL(page.url()).pathname).toBe('/');
		await expect(page.locator('h1').textContent()).resolves.toBe('Tijdelijk niet beschikbaar');
		await context.close();
	});

	it('answers the API with 503 problem+json and Retry-After; /api/ready 503, /api/health 200', async () => {
		const api = await fetch(`${app.baseUrl}/api/v1/customers`, { headers: { cookie } });
		expect(api.status).toBe(503);
		expect(api.headers.get('content-type')).toContain('application/problem+json');
		expect(api.headers.get('retry-after')).toBe('15');
		const ready = await fetch(`${app.baseUrl}/api/ready`);
		expect(ready.status).toBe(503);
		expect(ready.headers.get('retry-after')).toBe('15');
		expect((await fetch(`${app.baseUrl}/api/health`)).status).toBe(200);
	});
});
