/**
 * The lists' query plans: every query a list or search verb runs, EXPLAINed on 20,000 rows per
 * table after ANALYZE, reads its big tables through an index — so a change that brings back a
 * per-row sort or filter (a sequential scan of the whole table) fails here, not at a big brand.
 * The queries are the verbs' own, captured as they run, with their parameters.
 */
import { sql } from 'drizzle-orm';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import type { PGlite } from '@electric-sql/pglite';
import type postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database, Db } from '#db/client.ts';
import * as schema from '#db/schema/index.ts';
import { deleteExpiredSessions } from '#api/domain/accounts/resolve-actor.ts';
import type { Ctx } from '#api/domain/context.ts';
import { listCampaigns } from '#api/domain/campaigns/campaigns.ts';
import { listCustomers } from '#api/domain/customers/list-customers.ts';
import { listGifts } from '#api/domain/gifts/gifts.ts';
import { listNominations } from '#api/domain/nominations/list-nominations.ts';
import { listReactions } from '#api/domain/reactions/list-reactions.ts';
import { listOverdueSurprises, listSurprises } from '#api/domain/surprises/list-surprises.ts';
import { engines, freshDatabase } from '../../support/databases.ts';

const ROWS = 20_000;
/** Tables the seed fills with ROWS rows or more: none may be read by a sequential scan. */
const BIG = [
	'customers',
	'handles',
	'reactions',
	'surprises',
	'nominations',
	'gifts',
	'campaigns',
	'sessions'
];
const USER_ID = '00000009-0000-4000-8000-000000000001';
const id = (kind: number, n: string) =>
	`('0000000${kind}-0000-4000-8000-' || lpad(to_hex(${n}), 12, '0'))::uuid`;

const FIRST = `array['Zoë','Łukasz','Şükrü','Anouk','Daan','Émile','Jürgen','Noël','Søren','Inês','Ĳsbrand','Chloë','Björn','Renée','Thị Minh','François','Aïcha','Mårten','Dóra','Sanne','Ömer','Małgorzata','José','Niña','Ærøn']`;
const LAST = `array['van ''t Hek','Żółć','Öztürk','de Vries','Bakker','Müller','Nguyễn','Janssen','Brontë','Łęcki','van der Meulen','Doğan','Šimić','Østergaard','Kovač','d''Ancona','Peña','Ğüneş','Dvořák','El Idrissi']`;
const MIDDLES = `array['leuke verrassing van jullie','snelle reactie van de klantenservice','mooie bioscoopbon gekregen','fijne sokken, ze passen perfect','lange wachttijd voor mijn pakket','slechte ervaring met de bezorging','vriendelijke medewerker aan de lijn','really helpful team','prachtige kaart in de bus','vraag over mijn bestelling']`;

/** Deterministic rows in every list's table, by generate_series (the same on both engines). */
const SEED = [
	sql.raw(
		`insert into users (id, email, name, role, password_hash) values ('${USER_ID}', 'plans@example.test', 'Plan Tester', 'admin', 'x')`
	),
	sql.raw(`insert into customers (id, name, email, tier, created_at, erased_at)
		select ${id(1, 'i')}, (${FIRST})[1 + i % 25] || ' ' || (${LAST})[1 + (i / 25) % 20] || ' ' || i,
			case when i % 3 = 0 then 'klant' || i || '@example.test' end,
			(array['none','none','none','none','fan','supporter','advocate','ambassador'])[1 + i % 8]::tier,
			now() - i * interval '1 minute', case when i % 100 = 99 then now() end
		from generate_series(1, ${ROWS}) i`),
	sql.raw(`insert into handles (customer_id, channel, handle, handle_norm)
		select ${id(1, 'i')}, 'x'::channel, 'Klant_' || i, 'klant_' || i from generate_series(1, ${ROWS}) i
		union all
		select ${id(1, 'i')}, 'linkedin'::channel, 'klant-' || i, 'klant-' || i from generate_series(5, ${ROWS}, 5) i`),
	sql.raw(`insert into campaigns (id, name, kind, status, starts_on, ends_on, budget_cents, created_at)
		select ${id(4, 'i')}, 'Campagne ' || i, (array['always_on','day','contest','theme'])[1 + i % 4]::campaign_kind,
			(array['draft','submitted','approved','active','closed'])[1 + i % 5]::campaign_status,
			'2020-01-01', '2099-12-31', 100000000, now() - i * interval '1 hour'
		from generate_series(1, ${ROWS}) i`),
	sql.raw(`insert into gifts (id, name, kind, unit_cost_cents, active)
		select ${id(5, 'i')}, (array['Sokken','Bioscoopbon','Stroopwafels','Kaart','Mok'])[1 + i % 5] || ' ' || i,
			(array['item','voucher','card','experience','digital'])[1 + i % 5]::gift_kind, 100 + i, i % 10 <> 0
		from generate_series(1, ${ROWS}) i`),
	sql.raw(`insert into surprises (id, reference, customer_id, campaign_id, status, due_on, created_at)
		select ${id(2, 'i')}, 'HOP-' || lpad(i::text, 6, '0'), ${id(1, '1 + (i * 7) % ' + ROWS)}, ${id(4, '1 + i % 40')},
			(array['delivered','delivered','delivered','delivered','delivered','delivered','sent','planned','approved','awaiting_address','ready','printed','shipped','cancelled'])[1 + i % 14]::surprise_status,
			current_date - (i % 60) + 7, now() - i * interval '5 minutes'
		from generate_series(1, ${ROWS}) i`),
	sql.raw(`insert into nominations (customer_id, campaign_id, nominated_by, reason, status, created_at)
		select ${id(1, '1 + (i * 13) % ' + ROWS)}, case when i % 2 = 0 then ${id(4, '1 + i % 40')} end,
			case when i % 50 = 0 then '${USER_ID}'::uuid end, 'loyalty'::nomination_reason,
			(array['open','open','accepted','declined','expired'])[1 + i % 5]::nomination_status, now() - i * interval '3 minutes'
		from generate_series(1, ${ROWS}) i`),
	sql.raw(`insert into reactions (customer_id, surprise_id, channel, url, text, posted_at, kind, sentiment)
		select ${id(1, '1 + (i * 31) % ' + ROWS)}, case when i % 20 = 0 then ${id(2, '1 + i % ' + ROWS)} end,
			(array['x','x','x','facebook','instagram','linkedin','whatsapp','email'])[1 + i % 8]::channel,
			'https://x.com/k/status/' || i, 'Wat een ' || (${MIDDLES})[1 + (i * 7) % 10] || case when i % 2000 = 0 then ' stroopwafelijzer' else '' end,
			now() - i * interval '1 minute', (array['post','post','review','photo_video','comment','share'])[1 + i % 6]::reaction_kind,
			(array['positive','positive','positive','positive','positive','positive','positive','neutral','neutral','negative'])[1 + (i * 3) % 10]::sentiment
		from generate_series(1, ${ROWS * 2}) i`),
	sql.raw(`insert into sessions (token_hash, user_id, expires_at)
		select md5(i::text), '${USER_ID}', now() + (i - 10) * interval '1 minute' from generate_series(1, ${ROWS}) i`),
	sql.raw('analyze')
];

type Captured = { query: string; params: unknown[] };
type PlanNode = {
	'Node Type': string;
	'Relation Name'?: string;
	'Index Name'?: string;
	Plans?: PlanNode[];
};

function nodes(plan: PlanNode): PlanNode[] {
	return [plan, ...(plan.Plans ?? []).flatMap(nodes)];
}

describe.each(engines)('list query plans on %s', (engine) => {
	let database: Database;
	let captured: Captured[] = [];
	let ctx: Ctx;
	let explain: (q: Captured) => Promise<PlanNode>;

	beforeAll(async () => {
		database = await freshDatabase(engine);
		for (const statement of SEED) await database.db.execute(statement);
		const logger = {
			logQuery: (query: string, params: unknown[]) => void captured.push({ query, params })
		};
		const client = (database.db as unknown as { $client: unknown }).$client;
		let db: Db;
		if (engine === 'pglite') {
			const pg = client as PGlite;
			db = drizzlePglite(pg, { schema, logger }) as unknown as Db;
			explain = async ({ query, params }) => {
				const { rows } = await pg.query<{ 'QUERY PLAN': unknown }>(
					`explain (format json) ${query}`,
					params
				);
				return planOf(rows[0]!['QUERY PLAN']);
			};
		} else {
			const pg = client as postgres.Sql;
			db = drizzlePostgres(pg, { schema, logger }) as unknown as Db;
			explain = async ({ query, params }) => {
				const rows = await pg.unsafe(`explain (format json) ${query}`, params as never[]);
				return planOf(rows[0]!['QUERY PLAN']);
			};
		}
		ctx = {
			db,
			actor: {
				type: 'user',
				id: USER_ID,
				role: 'admin',
				name: 'Plan Tester',
				email: 'plans@example.test'
			},
			now: () => new Date()
		};
	}, 180_000);
	afterAll(async () => {
		await database?.close();
	});

	const planOf = (value: unknown): PlanNode =>
		(typeof value === 'string' ? JSON.parse(value) : value)[0].Plan as PlanNode;

	/** Runs the verb, then EXPLAINs every query it sent; returns the index names the plans use. */
	async function plansOf(run: (ctx: Ctx) => Promise<unknown>): Promise<string[]> {
		captured = [];
		await run(ctx);
		expect(captured.length).toBeGreaterThan(0);
		const indexes: string[] = [];
		for (const q of captured) {
			const all = nodes(await explain(q));
			const scans = all
				.filter((n) => n['Node Type'] === 'Seq Scan' && BIG.includes(n['Relation Name'] ?? ''))
				.map((n) => n['Relation Name']);
			expect(scans, `sequential scan of ${scans.join(', ')} in:\n${q.query}`).toEqual([]);
			indexes.push(...all.flatMap((n) => (n['Index Name'] ? [n['Index Name']] : [])));
		}
		return indexes;
	}

	const cursorOf = async (run: (ctx: Ctx) => Promise<{ nextCursor: string | null }>) => {
		const page = await run(ctx);
		expect(page.nextCursor).not.toBeNull();
		return page.nextCursor!;
	};

	it('customers: the first page, a next page, per tier and per channel', async () => {
		expect(await plansOf((ctx) => listCustomers({ ctx, input: {} }))).toContain(
			'customers_search_idx'
		);
		const cursor = await cursorOf((ctx) => listCustomers({ ctx, input: {} }));
		expect(await plansOf((ctx) => listCustomers({ ctx, input: { cursor } }))).toContain(
			'customers_search_idx'
		);
		expect(await plansOf((ctx) => listCustomers({ ctx, input: { tier: 'advocate' } }))).toContain(
			'customers_tier_search_idx'
		);
		await plansOf((ctx) => listCustomers({ ctx, input: { channel: 'linkedin' } }));
	});

	it('customers: search by name (accents folded), email and handle through the trigram indexes', async () => {
		for (const q of ['łęcki 123', 'zoe van', 'klant1234@', '@klant_4242', 'xyzzy']) {
			const used = await plansOf((ctx) => listCustomers({ ctx, input: { q } }));
			expect(used, q).toEqual(
				expect.arrayContaining(['customers_name_trgm_idx', 'handles_search_trgm_idx'])
			);
		}
		await plansOf((ctx) => listCustomers({ ctx, input: { q: 'janssen', tier: 'fan' } }));
	});

	it('reactions: newest first, per filter, a next page and the text search', async () => {
		expect(await plansOf((ctx) => listReactions({ ctx, input: {} }))).toContain(
			'reactions_posted_idx'
		);
		const cursor = await cursorOf((ctx) => listReactions({ ctx, input: {} }));
		await plansOf((ctx) => listReactions({ ctx, input: { cursor } }));
		expect(
			await plansOf((ctx) => listReactions({ ctx, input: { sentiment: 'negative' } }))
		).toContain('reactions_sentiment_posted_idx');
		await plansOf((ctx) => listReactions({ ctx, input: { channel: 'linkedin' } }));
		await plansOf((ctx) => listReactions({ ctx, input: { kind: 'review' } }));
		await plansOf((ctx) =>
			listReactions({ ctx, input: { customerId: '00000001-0000-4000-8000-000000000010' } })
		);
		await plansOf((ctx) =>
			listReactions({ ctx, input: { surpriseId: '00000002-0000-4000-8000-000000000015' } })
		);
		await plansOf((ctx) => listReactions({ ctx, input: { q: 'verrassing' } }));
		expect(
			await plansOf((ctx) => listReactions({ ctx, input: { q: 'stroopwafelijzer' } }))
		).toContain('reactions_text_trgm_idx');
		await plansOf((ctx) => listReactions({ ctx, input: { q: 'sokken', sentiment: 'negative' } }));
		expect(await plansOf((ctx) => listReactions({ ctx, input: { starred: 'true' } }))).toContain(
			'reactions_starred_idx'
		);
	});

	it('surprises: newest first, per status, campaign and customer, a next page, and the overdue list', async () => {
		await plansOf((ctx) => listSurprises({ ctx, input: {} }));
		const cursor = await cursorOf((ctx) => listSurprises({ ctx, input: {} }));
		await plansOf((ctx) => listSurprises({ ctx, input: { cursor } }));
		await plansOf((ctx) => listSurprises({ ctx, input: { status: 'awaiting_address' } }));
		await plansOf((ctx) =>
			listSurprises({ ctx, input: { campaignId: '00000004-0000-4000-8000-000000000003' } })
		);
		await plansOf((ctx) =>
			listSurprises({ ctx, input: { customerId: '00000001-0000-4000-8000-000000000007' } })
		);
		await plansOf((ctx) => listOverdueSurprises({ ctx, input: {} }));
	});

	it('nominations: newest first, per status, campaign, nominator and channel', async () => {
		await plansOf((ctx) => listNominations({ ctx, input: {} }));
		const cursor = await cursorOf((ctx) => listNominations({ ctx, input: {} }));
		await plansOf((ctx) => listNominations({ ctx, input: { cursor } }));
		await plansOf((ctx) => listNominations({ ctx, input: { status: 'open' } }));
		await plansOf((ctx) =>
			listNominations({ ctx, input: { campaignId: '00000004-0000-4000-8000-000000000003' } })
		);
		await plansOf((ctx) => listNominations({ ctx, input: { nominatedBy: USER_ID } }));
		await plansOf((ctx) => listNominations({ ctx, input: { channel: 'linkedin' } }));
	});

	it('gifts and campaigns: their order, a next page and their filters', async () => {
		expect(await plansOf((ctx) => listGifts({ ctx, input: {} }))).toContain('gifts_name_idx');
		const cursor = await cursorOf((ctx) => listGifts({ ctx, input: {} }));
		await plansOf((ctx) => listGifts({ ctx, input: { cursor } }));
		await plansOf((ctx) => listGifts({ ctx, input: { kind: 'voucher', active: true } }));
		expect(await plansOf((ctx) => listCampaigns({ ctx, input: {} }))).toContain(
			'campaigns_created_idx'
		);
		const next = await cursorOf((ctx) => listCampaigns({ ctx, input: {} }));
		await plansOf((ctx) => listCampaigns({ ctx, input: { cursor: next } }));
		await plansOf((ctx) => listCampaigns({ ctx, input: { status: 'active' } }));
		await plansOf((ctx) => listCampaigns({ ctx, input: { kind: 'contest' } }));
	});

	it('the session clean-up deletes the expired sessions, by the expiry index', async () => {
		const at = new Date();
		const deleted = await deleteExpiredSessions(ctx.db, at);
		expect(deleted).toBeGreaterThanOrEqual(9);
		const [left] = await database.db
			.select({
				expired: sql<number>`count(*) filter (where ${schema.sessions.expiresAt} <= ${at.toISOString()})`,
				all: sql<number>`count(*)`
			})
			.from(schema.sessions);
		expect(Number(left!.expired)).toBe(0);
		expect(Number(left!.all)).toBe(ROWS - deleted);
		expect(await plansOf((ctx) => deleteExpiredSessions(ctx.db, at))).toContain(
			'sessions_expires_idx'
		);
	});
});
