import { customers, handles } from '../../../../db/schema/index.ts';
import { recordAudit } from '../audit.ts';
import { inTransaction, type Ctx } from '../context.ts';
import { ValidationError, type FieldText, rowError } from '../errors.ts';
import { msg } from '../../messages/index.ts';
import { foldHandle } from '../text.ts';
import { requireCustomerWrite } from './access.ts';
import {
	parseCustomerCsv,
	type CsvColumn,
	type CsvRowError,
	type ParsedCsvRow
} from './customer-csv.ts';
import { clashMessage, findHandleOwners, handleKey, mapHandleRace } from './handle-store.ts';
import type { Channel } from './handles.ts';
import { ImportCustomersInput } from './schemas.ts';

/** At most this many field errors go into one problem response (the preview shows them all). */
const MAX_REPORTED_ERRORS = 1000;
const INSERT_CHUNK = 1000;

const columnOfChannel = (channel: Channel): CsvColumn => channel;

/** Adds an error to every row whose handle another customer already holds. */
async function markClashes(ctx: Ctx, rows: ParsedCsvRow[]): Promise<void> {
	const wanted = rows.flatMap((r) => r.customer?.handles ?? []);
	const owners = await findHandleOwners(ctx, wanted);
	if (owners.size === 0) return;
	for (const row of rows) {
		for (const h of row.customer?.handles ?? []) {
			const owner = owners.get(handleKey(h.channel, h.handle));
			if (owner)
				row.errors.push(
					rowError(row.line, columnOfChannel(h.channel), clashMessage(h.channel, owner))
				);
		}
		if (row.errors.length) row.customer = null;
	}
}

function summary(rows: ParsedCsvRow[]) {
	const invalid = rows.filter((r) => r.errors.length > 0).length;
	return { valid: rows.length - invalid, invalid };
}

/** Reads the CSV and reports, per row, its values and what is wrong, without writing anything. */
export async function previewCustomerImport({ ctx, input }: { ctx: Ctx; input: unknown }) {
	requireCustomerWrite(ctx);
	const { csv } = ImportCustomersInput.parse(input);
	const rows = parseCustomerCsv(csv);
	await markClashes(ctx, rows);
	return {
		rows: rows.map(({ line, values, errors }) => ({
			line,
			values: values as Record<string, string>,
			errors
		})),
		...summary(rows)
	};
}

/**
 * All or nothing, in one transaction: any bad row (invalid value, duplicate within the file, handle
 * of an existing customer) is a ValidationError with fields `rows.<line>.<column>` and nothing is
 * written. One audit row `customer.import` for the whole file.
 */
export async function importCustomers({
	ctx,
	input
}: {
	ctx: Ctx;
	input: unknown;
}): Promise<{ imported: number }> {
	requireCustomerWrite(ctx);
	const { csv } = ImportCustomersInput.parse(input);
	const rows = parseCustomerCsv(csv);
	if (rows.length === 0)
		throw new ValidationError(msg('customer_csv_no_customers'), [
			{ field: 'csv', message: msg('no_rows_to_import') }
		]);

	return mapHandleRace(
		() =>
			inTransaction(ctx, async (ctx) => {
				await markClashes(ctx, rows);
				const errors: CsvRowError[] = rows.flatMap((r) => r.errors);
				if (errors.length) {
					const { invalid } = summary(rows);
					const fields: FieldText[] = errors
						.slice(0, MAX_REPORTED_ERRORS)
						.map((e) => ({ field: `rows.${e.line}.${e.field}`, message: e.text }));
					throw new ValidationError(
						msg('customer_csv_rows_invalid', { invalid, total: rows.length }),
						fields
					);
				}

				const now = ctx.now();
				const prepared = rows.map((r) => ({ id: crypto.randomUUID(), data: r.customer! }));
				for (let i = 0; i < prepared.length; i += INSERT_CHUNK) {
					await ctx.db.insert(customers).values(
						prepared.slice(i, i + INSERT_CHUNK).map(({ id, data }) => ({
							id,
							name: data.name,
							email: data.email ?? null,
							locale: data.locale,
							isStaff: data.isStaff,
							optedOut: data.optedOut,
							notes: data.notes,
							createdAt: now,
							updatedAt: now
						}))
					);
				}
				const handleRows = prepared.flatMap(({ id, data }) =>
					data.handles.map((h) => ({
						customerId: id,
						channel: h.channel,
						handle: h.handle,
						handleNorm: foldHandle(h.handle),
						followers: h.followers,
						createdAt: now
					}))
				);
				for (let i = 0; i < handleRows.length; i += INSERT_CHUNK) {
					await ctx.db.insert(handles).values(handleRows.slice(i, i + INSERT_CHUNK));
				}
				await recordAudit(ctx, {
					action: 'customer.import',
					entity: 'customer',
					entityId: null,
					data: { imported: prepared.length, handles: handleRows.length }
				});
				return { imported: prepared.length };
			}),
		'csv'
	);
}
