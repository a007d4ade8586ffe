import { error, fail, redirect } from '@sveltejs/kit';
import { channels, tiers } from '#api/client';
import { m } from '#lib/paraglide/messages.js';
import { apiClient, failFromApi, throwFromApi } from '#lib/server/api.ts';
import { readCsvUpload } from '#lib/server/csv-upload.ts';
import { readForm, type FormFields } from '#lib/server/form.ts';
import type { Actions, PageServerLoad } from './$types';

type Channel = (typeof channels)[number];
type Tier = (typeof tiers)[number];
type Pool =
	| { kind: 'nominations' }
	| {
			kind: 'customers';
			tiers?: Tier[];
			channel?: Channel;
			positiveWithinDays?: number;
			notSurprisedWithinDays?: number;
	  }
	| { kind: 'entrants'; csv: string; closesAt?: string; consentRequired: boolean };

const isChannel = (v: string): v is Channel => (channels as readonly string[]).includes(v);
const isTier = (v: string): v is Tier => (tiers as readonly string[]).includes(v);
/** A whole number of days, or left out (the API names a bad one). */
const days = (v: string) => (v ? { value: Number(v) } : null);

/** The pool as chosen: in the query while choosing (a GET form), in hidden fields when preparing. */
function readPool(get: (name: string) => string, all: (name: string) => string[]): Pool {
	const kind = get('pool');
	if (kind === 'entrants')
		return {
			kind: 'entrants',
			csv: get('csv'),
			...(get('closesAt') ? { closesAt: get('closesAt') } : {}),
			consentRequired: get('consentRequired') === 'on'
		};
	if (kind !== 'customers') return { kind: 'nominations' };
	const chosenTiers = all('tier').filter(isTier);
	const channel = get('channel');
	const positive = days(get('positiveWithinDays'));
	const notSurprised = days(get('notSurprisedWithinDays'));
	return {
		kind: 'customers',
		...(chosenTiers.length ? { tiers: chosenTiers } : {}),
		...(isChannel(channel) ? { channel } : {}),
		...(positive ? { positiveWithinDays: positive.value } : {}),
		...(notSurprised ? { notSurprisedWithinDays: notSurprised.value } : {})
	};
}

const poolFromForm = (form: FormFields) =>
	readPool(
		(n) => form.text(n, { trim: n !== 'csv' }),
		(n) => form.all(n)
	);

export const load: PageServerLoad = async (event) => {
	const campaignId = event.url.searchParams.get('campaign') ?? '';
	if (!campaignId) error(400, { status: 400, message: m.draws_campaign_required() });
	const api = apiClient(event);
	const campaignRes = await api.api.v1.campaigns[':id'].$get({ param: { id: campaignId } });
	if (!campaignRes.ok) return throwFromApi(campaignRes, event.url);
	const campaign = await campaignRes.json();
	const q = event.url.searchParams;
	const pool = readPool(
		(n) => q.get(n) ?? '',
		(n) => q.getAll(n)
	);
	// Imported entrants are previewed by the form's action (the file is too big for a link).
	if (pool.kind === 'entrants')
		return {
			campaign: { id: campaign.id, name: campaign.name, cooldownDays: campaign.cooldownDays },
			pool,
			preview: null,
			notRunning: null as string | null,
			poolError: null as string | null
		};
	// The size before anything is prepared: the same rules the draw applies.
	const previewRes = await api.api.v1.draws['pool-preview'].$post({ json: { campaignId, pool } });
	if (!previewRes.ok && previewRes.status !== 409 && previewRes.status !== 400)
		return throwFromApi(previewRes, event.url);
	const problem = previewRes.ok ? null : await previewRes.json();
	return {
		campaign: { id: campaign.id, name: campaign.name, cooldownDays: campaign.cooldownDays },
		pool,
		preview: previewRes.ok ? await previewRes.json() : null,
		notRunning: (previewRes.status === 409 ? problem?.detail : null) as string | null,
		poolError: (previewRes.status === 400 ? problem?.detail : null) as string | null
	};
};

/** 5 MB of page form, of which the API takes a CSV of this many characters. */
const MAX_CSV_BYTES = 900_000;

export const actions: Actions = {
	default: async (event) => {
		const form = await readForm(event.request);
		const campaignId = form.text('campaignId');
		const api = apiClient(event);
		if (form.text('step') === 'preview') {
			const upload = await readCsvUpload(form, {
				maxBytes: MAX_CSV_BYTES,
				tooLarge: () => m.draws_entrants_too_large()
			});
			const closesAt = form.text('closesAt');
			const consentRequired = form.checked('consentRequired');
			const values = { closesAt, consentRequired };
			if ('error' in upload)
				return fail(400, { step: 'preview' as const, errors: { csv: upload.error }, values });
			const pool = {
				kind: 'entrants' as const,
				csv: upload.csv,
				...(closesAt ? { closesAt } : {}),
				consentRequired
			};
			const res = await api.api.v1.draws['pool-preview'].$post({ json: { campaignId, pool } });
			if (!res.ok) return failFromApi(res, event, { step: 'preview' as const, values });
			return { step: 'preview' as const, entrants: await res.json(), csv: upload.csv, values };
		}
		const pool = poolFromForm(form);
		const values = {
			winners: form.text('winners'),
			reserves: form.text('reserves'),
			weighting: form.text('weighting'),
			minPerChannel: form.text('minPerChannel')
		};
		const weighting = (['nominations', 'score'] as const).find((w) => w === values.weighting);
		const res = await api.api.v1.draws.$post({
			json: {
				campaignId,
				pool,
				winners: Number(values.winners || Number.NaN),
				reserves: Number(values.reserves || 0),
				weighting: weighting ?? 'uniform',
				minPerChannel: Number(values.minPerChannel || 0)
			}
		});
		if (!res.ok) return failFromApi(res, event, { step: 'prepare' as const, values });
		const draw = await res.json();
		redirect(303, `/draws/${draw.id}?notice=prepared`);
	}
};
