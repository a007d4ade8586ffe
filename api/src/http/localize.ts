/**
 * Texts in the reader's language: problem details (problem.ts) and the messages that reach the
 * reader inside a 200 response — a CSV preview's row errors, the notes the system wrote in a
 * surprise's history — through the one Dutch catalogue. A message without Dutch stays as it is; people's own notes never match.
 */
import { textIn, type Locale, type Text } from '../domain/errors.ts';
import { dutchFor } from '../domain/messages-nl.ts';

/** A text in the reader's language; a plain English string gets its Dutch from the catalogue if it has one. */
export function localized(text: Text, locale: Locale): string {
  if (typeof text !== 'string') return textIn(text, locale);
  return locale === 'nl' && text ? (dutchFor(text) ?? text) : text;
}

/** A CSV import preview with each row's error messages in the reader's language. */
export function previewIn<P extends { rows: { errors: { message: string }[] }[] }>(preview: P, locale: Locale): P {
  if (locale === 'en') return preview;
  return { ...preview, rows: preview.rows.map((row) => ({ ...row, errors: row.errors.map((e) => ({ ...e, message: localized(e.message, locale) })) })) };
}

/** A surprise with the notes of its history in the reader's language. */
export function historyIn<S extends { events?: { note: string }[] }>(view: S, locale: Locale): S {
  if (locale === 'en' || !view.events) return view;
  return { ...view, events: view.events.map((e) => ({ ...e, note: localized(e.note, locale) })) };
}
