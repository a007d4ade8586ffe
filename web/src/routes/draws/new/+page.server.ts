import { error, redirect } from '@sveltejs/kit';
import { channels, tiers } from '#api/client';
import { m } from '#lib/paraglide/messages.js';
import { apiClient, failFromApi, throwFromApi } from '#lib/server/api.ts';
import { readForm, type FormFields } from '#lib/server/form.ts';
import type { Actions, PageServerLoad } from './$types';

type Channel = (typeof channels)[number];
type Tier = (typeof tiers)[number];
type Pool = { kind: 'nominations' } | { kind: 'customers'; tiers?: Tier[]; channel?: Channel };

const isChannel = (v: string): v is Channel => (channels as readonly string[]).includes(v);
const isTier = (v: string): v is Tier => (tiers as readonly string[]).includes(v);

/** The pool as chosen: in the query while choosing (a GET form), in hidden fields when preparing. */
function readPool(get: (name: string) => string, all: (name: string) => string[]): Pool {
	if (get('pool') !== 'customers') return { kind: 'nominations' };
	const chosenTiers = all('tier').filter(isTier);
	const channel = get('channel');
	return {
		kind: 'customers',
		...(chosenTiers.length ? { tiers: chosenTiers } : {}),
		...(isChannel(channel) ? { channel } : {})
	};
}

const poolFromForm = (form: FormFields) =>
	readPool(
		(n) => form.text(n),
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
	// The size before anything is prepared: the same rules the draw applies.
	const previewRes = await api.api.v1.draws['pool-preview'].$post({ json: { campaignId, pool } });
	if (!previewRes.ok && previewRes.status !== 409) return throwFromApi(previewRes, event.url);
	const preview = previewRes.ok ? await previewRes.json() : null;
	const notRunning = previewRes.ok ? null : (await previewRes.json()).detail;
	return {
		campaign: { id: campaign.id, name: campaign.name, cooldownDays: campaign.cooldownDays },
		pool,
		preview,
		notRunning: notRunning as string | null
	};
};

export const actions: Actions = {
	default: async (event) => {
		const form = await readForm(event.request);
		const campaignId = form.text('campaignId');
		const pool = poolFromForm(form);
		const values = {
			winners: form.text('winners'),
			reserves: form.text('reserves'),
			weighting: form.text('weighting') === 'nominations' ? 'nominations' : 'uniform'
		} as const;
		const res = await apiClient(event).api.v1.draws.$post({
			json: {
				campaignId,
				pool,
				winners: Number(values.winners || Number.NaN),
				reserves: Number(values.reserves || 0),
				weighting: values.weighting
			}
		});
		if (!res.ok) return failFromApi(res, event, { values });
		const draw = await res.json();
		redirect(303, `/draws/${draw.id}?notice=prepared`);
	}
};
