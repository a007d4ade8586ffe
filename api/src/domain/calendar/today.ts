/**
 * The one place that turns an instant into a calendar date in Europe/Amsterdam (YYYY-MM-DD).
 * Campaign dates, due dates and "today" all mean the Dutch calendar day, whatever the server's TZ.
 */
export const HUB_TIME_ZONE = 'Europe/Amsterdam';

const parts = new Intl.DateTimeFormat('en-US', {
	timeZone: HUB_TIME_ZONE,
	year: 'numeric',
	month: '2-digit',
	day: '2-digit'
});

/** The Amsterdam calendar date of an instant. */
export function amsterdamDate(at: Date): string {
	const list = parts.formatToParts(at);
	const get = (type: Intl.DateTimeFormatPartTypes) => list.find((p) => p.type === type)!.value;
	return `${get('year')}-${get('month')}-${get('day')}`;
}

/** Today in Amsterdam; pass `ctx.now()` so tests can move the clock. */
export function todayInAmsterdam(now: Date = new Date()): string {
	return amsterdamDate(now);
}
