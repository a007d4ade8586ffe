import { count, eq, sql } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import { createUser } from '../domain/accounts/users.ts';
import { getBrand, setBrandLogo, updateBrand } from '../domain/brand/brand.ts';
import { systemCtx, type Ctx } from '../domain/context.ts';
import { DEMO_BRAND, DEMO_LOGO_SVG } from './demo/brand.ts';
import { createCustomer } from '../domain/customers/create-customer.ts';
import { createGift } from '../domain/gifts/gifts.ts';
import { uploadVoucherCodes } from '../domain/gifts/voucher-codes.ts';
import { createNomination } from '../domain/nominations/create-nomination.ts';
import { declineNomination } from '../domain/nominations/decide-nomination.ts';
import { expireNominations } from '../domain/nominations/expire-nominations.ts';
import { readSetting } from '../domain/settings/settings.ts';
import { readScoreSettingsForWrite, recomputeScores } from '../domain/scores/recompute-scores.ts';
import { rebuildScoreMasses } from '../domain/scores/score-mass.ts';
import type { Db, Executor } from '../../../db/client.ts';
import {
	addresses,
	auditLog,
	campaignDecisions,
	campaignGifts,
	campaigns,
	claimLinks,
	customers,
	nominations,
	reactions,
	settings,
	surpriseEvents,
	surpriseItems,
	surprises,
	users,
	voucherCodes
} from '../../../db/schema/index.ts';
import { buildDemoPlan } from './demo/plan.ts';
import { DAY, HOUR } from './demo/time.ts';
import { DEMO_PASSWORD } from '../domain/accounts/password-policy.ts';

/** Every demo login uses this password. It is published, so only the seed may give it (createUser's `demo` option). */
export { DEMO_PASSWORD };

export const DEMO_STAFF = [
	{ email: 'fleur.jansen@demo.hoppatee.nl', name: 'Fleur Jansen', role: 'hub' },
	{ email: 'daan.koster@demo.hoppatee.nl', name: 'Daan Koster', role: 'hub' },
	{ email: 'lotte.vandijk@demo.hoppatee.nl', name: 'Lotte van Dijk', role: 'marketing' },
	{ email: 'jeroen.smit@demo.hoppatee.nl', name: 'Jeroen Smit', role: 'marketing' }
] as const;

export class DemoAlreadySeededError extends Error {
	constructor(customerCount: number) {
		super(
			`The database already has ${customerCount} customers; the demo data is only added to an empty database (use --force to add it anyway).`
		);
		this.name = 'DemoAlreadySeededError';
	}
}

export interface SeedDemoResult {
	customers: number;
	surprises: number;
	reactions: number;
	logins: { email: string; role: string; name: string }[];
	/** Row counts per table, for the seed script's report. */
	rows: Record<string, number>;
	ms: number;
}

export interface SeedDemoOptions {
	/** Add the demo even when customers exist (a second set, with its own handles, URLs and references). */
	force?: boolean;
	/** The moment the demo is built around (tests pin it); defaults to now. */
	now?: Date;
}

/** Multi-row inserts in chunks: a few statements per table instead of one per row. */
async function insertAll(
	db: Executor,
	table: PgTable,
	rows: Record<string, unknown>[],
	chunk = 400
): Promise<void> {
	for (let i = 0; i < rows.length; i += chunk) {
		await db.insert(table).values(rows.slice(i, i + chunk) as never);
	}
}

/**
 * Fills an empty database with a fictional company ("Stroopwafel & Co") and its social hub: four
 * staff logins, 200 customers, gifts, campaigns in every state, nominations, surprises in every
 * state and about 300 reactions. Content is deterministic; dates are relative to now so the demo
 * looks fresh. Staff, customers, the catalogue, open and declined nominations and the scores come
 * from the domain verbs, each at its own moment (`ctx.now`); the rest is written as rows, each table
 * with its reason below. One transaction: a failed seed leaves nothing behind.
 *
 * Seeding twice is refused (DemoAlreadySeededError) unless `force` is set.
 */
export async function seedDemo(db: Db, options: SeedDemoOptions = {}): Promise<SeedDemoResult> {
	const started = performance.now();
	const now = (options.now ?? new Date()).getTime();
	return db.transaction(async (tx) => {
		const [{ n }] = (await tx.select({ n: count() }).from(customers)) as [{ n: number }];
		if (Number(n) > 0 && !options.force) throw new DemoAlreadySeededError(Number(n));
		const [{ runs }] = (await tx
			.select({ runs: count() })
			.from(auditLog)
			.where(eq(auditLog.action, 'seed.demo'))) as [{ runs: number }];
		const run = Number(n) > 0 ? Math.max(2, Number(runs) + 1) : 1;
		const [{ maxRef }] = (await tx
			.select({
				maxRef: sql<
					string | null
				>`max(substring(${surprises.reference} from '^HOP-([0-9]+)$')::int)`
			})
			.from(surprises)) as [{ maxRef: string | number | null }];

		// Staff through the domain verb: argon2id hashes and a user.create audit row each.
		const ctx = systemCtx(tx);
		const ids: string[] = [];
		for (const person of DEMO_STAFF) {
			const [existing] = await tx
				.select({ id: users.id })
				.from(users)
				.where(sql`lower(${users.email}) = ${person.email}`);
			ids.push(
				existing
					? existing.id
					: (
							await createUser({
								ctx,
								input: { ...person, password: DEMO_PASSWORD },
								options: { demo: true }
							})
						).id
			);
		}
		const staff = { hub: [ids[0]!, ids[1]!], marketing: [ids[2]!, ids[3]!] } as const;

		const plan = buildDemoPlan({ now, staff, run, firstReference: Number(maxRef ?? 0) + 1 });
		const at = (moment: Date): Ctx => ({ ...ctx, now: () => moment });
		const asStaff = (id: string, moment: Date): Ctx => {
			const person = DEMO_STAFF[ids.indexOf(id)]!;
			return { ...at(moment), actor: { type: 'user', id, ...person } };
		};

		// Customers and their handles through the verb, each on the day they first showed up; the
		// rows that point at a customer then get the id the verb gave.
		const customerIds = new Map<string, string>();
		const handlesOf = Map.groupBy(plan.handles, (h) => h.customerId);
		for (const c of plan.customers) {
			const created = await createCustomer({
				ctx: at(c.createdAt as Date),
				input: {
					name: c.name,
					email: c.email,
					locale: c.locale,
					isStaff: c.isStaff,
					optedOut: c.optedOut,
					notes: c.notes,
					handles: (handlesOf.get(c.id!) ?? []).map((h) => ({
						channel: h.channel,
						handle: h.handle,
						followers: h.followers
					}))
				}
			});
			customerIds.set(c.id!, created.id);
		}
		const ofCustomer = <T extends { customerId: string }>(list: T[]) =>
			list.map((row) => ({ ...row, customerId: customerIds.get(row.customerId)! }));

		// Nominations open, declined or expired go through the verbs. Accepted ones are written with
		// their surprise below, and a closed campaign takes no nominations today (the verb checks
		// the status now, not then), so the contests' entries are written as they stand.
		const closed = new Set(
			plan.campaigns
				.filter((c) => c.status === 'closed' || c.status === 'rejected')
				.map((c) => c.id)
		);
		const byVerb = (n: (typeof plan.nominations)[number]) =>
			(n.status === 'open' || n.status === 'declined' || n.status === 'expired') &&
			!(n.campaignId && closed.has(n.campaignId));

		// The catalogue through the verbs: gifts with their variants (stock as the surprises below
		// left it), the cinema codes as an upload. Rows below get the ids the verbs gave.
		const catalogueIds = new Map<string, string>();
		for (const g of plan.gifts) {
			const variants = plan.variants.filter((v) => v.giftId === g.id);
			const view = await createGift({
				ctx: at(g.createdAt as Date),
				input: {
					name: g.name,
					kind: g.kind,
					description: g.description,
					unitCostCents: g.unitCostCents,
					faceValueCents: g.faceValueCents ?? null,
					variants: variants.map((v) => ({
						name: v.name,
						stock: v.stock,
						lowStockThreshold: v.lowStockThreshold
					}))
				}
			});
			catalogueIds.set(g.id, view.id);
			for (const v of variants)
				catalogueIds.set(v.id, view.variants.find((w) => w.name === v.name)!.id);
		}
		for (const [giftId, codes] of Map.groupBy(plan.voucherCodes, (c) => c.giftId)) {
			const id = catalogueIds.get(giftId)!;
			await uploadVoucherCodes({
				ctx: at(codes[0]!.createdAt as Date),
				input: { giftId: id, upload: { csv: codes.map((c) => c.code).join('\n') } }
			});
			const stored = await tx
				.select({ id: voucherCodes.id, code: voucherCodes.code })
				.from(voucherCodes)
				.where(eq(voucherCodes.giftId, id));
			const byCode = new Map(stored.map((c) => [c.code, c.id]));
			for (const c of codes) catalogueIds.set(c.id, byCode.get(c.code)!);
		}
		const catalogueId = (id: string | null | undefined) => (id ? catalogueIds.get(id)! : null);

		// Still written as rows, each for its reason.
		const tables: [string, PgTable, Record<string, unknown>[]][] = [
			// Only a claim adds an address (to its surprise); homes known from a DM have no verb.
			['addresses', addresses, ofCustomer(plan.addresses)],
			// Months of workflow (money reserved and spent by the surprises below); submitting and
			// deciding through the verbs would also mail every demo login today.
			['campaigns', campaigns, plan.campaigns],
			[
				'campaign_gifts',
				campaignGifts,
				plan.campaignGifts.map((g) => ({ ...g, giftId: catalogueId(g.giftId) }))
			],
			['campaign_decisions', campaignDecisions, plan.campaignDecisions],
			['nominations', nominations, ofCustomer(plan.nominations.filter((n) => !byVerb(n)))],
			// Each surprise's path as plan.ts walks it (budget, stock, codes, claim links, retention);
			// replaying it step by step through planSurprise … shipSurprise is not done yet.
			['surprises', surprises, ofCustomer(plan.surprises)],
			[
				'surprise_items',
				surpriseItems,
				plan.surpriseItems.map((i) => ({
					...i,
					giftId: catalogueId(i.giftId),
					variantId: catalogueId(i.variantId),
					voucherCodeId: catalogueId(i.voucherCodeId)
				}))
			],
			['surprise_events', surpriseEvents, plan.surpriseEvents],
			['claim_links', claimLinks, plan.claimLinks],
			// logReaction rescores the customer each time: about 13 s for the 300 on PGlite against
			// under 1 s; the score terms and the recompute below score them as the app does.
			['reactions', reactions, ofCustomer(plan.reactions)]
		];
		const rows: Record<string, number> = {
			customers: plan.customers.length,
			handles: plan.handles.length,
			gifts: plan.gifts.length,
			gift_variants: plan.variants.length,
			voucher_codes: plan.voucherCodes.length
		};
		for (const [name, table, list] of tables) {
			await insertAll(tx, table, list);
			rows[name] = list.length;
		}
		// Codes held by a surprise, as its approval reserved them (the surprises are rows above).
		for (const c of plan.voucherCodes.filter((c) => c.surpriseId))
			await tx
				.update(voucherCodes)
				.set({ surpriseId: c.surpriseId, assignedAt: c.assignedAt })
				.where(eq(voucherCodes.id, catalogueId(c.id)!));
		const expiryDays = await readSetting(ctx, 'nomination_expiry_days');
		for (const n of ofCustomer(plan.nominations.filter(byVerb))) {
			const { id } = await createNomination({
				ctx: asStaff(n.nominatedBy!, n.createdAt!),
				input: {
					customerId: n.customerId,
					campaignId: n.campaignId,
					reason: n.reason,
					text: n.text,
					postUrl: n.postUrl ?? undefined
				}
			});
			if (n.status === 'declined')
				await declineNomination({
					ctx: asStaff(n.nominatedBy!, n.decidedAt!),
					input: { id, body: { reason: n.declineReason } }
				});
			// The daily job, on the first morning this one was past the expiry setting.
			if (n.status === 'expired')
				await expireNominations({
					ctx: at(new Date(n.createdAt!.getTime() + expiryDays * DAY + HOUR))
				});
			rows.nominations = (rows.nominations ?? 0) + 1;
		}
		// Settings an admin may already have changed are left alone (putSetting would overwrite them).
		await tx.insert(settings).values(plan.settings).onConflictDoNothing();
		rows.settings = plan.settings.length;
		// The demo company's brand, unless an admin set one already.
		if (!(await getBrand({ ctx })).configured) {
			await updateBrand({ ctx, input: DEMO_BRAND });
			await setBrandLogo({
				ctx,
				input: { type: 'image/svg+xml', data: Buffer.from(DEMO_LOGO_SVG).toString('base64') }
			});
		}
		// Each new reaction's stored score term under the weights now in force (as the verbs write it).
		await rebuildScoreMasses(
			ctx,
			(await readScoreSettingsForWrite(ctx)).weights,
			sql`score_mass is null`
		);
		// Scores and tiers as the app computes them, at the demo's moment.
		await recomputeScores({ ctx: at(new Date(now)) });

		const logins = DEMO_STAFF.map((p) => ({ email: p.email, role: p.role, name: p.name }));
		await tx.insert(auditLog).values({
			actorType: 'system',
			action: 'seed.demo',
			entity: 'seed',
			entityId: `demo-${run}`,
			data: { run, rows, logins: logins.map((l) => l.email), anchor: new Date(now).toISOString() }
		});
		return {
			customers: plan.customers.length,
			surprises: plan.surprises.length,
			reactions: plan.reactions.length,
			logins,
			rows,
			ms: Math.round(performance.now() - started)
		};
	});
}
