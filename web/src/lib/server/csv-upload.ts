import { m } from '#lib/paraglide/messages.js';
import type { FormFields } from './form.ts';

/**
 * The CSV of an import form: the uploaded file when there is one, else the text area; or the
 * message to show beside the field.
 */
export async function readCsvUpload(
	form: FormFields,
	limit: { maxBytes: number; tooLarge: () => string }
): Promise<{ csv: string } | { error: string }> {
	const file = form.file('file');
	if (file) {
		if (file.size > limit.maxBytes) return { error: limit.tooLarge() };
		return { csv: await file.text() };
	}
	const csv = form.text('csv', { trim: false });
	return csv.trim() ? { csv } : { error: m.import_csv_required() };
}
