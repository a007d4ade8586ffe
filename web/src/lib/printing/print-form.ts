/**
 * The print form as the page, its preview action and the PDF endpoints read it: what to print (a
 * campaign's ready surprises or a selection), the two templates and the start position on a used
 * sheet. One parser, so the preview shows exactly what "Printen" prints.
 */
import type { FormFields } from '#lib/server/form.ts';

export type PrintSource = { campaignId: string } | { surpriseIds: string[] };

export interface PrintChoice {
	source: PrintSource | null;
	labelTemplate: string;
	cardTemplate: string;
	start: number;
}

/** The form's value for "a selection of surprises" in the source radio group; campaigns use their id. */
export const SELECTION = 'selection';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function readPrintForm(form: FormFields): PrintChoice {
	const sourceValue = form.text('source', { trim: false });
	const ids = form.all('surpriseIds').filter((id) => UUID.test(id));
	let source: PrintSource | null = null;
	if (sourceValue === SELECTION) source = ids.length ? { surpriseIds: [...new Set(ids)] } : null;
	else if (UUID.test(sourceValue)) source = { campaignId: sourceValue };
	const start = form.number('start') ?? 1;
	return {
		source,
		labelTemplate: form.text('labelTemplate'),
		cardTemplate: form.text('cardTemplate'),
		// The API checks the position against the sheet; here only a whole number is made of it.
		start: Number.isInteger(start) && start >= 1 ? start : 1
	};
}

export function isUuid(value: unknown): value is string {
	return typeof value === 'string' && UUID.test(value);
}

/**
 * Where the next print starts on a sheet a print left partly used: the label after the last one it
 * took, or 1 when it used the sheet up. A hub prints this week's batch on last week's sheet.
 */
export function nextStartPosition(start: number, printed: number, cells: number): number {
	if (cells <= 1) return 1;
	return ((start - 1 + printed) % cells) + 1;
}
