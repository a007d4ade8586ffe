/**
 * zod's messages in the reader's language. zod's own messages come from zod's own locales: a
 * default message is formatted by each locale when the issue is raised (the input it needs is gone
 * afterwards), English stays the issue's message. A schema's own message is a catalogue key —
 * `z.string().max(200, 'use_at_most_characters')` — filled from the issue (`minimum`, `maximum`,
 * `values`, a custom issue's `params`), or `zodText(key, params)` when the issue does not carry them.
 */
import { z, type core } from 'zod';
import type { Text } from '../domain/errors.ts';
import { isMessageKey, msg, render, type Locale, type Message, type MessageKey, type Param } from './index.ts';

type Issue = core.$ZodIssue;

const zodLocales: Record<Locale, ReturnType<typeof z.locales.en>> = { en: z.locales.en(), nl: z.locales.nl() };

/** zod's own message text, whatever its return shape. */
function said(result: ReturnType<core.$ZodErrorMap>): string | undefined {
  return typeof result === 'string' ? result : result?.message;
}

/** The texts of a default message in every locale, kept on the issue as it is raised. */
const TEXTS = 'texts';

z.config({
  localeError: (issue) => {
    const texts: Partial<Record<Locale, string>> = {};
    for (const locale of Object.keys(zodLocales) as Locale[]) texts[locale] = said(zodLocales[locale].localeError!(issue));
    (issue as unknown as Record<string, unknown>)[TEXTS] = texts;
    return texts.en;
  },
});

const SEPARATOR = '\u0000';

/** A schema's own message with parameters the issue does not carry, as zod takes it (a string). */
export function zodText(key: MessageKey, params: Record<string, Param>): string {
  return `${key}${SEPARATOR}${JSON.stringify(params)}`;
}

/** A zod issue as a catalogue message when the schema gave a key (its parameters read off the issue); else zod's own text. */
export function issueText(issue: Issue): Message | string {
  const [key, encoded] = issue.message.split(SEPARATOR);
  if (!isMessageKey(key)) return issue.message;
  const fromIssue = issue as unknown as { minimum?: number | bigint; maximum?: number | bigint; values?: unknown[]; params?: Record<string, Param> };
  return msg(key, {
    ...(fromIssue.minimum !== undefined ? { minimum: Number(fromIssue.minimum) } : {}),
    ...(fromIssue.maximum !== undefined ? { maximum: Number(fromIssue.maximum) } : {}),
    ...(fromIssue.values ? { values: fromIssue.values.map(String) } : {}),
    ...fromIssue.params,
    ...(encoded ? (JSON.parse(encoded) as Record<string, Param>) : {}),
  });
}

/** One zod issue's message for the reader. */
export function zodMessage(issue: Issue, locale: Locale): string {
  const text = issueText(issue);
  if (typeof text !== 'string') return render(text, locale);
  const texts = (issue as unknown as Record<string, Partial<Record<Locale, string>> | undefined>)[TEXTS];
  return (texts?.en === issue.message ? texts[locale] : undefined) ?? issue.message;
}

/** A zod issue as a domain error's field message (a schema's key with its parameters, or zod's own text). */
export function issueField(issue: Issue): Text {
  return issueText(issue) as Text;
}
