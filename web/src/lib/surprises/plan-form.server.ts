/**
 * What the "plan a surprise" form needs (accepting a nomination): the open campaigns, the gifts of
 * the chosen campaign with their variants as one choice per item row, the signers; and reading the
 * form back into the API's shape, with the API's field errors mapped onto the rows as typed.
 */
import { m } from '#lib/paraglide/messages.js';
import type { ApiClient } from '#lib/server/api.ts';
import type { FormFields } from '#lib/server/form.ts';
import { isPostageMethod, isUuid, type PostageMethod } from './labels.ts';

/** Item rows the form offers; empty rows are skipped. */
export const ITEM_ROWS = 3;

export interface GiftChoice {
	/** `giftId:variantId`, or `giftId:` when the customer picks the variant (or there is none). */
	value: string;
	giftName: string;
	variantName: string | null;
	/** True for "the customer chooses on the claim page". */
	open: boolean;
	stock: number | null;
	unitCostCents: number;
}

export interface CampaignChoice {
	id: string;
	name: string;
	autoApproveLimitCents: number;
	leftCents: number;
}

/** Campaigns a surprise can be planned in today: approved or active (the API has the final word). */
export async function openCampaigns(api: ApiClient): Promise<CampaignChoice[]> {
	const out: CampaignChoice[] = [];
	for (const status of ['active', 'approved'] as const) {
		const res = await api.api.v1.campaigns.$get({ query: { status, limit: '200' } });
		if (!res.ok) continue;
		const page = await res.json();
		for (const c of page.items)
			out.push({
				id: c.id,
				name: c.name,
				autoApproveLimitCents: c.autoApproveLimitCents,
				leftCents: c.budget.leftCents
			});
	}
	return out.sort((a, b) => a.name.localeCompare(b.name));
}

/** The gifts a campaign allows, each variant its own choice, plus "customer chooses" for gifts with variants. */
export async function giftChoices(api: ApiClient, campaignId: string): Promise<GiftChoice[]> {
	const res = await api.api.v1.campaigns[':id'].$get({ param: { id: campaignId } });
	if (!res.ok) return [];
	const campaign = await res.json();
	const gifts = await Promise.all(
		campaign.gifts.map(async (g) => {
			const r = await api.api.v1.gifts[':id'].$get({ param: { id: g.id } });
			return r.ok ? await r.json() : null;
		})
	);
	const choices: GiftChoice[] = [];
	for (const gift of gifts) {
		if (!gift || !gift.active) continue;
		if (gift.variants.length === 0) {
			const stock = gift.codes ? gift.codes.available : null;
			choices.push({
				value: `${gift.id}:`,
				giftName: gift.name,
				variantName: null,
				open: false,
				stock,
				unitCostCents: gift.unitCostCents
			});
			continue;
		}
		choices.push({
			value: `${gift.id}:`,
			giftName: gift.name,
			variantName: null,
			open: true,
			stock: null,
			unitCostCents: gift.unitCostCents
		});
		for (const v of gift.variants) {
			choices.push({
				value: `${gift.id}:${v.id}`,
				giftName: gift.name,
				variantName: v.name,
				open: false,
				stock: v.stock,
				unitCostCents: gift.unitCostCents
			});
		}
	}
	return choices;
}

export async function signers(api: ApiClient): Promise<{ id: string; name: string }[]> {
	const res = await api.api.v1.surprises.signers.$get();
	return res.ok ? (await res.json()).items : [];
}

export interface PlanValues {
	campaignId: string;
	items: { gift: string; quantity: string }[];
	cardMessage: string;
	internalNote: string;
	signedBy: string;
	postage: string;
}

export interface PlanBody {
	campaignId?: string;
	items: { giftId: string; variantId: string | null; quantity: number }[];
	cardMessage: string;
	internalNote: string;
	signedBy?: string | null;
	postage: PostageMethod;
}

export function emptyPlanValues(campaignId = '', signedBy = ''): PlanValues {
	return {
		campaignId,
		items: Array.from({ length: ITEM_ROWS }, () => ({ gift: '', quantity: '1' })),
		cardMessage: '',
		internalNote: '',
		signedBy,
		postage: 'stamp'
	};
}

/**
 * The form as typed (to show it again) and the API body. `rowOf[i]` is the form row of API item i,
 * so an error on `items.1.variantId` lands beside the row the person filled in.
 */
export function readPlanForm(form: FormFields) {
	const text = (key: string) => form.text(key, { trim: false });
	const values: PlanValues = {
		campaignId: text('campaignId'),
		items: Array.from({ length: ITEM_ROWS }, (_, i) => ({
			gift: text(`item.${i}.gift`),
			quantity: text(`item.${i}.quantity`) || '1'
		})),
		cardMessage: text('cardMessage'),
		internalNote: text('internalNote'),
		signedBy: text('signedBy'),
		postage: text('postage') || 'stamp'
	};
	const localErrors: Record<string, string> = {};
	const rowOf: number[] = [];
	const items: PlanBody['items'] = [];
	values.items.forEach((row, i) => {
		if (!row.gift) return;
		const [giftId, variantId] = row.gift.split(':');
		const quantity = Number(row.quantity);
		if (!isUuid(giftId)) return;
		if (!Number.isInteger(quantity) || quantity < 1 || quantity > 100)
			localErrors[`item.${i}.quantity`] = m.workflow_item_quantity_invalid();
		rowOf.push(i);
		items.push({ giftId, variantId: isUuid(variantId) ? variantId : null, quantity });
	});
	const body: PlanBody = {
		...(isUuid(values.campaignId) ? { campaignId: values.campaignId } : {}),
		items,
		cardMessage: values.cardMessage,
		internalNote: values.internalNote,
		signedBy: isUuid(values.signedBy) ? values.signedBy : null,
		postage: isPostageMethod(values.postage) ? values.postage : 'stamp'
	};
	/** API field errors (`items.0.variantId`) → form field names (`item.2.gift`). */
	const mapErrors = (errors: Record<string, string>) => {
		const out: Record<string, string> = {};
		for (const [field, message] of Object.entries(errors)) {
			const match = /^items\.(\d+)\.(\w+)/.exec(field);
			if (match) {
				const row = rowOf[Number(match[1])] ?? 0;
				out[`item.${row}.${match[2] === 'quantity' ? 'quantity' : 'gift'}`] ??= message;
			} else if (field === 'items') out['item.0.gift'] ??= message;
			else out[field] ??= message;
		}
		return out;
	};
	return { values, body, localErrors, mapErrors };
}
