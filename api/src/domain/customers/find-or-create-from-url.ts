import { and, eq, isNull } from 'drizzle-orm';
import { customers, handles } from '../../../../db/schema/index.ts';
import { recordAudit } from '../audit.ts';
import { inTransaction, type Ctx } from '../context.ts';
import { ConflictError } from '../errors.ts';
import { foldHandle } from '../text.ts';
import { requireCustomerWrite } from './access.ts';
import { insertCustomer } from './create-customer.ts';
import { loadCustomerView, type CustomerView } from './customer-view.ts';
import { isHandleUniqueViolation } from './handle-store.ts';
import type { Channel } from './handles.ts';
import { recogniseUrl } from './recognise-url.ts';
import { CustomerFromUrlInput, MAX_NAME_CHARS } from './schemas.ts';

export interface FoundOrCreated {
	customer: CustomerView;
	created: boolean;
	channel: Channel;
	handle: string;
}

/**
 * Paste a post or profile link: the customer who holds that handle, or a new customer named after
 * the handle (or `name`). Calling it twice gives the same customer (`created: false`).
 */
export async function findOrCreateCustomerFromUrl({
	ctx,
	input
}: {
	ctx: Ctx;
	input: unknown;
}): Promise<FoundOrCreated> {
	requireCustomerWrite(ctx);
	const data = CustomerFromUrlInput.parse(input);
	const { channel, handle } = recogniseUrl(data.url);
	return findOrCreateByHandle(ctx, { channel, handle, name: data.name });
}

/**
 * The find-or-create itself (no role check), for verbs that accept a link on the way, such as a
 * nomination. `handle` must be canonical (canonicalHandle / recogniseUrl).
 */
export async function findOrCreateByHandle(
	ctx: Ctx,
	target: { channel: Channel; handle: string; name?: string }
): Promise<FoundOrCreated> {
	const attempt = () =>
		inTransaction(ctx, async (ctx) => {
			const [found] = await ctx.db
				.select({ customerId: handles.customerId })
				.from(handles)
				.innerJoin(customers, eq(customers.id, handles.customerId))
				.where(
					and(
						eq(handles.channel, target.channel),
						eq(handles.handleNorm, foldHandle(target.handle)),
						isNull(customers.erasedAt)
					)
				);
			if (found)
				return {
					customer: await loadCustomerView(ctx, found.customerId),
					created: false,
					channel: target.channel,
					handle: target.handle
				};
			const customer = await insertCustomer(ctx, {
				name: target.name ?? [...target.handle].slice(0, MAX_NAME_CHARS).join(''),
				email: null,
				locale: 'nl',
				isStaff: false,
				optedOut: false,
				notes: '',
				handles: [{ channel: target.channel, handle: target.handle, followers: 0 }]
			});
			await recordAudit(ctx, {
				action: 'customer.create',
				entity: 'customer',
				entityId: customer.id,
				data: { via: 'url', channels: [target.channel] }
			});
			return { customer, created: true, channel: target.channel, handle: target.handle };
		});
	try {
		return await attempt();
	} catch (error) {
		// Another request created the same handle between our look-up and insert: find theirs.
		if (isHandleUniqueViolation(error) || error instanceof ConflictError) return attempt();
		throw error;
	}
}
