import { and, eq, inArray, isNull } from 'drizzle-orm';
import { customers, handles } from '../../../../db/schema/index.ts';
import type { Ctx } from '../context.ts';
import { NotFoundError } from '../errors.ts';
import { channels } from './handles.ts';
import { CustomerId } from './schemas.ts';

export type CustomerRow = typeof customers.$inferSelect;
export type HandleRow = typeof handles.$inferSelect;

/** What leaves the domain about a customer. Handles in channel order. */
export function toCustomerView(customer: CustomerRow, customerHandles: HandleRow[]) {
	return {
		id: customer.id,
		name: customer.name,
		email: customer.email,
		locale: customer.locale,
		tier: customer.tier,
		isStaff: customer.isStaff,
		optedOut: customer.optedOut,
		notes: customer.notes,
		handles: [...customerHandles]
			.sort((a, b) => channels.indexOf(a.channel) - channels.indexOf(b.channel))
			.map((h) => ({ id: h.id, channel: h.channel, handle: h.handle, followers: h.followers })),
		createdAt: customer.createdAt.toISOString(),
		updatedAt: customer.updatedAt.toISOString()
	};
}
export type CustomerView = ReturnType<typeof toCustomerView>;

/** Views for a page of customers: one query for all their handles. */
export async function toCustomerViews(ctx: Ctx, rows: CustomerRow[]): Promise<CustomerView[]> {
	if (rows.length === 0) return [];
	const all = await ctx.db
		.select()
		.from(handles)
		.where(
			inArray(
				handles.customerId,
				rows.map((r) => r.id)
			)
		);
	const byCustomer = new Map<string, HandleRow[]>();
	for (const h of all) byCustomer.set(h.customerId, [...(byCustomer.get(h.customerId) ?? []), h]);
	return rows.map((row) => toCustomerView(row, byCustomer.get(row.id) ?? []));
}

/** The live (not erased) customer row, or NotFoundError; `forUpdate` locks it for the transaction. */
export async function findCustomerRow(
	ctx: Ctx,
	id: string,
	options: { forUpdate?: boolean } = {}
): Promise<CustomerRow> {
	if (!CustomerId.safeParse(id).success) throw new NotFoundError('customer', id);
	const query = ctx.db
		.select()
		.from(customers)
		.where(and(eq(customers.id, id), isNull(customers.erasedAt)));
	const [row] = options.forUpdate ? await query.for('update') : await query;
	if (!row) throw new NotFoundError('customer', id);
	return row;
}

export async function loadCustomerView(ctx: Ctx, id: string): Promise<CustomerView> {
	const row = await findCustomerRow(ctx, id);
	const [view] = await toCustomerViews(ctx, [row]);
	return view!;
}
