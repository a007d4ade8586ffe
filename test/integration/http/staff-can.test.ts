import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../db/client.ts';
import { freshDatabase } from '../../support/databases.ts';
import { testApi } from '../../support/api.ts';

/**
 * The menu and the new/edit pages show what GET /auth/me's `can` says. Each flag must say exactly
 * what the routes behind it declare, so a page never offers a way in that the API refuses, nor
 * hides one it allows.
 */
const routesBehind = {
	manageCampaigns: [
		['post', '/api/v1/campaigns'],
		['patch', '/api/v1/campaigns/{id}']
	],
	manageCatalogue: [
		['post', '/api/v1/gifts'],
		['patch', '/api/v1/gifts/{id}']
	],
	print: [
		['post', '/api/v1/print/labels'],
		['post', '/api/v1/print/cards'],
		['get', '/api/v1/print/shipments.csv']
	],
	administer: [
		['get', '/api/v1/users'],
		['get', '/api/v1/tokens'],
		['get', '/api/v1/settings'],
		['post', '/api/v1/outbox/{id}/retry'],
		['post', '/api/v1/scores/recompute']
	]
} as const;

describe('what the logged-in user may do (GET /auth/me can)', () => {
	let database: Database;
	let t: ReturnType<typeof testApi>;
	let access: (method: string, path: string) => readonly string[];

	beforeAll(async () => {
		database = await freshDatabase('pglite');
		t = testApi(database);
		const doc = (await (await t.request('/api/v1/openapi.json')).json()) as {
			paths: Record<string, Record<string, { 'x-access'?: { roles?: string[] } }>>;
		};
		access = (method, path) => {
			const rule = doc.paths[path]?.[method]?.['x-access'];
			if (!rule?.roles) throw new Error(`no role rule for ${method} ${path}`);
			return rule.roles;
		};
	});
	afterAll(() => database.close());

	it.each(['hub', 'marketing', 'admin'] as const)(
		'gives %s the flags its routes allow',
		async (role) => {
			const user = await t.user(role);
			const res = await t.request('/api/v1/auth/me', { headers: user.headers });
			expect(res.status).toBe(200);
			const body = (await res.json()) as { user: { role: string }; can: Record<string, boolean> };
			expect(body.user.role).toBe(role);
			expect(Object.keys(body.can).sort()).toEqual(Object.keys(routesBehind).sort());
			for (const [flag, routes] of Object.entries(routesBehind))
				for (const [method, path] of routes)
					expect(body.can[flag], `${flag} for ${role} vs ${method} ${path}`).toBe(
						access(method, path).includes(role)
					);
		}
	);

	it('matches what each role is known to do', async () => {
		const flags = async (role: 'hub' | 'marketing' | 'admin') =>
			(await (await t.request('/api/v1/auth/me', { headers: (await t.user(role)).headers })).json())
				.can;
		expect(await flags('hub')).toEqual({
			manageCampaigns: false,
			manageCatalogue: false,
			print: true,
			administer: false
		});
		expect(await flags('marketing')).toEqual({
			manageCampaigns: true,
			manageCatalogue: true,
			print: false,
			administer: false
		});
		expect(await flags('admin')).toEqual({
			manageCampaigns: false,
			manageCatalogue: true,
			print: true,
			administer: true
		});
	});
});
