import { z } from '@hono/zod-openapi';
import { codeChannels } from '../../../db/schema/enums.ts';
import { CATALOGUE_MANAGERS } from '../domain/gifts/access.ts';
import { createGift, getGift, listGifts, updateGift } from '../domain/gifts/gifts.ts';
import {
	AdjustStockInput,
	CreateGiftInput,
	CreateVariantInput,
	giftKinds,
	UpdateGiftInput,
	UpdateVariantInput,
	UploadVoucherCodesInput,
	voucherCodeStates
} from '../domain/gifts/schemas.ts';
import { adjustVariantStock, lowStockVariants } from '../domain/gifts/stock.ts';
import { createVariant, updateVariant } from '../domain/gifts/variants.ts';
import {
	deleteVoucherCode,
	listVoucherCodes,
	uploadVoucherCodes
} from '../domain/gifts/voucher-codes.ts';
import { ALL_STAFF, defineRoute } from '../http/access.ts';
import { publicOrigin } from '../http/origin.ts';
import { pageOf, PageQuery } from '../http/pagination.ts';
import { newRouter } from '../http/router.ts';
import { IdParam, json, problemResponses } from '../http/schemas.ts';
import { zodText } from '../messages/zod.ts';

const READ = { roles: ALL_STAFF } as const;
const MANAGE = { roles: CATALOGUE_MANAGERS } as const;
const uuid = (name: string) =>
	z.uuid(zodText('must_be_uuid')).openapi({ param: { name, in: 'path' } });
const VariantParams = z.object({ id: uuid('id'), variantId: uuid('variantId') });
const CodeParams = z.object({ id: uuid('id'), codeId: uuid('codeId') });
const body = <T extends z.ZodType>(schema: T) => ({
	body: { content: { 'application/json': { schema } }, required: true }
});
const readErrors = {
	401: problemResponses[401],
	403: problemResponses[403],
	404: problemResponses[404]
};

const VariantSchema = z
	.object({
		id: z.string(),
		giftId: z.string(),
		name: z.string(),
		stock: z.number().int(),
		lowStockThreshold: z.number().int(),
		low: z.boolean().openapi({ description: 'Stock at or below the threshold' }),
		createdAt: z.string()
	})
	.openapi('GiftVariant');

const GiftSchema = z
	.object({
		id: z.string(),
		name: z.string(),
		kind: z.enum(giftKinds),
		description: z.string(),
		unitCostCents: z.number().int(),
		faceValueCents: z.number().int().nullable(),
		active: z.boolean(),
		voucherMode: z.enum(['codes', 'face_value']).nullable(),
		codeChannel: z.enum(codeChannels).nullable().openapi({
			description: 'Where a code from the pool reaches the customer: card, claim_page or email'
		}),
		variants: z.array(VariantSchema),
		codes: z
			.object({ total: z.number().int(), available: z.number().int() })
			.nullable()
			.openapi({ description: 'Voucher code pool: counts only, codes are never returned' }),
		createdAt: z.string(),
		updatedAt: z.string()
	})
	.openapi('Gift');

const StockChangeSchema = z
	.object({
		variant: VariantSchema,
		lowStock: z.boolean().openapi({
			description: 'This change crossed the low-stock threshold (from above to at or below)'
		})
	})
	.openapi('StockChange');

const LowStockSchema = z
	.object({
		giftId: z.string(),
		giftName: z.string(),
		variantId: z.string(),
		variantName: z.string(),
		stock: z.number().int(),
		lowStockThreshold: z.number().int()
	})
	.openapi('LowStockVariant');

const CodeCounts = { total: z.number().int(), available: z.number().int() };
const VoucherCodeSchema = z
	.object({
		id: z.string(),
		masked: z.string().openapi({ example: '••••7F3K' }),
		state: z.enum(voucherCodeStates),
		surpriseId: z.string().nullable(),
		assignedAt: z.string().nullable(),
		createdAt: z.string()
	})
	.openapi('VoucherCode');

const list = defineRoute({
	method: 'get',
	path: '/',
	summary: 'The gift catalogue',
	tags: ['gifts'],
	access: READ,
	request: {
		query: z.object({
			kind: z.enum(giftKinds).optional(),
			active: z.enum(['true', 'false']).optional(),
			...PageQuery
		})
	},
	responses: {
		200: json(pageOf(GiftSchema)),
		400: problemResponses[400],
		401: problemResponses[401],
		403: problemResponses[403]
	}
});

const lowStock = defineRoute({
	method: 'get',
	path: '/low-stock',
	summary: 'Variants of active gifts at or below their low-stock threshold',
	tags: ['gifts'],
	access: READ,
	responses: {
		200: json(z.object({ items: z.array(LowStockSchema) })),
		401: problemResponses[401],
		403: problemResponses[403]
	}
});

const create = defineRoute({
	method: 'post',
	path: '/',
	summary: 'Add a gift, optionally with variants',
	tags: ['gifts'],
	access: MANAGE,
	idempotent: true,
	request: body(CreateGiftInput),
	responses: { 201: json(GiftSchema, 'Created'), ...problemResponses }
});

const get = defineRoute({
	method: 'get',
	path: '/{id}',
	summary: 'One gift with its variants and code counts',
	tags: ['gifts'],
	access: READ,
	request: { params: IdParam },
	responses: { 200: json(GiftSchema), 400: problemResponses[400], ...readErrors }
});

const update = defineRoute({
	method: 'patch',
	path: '/{id}',
	summary: 'Change a gift (not its kind)',
	tags: ['gifts'],
	access: MANAGE,
	request: { params: IdParam, ...body(UpdateGiftInput) },
	responses: { 200: json(GiftSchema), ...problemResponses }
});

const addVariant = defineRoute({
	method: 'post',
	path: '/{id}/variants',
	summary: 'Add a variant (e.g. a size) with its starting stock',
	tags: ['gifts'],
	access: MANAGE,
	idempotent: true,
	request: { params: IdParam, ...body(CreateVariantInput) },
	responses: { 201: json(VariantSchema, 'Created'), ...problemResponses }
});

const editVariant = defineRoute({
	method: 'patch',
	path: '/{id}/variants/{variantId}',
	summary: 'Rename a variant or change its low-stock threshold',
	tags: ['gifts'],
	access: MANAGE,
	request: { params: VariantParams, ...body(UpdateVariantInput) },
	responses: { 200: json(VariantSchema), ...problemResponses }
});

const adjustStock = defineRoute({
	method: 'post',
	path: '/{id}/variants/{variantId}/stock',
	summary:
		'Change stock by a delta; never below zero (crossing the low-stock threshold emails marketing)',
	tags: ['gifts'],
	access: MANAGE,
	request: { params: VariantParams, ...body(AdjustStockInput) },
	responses: { 200: json(StockChangeSchema), ...problemResponses }
});

const uploadCodes = defineRoute({
	method: 'post',
	path: '/{id}/voucher-codes',
	summary: 'Add voucher codes from CSV text (all or nothing)',
	description:
		'One code per line, or a header row with a `code` column. Duplicates in the file or against the pool reject the whole file with line numbers.',
	tags: ['gifts'],
	access: MANAGE,
	upload: true,
	idempotent: true,
	request: { params: IdParam, ...body(UploadVoucherCodesInput) },
	responses: {
		201: json(z.object({ giftId: z.string(), added: z.number().int(), ...CodeCounts }), 'Added'),
		...problemResponses
	}
});

const listCodes = defineRoute({
	method: 'get',
	path: '/{id}/voucher-codes',
	summary: 'The code pool, masked',
	tags: ['gifts'],
	access: READ,
	request: {
		params: IdParam,
		query: z.object({ state: z.enum(voucherCodeStates).optional(), ...PageQuery })
	},
	responses: {
		200: json(pageOf(VoucherCodeSchema).extend({ counts: z.object(CodeCounts) })),
		400: problemResponses[400],
		...readErrors
	}
});

const deleteCode = defineRoute({
	method: 'delete',
	path: '/{id}/voucher-codes/{codeId}',
	summary: 'Remove an unassigned code',
	tags: ['gifts'],
	access: MANAGE,
	request: { params: CodeParams },
	responses: { 200: json(z.object({ giftId: z.string(), ...CodeCounts })), ...problemResponses }
});

const boolParam = (v: 'true' | 'false' | undefined) => (v === undefined ? undefined : v === 'true');

export const giftsRoutes = newRouter()
	.openapi(list, async (c) => {
		const q = c.req.valid('query');
		return c.json(
			await listGifts({ ctx: c.get('ctx'), input: { ...q, active: boolParam(q.active) } }),
			200
		);
	})
	.openapi(lowStock, async (c) => c.json({ items: await lowStockVariants(c.get('ctx')) }, 200))
	.openapi(create, async (c) =>
		c.json(await createGift({ ctx: c.get('ctx'), input: c.req.valid('json') }), 201)
	)
	.openapi(get, async (c) =>
		c.json(await getGift({ ctx: c.get('ctx'), input: c.req.valid('param') }), 200)
	)
	.openapi(update, async (c) =>
		c.json(
			await updateGift({
				ctx: c.get('ctx'),
				input: { id: c.req.valid('param').id, changes: c.req.valid('json') }
			}),
			200
		)
	)
	.openapi(addVariant, async (c) =>
		c.json(
			await createVariant({
				ctx: c.get('ctx'),
				input: { giftId: c.req.valid('param').id, variant: c.req.valid('json') }
			}),
			201
		)
	)
	.openapi(editVariant, async (c) => {
		const { id, variantId } = c.req.valid('param');
		return c.json(
			await updateVariant({
				ctx: c.get('ctx'),
				input: { giftId: id, variantId, changes: c.req.valid('json') }
			}),
			200
		);
	})
	.openapi(adjustStock, async (c) => {
		const { id, variantId } = c.req.valid('param');
		return c.json(
			await adjustVariantStock({
				ctx: c.get('ctx'),
				input: { giftId: id, variantId, change: c.req.valid('json') },
				options: { origin: publicOrigin(c) }
			}),
			200
		);
	})
	.openapi(uploadCodes, async (c) =>
		c.json(
			await uploadVoucherCodes({
				ctx: c.get('ctx'),
				input: { giftId: c.req.valid('param').id, upload: c.req.valid('json') }
			}),
			201
		)
	)
	.openapi(listCodes, async (c) =>
		c.json(
			await listVoucherCodes({
				ctx: c.get('ctx'),
				input: { giftId: c.req.valid('param').id, ...c.req.valid('query') }
			}),
			200
		)
	)
	.openapi(deleteCode, async (c) => {
		const { id, codeId } = c.req.valid('param');
		return c.json(
			await deleteVoucherCode({ ctx: c.get('ctx'), input: { giftId: id, codeId } }),
			200
		);
	});
