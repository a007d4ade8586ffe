import { and, eq, isNull, or, sql, type SQL } from 'drizzle-orm';
import { customers, handles } from '../../../../db/schema/index.ts';
import type { Ctx } from '../context.ts';
import { ValidationError } from '../errors.ts';
import { msg } from '../../messages/index.ts';
import { decodeCursor, encodeCursor } from '../pagination.ts';
import { foldHandle, normalizeText } from '../text.ts';
import { requireCustomerRead } from './access.ts';
import { toCustomerViews, type CustomerView } from './customer-view.ts';
import { ListCustomersInput } from './schemas.ts';
import { containsPattern, foldForSearch } from './search-fold.ts';

/**
 * Customers by name (case- and accent-insensitive order, then id), keyset-paginated.
 * `q` matches anywhere in the name, the email or any handle, ignoring case and Latin accents
 * (`zoe` finds Zoë, `@JAN` finds jan); `channel` keeps customers with a handle there; `tier` by tier.
 * Erased customers are left out.
 */
export async function listCustomers({
	ctx,
	input
}: {
	ctx: Ctx;
	input: unknown;
}): Promise<{ items: CustomerView[]; nextCursor: string | null }> {
	requireCustomerRead(ctx);
	const { q, channel, tier, cursor, limit } = ListCustomersInput.parse(input);
	const sortKey = customers.nameSearch;
	const conditions: (SQL | undefined)[] = [isNull(customers.erasedAt)];

	const query = q ? normalizeText(q) : '';
	if (query) {
		const handleQuery = foldForSearch(foldHandle(query));
		conditions.push(
			or(
				sql`${sortKey} like ${containsPattern(foldForSearch(query))}`,
				sql`lower(${customers.email}) like ${containsPattern(query.toLowerCase())}`,
				// An array of ids, not EXISTS: the planner can then OR it with the two trigram index
				// scans (BitmapOr) instead of testing every customer.
				handleQuery
					? sql`${customers.id} = any(array(select ${handles.customerId} from ${handles} where ${handles.handleSearch} like ${containsPattern(handleQuery)}))`
					: undefined
			)
		);
	}
	if (channel) {
		conditions.push(
			sql`exists (select 1 from ${handles} where ${handles.customerId} = ${customers.id} and ${handles.channel} = ${channel})`
		);
	}
	if (tier) conditions.push(eq(customers.tier, tier));
	if (cursor) {
		const after = decodeCursor(cursor);
		if (typeof after.sortValue !== 'string') {
			throw new ValidationError(msg('cursor_is_not_valid'), [
				{ field: 'cursor', message: msg('use_nextcursor_of_previous_page') }
			]);
		}
		conditions.push(sql`(${sortKey}, ${customers.id}) > (${after.sortValue}, ${after.id}::uuid)`);
	}

	// A search of three letters or more goes through the trigram indexes and sorts what it finds:
	// ordering by an expression keeps the planner from walking the whole name order instead, which
	// it would do for a search it thinks common (`zoe van` walked 96 % of the names to reach the z).
	// Shorter ones match broadly and have no trigrams: walking the name order finds a page soonest.
	const findsFew = [...foldForSearch(query)].length >= 3;
	const rows = await ctx.db
		.select({ customer: customers })
		.from(customers)
		.where(and(...conditions))
		.orderBy(findsFew ? sql`${sortKey} || ''` : sortKey, customers.id)
		.limit(limit + 1);

	const page = rows.slice(0, limit);
	const last = page.at(-1);
	return {
		items: await toCustomerViews(
			ctx,
			page.map((r) => r.customer)
		),
		nextCursor:
			rows.length > limit && last ? encodeCursor(last.customer.nameSearch, last.customer.id) : null
	};
}
