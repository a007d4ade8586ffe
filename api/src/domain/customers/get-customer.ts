import type { Ctx } from '../context.ts';
import { requireCustomerRead } from './access.ts';
import { loadCustomerView, type CustomerView } from './customer-view.ts';

/** One customer with their handles; erased customers are gone (404). */
export async function getCustomer({
	ctx,
	input
}: {
	ctx: Ctx;
	input: { id: string };
}): Promise<CustomerView> {
	requireCustomerRead(ctx);
	return loadCustomerView(ctx, input.id);
}
