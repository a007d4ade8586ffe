/**
 * Shared by the score suites: rows inserted directly (customers, surprises) and a checker that
 * holds what the SQL stored against the pure scoreCustomer() for the same inputs.
 */
import { inArray } from 'drizzle-orm';
import { expect } from 'vitest';
import type { Database } from '../../../db/client.ts';
import {
	ambassadorScores,
	campaigns,
	customers,
	handles,
	reactions,
	surprises
} from '../../../db/schema/index.ts';
import {
	componentAt,
	giftWindowOf,
	scoreCustomer,
	type Component
} from '../../../api/src/domain/scores/score.ts';
import {
	DEFAULT_SCORE_WEIGHTS,
	DEFAULT_TIERS,
	type ScoreWeights,
	type TierThresholds
} from '../../../api/src/domain/scores/weights.ts';
import { foldHandle } from '../../../api/src/domain/text.ts';
import { createUser } from '../../../api/src/domain/accounts/users.ts';
import { systemCtx, type Ctx } from '../../../api/src/domain/context.ts';

let counter = 0;

export function scoreFixtures(database: Database) {
	const { db } = database;
	let campaignId: string | undefined;

	async function customer(
		options: {
			isStaff?: boolean;
			optedOut?: boolean;
			locale?: string;
			handle?: string;
			followers?: number;
		} = {}
	) {
		const n = ++counter;
		const [row] = await db
			.insert(customers)
			.values({
				name: `Klant ${n}`,
				isStaff: options.isStaff ?? false,
				optedOut: options.optedOut ?? false,
				locale: options.locale ?? 'nl'
			})
			.returning();
		const handle = options.handle ?? `klant_${n}_${Math.random().toString(36).slice(2, 6)}`;
		await db.insert(handles).values({
			customerId: row!.id,
			channel: 'x',
			handle,
			handleNorm: foldHandle(handle),
			followers: options.followers ?? 0
		});
		return { id: row!.id, handle };
	}

	async function surprise(
		customerId: string,
		options: {
			status?:
				| 'approved'
				| 'ready'
				| 'printed'
				| 'shipped'
				| 'delivered'
				| 'sent'
				| 'cancelled'
				| 'planned';
			approvedAt?: Date | null;
			shippedAt?: Date | null;
			deliveredAt?: Date | null;
		}
	) {
		if (!campaignId) {
			const [c] = await db
				.insert(campaigns)
				.values({
					name: 'Scores',
					kind: 'always_on',
					status: 'active',
					startsOn: '2020-01-01',
					endsOn: '2099-12-31',
					budgetCents: 1_000_000
				})
				.returning();
			campaignId = c!.id;
		}
		const [row] = await db
			.insert(surprises)
			.values({
				reference: `SCR-${String(++counter).padStart(6, '0')}-${Math.random().toString(36).slice(2, 6)}`,
				customerId,
				campaignId,
				status: options.status ?? 'delivered',
				approvedAt: options.approvedAt ?? null,
				shippedAt: options.shippedAt ?? null,
				deliveredAt: options.deliveredAt ?? null
			})
			.returning();
		return row!;
	}

	return { customer, surprise };
}

const close = (actual: number, expected: number, what: string) =>
	expect(Math.abs(actual - expected), `${what}: ${actual} vs ${expected}`).toBeLessThanOrEqual(
		1e-9 * Math.max(1, Math.abs(expected))
	);

/**
 * The stored score of every listed customer equals scoreCustomer() on their reactions and surprises
 * at `now` (the moment the rows were computed): score, tier, level, the score 30 days ago, counts,
 * every term of every component, customers.tier.
 */
export async function expectStoredEqualsPure(
	database: Database,
	customerIds: string[],
	now: Date,
	options: { weights?: ScoreWeights; tiers?: TierThresholds } = {}
): Promise<void> {
	const { db } = database;
	const weights = options.weights ?? DEFAULT_SCORE_WEIGHTS;
	const tiers = options.tiers ?? DEFAULT_TIERS;
	const [people, stored, allReactions, allSurprises] = await Promise.all([
		db.select().from(customers).where(inArray(customers.id, customerIds)),
		db.select().from(ambassadorScores).where(inArray(ambassadorScores.customerId, customerIds)),
		db.select().from(reactions).where(inArray(reactions.customerId, customerIds)),
		db.select().from(surprises).where(inArray(surprises.customerId, customerIds))
	]);
	for (const person of people) {
		const mine = allReactions.filter((r) => r.customerId === person.id);
		const windows = allSurprises
			.filter((s) => s.customerId === person.id)
			.flatMap((s) => giftWindowOf(s) ?? []);
		const expected = scoreCustomer(
			mine.map((r) => ({
				id: r.id,
				postedAt: r.postedAt,
				kind: r.kind,
				sentiment: r.sentiment,
				followers: r.followers,
				surpriseId: r.surpriseId
			})),
			windows,
			now,
			weights,
			{ tiers, excluded: person.isStaff || person.optedOut || person.erasedAt !== null }
		);
		const row = stored.find((s) => s.customerId === person.id);
		const label = `customer ${person.name}`;
		if (!row) {
			expect(mine.length === 0 || expected.score === 0, `${label} has no score row`).toBe(true);
			continue;
		}
		close(Number(row.score), expected.score, `${label} score`);
		close(Number(row.scoreBefore), expected.scoreBefore, `${label} score 30 days ago`);
		expect(row.tier, `${label} tier`).toBe(expected.tier);
		expect(person.tier, `${label} customers.tier`).toBe(expected.tier);
		expect(row.level === null, `${label} level null`).toBe(expected.level === null);
		if (expected.level !== null) close(Number(row.level), expected.level, `${label} level`);
		expect(row.levelBefore === null, `${label} level before null`).toBe(
			expected.levelBefore === null
		);
		if (expected.levelBefore !== null)
			close(Number(row.levelBefore), expected.levelBefore, `${label} level before`);
		expect(row.reactionCount, `${label} reactions`).toBe(expected.reactionCount);
		expect(row.giftCount, `${label} gift-triggered`).toBe(expected.giftCount);
		expect(row.lastPositiveAt?.getTime() ?? null, `${label} last positive`).toBe(
			expected.lastPositiveAt?.getTime() ?? null
		);
		expect(row.emergingSince !== null, `${label} emerging`).toBe(expected.emerging);
		// Stored components keep the decay of when they were built; moved to `now` like the API does.
		const components = (row.components as Component[])
			.map((c) => componentAt(c, now, weights))
			.sort(
				(a, b) => b.postedAt.localeCompare(a.postedAt) || a.reactionId.localeCompare(b.reactionId)
			);
		expect(
			components.map((c) => c.reactionId),
			`${label} components`
		).toEqual(expected.components.map((c) => c.reactionId));
		components.forEach((c, i) => {
			const e = expected.components[i]!;
			expect({ ...c, decay: 0, contribution: 0, reach: 0 }, `${label} component ${i}`).toEqual({
				...e,
				decay: 0,
				contribution: 0,
				reach: 0
			});
			close(c.decay, e.decay, `${label} component ${i} decay`);
			close(c.reach, e.reach, `${label} component ${i} reach`);
			close(c.contribution, e.contribution, `${label} component ${i} contribution`);
		});
	}
}

export async function scoreRows(database: Database, ids: string[]) {
	const rows = await database.db
		.select()
		.from(ambassadorScores)
		.where(inArray(ambassadorScores.customerId, ids));
	return new Map(rows.map((r) => [r.customerId, r]));
}

/** An admin (a real user row, as settings record who changed them) acting at `now`. */
export async function adminCtx(database: Database, now: number): Promise<Ctx> {
	const email = `admin-${++counter}-${Math.random().toString(36).slice(2, 6)}@example.test`;
	const user = await createUser({
		ctx: systemCtx(database.db),
		input: { email, name: 'Admin', role: 'admin', password: 'correct horse battery staple' }
	});
	return {
		...systemCtx(database.db),
		now: () => new Date(now),
		actor: { type: 'user', id: user.id, role: 'admin', name: 'Admin', email }
	};
}
