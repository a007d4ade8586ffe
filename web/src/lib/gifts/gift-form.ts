import { m } from '#lib/paraglide/messages.js';
import { formFields, type FormFields } from '#lib/server/form.ts';
import { centsToInput, isGiftKind, parseEuros, type GiftKind } from '../campaigns/labels.ts';

/** What the gift form shows; also what a failed action sends back so nothing typed is lost. */
export interface GiftFormValues {
	name: string;
	kind: string;
	description: string;
	/** Euros as typed. */
	unitCost: string;
	faceValue: string;
	active: boolean;
}

const API_TO_FORM: Record<string, string> = {
	unitCostCents: 'unitCost',
	faceValueCents: 'faceValue'
};

export function mapGiftErrors(errors: Record<string, string>): Record<string, string> {
	const out: Record<string, string> = {};
	for (const [field, message] of Object.entries(errors)) {
		const base = field.split('.')[0]!;
		out[API_TO_FORM[base] ?? base] ??= message;
	}
	return out;
}

/** Reads the gift form: euros become cents; a face value only counts for a voucher and may be empty. */
export function readGiftForm(data: FormData | FormFields, fixedKind?: string) {
	const form = formFields(data);
	const values: GiftFormValues = {
		name: form.text('name'),
		kind: fixedKind ?? form.text('kind'),
		description: form.text('description', { trim: false }),
		unitCost: form.text('unitCost'),
		faceValue: form.text('faceValue'),
		active: form.checked('active')
	};
	const localErrors: Record<string, string> = {};
	const unitCostCents = parseEuros(values.unitCost);
	if (unitCostCents === null)
		localErrors.unitCost =
			values.unitCost === '' ? m.campaigns_field_required() : m.campaigns_euros_invalid();
	let faceValueCents: number | null = null;
	if (values.kind === 'voucher' && values.faceValue !== '') {
		faceValueCents = parseEuros(values.faceValue);
		if (faceValueCents === null) localErrors.faceValue = m.campaigns_euros_invalid();
	}
	if (!isGiftKind(values.kind)) localErrors.kind = m.campaigns_kind_required();
	const body = {
		name: values.name,
		kind: (isGiftKind(values.kind) ? values.kind : 'item') as GiftKind,
		description: values.description,
		unitCostCents: unitCostCents ?? 0,
		faceValueCents,
		active: values.active
	};
	return { values, body, localErrors };
}

export function giftToForm(gift?: {
	name: string;
	kind: string;
	description: string;
	unitCostCents: number;
	faceValueCents: number | null;
	active: boolean;
}): GiftFormValues {
	return {
		name: gift?.name ?? '',
		kind: gift?.kind ?? '',
		description: gift?.description ?? '',
		unitCost: gift ? centsToInput(gift.unitCostCents) : '',
		faceValue: gift ? centsToInput(gift.faceValueCents) : '',
		active: gift?.active ?? true
	};
}
