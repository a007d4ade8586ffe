/**
 * zod's messages in the reader's language. zod's own messages come from zod's own locales: a
 * default message is formatted by each locale when the issue is raised (the input it needs is gone
 * afterwards). A schema's own message is a catalogue code: `z.string().max(200, zodText('use_at_most_characters'))`,
 * its parameters read off the issue (`minimum`, `maximum`, `values`) or given. Either way the issue's
 * `message` stays English, as zod's readers expect, and the edge tells it in the reader's language.
 */
import { z, type core } from 'zod';
import type { MessageText } from '../domain/errors.ts';
import { msg, render, type Locale, type Message, type MessageKey, type Param } from './index.ts';

type Issue = core.$ZodIssue;

const zodLocales: Record<Locale, ReturnType<typeof z.locales.en>> = {
	en: z.locales.en(),
	nl: z.locales.nl()
};

/** zod's own message text, whatever its return shape. */
function said(result: ReturnType<core.$ZodErrorMap>): string | undefined {
	return typeof result === 'string' ? result : result?.message;
}

/** The issue's own fields for a catalogue message: `minimum`, `maximum`, `values`. */
function issueParams(issue: object): Record<string, Param> {
	const i = issue as { minimum?: number | bigint; maximum?: number | bigint; values?: unknown[] };
	return {
		...(i.minimum !== undefined ? { minimum: Number(i.minimum) } : {}),
		...(i.maximum !== undefined ? { maximum: Number(i.maximum) } : {}),
		...(i.values ? { values: i.values.map(String) } : {})
	};
}

/** Where an issue keeps its catalogue message (a schema's own) or zod's texts per locale (a default one). */
const MESSAGE = 'catalogueMessage';
const TEXTS = 'localeTexts';

// `customError`, not `localeError`: each zod entry point (zod, zod/mini) sets its English locale as it loads.
z.config({
	customError: (issue) => {
		const texts: Partial<Record<Locale, string>> = {};
		for (const locale of Object.keys(zodLocales) as Locale[])
			texts[locale] = said(zodLocales[locale].localeError!(issue));
		(issue as unknown as Record<string, unknown>)[TEXTS] = texts;
		return texts.en;
	}
});

/** A schema's own message as a catalogue code, for any zod schema or check: `.max(200, zodText('…'))`, `z.string(zodText('…'))`. */
export function zodText(
	key: MessageKey,
	params: Record<string, Param> = {}
): { error: (issue: core.$ZodRawIssue) => string } {
	return {
		error: (issue) => {
			const message = msg(key, { ...issueParams(issue), ...params });
			(issue as unknown as Record<string, unknown>)[MESSAGE] = message;
			return render(message, 'en');
		}
	};
}

/** The same for an issue a refinement adds: `ctx.addIssue({ code: 'custom', path, ...zodIssue('…') })`. */
export function zodIssue(
	key: MessageKey,
	params: Record<string, Param> = {}
): { message: string; [MESSAGE]: Message } {
	const message = msg(key, params);
	return { message: render(message, 'en'), [MESSAGE]: message };
}

/** A zod issue as a catalogue message when the schema gave a code; else zod's own (English) text. */
export function issueText(issue: Issue): Message | string {
	return (
		((issue as unknown as Record<string, unknown>)[MESSAGE] as Message | undefined) ?? issue.message
	);
}

/** A zod issue as a domain error's field message (a schema's code, or zod's own text told as it is). */
export function issueField(issue: Issue): MessageText {
	return issueText(issue) as MessageText;
}

/** One zod issue's message for the reader. */
export function zodMessage(issue: Issue, locale: Locale): string {
	const text = issueText(issue);
	if (typeof text !== 'string') return render(text, locale);
	const texts = (issue as unknown as Record<string, Partial<Record<Locale, string>> | undefined>)[
		TEXTS
	];
	return (texts?.en === issue.message ? texts[locale] : undefined) ?? issue.message;
}

/** A domain message (a code, or a code with parameters) as an issue a refinement adds. */
export function zodIssueOf(text: MessageText): ReturnType<typeof zodIssue> {
	return typeof text === 'string'
		? zodIssue(text)
		: zodIssue(text.key, (text.params ?? {}) as Record<string, Param>);
}
