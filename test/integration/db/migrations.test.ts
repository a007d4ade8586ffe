import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Database } from '#db/client.ts';
import { campaigns, customers, giftVariants, gifts, handles } from '#db/schema/index.ts';
import { engines, freshDatabase } from '../../support/databases.ts';
import { findDebianBin } from '../../support/pg-server.ts';

/** Rows of a raw query: postgres.js returns an array, PGlite an object with `rows`. */
async function rows<T>(database: Database, query: ReturnType<typeof sql>): Promise<T[]> {
	const result = (await database.db.execute(query)) as unknown;
	return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
}

/** drizzle wraps driver errors; the constraint name is somewhere in the cause chain. */
async function violation(promise: Promise<unknown>): Promise<string> {
	try {
		await promise;
	} catch (error) {
		const parts: string[] = [];
		for (let e: unknown = error; e; e = (e as { cause?: unknown }).cause) {
			const { message, constraint, constraint_name } = e as {
				message?: string;
				constraint?: string;
				constraint_name?: string;
			};
			parts.push(message ?? '', constraint ?? '', constraint_name ?? '');
		}
		return parts.join(' ');
	}
	throw new Error('expected the statement to be rejected');
}

describe.each(engines)('migrations on %s', (engine) => {
	let database: Database;
	let version: string;

	beforeAll(async () => {
		database = await freshDatabase(engine);
		[{ server_version: version }] = await rows<{ server_version: string }>(
			database,
			sql`SHOW server_version`
		);
		console.log(`[${engine}] PostgreSQL ${version}`);
	});

	afterAll(async () => {
		await database?.close();
	});

	it('runs against the expected server version', () => {
		// PGlite is PostgreSQL 18; the shared server is Debian's 15 when installed (the oldest we support).
		const major = Number(version.split('.')[0]);
		if (engine === 'pglite') return expect(major).toBe(18);
		const debianBin = findDebianBin();
		if (debianBin && !process.env.PG_BIN && process.env.TEST_PG !== 'embedded') {
			expect(inject('pgSource')).toBe('debian');
			expect(major).toBe(Number(path.basename(path.dirname(debianBin))));
		} else {
			expect(major).toBeGreaterThanOrEqual(15);
		}
	});

	it('creates the core tables', async () => {
		const tables = await rows<{ table_name: string }>(
			database,
			sql`select table_name from information_schema.tables where table_schema = 'public'`
		);
		const names = tables.map((t) => t.table_name);
		expect(names).toEqual(
			expect.arrayContaining([
				'users',
				'customers',
				'handles',
				'audit_log',
				'gifts',
				'gift_variants',
				'campaigns'
			])
		);
	});

	it('rejects negative stock', async () => {
		const [gift] = await database.db
			.insert(gifts)
			.values({ name: 'Sokken', kind: 'item', unitCostCents: 500 })
			.returning();
		await database.db.insert(giftVariants).values({ giftId: gift!.id, name: 'M', stock: 0 });
		expect(
			await violation(
				database.db.insert(giftVariants).values({ giftId: gift!.id, name: 'L', stock: -1 })
			)
		).toContain('gift_variants_stock_nonneg');
	});

	it('rejects a reservation above the budget', async () => {
		const base = {
			name: 'Dag van de klant',
			kind: 'day',
			startsOn: '2026-10-01',
			endsOn: '2026-10-31',
			budgetCents: 10_000
		} as const;
		await database.db.insert(campaigns).values({ ...base, reservedCents: 10_000 });
		expect(
			await violation(database.db.insert(campaigns).values({ ...base, reservedCents: 10_001 }))
		).toContain('campaigns_reserved_within_budget');
	});

	it('allows one normalised handle per channel', async () => {
		const [a, b] = await database.db
			.insert(customers)
			.values([{ name: 'Zoë' }, { name: 'Łukasz' }])
			.returning();
		await database.db
			.insert(handles)
			.values({ customerId: a!.id, channel: 'instagram', handle: '@Zoe', handleNorm: 'zoe' });
		// Same handle on another channel is someone else's business.
		await database.db
			.insert(handles)
			.values({ customerId: b!.id, channel: 'x', handle: 'zoe', handleNorm: 'zoe' });
		expect(
			await violation(
				database.db
					.insert(handles)
					.values({ customerId: b!.id, channel: 'instagram', handle: 'ZOE', handleNorm: 'zoe' })
			)
		).toContain('handles_channel_norm_uq');
	});
});
