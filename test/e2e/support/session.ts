/** Logging in as a demo person in a fresh browser context (each context has its own cookies). */
import type { Browser, Page } from 'playwright-core';
import { baseUrl } from './browser.ts';

export const DEMO_PASSWORD = 'hoppatee-demo-2026';
/** Demo logins seeded on the first start (api/src/seed/demo/people.ts). */
export const DEMO = {
	hub: 'fleur.jansen@demo.hoppatee.nl',
	hub2: 'daan.koster@demo.hoppatee.nl',
	marketing: 'lotte.vandijk@demo.hoppatee.nl',
	marketing2: 'jeroen.smit@demo.hoppatee.nl'
} as const;

/** A new context and page, logged in through the login form; lands on the dashboard. */
export async function loginAs(
	browser: Browser,
	email: string,
	password = DEMO_PASSWORD
): Promise<Page> {
	const context = await browser.newContext({
		locale: 'nl-NL',
		viewport: { width: 1280, height: 900 }
	});
	const page = await context.newPage();
	await page.goto(`${baseUrl()}/login`);
	// Typing before the page has hydrated can be wiped by hydration on a busy machine.
	await page.waitForLoadState('networkidle');
	await page.locator('input[name=email]').fill(email);
	await page.locator('input[name=password]').fill(password);
	await Promise.all([
		page.waitForURL((url) => url.pathname === '/'),
		page.locator('form:has(input[name=password]) button[type=submit]').click()
	]);
	return page;
}

/**
 * Goes to a page and waits until it is hydrated: typing into a field before that can be undone
 * when Svelte takes the page over (the field is empty again, and a required field blocks the submit).
 */
export async function open(page: Page, url: string): Promise<void> {
	await page.goto(url);
	await page.waitForLoadState('networkidle');
}
