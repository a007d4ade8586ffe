import { fail } from '@sveltejs/kit';
import { m } from '#lib/paraglide/messages.js';
import { apiClient, failFromApi, throwFromApi } from '#lib/server/api.ts';
import { loadSurpriseReactions } from '#lib/scores/score.server.ts';
import { isStatusIn, manualTargets } from '#api/client';
import { isUuid } from '#lib/surprises/labels.ts';
import { decideSurprise } from '#lib/surprises/decide.server.ts';
import { signers } from '#lib/surprises/plan-form.server.ts';
import { readForm, type FormFields } from '#lib/server/form.ts';
import type { Actions, PageServerLoad } from './$types';

/** What the nomination page reports after making the surprise. */
const NOTICES = ['created', 'auto-approved'] as const;
type NoticeKind = (typeof NOTICES)[number];

export const load: PageServerLoad = async (event) => {
	const api = apiClient(event);
	const param = { id: event.params.id };
	const res = await api.api.v1.surprises[':id'].$get({ param });
	if (!res.ok) return throwFromApi(res, event.url);
	const surprise = await res.json();
	const [linksRes, customerRes, people, reactions, templatesRes] = await Promise.all([
		api.api.v1['claim-links'].$get({ query: { surpriseId: surprise.id } }),
		api.api.v1.customers[':id'].$get({ param: { id: surprise.customer.id } }),
		signers(api),
		loadSurpriseReactions(api, surprise.id),
		api.api.v1.print.templates.$get()
	]);
	const customer = customerRes.ok ? await customerRes.json() : null;
	// Items the hub left open (the customer picks on the claim page, or the hub picks here).
	const openGiftIds = [...new Set(surprise.items.filter((i) => !i.variantId).map((i) => i.giftId))];
	const variants: Record<string, { id: string; name: string; stock: number }[]> = {};
	await Promise.all(
		openGiftIds.map(async (id) => {
			const r = await api.api.v1.gifts[':id'].$get({ param: { id } });
			if (r.ok)
				variants[id] = (await r.json()).variants.map((v) => ({
					id: v.id,
					name: v.name,
					stock: v.stock
				}));
		})
	);
	const notice = event.url.searchParams.get('notice');
	return {
		surprise,
		claimLinks: linksRes.ok ? (await linksRes.json()).items : null,
		customer: customer ? { id: customer.id, email: customer.email, locale: customer.locale } : null,
		signers: people,
		reactions,
		// The card designs the length check can measure against (none when they cannot be read).
		cards: templatesRes.ok
			? (await templatesRes.json()).cards.map(({ id, name }) => ({ id, name }))
			: [],
		variants,
		notice: NOTICES.includes(notice as NoticeKind) ? (notice as NoticeKind) : null
	};
};

const text = (form: FormFields, key: string) => form.text(key, { trim: false });

export const actions: Actions = {
	save: async (event) => {
		const form = await readForm(event.request);
		const values = {
			cardMessage: text(form, 'cardMessage'),
			internalNote: text(form, 'internalNote'),
			signedBy: text(form, 'signedBy')
		};
		const res = await apiClient(event).api.v1.surprises[':id'].$patch({
			param: { id: event.params.id },
			json: {
				cardMessage: values.cardMessage,
				internalNote: values.internalNote,
				signedBy: isUuid(values.signedBy) ? values.signedBy : null
			}
		});
		if (!res.ok) return failFromApi(res, event, { action: 'save' as const, values });
		return { action: 'save' as const, saved: true };
	},
	approve: (event) => decideSurprise(event, event.params.id, 'approve'),
	reject: (event) => decideSurprise(event, event.params.id, 'reject'),
	cancel: async (event) => {
		const form = await readForm(event.request);
		const reason = text(form, 'reason');
		if (!reason.trim())
			return fail(400, {
				action: 'cancel' as const,
				detail: m.form_check_fields(),
				errors: { reason: m.workflow_cancel_need_reason() }
			});
		const res = await apiClient(event).api.v1.surprises[':id'].cancel.$post({
			param: { id: event.params.id },
			json: { reason }
		});
		if (!res.ok) return failFromApi(res, event, { action: 'cancel' as const });
		return { action: 'cancel' as const, done: true };
	},
	transition: async (event) => {
		const form = await readForm(event.request);
		const to = text(form, 'to');
		if (!isStatusIn(manualTargets, to))
			return fail(400, {
				action: 'transition' as const,
				detail: m.workflow_transition_unknown(),
				errors: {}
			});
		const res = await apiClient(event).api.v1.surprises[':id'].transition.$post({
			param: { id: event.params.id },
			json: { to, note: text(form, 'note') }
		});
		if (!res.ok) return failFromApi(res, event, { action: 'transition' as const });
		return { action: 'transition' as const, done: true };
	},
	claimLink: async (event) => {
		const form = await readForm(event.request);
		const sendEmail = text(form, 'sendEmail') === '1';
		const locale = text(form, 'locale');
		const res = await apiClient(event).api.v1['claim-links'].$post({
			json: {
				surpriseId: event.params.id,
				sendEmail,
				...(locale === 'nl' || locale === 'en' ? { locale } : {})
			}
		});
		if (!res.ok) return failFromApi(res, event, { action: 'claimLink' as const });
		const link = await res.json();
		// The URL exists only in this answer (the API keeps a hash): show it once, never in the address bar.
		return {
			action: 'claimLink' as const,
			created: {
				url: link.url,
				emailed: link.emailed,
				expiresAt: link.expiresAt,
				replaced: link.replaced
			}
		};
	},
	variant: async (event) => {
		const form = await readForm(event.request);
		const itemId = text(form, 'itemId');
		const variantId = text(form, 'variantId');
		if (!isUuid(itemId) || !isUuid(variantId)) {
			return fail(400, {
				action: 'variant' as const,
				detail: m.form_check_fields(),
				errors: { [`variant.${itemId}`]: m.workflow_variant_need() }
			});
		}
		const res = await apiClient(event).api.v1.surprises[':id'].items[':itemId'].variant.$post({
			param: { id: event.params.id, itemId },
			json: { variantId }
		});
		if (!res.ok) return failFromApi(res, event, { action: 'variant' as const });
		return { action: 'variant' as const, done: true };
	}
};
