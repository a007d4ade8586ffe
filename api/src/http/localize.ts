/**
 * Texts in the reader's language inside a 200 response: a CSV preview's row errors and the notes
 * the system wrote in a surprise's history are catalogue messages, rendered here (problem details
 * render in problem.ts). People's own notes are plain strings and stay as typed.
 */
import type { Flag, TemplateSummary } from '../../../templates/render/index.ts';
import type { MessageText } from '../domain/errors.ts';
import { isMessageKey, render, type Locale, type Message, type Param } from '../messages/index.ts';

type Row = { errors: { message: string; text: MessageText }[] };
type Told<P extends { rows: Row[] }> = Omit<P, 'rows'> & {
	rows: (Omit<P['rows'][number], 'errors'> & {
		errors: Omit<P['rows'][number]['errors'][number], 'text'>[];
	})[];
};

/** A CSV import preview with each row's error messages in the reader's language (from their codes). */
export function previewIn<P extends { rows: Row[] }>(preview: P, locale: Locale): Told<P> {
	return {
		...preview,
		rows: preview.rows.map((row) => ({
			...row,
			errors: row.errors.map(({ text, ...e }) => ({
				...e,
				message: render(text ?? e.message, locale)
			}))
		}))
	} as Told<P>;
}

/** A surprise with the notes of its history in the reader's language (a system note is rendered from its message). */
export function historyIn<S extends { events?: { note: string; noteMessage: Message | null }[] }>(
	view: S,
	locale: Locale
): S {
	if (!view.events) return view;
	const events = view.events.map(({ noteMessage, ...e }) => ({
		...e,
		note: noteMessage ? render(noteMessage, locale) : e.note
	}));
	return { ...view, events } as S;
}

/** A reaction suggestion with its author problem in the reader's language. */
export function suggestionIn<
	S extends {
		authorProblem: { field: string; message: string; readonly text?: MessageText } | null;
	}
>(suggestion: S, locale: Locale): S {
	const problem = suggestion.authorProblem;
	if (!problem) return suggestion;
	return {
		...suggestion,
		authorProblem: {
			field: problem.field,
			message: problem.text ? render(problem.text, locale) : problem.message
		}
	};
}

/**
 * Print flags in the reader's language, from the code the renderer gave each one; a flag stored
 * before flags had codes keeps its English detail.
 */
export function flagsIn(flags: readonly Flag[], locale: Locale) {
	return flags.map(({ reference, kind, detail, code, params }) => {
		const key = `print_flag_${code}`;
		if (!code || !params || !isMessageKey(key)) return { reference, kind, detail };
		const told: Record<string, Param> = { ...params };
		if ('part' in params) {
			const part = `print_part_${params.part}`;
			if (isMessageKey(part)) told.part = { key: part };
		}
		return { reference, kind, detail: render({ key, params: told }, locale) };
	});
}

/** Print templates under their name in the reader's language, where the template file gives one. */
export function templatesIn<T extends { labels: TemplateSummary[]; cards: TemplateSummary[] }>(
	list: T,
	locale: Locale
) {
	const named = ({ names, ...t }: TemplateSummary) => ({
		...t,
		name: (locale === 'en' ? undefined : names?.[locale]) ?? t.name
	});
	return { labels: list.labels.map(named), cards: list.cards.map(named) };
}
