import { fail, redirect } from '@sveltejs/kit';
import { m } from '#lib/paraglide/messages.js';
import { apiClient, failFromApi } from '#lib/server/api.ts';
import { readCsvUpload } from '#lib/server/csv-upload.ts';
import { readForm } from '#lib/server/form.ts';
import type { Actions } from './$types';

const LIMIT = { maxBytes: 2 * 1024 * 1024, tooLarge: m.import_file_too_large };

/** A failed preview or import keeps the CSV in the text area. */
function failWithCsv(res: Response, csv: string, event: Parameters<typeof failFromApi>[1]) {
	return failFromApi(res, event, { csv });
}

export const actions: Actions = {
	preview: async (event) => {
		const input = await readCsvUpload(await readForm(event.request), LIMIT);
		if ('error' in input)
			return fail(400, { detail: input.error, errors: { csv: input.error }, csv: '' });
		const res = await apiClient(event).api.v1.customers.import.preview.$post({
			json: { csv: input.csv }
		});
		if (!res.ok) return failWithCsv(res, input.csv, event);
		return { preview: await res.json(), csv: input.csv };
	},
	import: async (event) => {
		const input = await readCsvUpload(await readForm(event.request), LIMIT);
		if ('error' in input)
			return fail(400, { detail: input.error, errors: { csv: input.error }, csv: '' });
		const res = await apiClient(event).api.v1.customers.import.$post({ json: { csv: input.csv } });
		if (!res.ok) return failWithCsv(res, input.csv, event);
		const { imported } = await res.json();
		redirect(303, `/customers?imported=${imported}`);
	}
};
