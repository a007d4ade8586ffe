import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canonicalHandle } from '#api/domain/customers/handles.ts';
import type { Database } from '#db/client.ts';
import {
	campaignStatuses,
	giftKinds,
	nominationStatuses,
	surpriseStatuses,
	tiers
} from '#db/schema/index.ts';
import {
	DEMO_PASSWORD,
	DEMO_STAFF,
	DemoAlreadySeededError,
	seedDemo,
	type SeedDemoResult
} from '#api/seed/demo.ts';
import { buildDemoPlan } from '#api/seed/demo/plan.ts';
import { engines, freshDatabase } from '../../support/databases.ts';

/** Rows of a raw query: postgres.js returns an array, PGlite an object with `rows`. */
async function rows<T>(database: Database, query: ReturnType<typeof sql>): Promise<T[]> {
	const result = (await database.db.execute(query)) as unknown;
	return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
}
const num = (v: unknown) => Number(v);

describe.each(engines)('demo seed on %s', (engine) => {
	let database: Database;
	let result: SeedDemoResult;

	beforeAll(async () => {
		database = await freshDatabase(engine);
		result = await seedDemo(database.db);
		console.log(`[${engine}] demo seed: ${result.ms} ms`, result.rows);
	});

	afterAll(async () => {
		await database?.close();
	});

	it('reports what it created, with the four demo logins', async () => {
		expect(result.customers).toBe(200);
		expect(result.reactions).toBe(300);
		expect(result.surprises).toBeGreaterThanOrEqual(100);
		expect(result.logins).toEqual(
			DEMO_STAFF.map((s) => ({ email: s.email, role: s.role, name: s.name }))
		);
		expect(DEMO_PASSWORD.length).toBeGreaterThanOrEqual(12);
		const users = await rows<{ email: string; role: string; password_hash: string }>(
			database,
			sql`select email, role, password_hash from users order by email`
		);
		expect(users.map((u) => [u.email, u.role]).sort()).toEqual(
			DEMO_STAFF.map((s) => [s.email, s.role]).sort()
		);
		for (const u of users) expect(u.password_hash).toMatch(/^\$argon2id\$/);
		const [counts] = await rows<Record<string, unknown>>(
			database,
			sql`select (select count(*) from customers) customers, (select count(*) from surprises) surprises, (select count(*) from reactions) reactions,
                 (select count(*) from gifts) gifts, (select count(*) from voucher_codes) codes, (select count(*) from campaigns) campaigns`
		);
		expect(num(counts!.customers)).toBe(result.customers);
		expect(num(counts!.surprises)).toBe(result.surprises);
		expect(num(counts!.reactions)).toBe(result.reactions);
		expect(num(counts!.gifts)).toBe(6);
		expect(num(counts!.codes)).toBe(30);
	});

	it('has every surprise, campaign and nomination status, every tier and gift kind', async () => {
		const present = async (query: ReturnType<typeof sql>) =>
			(await rows<{ v: string }>(database, query)).map((r) => r.v).sort();
		expect(await present(sql`select distinct status::text v from surprises`)).toEqual(
			[...surpriseStatuses].sort()
		);
		expect(await present(sql`select distinct status::text v from campaigns`)).toEqual(
			[...campaignStatuses].sort()
		);
		expect(await present(sql`select distinct status::text v from nominations`)).toEqual(
			[...nominationStatuses].sort()
		);
		expect(await present(sql`select distinct tier::text v from customers`)).toEqual(
			[...tiers].sort()
		);
		expect(await present(sql`select distinct kind::text v from gifts`)).toEqual(
			[...giftKinds].sort()
		);
		expect(await present(sql`select distinct kind::text v from campaigns`)).toEqual([
			'always_on',
			'contest',
			'day',
			'theme'
		]);
		expect(await present(sql`select distinct channel::text v from handles`)).toEqual([
			'email',
			'facebook',
			'instagram',
			'linkedin',
			'whatsapp',
			'x'
		]);
	});

	it('never has negative stock, and one sock size runs low', async () => {
		const variants = await rows<{ name: string; stock: number; low_stock_threshold: number }>(
			database,
			sql`select name, stock, low_stock_threshold from gift_variants`
		);
		expect(variants.map((v) => v.name).sort()).toEqual(['36–40', '41–46']);
		for (const v of variants) expect(num(v.stock)).toBeGreaterThanOrEqual(0);
		expect(variants.some((v) => num(v.stock) <= num(v.low_stock_threshold))).toBe(true);
	});

	it('gives each assigned voucher code to exactly one surprise, and each voucher surprise its code', async () => {
		const mismatches = await rows(
			database,
			sql`select vc.id from voucher_codes vc
          left join surprise_items si on si.voucher_code_id = vc.id
          where vc.surprise_id is not null and (si.id is null or si.surprise_id <> vc.surprise_id)
          union all
          select si.id from surprise_items si join voucher_codes vc on vc.id = si.voucher_code_id where vc.surprise_id is distinct from si.surprise_id`
		);
		expect(mismatches).toEqual([]);
		const [{ assigned, items }] = (await rows<{ assigned: unknown; items: unknown }>(
			database,
			sql`select (select count(*) from voucher_codes where surprise_id is not null) assigned, (select count(*) from surprise_items where voucher_code_id is not null) items`
		)) as [{ assigned: unknown; items: unknown }];
		expect(num(assigned)).toBeGreaterThan(0);
		expect(num(assigned)).toBe(num(items));
		// Cinema vouchers that hold budget hold a code; planned and cancelled ones hold none.
		const missing = await rows(
			database,
			sql`select s.reference from surprises s join surprise_items si on si.surprise_id = s.id join gifts g on g.id = si.gift_id
          where g.name = 'Bioscoopbon' and ((s.status in ('planned', 'cancelled')) = (si.voucher_code_id is not null))`
		);
		expect(missing).toEqual([]);
	});

	it('keeps campaign money consistent with the surprises and within budget', async () => {
		const money = await rows<{
			name: string;
			budget: unknown;
			reserved: unknown;
			spent: unknown;
			want_reserved: unknown;
			want_spent: unknown;
			n: unknown;
			max: unknown;
		}>(
			database,
			sql`select c.name, c.budget_cents budget, c.reserved_cents reserved, c.spent_cents spent, c.max_surprises max,
            coalesce(sum(s.cost_cents + s.postage_cents) filter (where s.status in ('approved', 'awaiting_address', 'ready', 'printed', 'shipped', 'delivered', 'sent')), 0) want_reserved,
            coalesce(sum(s.cost_cents + s.postage_cents) filter (where s.status in ('shipped', 'delivered', 'sent')), 0) want_spent,
            count(s.id) filter (where s.status <> 'cancelled') n
          from campaigns c left join surprises s on s.campaign_id = c.id group by c.id`
		);
		for (const c of money) {
			expect(num(c.reserved), c.name).toBe(num(c.want_reserved));
			expect(num(c.spent), c.name).toBe(num(c.want_spent));
			expect(num(c.reserved), c.name).toBeLessThanOrEqual(num(c.budget));
			// Spent is part of reserved, as the lifecycle keeps it.
			expect(num(c.spent), c.name).toBeLessThanOrEqual(num(c.reserved));
			if (c.max !== null) expect(num(c.n), c.name).toBeLessThanOrEqual(num(c.max));
		}
		const costs = await rows(
			database,
			sql`select s.reference from surprises s join surprise_items si on si.surprise_id = s.id group by s.id having s.cost_cents <> sum(si.unit_cost_cents * si.quantity)`
		);
		expect(costs).toEqual([]);
		// A campaign's creator never decides on it.
		const selfApproved = await rows(
			database,
			sql`select c.name from campaigns c left join campaign_decisions d on d.campaign_id = c.id where c.approved_by = c.created_by or d.decided_by = c.created_by`
		);
		expect(selfApproved).toEqual([]);
	});

	it('tells each surprise’s path in events ending at its status, with a claim link while awaiting an address', async () => {
		const events = await rows<{
			surprise_id: string;
			status: string;
			from_status: string | null;
			to_status: string;
			at: Date | string;
		}>(
			database,
			sql`select e.surprise_id, s.status::text status, e.from_status::text from_status, e.to_status::text to_status, e.created_at at
          from surprise_events e join surprises s on s.id = e.surprise_id order by e.surprise_id, e.created_at, e.id`
		);
		const bySurprise = Map.groupBy(events, (e) => e.surprise_id);
		expect(bySurprise.size).toBe(result.surprises);
		for (const list of bySurprise.values()) {
			expect(list[0]!.from_status).toBeNull();
			expect(list[0]!.to_status).toBe('planned');
			list.slice(1).forEach((e, i) => expect(e.from_status).toBe(list[i]!.to_status));
			expect(list.at(-1)!.to_status).toBe(list[0]!.status);
		}
		const withoutLink = await rows(
			database,
			sql`select s.reference from surprises s where s.status = 'awaiting_address'
          and not exists (select 1 from claim_links c where c.surprise_id = s.id and c.used_at is null and c.expires_at > now())`
		);
		expect(withoutLink).toEqual([]);
		const hashes = await rows<{ token_hash: string }>(
			database,
			sql`select token_hash from claim_links`
		);
		for (const h of hashes) expect(h.token_hash).toMatch(/^[0-9a-f]{64}$/);
		const unaddressed = await rows(
			database,
			sql`select reference from surprises where status in ('ready', 'printed', 'shipped', 'delivered') and address_id is null`
		);
		expect(unaddressed).toEqual([]);
		const references = await rows<{ reference: string }>(
			database,
			sql`select reference from surprises`
		);
		for (const r of references) expect(r.reference).toMatch(/^HOP-\d{5}$/);
	});

	it('writes human card messages and keeps internal notes apart', async () => {
		const messages = await rows<{ card_message: string; internal_note: string }>(
			database,
			sql`select card_message, internal_note from surprises`
		);
		for (const m of messages) {
			expect(m.card_message.length).toBeGreaterThan(40);
			expect(m.card_message.length).toBeLessThan(420);
			expect(m.card_message.toLowerCase()).not.toMatch(
				/excuses voor het ongemak|vervelend om te lezen|\{[gn]\}/i
			);
			expect(m.internal_note.length).toBeGreaterThan(0);
			expect(m.card_message).not.toContain(m.internal_note);
		}
	});

	it('stores handles the way the customers domain does, and dates never in the future', async () => {
		const list = await rows<{ channel: 'x'; handle: string; handle_norm: string }>(
			database,
			sql`select channel::text channel, handle, handle_norm from handles`
		);
		for (const h of list) {
			const canonical = canonicalHandle(h.channel, h.handle);
			expect(canonical, `${h.channel} ${h.handle}`).toEqual({
				ok: true,
				handle: h.handle,
				norm: h.handle_norm
			});
		}
		const [future] = await rows<Record<string, unknown>>(
			database,
			sql`select (select count(*) from surprise_events where created_at > now()) events, (select count(*) from reactions where posted_at > now()) reactions,
                 (select count(*) from customers where created_at > now()) customers, (select count(*) from nominations where created_at > now()) nominations`
		);
		for (const [table, n] of Object.entries(future!)) expect(num(n), table).toBe(0);
		const [{ oldest }] = (await rows<{ oldest: Date | string }>(
			database,
			sql`select min(posted_at) oldest from reactions`
		)) as [{ oldest: Date | string }];
		const ageDays = (Date.now() - new Date(oldest).getTime()) / 86_400_000;
		expect(ageDays).toBeGreaterThan(200);
		expect(ageDays).toBeLessThan(300);
	});

	it('anonymises addresses a month after delivery, keeping city and postcode area', async () => {
		const anonymised = await rows<{
			street: string | null;
			postcode: string | null;
			recipient_name: string | null;
			city: string | null;
			postcode_area: string | null;
		}>(
			database,
			sql`select street, postcode, recipient_name, city, postcode_area from addresses where anonymised_at is not null`
		);
		expect(anonymised.length).toBeGreaterThan(0);
		for (const a of anonymised) {
			expect([a.street, a.postcode, a.recipient_name]).toEqual([null, null, null]);
			expect(a.city).toBeTruthy();
			expect(a.postcode_area).toBeTruthy();
		}
		const countries = await rows<{ country: string }>(
			database,
			sql`select distinct country from addresses order by 1`
		);
		expect(countries.map((c) => c.country)).toEqual(['BE', 'DE', 'NL']);
		const badPostcodes = await rows(
			database,
			sql`select postcode from addresses where country = 'NL' and postcode is not null and postcode !~ '^[1-9][0-9]{3} [A-Z]{2}$'`
		);
		expect(badPostcodes).toEqual([]);
	});

	it('writes the settings and one seed audit row', async () => {
		const settings = await rows<{ key: string; value: unknown }>(
			database,
			sql`select key, value from settings order by key`
		);
		expect(Object.fromEntries(settings.map((s) => [s.key, s.value]))).toEqual({
			retention_days: 30,
			service_level_days: 3,
			tiers: { fan: 1, supporter: 3, advocate: 6, ambassador: 10 }
		});
		const audit = await rows<{ action: string; actor_type: string }>(
			database,
			sql`select action, actor_type from audit_log order by id`
		);
		expect(audit.filter((a) => a.action === 'seed.demo')).toEqual([
			{ action: 'seed.demo', actor_type: 'system' }
		]);
		expect(audit.filter((a) => a.action === 'user.create')).toHaveLength(4);
	});

	it('refuses a second seed, and with force adds a second set without collisions', async () => {
		await expect(seedDemo(database.db)).rejects.toBeInstanceOf(DemoAlreadySeededError);
		const again = await seedDemo(database.db, { force: true });
		expect(again.customers).toBe(200);
		const [counts] = await rows<Record<string, unknown>>(
			database,
			sql`select (select count(*) from customers) customers, (select count(*) from users) users, (select count(distinct reference) from surprises) refs,
                 (select count(*) from surprises) surprises, (select count(*) from audit_log where action = 'seed.demo') seeds`
		);
		expect(num(counts!.customers)).toBe(400);
		expect(num(counts!.users)).toBe(4);
		expect(num(counts!.refs)).toBe(num(counts!.surprises));
		expect(num(counts!.seeds)).toBe(2);
	});
});

describe('demo plan (no database)', () => {
	const staff = {
		hub: ['00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000002'],
		marketing: ['00000000-0000-4000-8000-000000000003', '00000000-0000-4000-8000-000000000004']
	} as const;

	it('is deterministic: the same content for the same moment', () => {
		const now = Date.parse('2026-11-22T08:00:00Z');
		const a = buildDemoPlan({ now, staff, run: 1, firstReference: 1 });
		const b = buildDemoPlan({ now, staff, run: 1, firstReference: 1 });
		expect(b.customers.map((c) => c.name)).toEqual(a.customers.map((c) => c.name));
		expect(b.handles.map((h) => h.handle)).toEqual(a.handles.map((h) => h.handle));
		expect(b.surprises.map((s) => [s.reference, s.status, s.cardMessage])).toEqual(
			a.surprises.map((s) => [s.reference, s.status, s.cardMessage])
		);
		expect(b.reactions.map((r) => [r.text, r.url])).toEqual(
			a.reactions.map((r) => [r.text, r.url])
		);
		expect(a.customers.map((c) => c.name)).toEqual(
			expect.arrayContaining([
				"Zoë van 't Hek",
				'Łukasz Żółć',
				'Şükrü Öztürk',
				'Nguyễn Thị Minh Khai',
				'Ĳsbrand Ĳzerman',
				'Sanne de Wit 🌷'
			])
		);
	});

	// Dates follow the clock: whenever the app first starts, every state is still there and consistent.
	it.each([
		'2026-11-13T12:00:00Z',
		'2026-12-24T20:00:00Z',
		'2027-01-01T00:30:00Z',
		'2027-03-29T09:00:00Z',
		'2027-04-14T09:00:00Z',
		'2027-07-04T15:00:00Z',
		'2027-10-20T10:00:00Z'
	])('has every status when first started at %s', (iso) => {
		const now = Date.parse(iso);
		const plan = buildDemoPlan({ now, staff, run: 1, firstReference: 1 });
		expect(new Set(plan.surprises.map((s) => s.status))).toEqual(new Set(surpriseStatuses));
		expect(new Set(plan.campaigns.map((c) => c.status))).toEqual(new Set(campaignStatuses));
		expect(new Set(plan.nominations.map((n) => n.status))).toEqual(new Set(nominationStatuses));
		for (const c of plan.campaigns) expect(c.reservedCents ?? 0).toBeLessThanOrEqual(c.budgetCents);
		for (const e of plan.surpriseEvents)
			expect((e.createdAt as Date).getTime()).toBeLessThanOrEqual(now);
		for (const r of plan.reactions) expect(r.postedAt.getTime()).toBeLessThanOrEqual(now);
		for (const c of plan.customers)
			expect((c.createdAt as Date).getTime()).toBeLessThanOrEqual(now);
		expect(plan.variants.every((v) => (v.stock ?? 0) >= 0)).toBe(true);
	});
});
