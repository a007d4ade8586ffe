import { eq } from 'drizzle-orm';
import { customers } from '../../../../db/schema/index.ts';
import { recordAudit } from '../audit.ts';
import { inTransaction, type Ctx } from '../context.ts';
import { recomputeCustomerScores } from '../scores/recompute-scores.ts';
import { requireCustomerWrite } from './access.ts';
import { findCustomerRow, loadCustomerView, type CustomerView } from './customer-view.ts';
import { assertHandlesFree, mapHandleRace, replaceHandles } from './handle-store.ts';
import { UpdateCustomerInput } from './schemas.ts';

/** Change a customer's fields; `handles`, when given, replaces the whole set. */
export async function updateCustomer({
	ctx,
	input
}: {
	ctx: Ctx;
	input: { id: string; changes: unknown };
}): Promise<CustomerView> {
	requireCustomerWrite(ctx);
	const changes = UpdateCustomerInput.parse(input.changes);
	return mapHandleRace(() =>
		inTransaction(ctx, async (ctx) => {
			await findCustomerRow(ctx, input.id, { forUpdate: true });
			const { handles: newHandles, ...fields } = changes;
			const set = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined));
			await ctx.db
				.update(customers)
				.set({ ...set, updatedAt: ctx.now() })
				.where(eq(customers.id, input.id));
			if (newHandles) {
				await assertHandlesFree(ctx, newHandles, input.id);
				await replaceHandles(ctx, input.id, newHandles);
			}
			// Team members and opted-out customers score 0: rescore when either flag changes.
			if (changes.isStaff !== undefined || changes.optedOut !== undefined)
				await recomputeCustomerScores(ctx, [input.id]);
			await recordAudit(ctx, {
				action: 'customer.update',
				entity: 'customer',
				entityId: input.id,
				// Which fields changed, not their values: the audit log keeps no personal data.
				data: {
					fields: Object.keys(changes).filter(
						(k) => changes[k as keyof typeof changes] !== undefined
					),
					...(newHandles ? { channels: newHandles.map((h) => h.channel) } : {})
				}
			});
			return loadCustomerView(ctx, input.id);
		})
	);
}
