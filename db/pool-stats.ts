/**
 * How many of the pool's connections are open and what they do, for /metrics: PostgreSQL's own
 * view (pg_stat_activity), found by the application_name openDatabase gives each pool. The probe's
 * own connection counts as idle: the scrape should not show itself as load.
 */
import { sql } from 'drizzle-orm';
import { rowsOf, type Database } from './client.ts';

export interface PoolStats {
	max: number;
	/** Open connections by pg_stat_activity state: active, idle, idle in transaction, … */
	connections: Record<string, number>;
}

interface PostgresClient {
	options: { max: number; connection: { application_name?: string } };
}

export async function poolStats(database: Database): Promise<PoolStats> {
	// PGlite is one connection in this process, always open.
	if (database.kind === 'pglite') return { max: 1, connections: { idle: 1 } };
	const client = (database.db as unknown as { $client: PostgresClient }).$client;
	const name = client.options.connection.application_name ?? '';
	const rows = rowsOf<{ state: string | null; n: number }>(
		await database.db.execute(sql`
			select case when pid = pg_backend_pid() then 'idle' else coalesce(state, 'unknown') end as state,
				count(*)::int as n
			from pg_stat_activity
			where application_name = ${name} and datname = current_database()
			group by 1`)
	);
	const connections: Record<string, number> = {};
	for (const row of rows) connections[row.state ?? 'unknown'] = Number(row.n);
	return { max: client.options.max, connections };
}
