import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '#db/client.ts';
import { BODY_LIMITS } from '#api/http/names.ts';
import { freshDatabase } from '../../support/databases.ts';
import { testApi } from '../../support/api.ts';

type Operation = { 'x-body-limit'?: number; requestBody?: unknown };
type Doc = { paths: Record<string, Record<string, Operation>> };

/** A body of `size` bytes sent in chunks without a Content-Length. */
function chunked(size: number): ReadableStream<Uint8Array> {
	const chunk = new Uint8Array(64 * 1024).fill(0x20);
	let sent = 0;
	return new ReadableStream({
		pull(controller) {
			if (sent >= size) return controller.close();
			const n = Math.min(chunk.length, size - sent);
			controller.enqueue(chunk.subarray(0, n));
			sent += n;
		}
	});
}

/**
 * The API alone (no SvelteKit in front): every route with a body declares its limit (x-body-limit),
 * and one byte over it is a 413 problem+json whether the body has a Content-Length or comes
 * chunked. The built server's side is in test/e2e/hardening.e2e.ts.
 */
describe('body limits per kind of route', () => {
	let database: Database;
	let t: ReturnType<typeof testApi>;
	let doc: Doc;

	beforeAll(async () => {
		database = await freshDatabase('pglite');
		t = testApi(database);
		doc = (await (await t.request('/api/v1/openapi.json')).json()) as Doc;
	}, 60_000);

	afterAll(async () => {
		await database?.close();
	});

	const withBodies = () =>
		Object.entries(doc.paths).flatMap(([path, ops]) =>
			Object.entries(ops)
				.filter(([, op]) => op.requestBody)
				.map(([method, op]) => ({
					method: method.toUpperCase(),
					path: path.replace(/\{\w+\}/g, '00000000-0000-4000-8000-000000000000'),
					limit: op['x-body-limit']
				}))
		);

	it('5 MB for CSV imports and uploads, 1 MB for every other body', () => {
		const ops = withBodies();
		expect(ops.length).toBeGreaterThan(30);
		const uploads = ops.filter((o) => o.limit === BODY_LIMITS.upload).map((o) => o.path);
		expect(uploads.sort()).toEqual(
			[
				'/api/v1/customers/import',
				'/api/v1/customers/import/preview',
				'/api/v1/gifts/00000000-0000-4000-8000-000000000000/voucher-codes',
				'/api/v1/reactions/import',
				'/api/v1/reactions/import/preview'
			].sort()
		);
		expect(ops.filter((o) => o.limit !== BODY_LIMITS.upload).map((o) => o.limit)).toEqual(
			ops.filter((o) => o.limit !== BODY_LIMITS.upload).map(() => BODY_LIMITS.default)
		);
		expect(BODY_LIMITS).toEqual({ default: 1024 * 1024, upload: 5 * 1024 * 1024 });
	});

	it('answers 413 problem+json one byte over the limit, with a Content-Length or chunked', async () => {
		const wrong: string[] = [];
		for (const op of withBodies()) {
			const size = op.limit! + 1;
			for (const how of ['content-length', 'chunked'] as const) {
				const res = await t.api.fetch(
					new Request(`http://localhost${op.path}`, {
						method: op.method,
						headers: { 'content-type': 'application/json' },
						body: how === 'chunked' ? chunked(size) : ' '.repeat(size),
						duplex: 'half'
					} as RequestInit)
				);
				const type = res.headers.get('content-type') ?? '';
				const body = (await res.json().catch(() => ({}))) as { detail?: string };
				if (res.status !== 413 || !type.startsWith('application/problem+json'))
					wrong.push(`${op.method} ${op.path} (${how}): ${res.status} ${type}`);
				else if (res.headers.get('connection') !== 'close')
					wrong.push(`${op.method} ${op.path} (${how}): the connection stays open`);
				else if (!body.detail?.includes(`${op.limit! / 1024 / 1024} MB`))
					wrong.push(`${op.method} ${op.path}: detail "${body.detail}"`);
			}
		}
		expect(wrong).toEqual([]);
	}, 120_000);

	it('takes a body just under its limit (a 1.5 MB customer CSV preview, once chunked; 0.9 MB elsewhere)', async () => {
		const hub = await t.user('hub');
		// Under the 20,000-row limit of an import: long names make the size.
		const csv = [
			'name,email',
			...Array.from({ length: 15_000 }, (_, i) => `Klant ${i} ${'van '.repeat(24)}Dijk,`)
		].join('\n');
		expect(csv.length).toBeGreaterThan(1.5 * 1024 * 1024);
		for (const how of ['content-length', 'chunked'] as const) {
			const json = new TextEncoder().encode(JSON.stringify({ csv }));
			const res = await t.api.fetch(
				new Request('http://localhost/api/v1/customers/import/preview', {
					method: 'POST',
					headers: { ...hub.headers, 'content-type': 'application/json' },
					body: how === 'chunked' ? new Blob([json]).stream() : json,
					duplex: 'half'
				} as RequestInit)
			);
			expect(res.status, `${how}: ${await res.clone().text()}`.slice(0, 300)).toBe(200);
		}
		const small = await t.request('/api/v1/customers', {
			method: 'POST',
			headers: hub.headers,
			json: { name: 'Klant', notes: 'x'.repeat(900 * 1024) }
		});
		expect(small.status).not.toBe(413);
		expect(small.status).toBeLessThan(500);
	}, 120_000);

	it('answers 415 problem+json to a token client posting text/plain or no content type', async () => {
		const token = await t.token(['reactions:write']);
		for (const headers of [
			{ 'content-type': 'text/plain;charset=UTF-8' },
			{ 'content-type': 'application/x-www-form-urlencoded' }
		]) {
			const res = await t.api.fetch(
				new Request('http://localhost/api/v1/reactions', {
					method: 'POST',
					headers: { ...token.headers, ...headers },
					body: JSON.stringify({ url: 'https://x.com/someone/status/1' })
				})
			);
			expect(res.status).toBe(415);
			expect(res.headers.get('content-type')).toContain('application/problem+json');
		}
		// A stream body carries no content type of its own.
		const bare = await t.api.fetch(
			new Request('http://localhost/api/v1/reactions', {
				method: 'POST',
				headers: token.headers,
				body: new Blob(['{}']).stream(),
				duplex: 'half'
			} as RequestInit)
		);
		expect(bare.status).toBe(415);
	});

	it('serves /api/docs with its own CSP, so its inline styles apply', async () => {
		const res = await t.request('/api/docs');
		expect(res.status).toBe(200);
		const csp = res.headers.get('content-security-policy') ?? '';
		expect(csp).toContain("style-src 'unsafe-inline'");
		expect(csp).toContain("default-src 'none'");
		expect(csp).toContain("frame-ancestors 'none'");
		expect(await res.text()).toContain('<style>');
		// The API's own policy stays on everything else.
		const api = await t.request('/api/v1/openapi.json');
		expect(api.headers.get('content-security-policy')).not.toContain('unsafe-inline');
	});
});
