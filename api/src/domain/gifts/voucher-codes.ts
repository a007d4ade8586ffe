import { and, count, desc, eq, inArray, isNotNull, isNull, sql, type SQL } from 'drizzle-orm';
import { voucherCodes } from '../../../../db/schema/index.ts';
import { recordAudit } from '../audit.ts';
import { inTransaction, type Ctx } from '../context.ts';
import { ConflictError, DomainError, NotFoundError, ValidationError } from '../errors.ts';
import { msg, word } from '../../messages/index.ts';
import { afterTimestampCursor, exactTimestamp } from '../keyset.ts';
import { decodeCursor, encodeCursor } from '../pagination.ts';
import { requireCatalogueRead, requireCatalogueWrite } from './access.ts';
import { codeChannelOf } from './code-channel.ts';
import { loadGift, maskCode, voucherMode, type GiftRow } from './gift-view.ts';
import { ListVoucherCodesInput, MAX_CODES_PER_UPLOAD, UploadVoucherCodesInput } from './schemas.ts';
import { parseVoucherCsv, voucherLineError, type CsvLineError } from './voucher-csv.ts';

const CHUNK = 1000;
const MAX_REPORTED_LINES = 200;

/** A rejected upload: one message per bad line (field `csv`), and the same as `lines` for programs. */
export class VoucherCsvError extends DomainError {
	constructor(lines: CsvLineError[]) {
		const shown = lines.slice(0, MAX_REPORTED_LINES);
		super(
			'validation',
			msg(lines.length === 1 ? 'voucher_csv_line_unusable' : 'voucher_csv_lines_unusable', {
				count: lines.length
			}),
			{
				fields: shown.map((l) => ({ field: 'csv', message: l.text })),
				details: { lines: shown }
			}
		);
	}
}

function assertCodePool(gift: GiftRow): void {
	if (codeChannelOf(gift) !== null) return;
	if (gift.kind === 'digital')
		throw new ConflictError(msg('digital_gift_no_code_pool'), [
			{ field: 'codeChannel', message: msg('code_channel_set_email') }
		]);
	if (gift.kind !== 'voucher')
		throw new ConflictError(msg('only_voucher_has_code_pool'), [
			{ field: 'kind', message: msg('this_gift_is', { kind: word('gift_kind', gift.kind) }) }
		]);
	if (voucherMode(gift) !== 'codes') {
		throw new ConflictError(msg('voucher_no_code_pool'), [
			{ field: 'faceValueCents', message: msg('set_for_this_voucher') }
		]);
	}
}

async function codeCounts(ctx: Ctx, giftId: string) {
	const [row] = await ctx.db
		.select({
			total: count(),
			available: sql<number>`count(*) filter (where ${voucherCodes.surpriseId} is null)`
		})
		.from(voucherCodes)
		.where(eq(voucherCodes.giftId, giftId));
	return { total: Number(row?.total ?? 0), available: Number(row?.available ?? 0) };
}

/**
 * Add codes to a voucher's pool from a CSV. All or nothing: a code repeated in the file or already
 * in this gift's pool, or any unreadable line, rejects the whole file with the line numbers.
 * Codes never come back: the answer holds counts only.
 */
export async function uploadVoucherCodes({
	ctx,
	input
}: {
	ctx: Ctx;
	input: { giftId: string; upload: unknown };
}) {
	requireCatalogueWrite(ctx);
	const { csv } = UploadVoucherCodesInput.parse(input.upload);
	const parsed = parseVoucherCsv(csv);
	if (parsed.codes.length === 0 && parsed.errors.length === 0) {
		throw new ValidationError(msg('file_holds_no_codes'), [
			{ field: 'csv', message: msg('put_one_code_per_line_or_header') }
		]);
	}
	if (parsed.codes.length > MAX_CODES_PER_UPLOAD) {
		throw new ValidationError(msg('at_most_codes_per_upload', { max: MAX_CODES_PER_UPLOAD }), [
			{ field: 'csv', message: msg('split_file_it_holds_codes', { count: parsed.codes.length }) }
		]);
	}
	return inTransaction(ctx, async (ctx) => {
		// Locking the gift serialises uploads to one pool, so the duplicate check below is exact.
		const gift = await loadGift(ctx, input.giftId, { lock: true });
		assertCodePool(gift);
		const errors = [...parsed.errors];
		const lineOf = new Map(parsed.codes.map((c) => [c.code, c.line]));
		for (let i = 0; i < parsed.codes.length; i += CHUNK) {
			const chunk = parsed.codes.slice(i, i + CHUNK).map((c) => c.code);
			const existing = await ctx.db
				.select({ code: voucherCodes.code })
				.from(voucherCodes)
				.where(and(eq(voucherCodes.giftId, gift.id), inArray(voucherCodes.code, chunk)));
			for (const { code } of existing) {
				const line = lineOf.get(code)!;
				errors.push(voucherLineError(line, 'voucher_csv_code_in_pool', { code: maskCode(code) }));
			}
		}
		if (errors.length) throw new VoucherCsvError(errors.sort((a, b) => a.line - b.line));

		const now = ctx.now();
		for (let i = 0; i < parsed.codes.length; i += CHUNK) {
			await ctx.db
				.insert(voucherCodes)
				.values(
					parsed.codes
						.slice(i, i + CHUNK)
						.map((c) => ({ giftId: gift.id, code: c.code, pin: c.pin ?? null, createdAt: now }))
				);
		}
		await recordAudit(ctx, {
			action: 'voucher_codes.upload',
			entity: 'gift',
			entityId: gift.id,
			data: { added: parsed.codes.length }
		});
		return { giftId: gift.id, added: parsed.codes.length, ...(await codeCounts(ctx, gift.id)) };
	});
}

/** The pool, masked, newest first; filter available (unassigned) or assigned. */
export async function listVoucherCodes({
	ctx,
	input
}: {
	ctx: Ctx;
	input: { giftId: string } & ListVoucherCodesInput;
}) {
	requireCatalogueRead(ctx);
	const { giftId, ...rest } = input;
	const q = ListVoucherCodesInput.parse(rest);
	const gift = await loadGift(ctx, giftId);
	const where: SQL[] = [eq(voucherCodes.giftId, gift.id)];
	if (q.state === 'available') where.push(isNull(voucherCodes.surpriseId));
	if (q.state === 'assigned') where.push(isNotNull(voucherCodes.surpriseId));
	if (q.cursor)
		where.push(
			afterTimestampCursor(voucherCodes.createdAt, voucherCodes.id, decodeCursor(q.cursor), 'desc')
		);
	const rows = await ctx.db
		.select({
			id: voucherCodes.id,
			code: voucherCodes.code,
			surpriseId: voucherCodes.surpriseId,
			assignedAt: voucherCodes.assignedAt,
			createdAt: voucherCodes.createdAt,
			sortKey: exactTimestamp(voucherCodes.createdAt)
		})
		.from(voucherCodes)
		.where(and(...where))
		.orderBy(desc(voucherCodes.createdAt), desc(voucherCodes.id))
		.limit(q.limit + 1);
	const page = rows.slice(0, q.limit);
	const last = page.at(-1);
	return {
		items: page.map((r) => ({
			id: r.id,
			masked: maskCode(r.code),
			state: r.surpriseId ? ('assigned' as const) : ('available' as const),
			surpriseId: r.surpriseId,
			assignedAt: r.assignedAt?.toISOString() ?? null,
			createdAt: r.createdAt.toISOString()
		})),
		nextCursor: rows.length > q.limit && last ? encodeCursor(last.sortKey, last.id) : null,
		counts: await codeCounts(ctx, gift.id)
	};
}

/** Remove a code uploaded by mistake. A code that went to a surprise stays. */
export async function deleteVoucherCode({
	ctx,
	input
}: {
	ctx: Ctx;
	input: { giftId: string; codeId: string };
}) {
	requireCatalogueWrite(ctx);
	return inTransaction(ctx, async (ctx) => {
		const gift = await loadGift(ctx, input.giftId, { lock: true });
		const [row] = await ctx.db
			.select()
			.from(voucherCodes)
			.where(and(eq(voucherCodes.id, input.codeId), eq(voucherCodes.giftId, gift.id)))
			.for('update');
		if (!row) throw new NotFoundError('voucher_code', input.codeId);
		if (row.surpriseId)
			throw new ConflictError(msg('voucher_code_assigned'), [
				{ field: 'codeId', message: msg('already_assigned') }
			]);
		await ctx.db.delete(voucherCodes).where(eq(voucherCodes.id, row.id));
		await recordAudit(ctx, {
			action: 'voucher_code.delete',
			entity: 'gift',
			entityId: gift.id,
			data: { codeId: row.id, masked: maskCode(row.code) }
		});
		return { giftId: gift.id, ...(await codeCounts(ctx, gift.id)) };
	});
}
