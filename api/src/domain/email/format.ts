/** How staff and customer emails show money and moments: Dutch or English, Amsterdam time. */
import { HUB_TIME_ZONE } from '../calendar/today.ts';
import type { EmailLocale } from './templates.ts';

const LOCALE_TAG: Record<EmailLocale, string> = { nl: 'nl-NL', en: 'en-GB' };

export function formatEuro(cents: number, locale: EmailLocale): string {
	return new Intl.NumberFormat(LOCALE_TAG[locale], { style: 'currency', currency: 'EUR' }).format(
		cents / 100
	);
}

/** `5 december 2026 om 14:00` / `5 December 2026 at 14:00`, in Amsterdam time. */
export function formatMoment(at: Date, locale: EmailLocale): string {
	const date = new Intl.DateTimeFormat(LOCALE_TAG[locale], {
		timeZone: HUB_TIME_ZONE,
		day: 'numeric',
		month: 'long',
		year: 'numeric'
	}).format(at);
	const time = new Intl.DateTimeFormat(LOCALE_TAG[locale], {
		timeZone: HUB_TIME_ZONE,
		hour: '2-digit',
		minute: '2-digit',
		hour12: false
	}).format(at);
	return locale === 'nl' ? `${date} om ${time}` : `${date} at ${time}`;
}

/** A calendar date (YYYY-MM-DD, already an Amsterdam date) as `23 november 2026`. */
export function formatCalendarDate(isoDate: string, locale: EmailLocale): string {
	const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number];
	return new Intl.DateTimeFormat(LOCALE_TAG[locale], {
		timeZone: 'UTC',
		day: 'numeric',
		month: 'long',
		year: 'numeric'
	}).format(new Date(Date.UTC(y, m - 1, d)));
}

/** The first word of a name as people typed it: "Zoë van 't Hek" → "Zoë". */
export function firstName(name: string): string {
	return name.normalize('NFC').trim().split(/\s+/)[0] ?? '';
}
