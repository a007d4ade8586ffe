import { eq } from 'drizzle-orm';
import { customers, surprises } from '../../../../db/schema/index.ts';
import { requireRole, type Ctx } from '../context.ts';
import { ConflictError, NotFoundError } from '../errors.ts';
import { msg } from '../../messages/index.ts';
import { readFullAddress } from '../privacy/read-full-address.ts';
import { printEngine } from './engine.ts';
import { PRINTERS } from './access.ts';

/**
 * The full address of a surprise for the ship page, only when the hub'er asks for it (a torn or
 * smudged label): read through readFullAddress, so every read is an `address.read` audit row with
 * the reason `ship page`. Returns the lines as the label prints them (per country). Hub and admin.
 */
export async function readShipAddress({ ctx, input }: { ctx: Ctx; input: { id: string } }) {
	requireRole(ctx, ...PRINTERS);
	const [s] = await ctx.db
		.select({
			reference: surprises.reference,
			addressId: surprises.addressId,
			customerName: customers.name
		})
		.from(surprises)
		.innerJoin(customers, eq(customers.id, surprises.customerId))
		.where(eq(surprises.id, input.id));
	if (!s) throw new NotFoundError('surprise', input.id);
	if (!s.addressId)
		throw new ConflictError(msg('ship_no_address', { reference: s.reference }), [
			{ field: 'addressId', message: msg('no_address_on_file') }
		]);
	const a = await readFullAddress({
		ctx,
		input: { addressId: s.addressId, reason: `ship page ${s.reference}` }
	});
	const { formatAddress } = await printEngine();
	return {
		reference: s.reference,
		lines: formatAddress({
			recipientName: a.recipientName || s.customerName,
			street: a.street ?? '',
			houseNumber: a.houseNumber ?? '',
			addition: a.addition ?? undefined,
			postcode: a.postcode ?? '',
			city: a.city ?? '',
			country: a.country
		})
	};
}
