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
import { runningStatuses } from '../campaigns/status.ts';
import { requireRole, type Ctx } from '../context.ts';
import { ConflictError, NotFoundError } from '../errors.ts';
import { DRAW_RUNNERS } from './draw-can.ts';

const DAY_MS = 86_400_000;

export const PoolInput = z.discriminatedUnion('kind', [
	z.strictObject({ kind: z.literal('nominations') }),
	z.strictObject({
		kind: z.literal('customers'),
		tiers: z.array(z.enum(tiers)).min(1).optional(),
		channel: z.enum(channels).optional()
	})
]);
export type PoolInput = z.infer<typeof PoolInput>;

export const Exclusions = z
	.array(z.strictObject({ customerId: z.uuid(), reason: z.string().trim().min(1).max(500) }))
	.max(1000)
	.default([]);

/** The eligibility rules, in the order they are applied; a candidate is removed by the first that holds. */
export const eligibilityRules = ['erased', 'opted_out', 'staff', 'cooldown', 'manual'] as const;
export type Rule = (typeof eligibilityRules)[number];

export type Removed = { customerId: string; handle: string; reason?: string };
export type RuleCount = { rule: Rule; count: number; removed: Removed[] };
export type Eligibility = { pool: PoolInput; poolSize: number; rules: RuleCount[] };

/** An eligible customer as the pool holds them, before the record gives them a pseudonym. */
export type Eligible = { customerId: string; handle: string; channel: string; nominations: number };

type PoolRow = {
	customer_id: string;
	weight: number;
	erased: boolean;
	opted_out: boolean;
	staff: boolean;
	cooling: boolean;
	handle: string | null;
	channel: string | null;
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

/** Every candidate of the pool with the facts the rules need, in one statement (no id lists). */
async function loadPool(
	ctx: Ctx,
	campaignId: string,
	pool: PoolInput,
	since: Date
): Promise<PoolRow[]> {
	const source =
		pool.kind === 'nominations'
			? sql`select customer_id, count(*)::int as weight from nominations
				where campaign_id = ${campaignId} and status = 'open' group by customer_id`
			: sql`select c.id as customer_id, 1 as weight from customers c where true
				${
					pool.tiers
						? sql`and c.tier::text in (${sql.join(
								pool.tiers.map((t) => sql`${t}`),
								sql`, `
							)})`
						: sql``
				}
				${pool.channel ? sql`and exists (select 1 from handles h where h.customer_id = c.id and h.channel = ${pool.channel})` : sql``}`;
	const preferred = pool.kind === 'customers' && pool.channel ? pool.channel : '';
	const result = await ctx.db.execute(sql`
		select p.customer_id, p.weight, c.erased_at is not null as erased, c.opted_out, c.is_staff as staff,
			exists (select 1 from surprises s where s.customer_id = c.id and s.status <> 'cancelled'
				and s.created_at > ${since.toISOString()}::timestamptz) as cooling,
			h.handle, h.channel::text as channel
		from (${source}) p
		join customers c on c.id = p.customer_id
		left join lateral (select handle, channel from handles where customer_id = c.id
			order by (channel::text = ${preferred}) desc, (channel::text in ('email', 'whatsapp')),
				channel::text, handle_norm limit 1) h on true`);
	return rowsOf<PoolRow>(result);
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

/** The pool with every rule applied: how many each removed (and whom), and who is left. */
export async function screenPool(
	ctx: Ctx,
	campaign: { id: string; cooldownDays: number },
	pool: PoolInput,
	exclusions: readonly { customerId: string; reason: string }[]
): Promise<{ eligibility: Eligibility; eligible: Eligible[] }> {
	const since = new Date(ctx.now().getTime() - campaign.cooldownDays * DAY_MS);
	const rows = await loadPool(ctx, campaign.id, pool, since);
	const manual = new Map(exclusions.map((e) => [e.customerId, e.reason]));
	const rules: RuleCount[] = eligibilityRules.map((rule) => ({ rule, count: 0, removed: [] }));
	const eligible: Eligible[] = [];
	for (const r of rows) {
		const hit: Rule | undefined = r.erased
			? 'erased'
			: r.opted_out
				? 'opted_out'
				: r.staff
					? 'staff'
					: r.cooling && campaign.cooldownDays > 0
						? 'cooldown'
						: manual.has(r.customer_id)
							? 'manual'
							: undefined;
		const handle = r.erased ? '' : publicHandle(r.channel ?? '', r.handle ?? '');
		if (hit) {
			const entry = rules.find((x) => x.rule === hit)!;
			entry.count++;
			entry.removed.push({
				customerId: r.customer_id,
				handle,
				...(hit === 'manual' ? { reason: manual.get(r.customer_id)! } : {})
			});
			continue;
		}
		eligible.push({
			customerId: r.customer_id,
			handle,
			channel: r.channel ?? 'none',
			nominations: r.weight
		});
	}
	return { eligibility: { pool, poolSize: rows.length, rules }, eligible };
}

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
	const { eligibility, eligible } = await screenPool(ctx, campaign, data.pool, data.exclusions);
	return {
		campaignId: campaign.id,
		pool: data.pool,
		poolSize: eligibility.poolSize,
		eligible: eligible.length,
		rules: eligibility.rules.map((r) => ({ rule: r.rule, count: r.count }))
	};
}
