import { and, eq, exists, gt, inArray, isNull, lte, or, sql } from 'drizzle-orm';
import { addresses, surprises } from '../../../../db/schema/index.ts';
import { recordAudit } from '../audit.ts';
import { inTransaction, requireRole, type Ctx } from '../context.ts';
import { readSetting } from '../settings/settings.ts';
import { openStatuses } from '../surprises/state-machine.ts';
import { anonymiseAddresses } from './anonymise.ts';

const DAY_MS = 86_400_000;

/**
 * The daily retention job (privacy by default): an address is anonymised once it is
 * `retention_days` (setting, default 30) past
 * - the delivery of the surprises it was used for, or
 * - its own creation, when it serves no surprise that is still under way (planned … shipped) and
 *   none delivered within those days (an address kept "for later" is not kept for ever).
 * Kept: country, postcode area, city, region. Idempotent; one audit row per run with the counts.
 * Run by the system actor (scheduler) or an admin.
 */
export async function applyAddressRetention({ ctx }: { ctx: Ctx }) {
	if (ctx.actor.type !== 'system') requireRole(ctx, 'admin');
	return inTransaction(ctx, async (ctx) => {
		const retentionDays = await readSetting(ctx, 'retention_days');
		const cutoff = new Date(ctx.now().getTime() - retentionDays * DAY_MS);
		const usedBy = (condition: ReturnType<typeof and>) =>
			exists(
				ctx.db
					.select({ one: sql`1` })
					.from(surprises)
					.where(and(eq(surprises.addressId, addresses.id), condition))
			);

		const stillNeeded = usedBy(
			or(inArray(surprises.status, [...openStatuses]), gt(surprises.deliveredAt, cutoff))
		);
		const deliveredLongAgo = usedBy(lte(surprises.deliveredAt, cutoff));
		// Several app instances may run the job at once: SKIP LOCKED splits the rows between them.
		const due = await ctx.db
			.select({
				id: addresses.id,
				country: addresses.country,
				postcode: addresses.postcode,
				postcodeArea: addresses.postcodeArea,
				afterDelivery: deliveredLongAgo.mapWith(Boolean)
			})
			.from(addresses)
			.where(
				and(
					isNull(addresses.anonymisedAt),
					sql`not ${stillNeeded}`,
					or(deliveredLongAgo, lte(addresses.createdAt, cutoff))
				)
			)
			.for('update', { skipLocked: true });

		const anonymised = await anonymiseAddresses(ctx, due);
		const afterDelivery = due.filter((d) => d.afterDelivery).length;
		const summary = {
			retentionDays,
			cutoff: cutoff.toISOString(),
			anonymised,
			afterDelivery,
			unused: anonymised - afterDelivery
		};
		await recordAudit(ctx, {
			action: 'address.retention',
			entity: 'address',
			entityId: null,
			data: summary
		});
		return summary;
	});
}
