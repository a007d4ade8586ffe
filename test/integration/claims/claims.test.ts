import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '#db/client.ts';
import { addresses, claimLinks, emailOutbox, surpriseEvents } from '#db/schema/index.ts';
import { sha256 } from '#api/domain/accounts/secrets.ts';
import { expireClaimLinks, EXPIRY_NOTE } from '#api/domain/claims/expire-claim-links.ts';
import { sendClaimReminders } from '#api/domain/claims/send-claim-reminders.ts';
import type { Ctx } from '#api/domain/context.ts';
import { engines, freshDatabase } from '../../support/databases.ts';
import { auditRows, expectProblem, expectStatus } from '../../support/expect-http.ts';
import { testApi, invalid, type JsonOf } from '../../support/api.ts';
import { CARD_MESSAGE, claimFixtures, INTERNAL_NOTE, tokenOf, validBody } from './fixtures.ts';

const DAY = 24 * 3600_000;

describe.each(engines)('claim links on %s', (engine) => {
	let database: Database;
	let t: ReturnType<typeof testApi>;
	let f: ReturnType<typeof claimFixtures>;
	let hub: Awaited<ReturnType<typeof t.user>>;
	let ipCounter = 0;
	/** Every test its own client IP, so the per-IP rate limit only bites where a test wants it to. */
	const ip = () => `192.0.2.${++ipCounter}`;

	beforeAll(async () => {
		database = await freshDatabase(engine);
		t = testApi(database, { PUBLIC_ORIGIN: 'https://hoppatee.example' });
		f = claimFixtures(database);
		hub = await t.user('hub', { name: 'Sanne de Boer' });
	}, 60_000);
	afterAll(async () => {
		await database?.close();
	});

	async function createLink(
		surpriseId: string,
		body: Record<string, unknown> = {},
		headers = hub.headers
	) {
		const res = await t.client.api.v1['claim-links'].$post(
			{ json: { surpriseId, ...body } },
			{ headers }
		);
		return expectStatus<{
			id: string;
			url: string;
			expiresAt: string;
			emailed: boolean;
			replaced: number;
			locale: string;
		}>(res, 201);
	}
	type ClaimBody = JsonOf<(typeof t.client.api.v1.claims)[':token']['$post']>;
	const claim = (
		token: string,
		init: { method?: 'GET' | 'POST'; json?: ClaimBody; ip?: string; requestId?: string } = {}
	) => {
		const headers = {
			'x-hoppatee-client-ip': init.ip ?? '198.51.100.1',
			'x-request-id': init.requestId ?? crypto.randomUUID()
		};
		return init.method === 'POST'
			? t.client.api.v1.claims[':token'].$post({ param: { token }, json: init.json! }, { headers })
			: t.client.api.v1.claims[':token'].$get({ param: { token } }, { headers });
	};

	it('the whole flow: create → GET twice (not consumed) → one POST succeeds → every dead link answers the same 404', async () => {
		const s = await f.surprise();
		const client = ip();
		const link = await createLink(s.id, { locale: 'nl' });
		expect(link.url).toMatch(/^https:\/\/hoppatee\.example\/claim\/[A-Za-z0-9_-]{43}$/);
		const token = tokenOf(link.url);
		expect(Buffer.from(token, 'base64url')).toHaveLength(32); // 256 bits
		const [stored] = await f.links(s.id);
		expect(stored!.tokenHash).toBe(sha256(token));
		expect(JSON.stringify(stored)).not.toContain(token);
		expect(await f.status(s.id)).toMatchObject({ status: 'awaiting_address' });
		expect(new Date(link.expiresAt).getTime() - Date.now()).toBeGreaterThan(13.9 * DAY);

		// Link scanners open it first: any number of GETs leave it usable.
		for (let i = 0; i < 2; i++) {
			const view = await expectStatus<{
				firstName: string;
				locale: string;
				items: { id: string; variants: { id: string; name: string; available: boolean }[] }[];
			}>(await claim(token, { ip: client }), 200);
			expect(view.firstName).toBe('Zoë');
			expect(view.locale).toBe('nl');
			const socks = view.items.find((i) => i.id === s.socksItemId)!;
			expect(socks.variants.map((v) => v.name)).toEqual(['36–40', '41–46']);
		}
		expect((await f.links(s.id))[0]!.usedAt).toBeNull();

		// Country rules and consent, in the link's language; nothing is used up by a failed try.
		const bad = await expectProblem(
			await claim(token, {
				method: 'POST',
				ip: client,
				json: {
					...validBody(s),
					address: { ...validBody(s).address, postcode: '0123 AB' },
					consent: false
				}
			}),
			400
		);
		expect(bad.fields.sort()).toEqual(['address.postcode', 'consent']);
		expect(bad.errors!.find((e) => e.field === 'address.postcode')!.message).toMatch(
			/Nederlandse postcode/
		);
		const noSize = await expectProblem(
			await claim(token, {
				method: 'POST',
				ip: client,
				json: { ...validBody(s), variantChoices: {} }
			}),
			400
		);
		expect(noSize.fields).toEqual([`variantChoices.${s.socksItemId}`]);
		expect((await f.links(s.id))[0]!.usedAt).toBeNull();

		const ok = await expectStatus<{ ok: boolean; locale: string }>(
			await claim(token, { method: 'POST', ip: client, json: validBody(s) }),
			200
		);
		expect(ok).toEqual({ ok: true, locale: 'nl', codes: [] });
		const after = await f.status(s.id);
		expect(after.status).toBe('ready');
		const [address] = await database.db
			.select()
			.from(addresses)
			.where(eq(addresses.id, after.addressId!));
		expect(address).toMatchObject({
			recipientName: 'Zoë Ĳsbrand',
			street: 'Keizersgracht',
			houseNumber: '12',
			addition: 'a',
			postcode: '1015 CJ',
			postcodeArea: '1015',
			city: 'Amsterdam',
			country: 'NL'
		});
		expect(await f.stock(s.large)).toBe(9);
		expect(await f.stock(s.small)).toBe(10);
		const events = await database.db
			.select()
			.from(surpriseEvents)
			.where(eq(surpriseEvents.surpriseId, s.id));
		expect(events.map((e) => `${e.fromStatus}→${e.toStatus}`)).toEqual(
			expect.arrayContaining(['approved→awaiting_address', 'awaiting_address→ready'])
		);
		expect(await auditRows(database, 'claim.submit', s.id)).toHaveLength(1);
		expect(JSON.stringify(await auditRows(database, 'claim.submit', s.id))).not.toContain(
			'Keizersgracht'
		);

		// Used, unknown and expired: byte for byte the same answer (same request id to compare whole bodies).
		const other = await f.surprise();
		const expiring = await createLink(other.id);
		await f.expireLink(expiring.id, new Date(Date.now() - 1000));
		const answers = [];
		for (const [tok, method] of [
			[token, 'POST'],
			[token, 'GET'],
			['A'.repeat(43), 'POST'],
			['A'.repeat(43), 'GET'],
			[tokenOf(expiring.url), 'POST'],
			[tokenOf(expiring.url), 'GET']
		] as const) {
			const res = await claim(tok, {
				method,
				ip: client,
				requestId: 'same-request-id',
				json: method === 'POST' ? validBody(s) : undefined
			});
			expect(res.status, `${method} ${tok.slice(0, 6)}`).toBe(404);
			expect(res.headers.get('content-type')).toContain('application/problem+json');
			answers.push(await res.text());
		}
		expect(new Set(answers).size).toBe(1);
		expect(answers[0]).not.toContain(token);
		expect(await f.status(other.id)).toMatchObject({ status: 'awaiting_address' });
	});

	it('never shows the internal note or the card message, nor any stored address', async () => {
		const s = await f.surprise();
		const { url } = await createLink(s.id);
		const res = await claim(tokenOf(url), { ip: ip() });
		const body = await res.text();
		expect(res.status).toBe(200);
		expect(body).not.toContain(INTERNAL_NOTE);
		expect(body).not.toContain('INTERN');
		expect(body).not.toContain(CARD_MESSAGE);
		expect(body).not.toContain(s.reference);
		expect(Object.keys(JSON.parse(body)).sort()).toEqual([
			'expiresAt',
			'firstName',
			'items',
			'locale'
		]);
	});

	it('guessing tokens from one address is cut off with 429 after 30 a minute; another address still gets through', async () => {
		const attacker = ip();
		const statuses: number[] = [];
		for (let i = 0; i < 34; i++) {
			const guess = Buffer.from(crypto.getRandomValues(new Uint8Array(32))).toString('base64url');
			const res = await claim(guess, {
				ip: attacker,
				method: i % 2 ? 'POST' : 'GET',
				json: i % 2 ? invalid({ address: {}, consent: true }) : undefined
			});
			statuses.push(res.status);
			if (res.status === 429) expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
		}
		expect(statuses.slice(0, 30).every((s) => s === 404)).toBe(true);
		expect(statuses.slice(30)).toEqual([429, 429, 429, 429]);
		expect((await claim('A'.repeat(43), { ip: ip() })).status).toBe(404);
	});

	it('a new link replaces the unused one; only hub and admin create links; a planned surprise cannot get one', async () => {
		const s = await f.surprise();
		const first = await createLink(s.id);
		const second = await createLink(s.id, { locale: 'en' });
		expect(second.replaced).toBe(1);
		expect(second.locale).toBe('en');
		const client = ip();
		expect((await claim(tokenOf(first.url), { ip: client })).status).toBe(404);
		expect(
			(
				await expectStatus<{ locale: string }>(
					await claim(tokenOf(second.url), { ip: client }),
					200
				)
			).locale
		).toBe('en');

		const marketing = await t.user('marketing');
		expect(
			(
				await t.client.api.v1['claim-links'].$post(
					{ json: { surpriseId: s.id } },
					{ headers: marketing.headers }
				)
			).status
		).toBe(403);
		const list = await expectStatus<{ items: { id: string; status: string }[] }>(
			await t.client.api.v1['claim-links'].$get(
				{ query: { surpriseId: s.id } },
				{ headers: marketing.headers }
			),
			200
		);
		expect(list.items.map((l) => [l.id, l.status])).toEqual([[second.id, 'open']]);
		expect(JSON.stringify(list)).not.toContain(tokenOf(second.url));

		const planned = await f.surprise({ status: 'planned' });
		await expectProblem(
			await t.client.api.v1['claim-links'].$post(
				{ json: { surpriseId: planned.id } },
				{ headers: hub.headers }
			),
			409
		);
	});

	it('a cancelled surprise’s link stops working; a submit that finds the surprise moved on is rolled back', async () => {
		const s = await f.surprise();
		const { url } = await createLink(s.id);
		await database.db.execute(sql`update surprises set status = 'cancelled' where id = ${s.id}`);
		const client = ip();
		expect((await claim(tokenOf(url), { ip: client })).status).toBe(404);
		expect(
			(await claim(tokenOf(url), { method: 'POST', ip: client, json: validBody(s) })).status
		).toBe(404);
		expect((await f.links(s.id))[0]!.usedAt).toBeNull();
	});

	it('the last size in stock goes to one customer; the next one is asked to pick another', async () => {
		const a = await f.surprise({ stock: 1 });
		const { url } = await createLink(a.id);
		const client = ip();
		await database.db.execute(sql`update gift_variants set stock = 0 where id = ${a.large}`);
		const view = await expectStatus<{
			items: { id: string; variants: { id: string; available: boolean }[] }[];
		}>(await claim(tokenOf(url), { ip: client }), 200);
		expect(
			view.items.find((i) => i.id === a.socksItemId)!.variants.find((v) => v.id === a.large)!
				.available
		).toBe(false);
		const soldOut = await expectProblem(
			await claim(tokenOf(url), { method: 'POST', ip: client, json: validBody(a) }),
			409
		);
		expect(soldOut.fields).toEqual([`variantChoices.${a.socksItemId}`]);
		expect((await f.links(a.id))[0]!.usedAt).toBeNull();
		await expectStatus(
			await claim(tokenOf(url), {
				method: 'POST',
				ip: client,
				json: { ...validBody(a), variantChoices: { [a.socksItemId]: a.small } }
			}),
			200
		);
		expect(await f.stock(a.small)).toBe(0);
	});

	it('emails the link once, in the customer’s language; without an email address it says so', async () => {
		const s = await f.surprise({ locale: 'en', name: 'Jürgen Müller' });
		const link = await createLink(s.id, { sendEmail: true });
		expect(link.emailed).toBe(true);
		expect(link.locale).toBe('en');
		const [mail] = await database.db
			.select()
			.from(emailOutbox)
			.where(eq(emailOutbox.eventKey, `claim-link:${link.id}`));
		expect(mail!.toAddress).toBe(`"Jürgen Müller" <${s.customerEmail}>`);
		expect(mail!.subject).toBe('Jürgen, a surprise is waiting for you');
		expect(mail!.text).toContain(link.url);
		expect(mail!.html).toContain(`href="${link.url}"`);
		expect(mail!.html + mail!.text).not.toContain(INTERNAL_NOTE);
		expect(mail!.text).toContain('Sanne');
		expect((await f.links(s.id))[0]!.emailedAt).not.toBeNull();

		const noEmail = await f.surprise({ email: null });
		const problem = await expectProblem(
			await t.client.api.v1['claim-links'].$post(
				{ json: { surpriseId: noEmail.id, sendEmail: true } },
				{ headers: hub.headers }
			),
			400
		);
		expect(problem.fields).toEqual(['sendEmail']);
		expect(await f.status(noEmail.id)).toMatchObject({ status: 'approved' });
	});

	it('jobs: one reminder 2 days before expiry with a working link; on expiry the surprise goes back to the hub with a notice', async () => {
		const s = await f.surprise();
		const link = await createLink(s.id);
		const withoutEmail = await f.surprise({ email: null });
		const silent = await createLink(withoutEmail.id);
		const expiresAt = new Date(link.expiresAt).getTime();
		const at = (ms: number): Ctx => ({ ...t.ctx, now: () => new Date(ms) });

		await sendClaimReminders({ ctx: at(expiresAt - 3 * DAY) });
		expect(
			await database.db
				.select()
				.from(emailOutbox)
				.where(eq(emailOutbox.eventKey, `claim-reminder:${link.id}`))
		).toHaveLength(0);
		expect(
			(
				await sendClaimReminders({
					ctx: at(expiresAt - 2 * DAY + 60_000),
					input: { origin: 'https://hoppatee.example' }
				})
			).reminded
		).toBeGreaterThanOrEqual(1);
		expect(
			(
				await sendClaimReminders({
					ctx: at(expiresAt - 1 * DAY),
					input: { origin: 'https://hoppatee.example' }
				})
			).reminded
		).toBe(0);
		const reminders = await database.db
			.select()
			.from(emailOutbox)
			.where(eq(emailOutbox.eventKey, `claim-reminder:${link.id}`));
		expect(reminders).toHaveLength(1);
		expect(reminders[0]!.subject).toBe('Nog even, Zoë: je verrassing wacht op je adres');
		expect(
			await database.db
				.select()
				.from(emailOutbox)
				.where(eq(emailOutbox.eventKey, `claim-reminder:${silent.id}`))
		).toHaveLength(0);
		// The reminder's own link works (only hashes are stored, so it is a sibling of the first).
		const reminderToken = /https:\/\/hoppatee\.example\/claim\/([A-Za-z0-9_-]{43})/.exec(
			reminders[0]!.text
		)![1]!;
		expect(reminderToken).not.toBe(tokenOf(link.url));
		expect((await claim(reminderToken, { ip: ip() })).status).toBe(200);
		expect((await f.links(s.id)).every((l) => l.reminderSentAt !== null)).toBe(true);

		// (Other tests' links share this database: check these surprises, not the totals.)
		await expireClaimLinks({ ctx: at(expiresAt - 60_000) });
		expect(await f.status(s.id)).toMatchObject({ status: 'awaiting_address' });
		expect(
			(await expireClaimLinks({ ctx: at(expiresAt + 60_000) })).expired
		).toBeGreaterThanOrEqual(2);
		expect((await expireClaimLinks({ ctx: at(expiresAt + 120_000) })).expired).toBe(0);
		expect(await f.status(s.id)).toMatchObject({ status: 'approved' });
		expect(await f.status(withoutEmail.id)).toMatchObject({ status: 'approved' });
		const [back] = await database.db
			.select()
			.from(surpriseEvents)
			.where(
				and(
					eq(surpriseEvents.surpriseId, s.id),
					eq(surpriseEvents.toStatus, 'approved'),
					eq(surpriseEvents.fromStatus, 'awaiting_address')
				)
			);
		expect(back!.noteKey).toBe(EXPIRY_NOTE.key);
		expect(await auditRows(database, 'claim_link.expire', s.id)).toHaveLength(1);
		// Back with the hub, it can send a fresh link.
		const again = await createLink(s.id);
		expect((await claim(tokenOf(again.url), { ip: ip() })).status).toBe(200);
		expect(
			(await database.db.select().from(claimLinks).where(eq(claimLinks.surpriseId, s.id))).length
		).toBe(1);
	});
});
