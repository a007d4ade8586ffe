import { z } from 'zod';
import { giftKinds } from '../../../../db/schema/gifts.ts';
import { codeChannels } from '../../../../db/schema/enums.ts';
import { Cents, longText, singleLine } from '../fields.ts';
import type { MessageKey } from '../../messages/index.ts';
import { zodText, zodIssue } from '../../messages/zod.ts';

export { giftKinds };
export type GiftKind = (typeof giftKinds)[number];

export const MAX_STOCK = 1_000_000;
export const MAX_CSV_CHARS = 2 * 1024 * 1024;
export const MAX_CODES_PER_UPLOAD = 20_000;

const Count = (whole: MessageKey, negative: MessageKey) =>
	z
		.number(zodText(whole))
		.int(zodText(whole))
		.min(0, zodText(negative))
		.max(MAX_STOCK, zodText('at_most', { maximum: MAX_STOCK }));

export const GiftName = singleLine('enter_name', 200);
export const VariantName = singleLine('enter_variant_name', 100);
const Description = longText(2000);

export const CreateVariantInput = z.object({
	name: VariantName,
	stock: Count('enter_stock_whole_number', 'stock_cannot_be_negative').default(0),
	lowStockThreshold: Count(
		'enter_low_stock_threshold_whole_number',
		'low_stock_threshold_cannot_be_negative'
	).default(0)
});
export type CreateVariantInput = z.infer<typeof CreateVariantInput>;

export const UpdateVariantInput = z.object({
	name: VariantName.optional(),
	lowStockThreshold: Count(
		'enter_low_stock_threshold_whole_number',
		'low_stock_threshold_cannot_be_negative'
	).optional()
});
export type UpdateVariantInput = z.infer<typeof UpdateVariantInput>;

/** Stock only moves by a delta (never set), so concurrent changes add up instead of overwriting. */
export const AdjustStockInput = z.object({
	delta: z
		.number(zodText('enter_change_as_whole_number_e_g'))
		.int(zodText('enter_change_as_whole_number_e_g'))
		.min(-MAX_STOCK, zodText('at_most_at_once', { maximum: MAX_STOCK }))
		.max(MAX_STOCK, zodText('at_most_at_once', { maximum: MAX_STOCK }))
		.refine((n) => n !== 0, zodText('change_of_0_changes_nothing')),
	note: longText(500).default('')
});
export type AdjustStockInput = z.infer<typeof AdjustStockInput>;

const giftFields = {
	name: GiftName,
	kind: z.enum(giftKinds, zodText('choose_one_of', { values: giftKinds.join(', ') })),
	description: Description.default(''),
	unitCostCents: Cents,
	/** Vouchers without a code pool: the value printed on the card. */
	faceValueCents: Cents.nullable().default(null),
	/** Gifts with a code pool: where the code reaches the customer (see gifts/code-channel.ts). */
	codeChannel: z
		.enum(codeChannels, zodText('choose_one_of', { values: codeChannels.join(', ') }))
		.nullable()
		.optional(),
	active: z.boolean().default(true)
};

export const CreateGiftInput = z
	.object({
		...giftFields,
		variants: z.array(CreateVariantInput).max(50, zodText('at_most_50_variants')).default([])
	})
	.superRefine((gift, ctx) => {
		if (gift.faceValueCents !== null && gift.kind !== 'voucher') {
			ctx.addIssue({
				code: 'custom',
				path: ['faceValueCents'],
				...zodIssue('only_voucher_has_face_value')
			});
		}
		const seen = new Map<string, number>();
		gift.variants.forEach((v, i) => {
			const key = v.name.toLocaleLowerCase('und');
			if (seen.has(key))
				ctx.addIssue({
					code: 'custom',
					path: ['variants', i, 'name'],
					...zodIssue('same_name_as_variant', { number: seen.get(key)! + 1 })
				});
			else seen.set(key, i);
		});
	});
export type CreateGiftInput = z.infer<typeof CreateGiftInput>;

/** The kind is fixed once created: surprises, codes and variants depend on it. */
export const UpdateGiftInput = z.object({
	name: GiftName.optional(),
	description: Description.optional(),
	unitCostCents: Cents.optional(),
	faceValueCents: Cents.nullable().optional(),
	codeChannel: z
		.enum(codeChannels, zodText('choose_one_of', { values: codeChannels.join(', ') }))
		.nullable()
		.optional(),
	active: z.boolean().optional()
});
export type UpdateGiftInput = z.infer<typeof UpdateGiftInput>;

export const ListGiftsInput = z.object({
	kind: z.enum(giftKinds).optional(),
	active: z.boolean().optional(),
	cursor: z.string().max(500).optional(),
	limit: z.number().int().min(1).max(200).default(50)
});
export type ListGiftsInput = z.input<typeof ListGiftsInput>;

export const UploadVoucherCodesInput = z.object({
	csv: z
		.string(zodText('paste_or_upload_csv_text'))
		.max(MAX_CSV_CHARS, zodText('file_larger_than_mb', { mb: MAX_CSV_CHARS / 1024 / 1024 }))
});
export type UploadVoucherCodesInput = z.infer<typeof UploadVoucherCodesInput>;

export const voucherCodeStates = ['available', 'assigned'] as const;
export const ListVoucherCodesInput = z.object({
	state: z.enum(voucherCodeStates).optional(),
	cursor: z.string().max(500).optional(),
	limit: z.number().int().min(1).max(200).default(50)
});
export type ListVoucherCodesInput = z.input<typeof ListVoucherCodesInput>;
