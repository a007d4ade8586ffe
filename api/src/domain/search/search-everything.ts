import { desc, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import { nominations, surprises } from '../../../../db/schema/index.ts';
import { zodText } from '../../messages/zod.ts';
import { requireRole, type Ctx } from '../context.ts';
import { listCustomers } from '../customers/list-customers.ts';
import { toNominationViews } from '../nominations/nomination-view.ts';
import { listReactions } from '../reactions/list-reactions.ts';
import { formatReference } from '../surprises/reference.ts';
import { toSurpriseViews } from '../surprises/surprise-view.ts';

/** Each kind shows this many; its own list (with the same search) has the rest. */
const PER_KIND = 5;

export const SearchInput = z.object({
	q: z
		.string(zodText('search_with_at_most_200_characters'))
		.trim()
		.min(1, zodText('type_something_to_search'))
		.max(200, zodText('search_with_at_most_200_characters'))
});

/** "HOP-00116", "hop 116", "#116" or "00116": the surprise reference it names, else null. */
export function referenceIn(q: string): string | null {
	const match = /^(?:hop[\s-]*|#)?0*(\d{1,12})$/i.exec(q.trim());
	return match ? formatReference(Number(match[1])) : null;
}

/**
 * The header's one search box: customers (name, email, handle), surprises (by reference, and the
 * found customers' newest), nominations of those customers, and reactions whose text matches.
 * Each part is an indexed lookup: the customer and reaction searches of their own lists, the unique
 * reference, and the per-customer indexes.
 */
export async function searchEverything({ ctx, input }: { ctx: Ctx; input: unknown }) {
	requireRole(ctx, 'hub', 'marketing', 'admin');
	const { q } = SearchInput.parse(input);
	const reference = referenceIn(q);
	const [found, reactions, byReference] = await Promise.all([
		listCustomers({ ctx, input: { q, limit: PER_KIND } }),
		listReactions({ ctx, input: { q, limit: PER_KIND } }),
		reference
			? ctx.db.select().from(surprises).where(eq(surprises.reference, reference))
			: Promise.resolve([])
	]);
	const customerIds = found.items.map((c) => c.id);
	const [theirSurprises, theirNominations] = customerIds.length
		? await Promise.all([
				ctx.db
					.select()
					.from(surprises)
					.where(inArray(surprises.customerId, customerIds))
					.orderBy(desc(surprises.createdAt), desc(surprises.id))
					.limit(PER_KIND),
				ctx.db
					.select()
					.from(nominations)
					.where(inArray(nominations.customerId, customerIds))
					.orderBy(desc(nominations.createdAt), desc(nominations.id))
					.limit(PER_KIND)
			])
		: [[], []];
	const surpriseRows = [...byReference, ...theirSurprises.filter((s) => s.reference !== reference)];
	return {
		q,
		/** The surprise the query names exactly, when there is one: pages may go straight to it. */
		exactSurpriseId: byReference[0]?.id ?? null,
		customers: found.items,
		surprises: await toSurpriseViews(ctx, surpriseRows.slice(0, PER_KIND)),
		nominations: await toNominationViews(ctx, theirNominations),
		reactions: reactions.items
	};
}
