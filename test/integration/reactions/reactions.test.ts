import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '#db/client.ts';
import { auditLog, customers, reactions } from '#db/schema/index.ts';
import { engines, freshDatabase } from '../../support/databases.ts';
import { testApi, type JsonOf, invalid, type QueryOf } from '../../support/api.ts';
import { expectProblem, expectStatus } from '../../support/expect-http.ts';
import { scoreFixtures } from '../scores/support.ts';

type Reaction = {
	id: string;
	customerId: string;
	customer: { id: string; name: string; tier: string };
	surpriseId: string | null;
	channel: string;
	url: string | null;
	text: string;
	postedAt: string;
	kind: string;
	sentiment: string;
	suggestedSentiment: string | null;
	sentimentOverridden: boolean;
	sentimentBasis: {
		language: string;
		score: number;
		drivers: { text: string; weight: number; count: number; source: string }[];
	};
	followers: number;
};
type Logged = {
	reaction: Reaction;
	created: boolean;
	customerCreated: boolean;
	suggestedSurpriseId: string | null;
	customerScore: { score: number; tier: string; previousTier: string };
};

const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000).toISOString();
let seq = 0;
const postUrl = (handle: string) => `https://x.com/${handle}/status/${Date.now()}${++seq}`;

describe.each(engines)('reactions API on %s', (engine) => {
	let database: Database;
	let t: ReturnType<typeof testApi>;
	let hub: Record<string, string>;
	let marketing: Record<string, string>;
	let writer: Record<string, string>;
	let reader: Record<string, string>;
	let f: ReturnType<typeof scoreFixtures>;

	beforeAll(async () => {
		database = await freshDatabase(engine);
		t = testApi(database);
		hub = (await t.user('hub')).headers;
		marketing = (await t.user('marketing')).headers;
		writer = (await t.token(['reactions:write'])).headers;
		reader = (await t.token(['reactions:read'])).headers;
		f = scoreFixtures(database);
	}, 60_000);
	afterAll(async () => {
		await database?.close();
	});

	const log = (json: JsonOf<typeof t.client.api.v1.reactions.$post>, headers = hub) =>
		t.client.api.v1.reactions.$post({ json }, { headers });
	const patch = (
		id: string,
		json: JsonOf<(typeof t.client.api.v1.reactions)[':id']['$patch']>,
		headers = hub
	) => t.client.api.v1.reactions[':id'].$patch({ param: { id }, json }, { headers });

	it('logs a reaction from a pasted post link: customer created by handle, sentiment suggested with its words, score and tier', async () => {
		const res = await log({
			url: 'https://twitter.com/SanneBakker/status/1857?s=20',
			text: '  Wat een leuke verrassing van @stroopwafel! 😍🎉  ',
			postedAt: minutesAgo(5),
			kind: 'photo_video',
			followers: 120
		});
		const body = await expectStatus<Logged>(res, 201);
		expect(body.created).toBe(true);
		expect(body.customerCreated).toBe(true);
		expect(body.reaction).toMatchObject({
			channel: 'x',
			url: 'https://x.com/sannebakker/status/1857',
			text: 'Wat een leuke verrassing van @stroopwafel! 😍🎉',
			kind: 'photo_video',
			sentiment: 'positive',
			suggestedSentiment: 'positive',
			sentimentOverridden: false,
			followers: 120,
			customer: { name: 'SanneBakker' }
		});
		expect(body.reaction.sentimentBasis.drivers.map((d) => d.text)).toEqual(
			expect.arrayContaining(['😍', '🎉', 'leuke'])
		);
		// 1 × 1.5 × 1.5 × ~1 × (1 + log10(121)/4 = 1.5207) = 3.42 → supporter
		expect(body.customerScore.score).toBeCloseTo(1.5 * 1.5 * (1 + Math.log10(121) / 4), 3);
		expect(body.customerScore).toMatchObject({ tier: 'supporter', previousTier: 'none' });
		const [customer] = await database.db
			.select()
			.from(customers)
			.where(eq(customers.id, body.reaction.customerId));
		expect(customer!.tier).toBe('supporter');

		const [audit] = await database.db
			.select()
			.from(auditLog)
			.where(and(eq(auditLog.action, 'reaction.create'), eq(auditLog.entityId, body.reaction.id)));
		expect(audit).toBeDefined();
		expect(JSON.stringify(audit!.data)).not.toContain('verrassing'); // no personal text in the audit log
	});

	it('stores and returns the text verbatim as JSON text: <script> stays a string, nothing is interpreted', async () => {
		const text =
			'<script>alert("x")</script> <img src=x onerror=alert(1)> & "quotes" \'single\' Zoë 🧦\nsecond line';
		const body = await expectStatus<Logged>(
			await log({ url: postUrl('xss_tester'), text, postedAt: minutesAgo(1) }),
			201
		);
		expect(body.reaction.text).toBe(text);
		const res = await t.client.api.v1.reactions[':id'].$get(
			{ param: { id: body.reaction.id } },
			{ headers: hub }
		);
		expect(res.headers.get('content-type')).toContain('application/json');
		const raw = await res.text();
		expect(raw).toContain('"text":"<script>alert(\\"x\\")</script>');
		expect(JSON.parse(raw).text).toBe(text);
		const [row] = await database.db
			.select({ text: reactions.text })
			.from(reactions)
			.where(eq(reactions.id, body.reaction.id));
		expect(row!.text).toBe(text);
	});

	it('by API token: reactions:write logs, the same post again (any spelling) is a 200 with the same reaction; Idempotency-Key replays', async () => {
		const url = `https://x.com/webcare_fan/status/${Date.now()}`;
		const first = await expectStatus<Logged>(
			await log({ url, text: 'Top service 👍', postedAt: minutesAgo(3) }, writer),
			201
		);
		const again = await log(
			{
				url: url.replace('https://x.com/webcare_fan', 'twitter.com/Webcare_Fan') + '?s=46',
				text: 'changed',
				postedAt: minutesAgo(2)
			},
			writer
		);
		const second = await expectStatus<Logged>(again, 200);
		expect(second.created).toBe(false);
		expect(second.reaction.id).toBe(first.reaction.id);
		expect(second.reaction.text).toBe('Top service 👍');
		expect(
			await database.db.select().from(reactions).where(eq(reactions.url, first.reaction.url!))
		).toHaveLength(1);

		const key = { 'Idempotency-Key': `reaction-${Date.now()}` };
		const body = { url: postUrl('idem_fan'), text: 'Dank!', postedAt: minutesAgo(1) };
		const a = await log(body, { ...writer, ...key });
		const b = await log(body, { ...writer, ...key });
		expect(a.status).toBe(201);
		expect(b.status).toBe(201);
		expect(b.headers.get('Idempotent-Replayed')).toBe('true');
		expect((await b.json()).reaction.id).toBe((await a.json()).reaction.id);
		expect((await log({ ...body, text: 'other' }, { ...writer, ...key })).status).toBe(422);
	});

	it('access: marketing and reactions:read read but cannot log; anonymous is 401', async () => {
		const body = { url: postUrl('nobody'), postedAt: minutesAgo(1) };
		await expectProblem(await log(body, marketing), 403);
		await expectProblem(await log(body, reader), 403);
		await expectProblem(await log(body, {}), 401);
		expect(
			(await t.client.api.v1.reactions.$get({ query: {} }, { headers: marketing })).status
		).toBe(200);
		expect((await t.client.api.v1.reactions.$get({ query: {} }, { headers: reader })).status).toBe(
			200
		);
		await expectProblem(
			await t.client.api.v1.reactions.$get({ query: {} }, { headers: writer }),
			403
		);
	});

	it.each([
		['no post time', { url: 'https://x.com/a_b/status/1' }, 'postedAt'],
		[
			'a post time that is not a date',
			{ url: 'https://x.com/a_b/status/1', postedAt: 'gisteren' },
			'postedAt'
		],
		[
			'a post from the future',
			{
				url: 'https://x.com/a_b/status/1',
				postedAt: new Date(Date.now() + 86_400_000).toISOString()
			},
			'postedAt'
		],
		[
			'an unknown kind',
			{ url: 'https://x.com/a_b/status/1', postedAt: minutesAgo(1), kind: 'tweet' },
			'kind'
		],
		[
			'an unknown sentiment',
			{ url: 'https://x.com/a_b/status/1', postedAt: minutesAgo(1), sentiment: 'happy' },
			'sentiment'
		],
		[
			'negative likes',
			{ url: 'https://x.com/a_b/status/1', postedAt: minutesAgo(1), likes: -1 },
			'likes'
		],
		[
			'fractional followers',
			{ url: 'https://x.com/a_b/status/1', postedAt: minutesAgo(1), followers: 1.5 },
			'followers'
		],
		['nothing that says who posted', { postedAt: minutesAgo(1), text: 'hoi' }, 'url'],
		['a link that is not one', { url: 'javascript:alert(1)', postedAt: minutesAgo(1) }, 'url'],
		[
			'a link to a site we do not read, without a customer',
			{ url: 'https://www.trustpilot.com/reviews/1', postedAt: minutesAgo(1) },
			'handle'
		],
		[
			'an Instagram post link without the handle',
			{ url: 'https://www.instagram.com/p/CxYz12/', postedAt: minutesAgo(1) },
			'handle'
		],
		[
			'a control character in the text',
			{ url: 'https://x.com/a_b/status/1', postedAt: minutesAgo(1), text: 'a\u0000b' },
			'text'
		],
		[
			'a text of 10,001 characters',
			{ url: 'https://x.com/a_b/status/1', postedAt: minutesAgo(1), text: 'a'.repeat(10_001) },
			'text'
		],
		[
			'a customer that does not exist',
			{ customerId: crypto.randomUUID(), postedAt: minutesAgo(1) },
			'customerId'
		]
	])('refuses %s: problem+json 400 naming the field', async (_what, body, field) => {
		const problem = await expectProblem(await log(invalid(body)), 400);
		expect(problem.fields).toContain(field);
	});

	it('an Instagram post with the handle typed (or a profile link) finds or creates the customer there', async () => {
		const body = await expectStatus<Logged>(
			await log({
				url: 'https://www.instagram.com/p/CxYz12AbC/?igsh=1',
				handle: 'instagram.com/zoe.hek',
				postedAt: minutesAgo(10)
			}),
			201
		);
		expect(body.reaction).toMatchObject({
			channel: 'instagram',
			url: 'https://instagram.com/p/CxYz12AbC'
		});
		const again = await expectStatus<Logged>(
			await log({
				url: 'https://instagram.com/p/Other1/',
				handle: '@Zoe.Hek',
				postedAt: minutesAgo(9)
			}),
			201
		);
		expect(again.reaction.customerId).toBe(body.reaction.customerId);
		expect(again.customerCreated).toBe(false);
	});

	it('links a surprise only of the same customer, and suggests the one whose gift window holds the post', async () => {
		const alice = await f.customer();
		const bob = await f.customer();
		const gift = await f.surprise(alice.id, {
			status: 'delivered',
			approvedAt: new Date(Date.now() - 10 * 86_400_000),
			deliveredAt: new Date(Date.now() - 5 * 86_400_000)
		});
		const wrong = await log({ customerId: bob.id, postedAt: minutesAgo(1), surpriseId: gift.id });
		expect((await expectProblem(wrong, 400)).fields).toEqual(['surpriseId']);

		const unlinked = await expectStatus<Logged>(
			await log({
				customerId: alice.id,
				postedAt: minutesAgo(1),
				text: 'Dank jullie wel!',
				sentiment: 'positive'
			}),
			201
		);
		expect(unlinked.suggestedSurpriseId).toBe(gift.id);
		// Inside the gift window: no spontaneity bonus, linked or not (1 × 1 × 1 × ~1 × 1).
		expect(unlinked.customerScore.score).toBeCloseTo(1, 3);

		const suggestion = await expectStatus<{
			suggestedSurpriseId: string;
			customer: { id: string };
			sentiment: { sentiment: string };
		}>(
			await t.client.api.v1.reactions.suggest.$post(
				{ json: { customerId: alice.id, text: 'Slechte service 😡', postedAt: minutesAgo(1) } },
				{ headers: hub }
			),
			200
		);
		expect(suggestion).toMatchObject({
			suggestedSurpriseId: gift.id,
			customer: { id: alice.id },
			sentiment: { sentiment: 'negative' }
		});

		const linked = await expectStatus<Reaction>(
			await patch(unlinked.reaction.id, { surpriseId: gift.id }),
			200
		);
		expect(linked.surpriseId).toBe(gift.id);
		const bySurprise = await expectStatus<{ items: Reaction[] }>(
			await t.client.api.v1.reactions.$get({ query: { surpriseId: gift.id } }, { headers: hub }),
			200
		);
		expect(bySurprise.items.map((r) => r.id)).toEqual([unlinked.reaction.id]);
	});

	it('suggest: who posted, whether it is logged already, nothing written', async () => {
		const first = await expectStatus<Logged>(
			await log({ url: postUrl('suggest_me'), postedAt: minutesAgo(1) }),
			201
		);
		const count = (await database.db.select().from(reactions)).length;
		const s = await expectStatus<{
			existingReactionId: string | null;
			customer: { id: string } | null;
			handle: string;
			sentiment: { drivers: unknown[] };
		}>(
			await t.client.api.v1.reactions.suggest.$post(
				{ json: { url: first.reaction.url, text: 'Super lief! ❤️' } },
				{ headers: hub }
			),
			200
		);
		expect(s.existingReactionId).toBe(first.reaction.id);
		expect(s.customer!.id).toBe(first.reaction.customerId);
		const unknown = await expectStatus<{ customer: null; handle: string; channel: string }>(
			await t.client.api.v1.reactions.suggest.$post(
				{ json: { url: 'https://x.com/brand_new_one/status/9' } },
				{ headers: hub }
			),
			200
		);
		expect(unknown).toMatchObject({ customer: null, handle: 'brand_new_one', channel: 'x' });
		const half = await expectStatus<{
			authorProblem: { field: string };
			sentiment: { sentiment: string };
		}>(
			await t.client.api.v1.reactions.suggest.$post(
				{ json: { url: 'https://www.instagram.com/p/Abc123/', text: 'Top 👍' } },
				{ headers: hub }
			),
			200
		);
		expect(half).toMatchObject({
			authorProblem: { field: 'handle' },
			sentiment: { sentiment: 'positive' }
		});
		expect((await database.db.select().from(reactions)).length).toBe(count);
	});

	it('PATCH: a chosen sentiment overrides and the suggestion stays; a new text re-suggests only when not overridden', async () => {
		const body = await expectStatus<Logged>(
			await log({ url: postUrl('override_me'), text: 'Top service 👍', postedAt: minutesAgo(30) }),
			201
		);
		const id = body.reaction.id;
		const overridden = await expectStatus<Reaction>(await patch(id, { sentiment: 'neutral' }), 200);
		expect(overridden).toMatchObject({
			sentiment: 'neutral',
			suggestedSentiment: 'positive',
			sentimentOverridden: true
		});
		const retexted = await expectStatus<Reaction>(
			await patch(id, { text: 'Slechte service 😡' }),
			200
		);
		expect(retexted).toMatchObject({
			sentiment: 'neutral',
			suggestedSentiment: 'negative',
			sentimentOverridden: true
		});

		const other = await expectStatus<Logged>(
			await log({ url: postUrl('follow_me'), text: 'Top service 👍', postedAt: minutesAgo(30) }),
			201
		);
		const followed = await expectStatus<Reaction>(
			await patch(other.reaction.id, { text: 'Slechte service 😡' }),
			200
		);
		expect(followed).toMatchObject({
			sentiment: 'negative',
			suggestedSentiment: 'negative',
			sentimentOverridden: false
		});

		expect((await expectProblem(await patch(id, { url: other.reaction.url }), 409)).fields).toEqual(
			['url']
		);
		expect((await expectProblem(await patch(id, {}), 400)).detail).toBeTruthy();
		expect((await expectProblem(await patch(id, { kind: invalid('tweet') }), 400)).fields).toEqual([
			'kind'
		]);
		await expectProblem(await patch(crypto.randomUUID(), { kind: 'post' }), 404);
		await expectProblem(await patch(id, { kind: 'post' }, marketing), 403);
		const [audit] = await database.db
			.select()
			.from(auditLog)
			.where(and(eq(auditLog.action, 'reaction.update'), eq(auditLog.entityId, id)));
		expect(audit!.data).toMatchObject({
			fields: ['sentiment'],
			sentiment: { before: 'positive', after: 'neutral' }
		});
	});

	it('moving a reaction to another customer rescores both; deleting rescores and is gone', async () => {
		const a = await f.customer();
		const b = await f.customer();
		const logged = await expectStatus<Logged>(
			await log({
				customerId: a.id,
				postedAt: minutesAgo(1),
				kind: 'photo_video',
				followers: 9_999,
				sentiment: 'positive'
			}),
			201
		);
		expect(logged.customerScore.tier).toBe('supporter'); // 1 × 1.5 × 1.5 × 1 × 2 = 4.5
		await expectStatus(await patch(logged.reaction.id, { customerId: b.id }), 200);
		const scoreOf = async (id: string) =>
			await expectStatus<{ score: number; tier: string }>(
				await t.client.api.v1.customers[':id'].score.$get({ param: { id } }, { headers: hub }),
				200
			);
		expect(await scoreOf(a.id)).toMatchObject({ score: 0, tier: 'none' });
		expect((await scoreOf(b.id)).tier).toBe('supporter');

		expect(
			(
				await t.client.api.v1.reactions[':id'].$delete(
					{ param: { id: logged.reaction.id } },
					{ headers: marketing }
				)
			).status
		).toBe(403);
		const del = await t.client.api.v1.reactions[':id'].$delete(
			{ param: { id: logged.reaction.id } },
			{ headers: writer }
		);
		expect(await expectStatus(del, 200)).toEqual({ id: logged.reaction.id, customerId: b.id });
		expect(await scoreOf(b.id)).toMatchObject({ score: 0, tier: 'none' });
		await expectProblem(
			await t.client.api.v1.reactions[':id'].$get(
				{ param: { id: logged.reaction.id } },
				{ headers: hub }
			),
			404
		);
		await expectProblem(
			await t.client.api.v1.reactions[':id'].$delete(
				{ param: { id: logged.reaction.id } },
				{ headers: hub }
			),
			404
		);
	});

	it('lists newest post first with filters and a cursor', async () => {
		const c = await f.customer();
		const made: string[] = [];
		const specs = [
			{ sentiment: 'positive', kind: 'post', text: 'Eerste leuke post', minutes: 50 },
			{ sentiment: 'negative', kind: 'review', text: 'Slechte review', minutes: 40 },
			{ sentiment: 'neutral', kind: 'comment', text: 'Een vraag', minutes: 30 },
			{ sentiment: 'positive', kind: 'photo_video', text: 'Foto van de SOKKEN', minutes: 20 },
			{ sentiment: 'positive', kind: 'share', text: '100% blij', minutes: 10 }
		] as const;
		for (const s of specs)
			made.push(
				(
					await expectStatus<Logged>(
						await log({
							customerId: c.id,
							postedAt: minutesAgo(s.minutes),
							kind: s.kind,
							sentiment: s.sentiment,
							text: s.text
						}),
						201
					)
				).reaction.id
			);
		const list = async (q: QueryOf<typeof t.client.api.v1.reactions.$get>) =>
			expectStatus<{ items: Reaction[]; nextCursor: string | null }>(
				await t.client.api.v1.reactions.$get(
					{ query: { customerId: c.id, ...q } },
					{ headers: hub }
				),
				200
			);
		const page1 = await list({ limit: '2' });
		expect(page1.items.map((r) => r.id)).toEqual([made[4], made[3]]);
		const page2 = await list({ limit: '2', cursor: page1.nextCursor! });
		const page3 = await list({ limit: '2', cursor: page2.nextCursor! });
		expect([...page2.items, ...page3.items].map((r) => r.id)).toEqual([made[2], made[1], made[0]]);
		expect(page3.nextCursor).toBeNull();
		expect((await list({ sentiment: 'positive' })).items).toHaveLength(3);
		expect((await list({ kind: 'review' })).items.map((r) => r.id)).toEqual([made[1]]);
		expect((await list({ q: 'sokken' })).items.map((r) => r.id)).toEqual([made[3]]);
		expect((await list({ q: '%' })).items.map((r) => r.id)).toEqual([made[4]]); // % is literal
		expect((await list({ from: minutesAgo(35) })).items).toHaveLength(3);
		expect((await list({ sentiment: '' })).items).toHaveLength(5); // empty = all
		expect(
			(
				await expectProblem(
					await t.client.api.v1.reactions.$get(
						{ query: { sentiment: invalid('happy') } },
						{ headers: hub }
					),
					400
				)
			).fields
		).toEqual(['sentiment']);
		expect(
			(
				await expectProblem(
					await t.client.api.v1.reactions.$get({ query: { cursor: 'nonsense' } }, { headers: hub }),
					400
				)
			).fields
		).toEqual(['cursor']);
		expect(
			(
				await expectProblem(
					await t.client.api.v1.reactions.$get({ query: { limit: '500' } }, { headers: hub }),
					400
				)
			).fields
		).toEqual(['limit']);
	});
});
