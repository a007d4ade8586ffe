/**
 * A draw's pool and its eligibility rules: who is in it, who each rule removes. Prepare and the
 * preview (the size shown before anything is drawn) both go through `screenPool`, so the numbers
 * the hub sees before preparing are the ones the draw uses.
 */
import { eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { rowsOf } from '../../../../db/client.ts';
import { campaigns } from '../../../../db/schema/index.ts';
import { channels, tiers } from '../../../../db/schema/enums.ts';
import { msg, word } from '../../messages/index.ts';
import { zodText } from '../../messages/zod.ts';
import { runningStatuses } from '../campaigns/status.ts';
import { requireRole, type Ctx } from '../context.ts';
import { ConflictError, NotFoundError, ValidationError } from '../errors.ts';
import { findOrCreateByHandle } from '../customers/find-or-create-from-url.ts';
import { parsePostedAt } from '../reactions/posted-at.ts';
import { DRAW_RUNNERS } from './draw-can.ts';
import { EntrantsCsv, parseEntrants, type Entrant } from './entrants.ts';

const DAY_MS = 86_400_000;
const Days = z.number().int().min(1).max(3650);

/** A closing time: an instant with an offset, or an Amsterdam wall-clock time (as entry times). */
const ClosesAt = z
	.string()
	.max(40)
	.refine((v) => parsePostedAt(v) !== null, zodText('draw_closes_at_invalid'));

export const PoolInput = z.discriminatedUnion('kind', [
	z.strictObject({ kind: z.literal('nominations') }),
	z.strictObject({
		kind: z.literal('customers'),
		tiers: z.array(z.enum(tiers)).min(1).optional(),
		channel: z.enum(channels).optional(),
		/** Only customers with a positive reaction posted within this many days. */
		positiveWithinDays: Days.optional(),
		/** Only customers not surprised (any campaign) within this many days. */
		notSurprisedWithinDays: Days.optional()
	}),
	z.strictObject({
		kind: z.literal('entrants'),
		/** The contest's entries (entrants.ts): a CSV file's text, or rows pasted from a spreadsheet. */
		csv: EntrantsCsv,
		/** Entries after this are late; Amsterdam time unless it carries an offset. */
		closesAt: ClosesAt.optional(),
		/** The contest's terms ask for consent: entrants without a "yes" are removed. */
		consentRequired: z.boolean().default(false)
	})
]);
export type PoolInput = z.infer<typeof PoolInput>;

export const Exclusions = z
	.array(z.strictObject({ customerId: z.uuid(), reason: z.string().trim().min(1).max(500) }))
	.max(1000)
	.default([]);

/**
 * The eligibility rules, in the order they are applied; a candidate is removed by the first that
 * holds. `household` removes nobody before the draw: the draw itself picks at most one per
 * household (algorithm.ts), and the drawn draw lists whom that passed over.
 */
export const eligibilityRules = [
	'erased',
	'opted_out',
	'staff',
	'cooldown',
	'late',
	'consent',
	'manual',
	'household'
] as const;
export type Rule = (typeof eligibilityRules)[number];

export type Removed = { customerId: string; handle: string; reason?: string; enteredAt?: string };
export type RuleCount = { rule: Rule; count: number; removed: Removed[] };
/** What an imported pool did with its rows: entries, merged duplicates, new customers. */
export type EntrantSummary = {
	rows: number;
	entrants: number;
	merged: { handle: string; channel: string; entries: number }[];
	newCustomers: number;
	closesAt: string | null;
};
export type Eligibility = {
	/** The pool as chosen; an imported pool without its CSV (the record keeps no entries). */
	pool: unknown;
	poolSize: number;
	rules: RuleCount[];
	/** Candidates sharing a postal address with another candidate, and in how many households. */
	households?: { candidates: number; groups: number };
	entrants?: EntrantSummary;
};

/** An eligible customer as the pool holds them, before the record gives them a pseudonym. */
export type Eligible = {
	customerId: string;
	handle: string;
	channel: string;
	nominations: number;
	/** Ambassador score as last computed, 0 without one. */
	score: number;
	/** Normalised postal address, or null without a current one. */
	household: string | null;
};

type PoolRow = {
	customer_id: string;
	weight: number;
	erased: boolean;
	opted_out: boolean;
	staff: boolean;
	cooling: boolean;
	handle: string | null;
	channel: string | null;
	score: number | null;
	household: string | null;
};

/**
 * The handle as the public record shows it. An email address or a phone number is no public
 * handle: the record keeps only enough of it for its owner to recognise themselves.
 */
export function publicHandle(channel: string, handle: string): string {
	if (channel === 'email') {
		const at = handle.lastIndexOf('@');
		return at > 0 ? `${[...handle][0]}•••${handle.slice(at)}` : '•••';
	}
	if (channel === 'whatsapp') return `•••${handle.replace(/\D/g, '').slice(-2)}`;
	return handle;
}

const daysBefore = (ctx: Ctx, days: number) =>
	new Date(ctx.now().getTime() - days * DAY_MS).toISOString();

/** The customers of a nominations or customer-filter pool, as one subquery. */
function sourceOf(ctx: Ctx, campaignId: string, pool: PoolInput, entrantIds: readonly string[]) {
	if (pool.kind === 'nominations')
		return sql`select customer_id, count(*)::int as weight from nominations
			where campaign_id = ${campaignId} and status = 'open' group by customer_id`;
	if (pool.kind === 'entrants')
		return sql`select distinct x.id::uuid as customer_id, 1 as weight
			from jsonb_array_elements_text(${JSON.stringify(entrantIds)}::jsonb) as x(id)`;
	const tierList = pool.tiers
		? sql`and c.tier::text in (${sql.join(
				pool.tiers.map((t) => sql`${t}`),
				sql`, `
			)})`
		: sql``;
	const channel = pool.channel
		? sql`and exists (select 1 from handles h where h.customer_id = c.id and h.channel = ${pool.channel})`
		: sql``;
	const positive = pool.positiveWithinDays
		? sql`and exists (select 1 from reactions r where r.customer_id = c.id and r.sentiment = 'positive'
				and r.posted_at > ${daysBefore(ctx, pool.positiveWithinDays)}::timestamptz)`
		: sql``;
	const notSurprised = pool.notSurprisedWithinDays
		? sql`and not exists (select 1 from surprises s where s.customer_id = c.id and s.status <> 'cancelled'
				and s.created_at > ${daysBefore(ctx, pool.notSurprisedWithinDays)}::timestamptz)`
		: sql``;
	return sql`select c.id as customer_id, 1 as weight from customers c
		where true ${tierList} ${channel} ${positive} ${notSurprised}`;
}

/** Every candidate of the pool with the facts the rules need, in one statement (no id lists). */
async function loadPool(
	ctx: Ctx,
	campaignId: string,
	pool: PoolInput,
	since: Date,
	entrantIds: readonly string[] = []
): Promise<PoolRow[]> {
	const source = sourceOf(ctx, campaignId, pool, entrantIds);
	const preferred = pool.kind === 'customers' && pool.channel ? pool.channel : '';
	// The household: the newest address not yet anonymised, as country, postcode without spaces,
	// house number and addition, folded.
	const result = await ctx.db.execute(sql`
		select p.customer_id, p.weight, c.erased_at is not null as erased, c.opted_out, c.is_staff as staff,
			exists (select 1 from surprises s where s.customer_id = c.id and s.status <> 'cancelled'
				and s.created_at > ${since.toISOString()}::timestamptz) as cooling,
			h.handle, h.channel::text as channel, sc.score, ad.household
		from (${source}) p
		join customers c on c.id = p.customer_id
		left join ambassador_scores sc on sc.customer_id = c.id
		left join lateral (select handle, channel from handles where customer_id = c.id
			order by (channel::text = ${preferred}) desc, (channel::text in ('email', 'whatsapp')),
				channel::text, handle_norm limit 1) h on true
		left join lateral (select upper(a.country) || '|' || upper(regexp_replace(a.postcode, '\s', '', 'g'))
				|| '|' || lower(trim(a.house_number)) || '|' || lower(regexp_replace(coalesce(a.addition, ''), '[\s-]', '', 'g'))
				as household
			from addresses a where a.customer_id = c.id and a.anonymised_at is null
				and a.postcode is not null and a.house_number is not null
			order by a.created_at desc limit 1) ad on true`);
	return rowsOf<PoolRow>(result);
}

/** The customers already holding the entrants' handles: `channel TAB norm` → customer id. */
async function customersOfEntrants(ctx: Ctx, entrants: readonly Entrant[]) {
	const keys = entrants.map((e) => ({ channel: e.channel, norm: e.norm }));
	const result = await ctx.db.execute(sql`
		select h.channel::text as channel, h.handle_norm as norm, h.customer_id
		from jsonb_to_recordset(${JSON.stringify(keys)}::jsonb) as k(channel text, norm text)
		join handles h on h.channel::text = k.channel and h.handle_norm = k.norm
		join customers c on c.id = h.customer_id and c.erased_at is null`);
	const found = new Map<string, string>();
	for (const r of rowsOf<{ channel: string; norm: string; customer_id: string }>(result))
		found.set(`${r.channel}\t${r.norm}`, r.customer_id);
	return found;
}

/**
 * An imported pool's entrants as customers: found by handle, or (when `create`) created as the
 * post-URL paste does. Bad rows refuse the whole pool (400 naming each row and column).
 */
async function entrantCustomers(ctx: Ctx, pool: PoolInput & { kind: 'entrants' }, create: boolean) {
	const { rows, entrants } = parseEntrants(pool.csv);
	const bad = rows.flatMap((r) => r.errors);
	if (create && bad.length)
		throw new ValidationError(
			msg('draw_entrants_bad_rows', { rows: new Set(bad.map((e) => e.line)).size }),
			bad.map((e) => ({ field: `pool.csv.rows.${e.line}.${e.field}`, message: e.text }))
		);
	const found = await customersOfEntrants(ctx, entrants);
	let newCustomers = 0;
	const byCustomer = new Map<string, Entrant>();
	for (const e of entrants) {
		const key = `${e.channel}\t${e.norm}`;
		let id = found.get(key);
		if (!id) {
			newCustomers++;
			if (!create) continue;
			const made = await findOrCreateByHandle(ctx, {
				channel: e.channel,
				handle: e.handle,
				...(e.name ? { name: e.name } : {})
			});
			id = made.customer.id;
		}
		// Two handles of one customer (say Instagram and X): one entrant, the first entry counts.
		const other = byCustomer.get(id);
		if (!other || e.enteredAt < other.enteredAt)
			byCustomer.set(id, other ? { ...e, consent: e.consent || other.consent } : e);
		else other.consent ||= e.consent;
	}
	const closesAt = pool.closesAt ? parsePostedAt(pool.closesAt) : null;
	const summary: EntrantSummary = {
		rows: rows.length,
		entrants: entrants.length,
		merged: entrants
			.filter((e) => e.entries > 1)
			.map((e) => ({ handle: e.handle, channel: e.channel, entries: e.entries })),
		newCustomers,
		closesAt: closesAt?.toISOString() ?? null
	};
	return {
		rows,
		entrants,
		byCustomer,
		newEntrants: entrants.filter((e) => !found.has(`${e.channel}\t${e.norm}`)),
		closesAt,
		summary
	};
}

/** The campaign a draw belongs to: it must exist and be approved or active. */
export async function runningCampaign(ctx: Ctx, campaignId: string) {
	const [campaign] = await ctx.db.select().from(campaigns).where(eq(campaigns.id, campaignId));
	if (!campaign) throw new NotFoundError('campaign', campaignId);
	if (!(runningStatuses as readonly string[]).includes(campaign.status)) {
		const message = msg('draw_campaign_not_running', {
			name: campaign.name,
			status: word('campaign_status', campaign.status)
		});
		throw new ConflictError(message, [{ field: 'campaignId', message }]);
	}
	return campaign;
}

/**
 * The pool with every rule applied: how many each removed (and whom), and who is left. An imported
 * pool creates its new entrants as customers when `create` (prepare), and only counts them when
 * not (the preview): they are new, so no customer rule removes them.
 */
export async function screenPool(
	ctx: Ctx,
	campaign: { id: string; cooldownDays: number },
	pool: PoolInput,
	exclusions: readonly { customerId: string; reason: string }[],
	options: { create: boolean } = { create: true }
): Promise<{ eligibility: Eligibility; eligible: Eligible[]; rows?: EntrantRows }> {
	const since = new Date(ctx.now().getTime() - campaign.cooldownDays * DAY_MS);
	const imported =
		pool.kind === 'entrants' ? await entrantCustomers(ctx, pool, options.create) : null;
	const rows = await loadPool(ctx, campaign.id, pool, since, [
		...(imported?.byCustomer.keys() ?? [])
	]);
	if (imported && !options.create)
		for (const e of imported.newEntrants)
			rows.push({
				customer_id: `new:${e.channel}:${e.norm}`,
				weight: 1,
				erased: false,
				opted_out: false,
				staff: false,
				cooling: false,
				handle: e.handle,
				channel: e.channel,
				score: null,
				household: null
			});
	const entrantOf = (r: PoolRow) =>
		imported?.byCustomer.get(r.customer_id) ??
		imported?.newEntrants.find((e) => r.customer_id === `new:${e.channel}:${e.norm}`);
	const manual = new Map(exclusions.map((e) => [e.customerId, e.reason]));
	const rules: RuleCount[] = eligibilityRules.map((rule) => ({ rule, count: 0, removed: [] }));
	const eligible: Eligible[] = [];
	for (const r of rows) {
		const entrant = entrantOf(r);
		const late = !!(imported?.closesAt && entrant && entrant.enteredAt > imported.closesAt);
		const noConsent = pool.kind === 'entrants' && pool.consentRequired && !entrant?.consent;
		const hit: Rule | undefined = r.erased
			? 'erased'
			: r.opted_out
				? 'opted_out'
				: r.staff
					? 'staff'
					: r.cooling && campaign.cooldownDays > 0
						? 'cooldown'
						: late
							? 'late'
							: noConsent
								? 'consent'
								: manual.has(r.customer_id)
									? 'manual'
									: undefined;
		// An entrant shows as they entered (their handle on the contest's channel).
		const channel = entrant?.channel ?? r.channel ?? '';
		const handle = r.erased ? '' : publicHandle(channel, entrant?.handle ?? r.handle ?? '');
		if (hit) {
			const entry = rules.find((x) => x.rule === hit)!;
			entry.count++;
			entry.removed.push({
				customerId: r.customer_id,
				handle,
				...(hit === 'manual' ? { reason: manual.get(r.customer_id)! } : {}),
				...(hit === 'late' ? { enteredAt: entrant!.enteredAt.toISOString() } : {})
			});
			continue;
		}
		eligible.push({
			customerId: r.customer_id,
			handle,
			channel: channel || 'none',
			nominations: r.weight,
			score: r.score ?? 0,
			household: r.household
		});
	}
	const shared = new Map<string, number>();
	for (const e of eligible)
		if (e.household) shared.set(e.household, (shared.get(e.household) ?? 0) + 1);
	const groups = [...shared.values()].filter((n) => n > 1);
	const { csv: _csv, ...shownPool } = pool as PoolInput & { csv?: string };
	return {
		eligibility: {
			pool: shownPool,
			poolSize: rows.length,
			rules,
			households: { candidates: groups.reduce((a, b) => a + b, 0), groups: groups.length },
			...(imported ? { entrants: imported.summary } : {})
		},
		eligible,
		...(imported ? { rows: imported.rows } : {})
	};
}

type EntrantRows = Awaited<ReturnType<typeof entrantCustomers>>['rows'];

export const PreviewPoolInput = z.strictObject({
	campaignId: z.uuid(),
	pool: PoolInput,
	exclusions: Exclusions
});

/**
 * The pool's size and what each rule would remove, before anything is prepared or drawn (counts
 * only: the prepared draw lists who was removed).
 */
export async function previewDrawPool({ ctx, input }: { ctx: Ctx; input: { body: unknown } }) {
	if (ctx.actor.type !== 'system') requireRole(ctx, ...DRAW_RUNNERS);
	const data = PreviewPoolInput.parse(input.body);
	const campaign = await runningCampaign(ctx, data.campaignId);
	const { eligibility, eligible, rows } = await screenPool(
		ctx,
		campaign,
		data.pool,
		data.exclusions,
		{ create: false }
	);
	return {
		campaignId: campaign.id,
		pool: eligibility.pool,
		poolSize: eligibility.poolSize,
		eligible: eligible.length,
		rules: eligibility.rules.map((r) => ({
			rule: r.rule,
			count: r.count,
			// Late entries are listed before preparing: their times are the file's own.
			...(r.rule === 'late' ? { removed: r.removed } : {})
		})),
		households: eligibility.households ?? { candidates: 0, groups: 0 },
		entrants: eligibility.entrants
			? {
					...eligibility.entrants,
					invalid: (rows ?? []).filter((r) => r.errors.length).length,
					errors: (rows ?? []).flatMap((r) => r.errors)
				}
			: null
	};
}
