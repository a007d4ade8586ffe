import { sql, type AnyColumn, type SQL } from 'drizzle-orm';

/**
 * Keyset pagination on (timestamp, id). PostgreSQL keeps microseconds and a JS Date only
 * milliseconds, so the cursor carries the timestamp as exact text, never a rounded Date.
 */
export const exactTimestamp = (column: AnyColumn) =>
	sql<string>`to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

/** Rows after the cursor in `order by column <dir>, id <dir>`. */
export function afterTimestampCursor(
	column: AnyColumn,
	idColumn: AnyColumn,
	cursor: { sortValue: string | number; id: string },
	direction: 'asc' | 'desc'
): SQL {
	const at = String(cursor.sortValue);
	return direction === 'desc'
		? sql`(${column}, ${idColumn}) < (${at}::timestamptz, ${cursor.id}::uuid)`
		: sql`(${column}, ${idColumn}) > (${at}::timestamptz, ${cursor.id}::uuid)`;
}
