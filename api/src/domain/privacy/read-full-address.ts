import { inArray } from 'drizzle-orm';
import { addresses } from '../../../../db/schema/index.ts';
import { requireRole, type Ctx } from '../context.ts';
import { ConflictError, NotFoundError } from '../errors.ts';
import { msg } from '../../messages/index.ts';
import { recordAuditRows } from './anonymise.ts';
import { ReadFullAddressesInput, ReadFullAddressInput } from './schemas.ts';

export interface FullAddress {
	id: string;
	customerId: string;
	recipientName: string | null;
	street: string | null;
	houseNumber: string | null;
	addition: string | null;
	postcode: string | null;
	city: string | null;
	region: string | null;
	country: string;
}

/**
 * The one way to read a full postal address (printing a label, an export): each address read is an
 * audit row `address.read` with the reason, in the caller's transaction. Anonymised addresses have
 * nothing left to read and are reported as unavailable, as are unknown ids.
 * Any staff role or the system actor.
 */
export async function readFullAddresses({ ctx, input }: { ctx: Ctx; input: unknown }): Promise<{
	addresses: FullAddress[];
	unavailable: { id: string; reason: 'not_found' | 'anonymised' }[];
}> {
	if (ctx.actor.type !== 'system') requireRole(ctx, 'hub', 'marketing', 'admin');
	const { addressIds, reason } = ReadFullAddressesInput.parse(input);
	const wanted = [...new Set(addressIds)];
	const rows = [];
	for (let i = 0; i < wanted.length; i += 1000) {
		rows.push(
			...(await ctx.db
				.select()
				.from(addresses)
				.where(inArray(addresses.id, wanted.slice(i, i + 1000))))
		);
	}
	const byId = new Map(rows.map((r) => [r.id, r]));
	const found: FullAddress[] = [];
	const unavailable: { id: string; reason: 'not_found' | 'anonymised' }[] = [];
	for (const id of wanted) {
		const row = byId.get(id);
		if (!row) unavailable.push({ id, reason: 'not_found' });
		else if (row.anonymisedAt) unavailable.push({ id, reason: 'anonymised' });
		else
			found.push({
				id: row.id,
				customerId: row.customerId,
				recipientName: row.recipientName,
				street: row.street,
				houseNumber: row.houseNumber,
				addition: row.addition,
				postcode: row.postcode,
				city: row.city,
				region: row.region,
				country: row.country
			});
	}
	await recordAuditRows(
		ctx,
		found.map((a) => ({
			action: 'address.read',
			entity: 'address',
			entityId: a.id,
			data: { reason, customerId: a.customerId }
		}))
	);
	return { addresses: found, unavailable };
}

/** One full address, audited; 404 when unknown, 409 when retention already anonymised it. */
export async function readFullAddress({
	ctx,
	input
}: {
	ctx: Ctx;
	input: unknown;
}): Promise<FullAddress> {
	const { addressId, reason } = ReadFullAddressInput.parse(input);
	const { addresses: found, unavailable } = await readFullAddresses({
		ctx,
		input: { addressIds: [addressId], reason }
	});
	if (found[0]) return found[0];
	if (unavailable[0]?.reason === 'anonymised') {
		throw new ConflictError(msg('address_anonymised'), [], {
			addressId
		});
	}
	throw new NotFoundError('address', addressId);
}
