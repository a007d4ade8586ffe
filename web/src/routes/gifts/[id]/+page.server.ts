import { fail, redirect, type RequestEvent } from '@sveltejs/kit';
import { m } from '#lib/paraglide/messages.js';
import { formatNumber } from '#lib/labels.ts';
import { apiClient, fieldErrors, loginUrl, readProblem, throwFromApi } from '#lib/server/api.ts';
import { readForm } from '#lib/server/form.ts';
import type { Actions, PageServerLoad } from './$types';

const NOTICES = ['created', 'saved'] as const;
type NoticeKind = (typeof NOTICES)[number];
const CODES_SHOWN = '50';
const MAX_CSV_BYTES = 2 * 1024 * 1024;

export const load: PageServerLoad = async (event) => {
	const api = apiClient(event);
	const param = { id: event.params.id };
	const res = await api.api.v1.gifts[':id'].$get({ param });
	if (!res.ok) return throwFromApi(res, event.url);
	const gift = await res.json();
	let codes: {
		items: {
			id: string;
			masked: string;
			state: 'available' | 'assigned';
			assignedAt: string | null;
			createdAt: string;
		}[];
		more: boolean;
	} | null = null;
	if (gift.voucherMode === 'codes') {
		const codesRes = await api.api.v1.gifts[':id']['voucher-codes'].$get({
			param,
			query: { limit: CODES_SHOWN }
		});
		if (codesRes.ok) {
			const page = await codesRes.json();
			codes = { items: page.items, more: page.nextCursor !== null };
		}
	}
	const notice = event.url.searchParams.get('notice');
	return {
		gift,
		codes,
		notice: NOTICES.includes(notice as NoticeKind) ? (notice as NoticeKind) : null
	};
};

/** Every action answers in this one shape, so the page knows which form it concerns. */
interface Outcome {
	action: 'addVariant' | 'editVariant' | 'adjustStock' | 'uploadCodes' | 'deleteCode';
	variantId?: string;
	detail?: string;
	errors?: Record<string, string>;
	/** Every rejected line of a CSV upload (the API's messages, codes masked). */
	lines?: string[];
	values?: Record<string, string>;
	/** Success texts. */
	success?: string;
	lowStock?: boolean;
}

async function failed(res: Response, event: RequestEvent, outcome: Outcome) {
	const problem = await readProblem(res);
	if (problem.status === 401) redirect(303, loginUrl(event.url));
	const errors = fieldErrors(problem.errors);
	const detail =
		problem.status === 400 && Object.keys(errors).length > 0 && outcome.action !== 'uploadCodes'
			? m.form_check_fields()
			: problem.detail;
	const lines =
		outcome.action === 'uploadCodes'
			? (problem.errors ?? []).filter((e) => e.field === 'csv').map((e) => e.message)
			: undefined;
	return fail(problem.status, {
		...outcome,
		detail,
		errors,
		...(lines ? { lines } : {})
	} satisfies Outcome);
}

/** A whole number from a form field, or undefined when it is empty or not whole (the API then says why). */
function wholeNumber(value: string): number | undefined {
	if (value === '') return undefined;
	const n = Number(value);
	return Number.isInteger(n) ? n : Number.NaN;
}

const csvError = (message: string): Record<string, string> => ({ csv: message });

export const actions: Actions = {
	addVariant: async (event) => {
		const form = await readForm(event.request);
		const values = {
			name: form.text('name'),
			stock: form.text('stock'),
			lowStockThreshold: form.text('lowStockThreshold')
		};
		const stock = wholeNumber(values.stock);
		const lowStockThreshold = wholeNumber(values.lowStockThreshold);
		const res = await apiClient(event).api.v1.gifts[':id'].variants.$post({
			param: { id: event.params.id },
			json: {
				name: values.name,
				...(stock !== undefined ? { stock } : {}),
				...(lowStockThreshold !== undefined ? { lowStockThreshold } : {})
			}
		});
		if (!res.ok) return failed(res, event, { action: 'addVariant', values });
		const variant = await res.json();
		return {
			action: 'addVariant',
			success: m.campaigns_variant_added({ name: variant.name })
		} satisfies Outcome;
	},
	editVariant: async (event) => {
		const form = await readForm(event.request);
		const variantId = form.text('variantId');
		const values = { name: form.text('name'), lowStockThreshold: form.text('lowStockThreshold') };
		const lowStockThreshold = wholeNumber(values.lowStockThreshold);
		const res = await apiClient(event).api.v1.gifts[':id'].variants[':variantId'].$patch({
			param: { id: event.params.id, variantId },
			json: { name: values.name, ...(lowStockThreshold !== undefined ? { lowStockThreshold } : {}) }
		});
		if (!res.ok) return failed(res, event, { action: 'editVariant', variantId, values });
		return {
			action: 'editVariant',
			variantId,
			success: m.campaigns_variant_saved()
		} satisfies Outcome;
	},
	adjustStock: async (event) => {
		const form = await readForm(event.request);
		const variantId = form.text('variantId');
		const values = { delta: form.text('delta'), note: form.text('note', { trim: false }) };
		const delta = wholeNumber(values.delta) ?? Number.NaN;
		const res = await apiClient(event).api.v1.gifts[':id'].variants[':variantId'].stock.$post({
			param: { id: event.params.id, variantId },
			json: { delta, note: values.note }
		});
		if (!res.ok) return failed(res, event, { action: 'adjustStock', variantId, values });
		const change = await res.json();
		return {
			action: 'adjustStock',
			variantId,
			success: m.campaigns_stock_changed({
				name: change.variant.name,
				stock: formatNumber(change.variant.stock)
			}),
			lowStock: change.variant.low
		} satisfies Outcome;
	},
	uploadCodes: async (event) => {
		const form = await readForm(event.request);
		const file = form.file('file');
		let csv = form.text('csv', { trim: false });
		if (file) {
			if (file.size > MAX_CSV_BYTES)
				return fail(400, {
					action: 'uploadCodes',
					detail: m.campaigns_codes_file_too_large(),
					errors: csvError(m.campaigns_codes_file_too_large())
				} satisfies Outcome);
			csv = await file.text();
		}
		if (!csv.trim())
			return fail(400, {
				action: 'uploadCodes',
				detail: m.campaigns_codes_required(),
				errors: csvError(m.campaigns_codes_required())
			} satisfies Outcome);
		const res = await apiClient(event).api.v1.gifts[':id']['voucher-codes'].$post({
			param: { id: event.params.id },
			json: { csv }
		});
		// Never send codes back to the page: a failed upload keeps the text area empty.
		if (!res.ok) return failed(res, event, { action: 'uploadCodes' });
		const result = await res.json();
		return {
			action: 'uploadCodes',
			success: m.campaigns_codes_uploaded({
				count: result.added,
				n: formatNumber(result.added),
				available: formatNumber(result.available),
				total: formatNumber(result.total)
			})
		} satisfies Outcome;
	},
	deleteCode: async (event) => {
		const form = await readForm(event.request);
		const codeId = form.text('codeId');
		const res = await apiClient(event).api.v1.gifts[':id']['voucher-codes'][':codeId'].$delete({
			param: { id: event.params.id, codeId }
		});
		if (!res.ok) return failed(res, event, { action: 'deleteCode' });
		const counts = await res.json();
		return {
			action: 'deleteCode',
			success: m.campaigns_code_deleted({ available: formatNumber(counts.available) })
		} satisfies Outcome;
	}
};
