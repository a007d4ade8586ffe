import { m } from '#lib/paraglide/messages.js';
import { formFields, type FormFields } from '#lib/server/form.ts';
import { centsToInput, isCampaignKind, parseEuros, type CampaignKind } from './labels.ts';

/** What the campaign form shows; also what a failed action sends back so nothing typed is lost. */
export interface CampaignFormValues {
	name: string;
	kind: string;
	description: string;
	startsOn: string;
	endsOn: string;
	/** Euros as typed. */
	budget: string;
	maxSurprises: string;
	giftIds: string[];
	autoApproveLimit: string;
	cooldownDays: string;
}

export interface CampaignBody {
	name: string;
	kind: CampaignKind;
	description: string;
	startsOn: string;
	endsOn: string;
	budgetCents: number;
	maxSurprises: number | null;
	giftIds: string[];
	autoApproveLimitCents: number;
	cooldownDays: number;
}

/** The API's field names → the form's (euro fields are typed in euros, sent in cents). */
const API_TO_FORM: Record<string, string> = {
	budgetCents: 'budget',
	autoApproveLimitCents: 'autoApproveLimit'
};

/** Rewrites the API's field paths to the form's inputs (`giftIds.2` → `giftIds`). */
export function mapCampaignErrors(errors: Record<string, string>): Record<string, string> {
	const out: Record<string, string> = {};
	for (const [field, message] of Object.entries(errors)) {
		const base = field.split('.')[0]!;
		out[API_TO_FORM[base] ?? base] ??= message;
	}
	return out;
}

/**
 * Reads the campaign form. Amounts are euros (1250 or 1250,50) and become integer cents; an empty
 * maximum means no maximum. What cannot even be sent (an amount that is not a number) becomes a
 * local error; everything else the API checks.
 */
export function readCampaignForm(data: FormData | FormFields) {
	const form = formFields(data);
	const values: CampaignFormValues = {
		name: form.text('name'),
		kind: form.text('kind'),
		description: form.text('description', { trim: false }),
		startsOn: form.text('startsOn'),
		endsOn: form.text('endsOn'),
		budget: form.text('budget'),
		maxSurprises: form.text('maxSurprises'),
		giftIds: form.all('giftIds'),
		autoApproveLimit: form.text('autoApproveLimit'),
		cooldownDays: form.text('cooldownDays')
	};
	const localErrors: Record<string, string> = {};
	const euros = (field: 'budget' | 'autoApproveLimit', fallback: number | null) => {
		if (values[field] === '' && fallback !== null) return fallback;
		const cents = parseEuros(values[field]);
		if (cents === null)
			localErrors[field] =
				values[field] === '' ? m.campaigns_field_required() : m.campaigns_euros_invalid();
		return cents ?? 0;
	};
	const whole = (field: 'maxSurprises' | 'cooldownDays', fallback: number | null) => {
		if (values[field] === '') return fallback;
		const n = Number(values[field]);
		if (!Number.isInteger(n)) localErrors[field] = m.campaigns_whole_number();
		return Number.isInteger(n) ? n : fallback;
	};
	if (!isCampaignKind(values.kind)) localErrors.kind = m.campaigns_kind_required();
	const body: CampaignBody = {
		name: values.name,
		kind: (isCampaignKind(values.kind) ? values.kind : 'always_on') as CampaignKind,
		description: values.description,
		startsOn: values.startsOn,
		endsOn: values.endsOn,
		budgetCents: euros('budget', null),
		maxSurprises: whole('maxSurprises', null),
		giftIds: values.giftIds,
		autoApproveLimitCents: euros('autoApproveLimit', 0),
		cooldownDays: whole('cooldownDays', 90) ?? 90
	};
	return { values, body, localErrors };
}

/** Form values for a campaign (the edit page) or sensible defaults for a new one. */
export function campaignToForm(campaign?: {
	name: string;
	kind: string;
	description: string;
	startsOn: string;
	endsOn: string;
	budget: { budgetCents: number };
	maxSurprises: number | null;
	giftIds: string[];
	autoApproveLimitCents: number;
	cooldownDays: number;
}): CampaignFormValues {
	return {
		name: campaign?.name ?? '',
		kind: campaign?.kind ?? '',
		description: campaign?.description ?? '',
		startsOn: campaign?.startsOn ?? '',
		endsOn: campaign?.endsOn ?? '',
		budget: campaign ? centsToInput(campaign.budget.budgetCents) : '',
		maxSurprises:
			campaign?.maxSurprises === null || campaign?.maxSurprises === undefined
				? ''
				: String(campaign.maxSurprises),
		giftIds: campaign?.giftIds ?? [],
		autoApproveLimit: campaign ? centsToInput(campaign.autoApproveLimitCents) : '',
		cooldownDays: campaign ? String(campaign.cooldownDays) : '90'
	};
}
