import { fail } from '@sveltejs/kit';
import { apiClient, failFromApi, throwFromApi } from '#lib/server/api.ts';
import { nextStartPosition, readPrintForm, SELECTION } from '#lib/printing/print-form.ts';
import { m } from '#lib/paraglide/messages.js';
import { readForm } from '#lib/server/form.ts';
import type { Actions, PageServerLoad } from './$types';

/** A week's batch is tens to hundreds; past this many ready surprises the list says there are more. */
const READY_PAGES = 5;
const JOBS_SHOWN = '25';
/** Used when no print job has chosen a template yet. */
const DEFAULT_LABELS = 'avery-l7160';
const DEFAULT_CARDS = 'a6-postcard';

export const load: PageServerLoad = async (event) => {
	const api = apiClient(event).api.v1;
	const jobsCursor = event.url.searchParams.get('jobs') ?? '';
	const [templatesRes, jobsRes] = await Promise.all([
		api.print.templates.$get(),
		api.print.jobs.$get({
			query: { limit: JOBS_SHOWN, ...(jobsCursor ? { cursor: jobsCursor } : {}) }
		})
	]);
	if (!templatesRes.ok) return throwFromApi(templatesRes, event.url);
	if (!jobsRes.ok) return throwFromApi(jobsRes, event.url);
	const templates = await templatesRes.json();
	const jobs = await jobsRes.json();

	// Every ready surprise (a few pages of 200), newest first as the API lists them.
	const ready = [];
	let cursor: string | null = null;
	let more = false;
	for (let page = 0; page < READY_PAGES; page++) {
		const res = await api.surprises.$get({
			query: { status: 'ready', limit: '200', ...(cursor ? { cursor } : {}) }
		});
		if (!res.ok) return throwFromApi(res, event.url);
		const body = await res.json();
		ready.push(...body.items);
		cursor = body.nextCursor;
		if (!cursor) break;
		more = page === READY_PAGES - 1;
	}

	// Campaigns with ready surprises, most first: the default is the one with the most.
	const byCampaign = new Map<string, { id: string; name: string; ready: number }>();
	for (const s of ready) {
		const entry = byCampaign.get(s.campaign.id) ?? { ...s.campaign, ready: 0 };
		entry.ready++;
		byCampaign.set(s.campaign.id, entry);
	}
	const campaigns = [...byCampaign.values()].sort(
		(a, b) => b.ready - a.ready || a.name.localeCompare(b.name)
	);

	// Last week's templates are this week's: the newest job of each kind chooses the default.
	const lastOf = (kind: 'labels' | 'cards') => jobs.items.find((j) => j.kind === kind)?.template;
	const pick = (list: { id: string }[], ...wanted: (string | undefined)[]) =>
		wanted.find((id) => id && list.some((t) => t.id === id)) ?? list[0]?.id ?? '';
	const labelTemplate = pick(templates.labels, lastOf('labels'), DEFAULT_LABELS);
	// The sheet the last labels were printed on goes on where they ended.
	const lastLabels = jobs.items.find((j) => j.kind === 'labels');
	const cells = templates.labels.find((t) => t.id === labelTemplate)?.cells ?? 1;
	const start =
		lastLabels?.template === labelTemplate
			? nextStartPosition(lastLabels.startPosition, lastLabels.surpriseCount, cells)
			: 1;

	return {
		templates,
		ready: ready
			.map((s) => ({
				id: s.id,
				reference: s.reference,
				customerName: s.customer.name,
				campaign: s.campaign,
				postage: s.postage,
				items: s.items.map((i) => ({
					giftName: i.giftName,
					variantName: i.variantName,
					quantity: i.quantity
				}))
			}))
			.sort((a, b) => a.reference.localeCompare(b.reference, 'en', { numeric: true })),
		moreReady: more,
		campaigns,
		defaults: {
			source: campaigns[0]?.id ?? SELECTION,
			labelTemplate,
			start,
			cardTemplate: pick(templates.cards, lastOf('cards'), DEFAULT_CARDS)
		},
		jobs: jobs.items,
		jobsNext: jobs.nextCursor,
		jobsCursor,
		can: jobs.can
	};
};

export const actions: Actions = {
	/**
	 * Page 1 of the labels and of the cards, and the flags of the whole batch, without printing
	 * (nothing moves; the API audits the address reads as "print preview").
	 */
	preview: async (event) => {
		const form = await readForm(event.request);
		const choice = readPrintForm(form);
		const values = {
			source: form.text('source', { trim: false }),
			labelTemplate: choice.labelTemplate,
			cardTemplate: choice.cardTemplate,
			start: choice.start
		};
		if (!choice.source) {
			const field = values.source === SELECTION ? 'surpriseIds' : 'source';
			return fail(400, {
				detail: m.print_error_no_source(),
				errors: { [field]: m.print_error_no_source() },
				values
			});
		}
		const api = apiClient(event).api.v1.print.preview;
		const [labelsRes, cardsRes] = await Promise.all([
			api.$post({
				json: {
					kind: 'labels',
					...choice.source,
					templateId: choice.labelTemplate,
					startPosition: choice.start
				}
			}),
			api.$post({ json: { kind: 'cards', ...choice.source, templateId: choice.cardTemplate } })
		]);
		if (!labelsRes.ok) return failFromApi(labelsRes, event, { values });
		if (!cardsRes.ok) return failFromApi(cardsRes, event, { values });
		const [labels, cards] = await Promise.all([labelsRes.json(), cardsRes.json()]);
		return {
			values,
			preview: {
				surprises: labels.surprises,
				labels: {
					templateId: labels.templateId,
					pages: labels.pages,
					flags: labels.flags,
					pdf: labels.firstPage.base64
				},
				cards: {
					templateId: cards.templateId,
					pages: cards.pages,
					flags: cards.flags,
					pdf: cards.firstPage.base64
				}
			}
		};
	}
};
