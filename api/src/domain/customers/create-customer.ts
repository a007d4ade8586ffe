import { eq } from 'drizzle-orm';
import { customers, handles } from '../../../../db/schema/index.ts';
import { recordAudit } from '../audit.ts';
import { inTransaction, type Ctx } from '../context.ts';
import { requireCustomerWrite } from './access.ts';
import { toCustomerView, type CustomerView } from './customer-view.ts';
import { assertHandlesFree, insertHandles, mapHandleRace } from './handle-store.ts';
import { CreateCustomerInput } from './schemas.ts';

/** Create a customer with their handles; a handle another customer holds is a 409 naming the field. */
export async function createCustomer({
	ctx,
	input
}: {
	ctx: Ctx;
	input: unknown;
}): Promise<CustomerView> {
	requireCustomerWrite(ctx);
	const data = CreateCustomerInput.parse(input);
	return mapHandleRace(() =>
		inTransaction(ctx, async (ctx) => {
			const customer = await insertCustomer(ctx, data);
			await recordAudit(ctx, {
				action: 'customer.create',
				entity: 'customer',
				entityId: customer.id,
				data: { channels: data.handles.map((h) => h.channel) }
			});
			return customer;
		})
	);
}

/**
 * The insert itself, for verbs that create customers on the way (find-or-create from a URL).
 * No role check, no audit: the calling verb does both, inside its transaction.
 */
export async function insertCustomer(ctx: Ctx, data: CreateCustomerInput): Promise<CustomerView> {
	await assertHandlesFree(ctx, data.handles);
	const now = ctx.now();
	const [row] = await ctx.db
		.insert(customers)
		.values({
			name: data.name,
			email: data.email ?? null,
			locale: data.locale,
			isStaff: data.isStaff,
			optedOut: data.optedOut,
			notes: data.notes,
			createdAt: now,
			updatedAt: now
		})
		.returning();
	await insertHandles(ctx, row!.id, data.handles);
	return toCustomerView(
		row!,
		await ctx.db.select().from(handles).where(eq(handles.customerId, row!.id))
	);
}
