import { crc32, deflateSync } from 'node:zlib';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '#db/client.ts';
import { emailOutbox } from '#db/schema/index.ts';
import { enqueueEmail } from '#api/domain/email/enqueue-email.ts';
import { deliverQueuedEmails } from '#api/domain/email/deliver-queued-emails.ts';
import type { MailTransport, OutgoingMessage } from '#api/domain/email/transport.ts';
import { engines, freshDatabase } from '../../support/databases.ts';
import { auditRows, expectProblem, expectStatus } from '../../support/expect-http.ts';
import { invalid, testApi } from '../../support/api.ts';

type User = Awaited<ReturnType<ReturnType<typeof testApi>['user']>>;

const BRAND = {
	name: 'Stroopwafel & Co',
	color: '#8a4b16',
	senderName: 'Sanne van Stroopwafel & Co',
	replyTo: 'webcare@stroopwafel.example',
	privacyUrl: 'https://stroopwafel.example/privacy',
	addressWhy: { nl: 'Alleen voor dit cadeau.', en: 'Only for this gift.' },
	showSentWith: false
};

const b64 = (s: string | Buffer) => Buffer.from(s).toString('base64');

function chunk(type: string, data: Buffer): Buffer {
	const head = Buffer.alloc(8);
	head.writeUInt32BE(data.length, 0);
	head.write(type, 4, 'latin1');
	const crc = Buffer.alloc(4);
	crc.writeUInt32BE(crc32(Buffer.concat([Buffer.from(type, 'latin1'), data])), 0);
	return Buffer.concat([head, data, crc]);
}
/** A 1×1 PNG, with a text chunk that must not survive. */
function png(width = 1, height = 1): Buffer {
	const ihdr = Buffer.alloc(13);
	ihdr.writeUInt32BE(width, 0);
	ihdr.writeUInt32BE(height, 4);
	ihdr.set([8, 2, 0, 0, 0], 8);
	return Buffer.concat([
		Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
		chunk('IHDR', ihdr),
		chunk('tEXt', Buffer.from('Comment\0secret payload', 'latin1')),
		chunk('IDAT', deflateSync(Buffer.from([0, 255, 0, 0]))),
		chunk('IEND', Buffer.alloc(0))
	]);
}

describe.each(engines)('brand on %s', (engine) => {
	let database: Database;
	let t: ReturnType<typeof testApi>;
	let admin: User;
	let hub: User;

	beforeAll(async () => {
		database = await freshDatabase(engine);
		t = testApi(database);
		admin = await t.user('admin');
		hub = await t.user('hub');
	}, 60_000);
	afterAll(async () => {
		await database?.close();
	});

	it('is public to read, unset at first: no company name, and never ours', async () => {
		const res = await t.client.api.v1.brand.$get();
		const brand = await expectStatus(res, 200);
		expect(brand).toMatchObject({ configured: false, name: '', logo: null, showSentWith: true });
	});

	it('is changed by an admin only, audited, and validated per field in the reader’s language', async () => {
		const refused = await t.client.api.v1.brand.$put({ json: BRAND }, { headers: hub.headers });
		await expectProblem(refused, 403);
		const bad = await t.client.api.v1.brand.$put(
			{
				json: {
					...BRAND,
					color: '#ffee00',
					privacyUrl: 'javascript:alert(1)',
					replyTo: 'not an address',
					name: 'two\nlines'
				}
			},
			{ headers: { ...admin.headers, 'accept-language': 'nl' } }
		);
		const problem = await expectProblem(bad, 400);
		const fields = Object.fromEntries(problem.errors!.map((e) => [e.field, e.message]));
		expect(Object.keys(fields).sort()).toEqual(['color', 'name', 'privacyUrl', 'replyTo']);
		expect(fields.color).toMatch(/Te licht/);

		const ok = await t.client.api.v1.brand.$put({ json: BRAND }, { headers: admin.headers });
		expect(await expectStatus(ok, 200)).toMatchObject({ ...BRAND, configured: true });
		const audits = await auditRows(database, 'brand.update');
		expect(audits).toHaveLength(1);
		expect(audits[0]!.actorId).toBe(admin.id);
	});

	it('serves its colour as a stylesheet of custom properties only', async () => {
		const res = await t.request('/api/v1/brand/theme.css');
		expect(res.headers.get('content-type')).toMatch(/^text\/css/);
		expect(await res.text()).toMatch(/^:root:root\{--accent:#8a4b16;/);
	});

	it('sanitises an SVG logo: no script, handler, style, foreign object or outside reference survives', async () => {
		const svg = `<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY x "boom">]>
<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 10 10" onload="alert(1)">
<script>alert(1)</script><style>@import url(https://evil.example/x.css);</style>
<defs><linearGradient id="g"><stop offset="0" stop-color="#f00"/></linearGradient></defs>
<path d="M0 0 L10 10 Z" fill="url(#g)" onclick="steal()"/>
<rect width="5" height="5" fill="url(https://evil.example/p)" style="fill:red"/>
<image href="https://evil.example/a.png"/><use xlink:href="https://evil.example/s.svg#a"/>
<a href="javascript:alert(1)"><text x="1" y="8">Hi &x;</text></a>
<foreignObject><iframe src="https://evil.example"></iframe></foreignObject></svg>`;
		const res = await t.client.api.v1.brand.logo.$put(
			{ json: { type: 'image/svg+xml', data: b64(svg) } },
			{ headers: admin.headers }
		);
		const view = await expectStatus<{ logo: { url: string } }>(res, 200);
		expect(view.logo).toMatchObject({ type: 'image/svg+xml', printable: true });
		const file = await t.request(view.logo.url);
		expect(file.headers.get('content-type')).toBe('image/svg+xml');
		expect(file.headers.get('content-security-policy')).toContain("default-src 'none'");
		const stored = await file.text();
		expect(stored).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
		expect(stored).toContain('<path d="M0 0 L10 10 Z" fill="url(#g)">');
		for (const gone of [
			'script',
			'alert',
			'onload',
			'onclick',
			'style',
			'evil',
			'foreignObject',
			'iframe',
			'<image',
			'<a ',
			'ENTITY',
			'boom'
		])
			expect(stored).not.toContain(gone);
	});

	it('checks a PNG logo (signature, CRCs, size) and keeps only the chunks that draw it', async () => {
		const res = await t.client.api.v1.brand.logo.$put(
			{ json: { type: 'image/png', data: b64(png()) } },
			{ headers: admin.headers }
		);
		await expectStatus(res, 200);
		const file = Buffer.from(await (await t.request('/api/v1/brand/logo')).arrayBuffer());
		expect(file.subarray(1, 4).toString()).toBe('PNG');
		expect(file.includes(Buffer.from('secret payload'))).toBe(false);

		const broken = png();
		broken[broken.length - 20] ^= 0xff; // inside IDAT: its CRC no longer matches
		for (const [data, message] of [
			[b64(broken), /complete PNG/],
			[b64('<svg/>'), /complete PNG/],
			[b64(png(5000, 1)), /4096 pixels/]
		] as const) {
			const refused = await t.client.api.v1.brand.logo.$put(
				{ json: { type: 'image/png', data } },
				{ headers: admin.headers }
			);
			const problem = await expectProblem(refused, 400);
			expect(problem.errors).toEqual([{ field: 'data', message: expect.stringMatching(message) }]);
		}
		const tooBig = await t.client.api.v1.brand.logo.$put(
			{ json: { type: 'image/svg+xml', data: b64(`<svg>${'x'.repeat(110 * 1024)}</svg>`) } },
			{ headers: admin.headers }
		);
		expect((await expectProblem(tooBig, 400)).errors![0]!.message).toMatch(/100 KB/);
		const notSvg = await t.client.api.v1.brand.logo.$put(
			{ json: { type: 'image/svg+xml', data: b64('<html><script>x</script></html>') } },
			{ headers: admin.headers }
		);
		await expectProblem(notSvg, 400);
		const wrongType = await t.client.api.v1.brand.logo.$put(
			{ json: { type: invalid('image/gif'), data: b64('GIF89a') } },
			{ headers: admin.headers }
		);
		await expectProblem(wrongType, 400);
		const byHub = await t.client.api.v1.brand.logo.$put(
			{ json: { type: 'image/png', data: b64(png()) } },
			{ headers: hub.headers }
		);
		await expectProblem(byHub, 403);
	});

	it('frames customer emails: the company’s name, privacy link, sender name and reply-to; no sent-with line when off', async () => {
		await enqueueEmail({
			ctx: t.ctx,
			input: {
				eventKey: `brand-test:${engine}`,
				to: { name: 'Zoë', address: 'zoe@example.test' },
				template: 'claim-link',
				locale: 'nl',
				data: {
					firstName: 'Zoë',
					url: 'https://hoppatee.example/claim/x',
					expiresOn: '5 december',
					senderName: 'Sanne',
					gifts: []
				}
			}
		});
		const [row] = await database.db
			.select()
			.from(emailOutbox)
			.where(eq(emailOutbox.eventKey, `brand-test:${engine}`));
		expect(row).toMatchObject({
			fromName: BRAND.senderName,
			replyTo: BRAND.replyTo
		});
		expect(row!.html).toContain('Stroopwafel &amp; Co');
		expect(row!.html).toContain('href="https://stroopwafel.example/privacy"');
		expect(row!.html).not.toContain('Hoppatee');
		expect(row!.text).not.toContain('Hoppatee');

		const sent: OutgoingMessage[] = [];
		const transport: MailTransport = { send: async (m) => void sent.push(m), close: () => {} };
		await deliverQueuedEmails({ db: database.db, transport });
		expect(sent.find((m) => m.to.address === 'zoe@example.test')).toMatchObject({
			fromName: BRAND.senderName,
			replyTo: BRAND.replyTo
		});

		// Switched on, the small line is back.
		await t.client.api.v1.brand.$put(
			{ json: { ...BRAND, showSentWith: true } },
			{ headers: admin.headers }
		);
		await enqueueEmail({
			ctx: t.ctx,
			input: {
				eventKey: `brand-test-2:${engine}`,
				to: 'zoe@example.test',
				template: 'claim-link',
				locale: 'en',
				data: {
					firstName: 'Zoë',
					url: 'https://hoppatee.example/claim/x',
					expiresOn: '5 December',
					senderName: 'Sanne',
					gifts: []
				}
			}
		});
		const [again] = await database.db
			.select()
			.from(emailOutbox)
			.where(eq(emailOutbox.eventKey, `brand-test-2:${engine}`));
		expect(again!.text).toContain('Sent with Hoppatee.');
	});
});
