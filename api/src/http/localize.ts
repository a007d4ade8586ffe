/**
 * Messages that reach the reader inside a 200 response — a CSV preview's row errors, the notes the
 * system wrote in a surprise's history — in the reader's language, through the same Dutch catalogue
 * as the API's errors. A message without Dutch stays as it is; people's own notes never match.
 */
import type { Locale } from '../domain/errors.ts';
import { dutchFor } from '../domain/messages-nl.ts';

export function localized(message: string, locale: Locale): string {
  return locale === 'nl' && message ? (dutchFor(message) ?? message) : message;
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
