import { fail, redirect } from '@sveltejs/kit';
import { m } from '#lib/paraglide/messages.js';
import { apiClient, failFromApi } from '#lib/server/api.ts';
import type { Actions } from './$types';

const MAX_BYTES = 2 * 1024 * 1024;

/** The CSV from the uploaded file when there is one, else from the text area. */
async function readCsv(form: FormData): Promise<{ csv: string } | { error: string }> {
  const file = form.get('file');
  if (file instanceof File && file.size > 0) {
    if (file.size > MAX_BYTES) return { error: m.import_file_too_large() };
    return { csv: await file.text() };
  }
  const csv = String(form.get('csv') ?? '');
  return csv.trim() ? { csv } : { error: m.import_csv_required() };
}

/** A failed preview or import keeps the CSV in the text area. */
function failWithCsv(res: Response, csv: string, event: Parameters<typeof failFromApi>[1]) {
  return failFromApi(res, event, { csv });
}

export const actions: Actions = {
  preview: async (event) => {
    const input = await readCsv(await event.request.formData());
    if ('error' in input) return fail(400, { detail: input.error, errors: { csv: input.error }, csv: '' });
    const res = await apiClient(event).api.v1.customers.import.preview.$post({ json: { csv: input.csv } });
    if (!res.ok) return failWithCsv(res, input.csv, event);
    return { preview: await res.json(), csv: input.csv };
  },
  import: async (event) => {
    const input = await readCsv(await event.request.formData());
    if ('error' in input) return fail(400, { detail: input.error, errors: { csv: input.error }, csv: '' });
    const res = await apiClient(event).api.v1.customers.import.$post({ json: { csv: input.csv } });
    if (!res.ok) return failWithCsv(res, input.csv, event);
    const { imported } = await res.json();
    redirect(303, `/customers?imported=${imported}`);
  },
};
