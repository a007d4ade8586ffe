import { sql } from 'drizzle-orm';
import { surprises } from '../../../../db/schema/index.ts';
import type { Ctx } from '../context.ts';

/** Arbitrary, fixed key of the transaction-level advisory lock that serialises reference numbers. */
const REFERENCE_LOCK = 0x484f50; // "HOP"

export const formatReference = (n: number) => `HOP-${String(n).padStart(5, '0')}`;

/**
 * The next surprise reference (HOP-00001, HOP-00002 …): max + 1 under a transaction-level advisory
 * lock, held until the caller's transaction ends, so two plans never read the same maximum. No
 * sequence, so references continue from whatever rows exist (demo data, imports). Past 99999 the
 * number simply gets longer. The unique index on `reference` is the last line of defence.
 */
export async function nextReference(ctx: Ctx): Promise<string> {
	await ctx.db.execute(sql`select pg_advisory_xact_lock(${REFERENCE_LOCK}::bigint)`);
	const [row] = await ctx.db
		.select({ n: sql<number>`coalesce(max(substring(${surprises.reference} from 5)::bigint), 0)` })
		.from(surprises)
		.where(sql`${surprises.reference} ~ '^HOP-[0-9]{1,15}$'`);
	return formatReference(Number(row?.n ?? 0) + 1);
}
