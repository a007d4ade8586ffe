/**
 * Reading a submitted form in an action. FormData hands back `FormDataEntryValue | null` for every
 * field; this turns it into the types the actions use, one rule for all of them:
 * - `text` is trimmed (`{ trim: false }` keeps it as typed, e.g. notes and passwords), missing → '';
 * - `optional` is a trimmed text or undefined when it is empty or missing;
 * - `number` is undefined when empty or missing, otherwise `Number()` of it (NaN for "abc", so the
 *   caller's own check says what is wrong);
 * - `checked` is a checkbox: true when it was sent with its value (`on` unless told otherwise);
 * - `all` is a repeated field (checkboxes with one name), empty values left out;
 * - `prefixed` is a group of fields named `<prefix><key>` (one radio group per item), by key, as sent,
 *   empty values left out;
 * - `file` is an uploaded file with content, or undefined.
 * A file sent where text is expected reads as '' (never "[object File]"). Text is never normalised:
 * diacritics, emoji and right-to-left text arrive as typed.
 */
export interface FormFields {
	text(name: string, options?: { trim?: boolean; max?: number }): string;
	optional(name: string): string | undefined;
	number(name: string): number | undefined;
	checked(name: string, on?: string): boolean;
	all(name: string): string[];
	prefixed(prefix: string): Record<string, string>;
	file(name: string): File | undefined;
	has(name: string): boolean;
}

const asText = (value: FormDataEntryValue | null): string =>
	typeof value === 'string' ? value : '';

export function formFields(form: FormData | FormFields): FormFields {
	if (!(form instanceof FormData)) return form;
	const text: FormFields['text'] = (name, { trim = true, max } = {}) => {
		const raw = asText(form.get(name));
		const value = trim ? raw.trim() : raw;
		return max === undefined ? value : value.slice(0, max);
	};
	return {
		text,
		optional: (name) => text(name) || undefined,
		number: (name) => {
			const value = text(name);
			return value === '' ? undefined : Number(value);
		},
		checked: (name, on = 'on') => form.get(name) === on,
		all: (name) =>
			form
				.getAll(name)
				.map(asText)
				.map((value) => value.trim())
				.filter(Boolean),
		prefixed: (prefix) => {
			const found: Record<string, string> = {};
			for (const [name, value] of form.entries()) {
				if (name.startsWith(prefix) && typeof value === 'string' && value)
					found[name.slice(prefix.length)] ??= value;
			}
			return found;
		},
		file: (name) => {
			const value = form.get(name);
			return value instanceof File && value.size > 0 ? value : undefined;
		},
		has: (name) => form.has(name)
	};
}

/** The fields of a POSTed form (urlencoded or multipart). */
export async function readForm(request: Request): Promise<FormFields> {
	return formFields(await request.formData());
}
