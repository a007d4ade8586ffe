import { and, eq } from 'drizzle-orm';
import { campaigns, customers, surprises } from '../../../../db/schema/index.ts';
import { recordAudit } from '../audit.ts';
import { inTransaction, requireRole, type Ctx } from '../context.ts';
import { toCsv } from '../csv-write.ts';
import { ConflictError, NotFoundError } from '../errors.ts';
import { msg } from '../../messages/index.ts';
import { readFullAddresses } from '../privacy/read-full-address.ts';
import { readSetting } from '../settings/settings.ts';
import { shipmentTable } from '../shipping/shipment-formats.ts';
import { PRINTERS } from './access.ts';
import { ExportShipmentsInput } from './schemas.ts';

/** HOP-00042 before HOP-100000. */
const byReference = new Intl.Collator('en', { numeric: true });

/**
 * The shipments CSV for a carrier's bulk upload (Hoppatee's columns, PostNL's or DHL's): one row per surprise in the status (default
 * `printed`), optionally of one campaign, by reference. Each full address is read through
 * readFullAddresses (audited, reason `shipment export`); the export itself is an audit row. The
 * customer's email is only included when asked for. Every text cell is formula-safe (csv-write.ts).
 */
export async function exportShipments({
	ctx,
	input
}: {
	ctx: Ctx;
	input: unknown;
}): Promise<{ csv: string; rows: number }> {
	requireRole(ctx, ...PRINTERS);
	const data = ExportShipmentsInput.parse(input ?? {});
	return inTransaction(ctx, async (ctx) => {
		if (data.campaignId) {
			const [campaign] = await ctx.db
				.select({ id: campaigns.id })
				.from(campaigns)
				.where(eq(campaigns.id, data.campaignId));
			if (!campaign) throw new NotFoundError('campaign', data.campaignId);
		}
		const rows = await ctx.db
			.select({
				id: surprises.id,
				reference: surprises.reference,
				addressId: surprises.addressId,
				customerName: customers.name,
				email: customers.email
			})
			.from(surprises)
			.innerJoin(customers, eq(customers.id, surprises.customerId))
			.where(
				and(
					eq(surprises.status, data.status),
					data.campaignId ? eq(surprises.campaignId, data.campaignId) : undefined
				)
			);
		rows.sort((a, b) => byReference.compare(a.reference, b.reference));

		const { addresses, unavailable } = await readFullAddresses({
			ctx,
			input: {
				addressIds: rows.flatMap((r) => (r.addressId ? [r.addressId] : [])),
				reason: 'shipment export'
			}
		});
		const gone = new Set(unavailable.map((u) => u.id));
		const missing = rows.filter((r) => r.addressId === null || gone.has(r.addressId));
		if (missing.length) {
			throw new ConflictError(
				msg('shipments_no_address', { references: missing.map((r) => r.reference).join(', ') }),
				[],
				{
					surprises: missing.map((r) => ({ id: r.id, reference: r.reference }))
				}
			);
		}
		const byId = new Map(addresses.map((a) => [a.id, a]));
		const weight = await readSetting(ctx, 'shipment_weight_grams');
		const table = shipmentTable(
			data.format,
			rows.map((r) => {
				const a = byId.get(r.addressId!)!;
				return {
					reference: r.reference,
					name: a.recipientName || r.customerName,
					street: a.street,
					houseNumber: a.houseNumber,
					addition: a.addition,
					postcode: a.postcode,
					city: a.city,
					country: a.country,
					weightGrams: weight,
					email: r.email
				};
			}),
			data.email
		);
		const csv = toCsv(table.header, table.cells);
		await recordAudit(ctx, {
			action: 'shipment.export',
			entity: 'surprise',
			data: {
				status: data.status,
				rows: rows.length,
				email: data.email,
				format: data.format,
				...(data.campaignId ? { campaignId: data.campaignId } : {})
			}
		});
		return { csv, rows: rows.length };
	});
}
