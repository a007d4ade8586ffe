import { m } from '#lib/paraglide/messages.js';

/**
 * The CSV of an import form: the uploaded file when there is one, else the text area; or the
 * message to show beside the field.
 */
export async function readCsvUpload(
	form: FormData,
	limit: { maxBytes: number; tooLarge: () => string }
): Promise<{ csv: string } | { error: string }> {
	const file = form.get('file');
	if (file instanceof File && file.size > 0) {
		if (file.size > limit.maxBytes) return { error: limit.tooLarge() };
		return { csv: await file.text() };
	}
	const csv = String(form.get('csv') ?? '');
	return csv.trim() ? { csv } : { error: m.import_csv_required() };
}
