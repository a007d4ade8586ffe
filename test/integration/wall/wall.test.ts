import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '#db/client.ts';
import { displayLinks } from '#db/schema/index.ts';
import { sha256 } from '#api/domain/accounts/secrets.ts';
import { amsterdamWeekStart } from '#api/domain/wall/wall-feed.ts';
import { stopWallHub } from '#api/http/wall-hub.ts';
import { engines, freshDatabase } from '../../support/databases.ts';
import { auditRows, expectProblem, expectStatus } from '../../support/expect-http.ts';
import { invalid, testApi } from '../../support/api.ts';
import { sseReader } from '../../support/sse.ts';

const NAME = 'Marieke Hoogendoorn';
const EMAIL = 'marieke.hoogendoorn@example.test';
const NOTE = 'Belde boos over levering';

describe.each(engines)('the wall on %s', (engine) => {
	let database: Database;
	let t: ReturnType<typeof testApi>;
	let admin: Awaited<ReturnType<typeof t.user>>;
	let hub: Awaited<ReturnType<typeof t.user>>;
	let customerId: string;

	beforeAll(async () => {
		database = await freshDatabase(engine);
		t = testApi(database, { PUBLIC_ORIGIN: 'https://hoppatee.example' });
		admin = await t.user('admin');
		hub = await t.user('hub');
		const res = await t.client.api.v1.customers.$post(
			{
				json: {
					name: NAME,
					email: EMAIL,
					notes: NOTE,
					handles: [{ channel: 'instagram', handle: '@marieke_bakt' }]
				}
			},
			{ headers: hub.headers }
		);
		customerId = (await expectStatus<{ id: string }>(res, 201)).id;
	}, 60_000);
	afterAll(async () => {
		await stopWallHub(database.db);
		await database?.close();
	});

	async function createLink(json: Record<string, unknown> = {}) {
		const res = await t.client.api.v1['display-links'].$post(
			{ json: { name: 'Koffiehoek', ...json } },
			{ headers: admin.headers }
		);
		return expectStatus<{ id: string; token: string; url: string; prefix: string }>(res, 201);
	}
	const logReaction = (text: string, sentiment?: 'positive' | 'negative') =>
		t.client.api.v1.reactions.$post(
			{
				json: {
					customerId,
					channel: 'instagram',
					text,
					postedAt: new Date(Date.now() - 60_000).toISOString(),
					...(sentiment ? { sentiment } : {})
				}
			},
			{ headers: hub.headers }
		);
	const open = async (token: string, headers: Record<string, string> = {}) => {
		const res = await t.request(`/api/v1/wall/${token}/events`, { headers });
		expect(res.status).toBe(200);
		expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
		return sseReader(res.body!);
	};

	it('an admin creates, names and lists display links; the token is shown once and kept hashed; others may not', async () => {
		const link = await createLink({ theme: 'light', locale: 'en' });
		expect(link.url).toBe(`https://hoppatee.example/wall/${link.token}`);
		expect(link.token.length).toBeGreaterThanOrEqual(43);
		const [row] = await database.db.select().from(displayLinks).where(eq(displayLinks.id, link.id));
		expect(row!.tokenHash).toBe(sha256(link.token));
		expect(JSON.stringify(row)).not.toContain(link.token);
		expect(await auditRows(database, 'display_link.create', link.id)).toHaveLength(1);

		const renamed = await t.client.api.v1['display-links'][':id'].$patch(
			{ param: { id: link.id }, json: { name: 'Kantine' } },
			{ headers: admin.headers }
		);
		expect((await expectStatus<{ name: string }>(renamed, 200)).name).toBe('Kantine');
		const list = await expectStatus<{ items: { id: string; name: string }[] }>(
			await t.client.api.v1['display-links'].$get({}, { headers: admin.headers }),
			200
		);
		expect(list.items.find((l) => l.id === link.id)).toMatchObject({ name: 'Kantine' });
		expect(JSON.stringify(list)).not.toContain(link.token);

		await expectProblem(
			await t.client.api.v1['display-links'].$post(
				{ json: { name: 'x' } },
				{ headers: hub.headers }
			),
			403
		);
		const bad = await expectProblem(
			await t.client.api.v1['display-links'].$post(
				{ json: { name: invalid('  ') } },
				{ headers: admin.headers }
			),
			400
		);
		expect(bad.fields).toContain('name');
	});

	it('a reaction logged reaches an open wall within 2 s; the stream holds no names, emails or notes, and no negative ones', async () => {
		const link = await createLink();
		const wall = await open(link.token);
		await wall.next((e) => e.event === 'snapshot');
		const started = Date.now();
		expect(
			(await logReaction('Wat een heerlijke stroopwafels, dank jullie wel!', 'positive')).status
		).toBe(201);
		const arrived = await wall.next((e) => e.event === 'reaction', { timeoutMs: 2_000 });
		expect(Date.now() - started).toBeLessThan(2_000);
		expect(JSON.parse(arrived.data)).toMatchObject({
			handle: 'marieke_bakt',
			channel: 'instagram',
			text: 'Wat een heerlijke stroopwafels, dank jullie wel!'
		});
		expect(arrived.id).toBeTruthy();

		const before = wall.events.length;
		expect((await logReaction('Nooit meer, wat een slechte service', 'negative')).status).toBe(201);
		// The negative one moves the counters' read but never reaches this link's screen.
		await new Promise((r) => setTimeout(r, 500));
		const text = wall.text();
		expect(text).not.toContain('slechte service');
		expect(wall.events.slice(before).filter((e) => e.event === 'reaction')).toHaveLength(0);
		for (const secret of [NAME, 'Marieke Hoog', EMAIL, NOTE, customerId, 'instagram.com'])
			expect(text).not.toContain(secret);

		const snapshot = await expectStatus<{ reactions: { text: string }[] }>(
			await t.request(`/api/v1/wall/${link.token}`),
			200
		);
		expect(JSON.stringify(snapshot)).not.toContain(NAME);
		expect(JSON.stringify(snapshot)).not.toContain(EMAIL);
		expect(snapshot.reactions.map((r) => r.text)).not.toContain(
			'Nooit meer, wat een slechte service'
		);
		await wall.cancel();

		// A link that shows negative reactions, as the admin chose.
		const all = await createLink({ showNegative: true });
		const shown = await expectStatus<{ reactions: { text: string; sentiment: string }[] }>(
			await t.request(`/api/v1/wall/${all.token}`),
			200
		);
		expect(shown.reactions.map((r) => r.text)).toContain('Nooit meer, wat een slechte service');
	});

	it('a revoked link stops its open stream at once and answers 404 afterwards; other links keep streaming', async () => {
		const link = await createLink();
		const other = await createLink();
		const wall = await open(link.token);
		const otherWall = await open(other.token);
		await wall.next((e) => e.event === 'snapshot');
		const started = Date.now();
		const res = await t.client.api.v1['display-links'][':id'].revoke.$post(
			{ param: { id: link.id } },
			{ headers: admin.headers }
		);
		expect((await expectStatus<{ revokedAt: string | null }>(res, 200)).revokedAt).not.toBeNull();
		await wall.next((e) => e.event === 'revoked', { timeoutMs: 2_000 });
		await wall.closed;
		expect(Date.now() - started).toBeLessThan(2_000);
		expect(await auditRows(database, 'display_link.revoke', link.id)).toHaveLength(1);

		await expectProblem(await t.request(`/api/v1/wall/${link.token}/events`), 404);
		await expectProblem(await t.request(`/api/v1/wall/${link.token}`), 404);
		// Unknown and revoked look the same.
		await expectProblem(await t.request(`/api/v1/wall/wall_${'x'.repeat(43)}`), 404);
		expect(otherWall.ended).toBe(false);
		await otherWall.cancel();
	});

	it('a screen that reconnects with Last-Event-ID gets what it missed, then the counters', async () => {
		const link = await createLink();
		const first = await open(link.token);
		const snapshot = await first.next((e) => e.event === 'snapshot');
		const lastId = snapshot.id!;
		expect(lastId).toBeTruthy();
		await first.cancel();

		expect((await logReaction('Gemist op het scherm maar wel blij', 'positive')).status).toBe(201);
		expect((await logReaction('En nog een keer blij!', 'positive')).status).toBe(201);

		const again = await open(link.token, { 'last-event-id': lastId });
		const missed = [
			await again.next((e) => e.event === 'reaction'),
			await again.next((e) => e.event === 'reaction', { from: 1 })
		];
		expect(missed.map((e) => JSON.parse(e.data).text)).toEqual([
			'Gemist op het scherm maar wel blij',
			'En nog een keer blij!'
		]);
		const newest = JSON.parse(missed[1]!.data).id;
		const stats = JSON.parse(
			(await again.next((e) => e.event === 'stats' && JSON.parse(e.data).ids[0] === newest)).data
		);
		expect(stats.counters.positiveReactions).toBeGreaterThanOrEqual(3);
		expect(again.events.some((e) => e.event === 'snapshot')).toBe(false);
		await again.cancel();
	});

	it('the week starts on Monday 00:00 in Amsterdam, summer and winter time alike', () => {
		expect(amsterdamWeekStart(new Date('2026-12-09T12:00:00Z')).toISOString()).toBe(
			'2026-12-06T23:00:00.000Z'
		);
		expect(amsterdamWeekStart(new Date('2026-07-05T21:59:00Z')).toISOString()).toBe(
			'2026-06-28T22:00:00.000Z'
		);
		// Sunday 29 March 2026 the clocks went forward: that week began in winter time.
		expect(amsterdamWeekStart(new Date('2026-03-29T12:00:00Z')).toISOString()).toBe(
			'2026-03-22T23:00:00.000Z'
		);
		expect(amsterdamWeekStart(new Date('2026-03-29T22:00:00Z')).toISOString()).toBe(
			'2026-03-29T22:00:00.000Z'
		);
	});
});
