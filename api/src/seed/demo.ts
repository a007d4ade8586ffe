import { count, eq, sql } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import { createUser } from '../domain/accounts/users.ts';
import { systemCtx } from '../domain/context.ts';
import { readScoreSettingsForWrite } from '../domain/scores/recompute-scores.ts';
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
	giftVariants,
	gifts,
	handles,
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
 * looks fresh. One transaction: a failed seed leaves nothing behind.
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
		const tables: [string, PgTable, Record<string, unknown>[]][] = [
			['customers', customers, plan.customers],
			['handles', handles, plan.handles],
			['addresses', addresses, plan.addresses],
			['gifts', gifts, plan.gifts],
			['gift_variants', giftVariants, plan.variants],
			['voucher_codes', voucherCodes, plan.voucherCodes],
			['campaigns', campaigns, plan.campaigns],
			['campaign_gifts', campaignGifts, plan.campaignGifts],
			['campaign_decisions', campaignDecisions, plan.campaignDecisions],
			['nominations', nominations, plan.nominations],
			['surprises', surprises, plan.surprises],
			['surprise_items', surpriseItems, plan.surpriseItems],
			['surprise_events', surpriseEvents, plan.surpriseEvents],
			['claim_links', claimLinks, plan.claimLinks],
			['reactions', reactions, plan.reactions]
		];
		const rows: Record<string, number> = {};
		for (const [name, table, list] of tables) {
			await insertAll(tx, table, list);
			rows[name] = list.length;
		}
		// Settings an admin may already have changed are left alone.
		await tx.insert(settings).values(plan.settings).onConflictDoNothing();
		rows.settings = plan.settings.length;
		// Each new reaction's stored score term under the weights now in force (as the verbs write it).
		await rebuildScoreMasses(
			ctx,
			(await readScoreSettingsForWrite(ctx)).weights,
			sql`score_mass is null`
		);

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
