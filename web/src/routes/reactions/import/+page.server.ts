import { fail, redirect } from '@sveltejs/kit';
import { m } from '#lib/paraglide/messages.js';
import { apiClient, failFromApi } from '#lib/server/api.ts';
import { readCsvUpload } from '#lib/server/csv-upload.ts';
import { readForm } from '#lib/server/form.ts';
import type { Actions } from './$types';

const LIMIT = { maxBytes: 4 * 1024 * 1024, tooLarge: m.scores_import_too_large };

export const actions: Actions = {
	preview: async (event) => {
		const input = await readCsvUpload(await readForm(event.request), LIMIT);
		if ('error' in input)
			return fail(400, { detail: input.error, errors: { csv: input.error }, csv: '' });
		const res = await apiClient(event).api.v1.reactions.import.preview.$post({
			json: { csv: input.csv }
		});
		if (!res.ok) return failFromApi(res, event, { csv: input.csv });
		return { preview: await res.json(), csv: input.csv };
	},
	import: async (event) => {
		const input = await readCsvUpload(await readForm(event.request), LIMIT);
		if ('error' in input)
			return fail(400, { detail: input.error, errors: { csv: input.error }, csv: '' });
		const res = await apiClient(event).api.v1.reactions.import.$post({ json: { csv: input.csv } });
		if (!res.ok) {
			// All or nothing: a row that went bad since the preview stops the whole file; show it again.
			const preview = await apiClient(event).api.v1.reactions.import.preview.$post({
				json: { csv: input.csv }
			});
			return failFromApi(res, event, {
				csv: input.csv,
				...(preview.ok ? { preview: await preview.json() } : {})
			});
		}
		const { imported } = await res.json();
		redirect(303, `/reactions?notice=imported&imported=${imported}`);
	}
};
