import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '#db/client.ts';
import { ambassadorScores, auditLog, customers, reactions } from '#db/schema/index.ts';
import { engines, freshDatabase } from '../../support/databases.ts';
import { testApi } from '../../support/api.ts';
import { expectProblem, expectStatus } from '../../support/expect-http.ts';
import { scoreFixtures } from '../scores/support.ts';

describe.each(engines)('reaction CSV import on %s', (engine) => {
	let database: Database;
	let t: ReturnType<typeof testApi>;
	let hub: Record<string, string>;
	let known: { id: string; handle: string };
	let giftRef: string;

	beforeAll(async () => {
		database = await freshDatabase(engine);
		t = testApi(database);
		hub = (await t.user('hub')).headers;
		const f = scoreFixtures(database);
		known = await f.customer({ handle: 'bekende_bea' });
		const other = await f.customer();
		giftRef = (
			await f.surprise(other.id, {
				status: 'delivered',
				approvedAt: new Date(Date.now() - 5 * 86_400_000)
			})
		).reference;
	}, 60_000);
	afterAll(async () => {
		await database?.close();
	});

	const count = async () =>
		Number(
			(
				(await database.db.select({ n: sql<number>`count(*)::int` }).from(reactions)) as [
					{ n: number }
				]
			)[0].n
		);
	const customerCount = async () =>
		Number(
			(
				(await database.db.select({ n: sql<number>`count(*)::int` }).from(customers)) as [
					{ n: number }
				]
			)[0].n
		);
	const preview = (csv: string) =>
		t.client.api.v1.reactions.import.preview.$post({ json: { csv } }, { headers: hub });
	const importCsv = (csv: string) =>
		t.client.api.v1.reactions.import.$post({ json: { csv } }, { headers: hub });

	const good = [
		'url;text;posted_at;kind;likes;followers',
		'https://x.com/bekende_bea/status/1001;Wat een leuke verrassing 😍;2026-11-20 14:05;photo_video;12;300',
		'https://twitter.com/Nieuwe_Nina/status/1002?s=20;"Top service,\nsnel geholpen 👍";20-11-2026 15:00;post;3;',
		'https://x.com/nieuwe_nina/status/1003;Slechte service 😡;2026-11-19T10:00:00Z;comment;;'
	].join('\n');

	it('previews row by row without writing: who posted, new customers, suggested sentiment, errors', async () => {
		const before = [await count(), await customerCount()];
		const mixed = [
			'url,handle,channel,text,posted_at,kind,surprise',
			'https://x.com/bekende_bea/status/2001,,,Leuk!,2026-11-20 10:00,post,',
			'https://www.instagram.com/p/AbC/,,,Mooi,2026-11-20 10:00,post,',
			'https://x.com/bekende_bea/status/2001,,,dubbel,2026-11-20 10:00,post,',
			',nina_nieuw,x,Hoi,gisteren,tweet,',
			`https://x.com/bekende_bea/status/2002,,,Dank,2026-11-20 10:00,post,${giftRef}`,
			'https://x.com/compleet_nieuw/status/2003,,,Super lief!,2026-11-20 10:00,review,'
		].join('\n');
		const body = await expectStatus<{
			rows: {
				line: number;
				status: string;
				errors: { field: string }[];
				customer: { id: string } | null;
				createsCustomer: boolean;
				suggestedSentiment: string | null;
			}[];
			valid: number;
			invalid: number;
			existing: number;
		}>(await preview(mixed), 200);
		expect(body).toMatchObject({ valid: 2, invalid: 4, existing: 0 });
		const byLine = Object.fromEntries(body.rows.map((r) => [r.line, r]));
		expect(byLine[2]).toMatchObject({
			status: 'new',
			customer: { id: known.id },
			createsCustomer: false,
			suggestedSentiment: 'positive'
		});
		expect(byLine[3]!.errors.map((e) => e.field)).toEqual(['handle']);
		expect(byLine[4]!.errors.map((e) => e.field)).toEqual(['url']); // same post as line 2
		expect(byLine[5]!.errors.map((e) => e.field).sort()).toEqual(['kind', 'posted_at']);
		expect(byLine[6]!.errors.map((e) => e.field)).toEqual(['surprise']); // another customer's surprise
		expect(byLine[7]).toMatchObject({ status: 'new', customer: null, createsCustomer: true });
		expect([await count(), await customerCount()]).toEqual(before);
	});

	it('imports all or nothing: one bad row is a 400 naming rows.<line>.<column>; nothing written, no customers created', async () => {
		const before = [await count(), await customerCount()];
		const bad = `${good}\nhttps://x.com/iemand_anders/status/1004;Hoi;morgen;post;;`;
		const problem = await expectProblem(await importCsv(bad), 400);
		expect(problem.fields).toEqual(['rows.6.posted_at']); // file lines: the quoted text on line 3 spans two
		expect([await count(), await customerCount()]).toEqual(before);
	});

	it('imports a good file: customers found or created, scores updated; the same file again adds nothing', async () => {
		const before = await customerCount();
		const body = await expectStatus<{
			imported: number;
			skipped: number;
			customersCreated: number;
		}>(await importCsv(good), 201);
		expect(body).toEqual({ imported: 3, skipped: 0, customersCreated: 1 });
		expect(await customerCount()).toBe(before + 1);
		const bea = await database.db
			.select()
			.from(reactions)
			.where(eq(reactions.customerId, known.id));
		expect(bea).toHaveLength(1);
		expect(bea[0]).toMatchObject({
			kind: 'photo_video',
			likes: 12,
			followers: 300,
			sentiment: 'positive',
			url: 'https://x.com/bekende_bea/status/1001'
		});
		expect(bea[0]!.postedAt.toISOString()).toBe('2026-11-20T13:05:00.000Z'); // Amsterdam time
		const nina = await database.db
			.select()
			.from(reactions)
			.where(eq(reactions.url, 'https://x.com/nieuwe_nina/status/1002'));
		expect(nina[0]!.text).toBe('Top service,\nsnel geholpen 👍');
		const [score] = await database.db
			.select()
			.from(ambassadorScores)
			.where(eq(ambassadorScores.customerId, known.id));
		expect(score!.reactionCount).toBe(1);
		const [audit] = await database.db
			.select()
			.from(auditLog)
			.where(eq(auditLog.action, 'reaction.import'));
		expect(audit!.data).toEqual({ imported: 3, skipped: 0, customersCreated: 1 });

		const again = await expectStatus<{ imported: number; skipped: number }>(
			await importCsv(good),
			201
		);
		expect(again).toMatchObject({ imported: 0, skipped: 3 });
	});

	it('refuses files it cannot read, on the field csv', async () => {
		expect((await expectProblem(await importCsv('foo,bar\n1,2'), 400)).fields).toEqual(['csv']);
		expect(
			(await expectProblem(await importCsv('url,text\nhttps://x.com/a/status/1,hoi'), 400)).fields
		).toEqual(['csv']); // no posted_at
		expect((await expectProblem(await importCsv('url,posted_at\n'), 400)).fields).toEqual(['csv']); // no rows
		expect(
			(await expectProblem(await importCsv('url,posted_at\n"https://x.com/a,2026-01-01'), 400))
				.fields
		).toEqual(['csv']); // broken quote
		expect((await expectProblem(await importCsv(' '), 400)).fields).toEqual(['csv']);
	});
});
