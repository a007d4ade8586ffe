/**
 * Time for the demo: content is fixed, dates are relative to the moment of seeding so the demo looks
 * fresh whenever the app first starts. Calendar dates are Europe/Amsterdam dates (YYYY-MM-DD).
 */
export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;

const amsterdam = new Intl.DateTimeFormat('en-CA', {
	timeZone: 'Europe/Amsterdam',
	year: 'numeric',
	month: '2-digit',
	day: '2-digit'
});

/** The calendar date in Amsterdam of an instant. */
export function amsterdamDate(at: Date | number): string {
	return amsterdam.format(typeof at === 'number' ? new Date(at) : at);
}

function parse(date: string): number {
	const [y, m, d] = date.split('-').map(Number) as [number, number, number];
	return Date.UTC(y, m - 1, d);
}

function format(utcMidnight: number): string {
	return new Date(utcMidnight).toISOString().slice(0, 10);
}

export function addDays(date: string, days: number): string {
	return format(parse(date) + days * DAY);
}

/** 0 = Sunday … 6 = Saturday. */
export function weekday(date: string): number {
	return new Date(parse(date)).getUTCDay();
}

export function addWorkingDays(date: string, days: number): string {
	let current = date;
	let left = days;
	while (left > 0) {
		current = addDays(current, 1);
		if (weekday(current) !== 0 && weekday(current) !== 6) left--;
	}
	return current;
}

export function firstOfMonth(date: string): string {
	return `${date.slice(0, 7)}-01`;
}

/** Easter Sunday (Gregorian, anonymous algorithm). */
export function easterSunday(year: number): string {
	const a = year % 19;
	const b = Math.floor(year / 100);
	const c = year % 100;
	const d = Math.floor(b / 4);
	const e = b % 4;
	const f = Math.floor((b + 8) / 25);
	const g = Math.floor((b - f + 1) / 3);
	const h = (19 * a + b - d - g + 15) % 30;
	const i = Math.floor(c / 4);
	const k = c % 4;
	const l = (32 + 2 * e + 2 * i - h - k) % 7;
	const m = Math.floor((a + 11 * h + 22 * l) / 451);
	const month = Math.floor((h + l - 7 * m + 114) / 31);
	const day = ((h + l - 7 * m + 114) % 31) + 1;
	return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/**
 * The next moment a person would be at work: weekdays 09:00–17:00 (local time approximated as
 * UTC+1). Times already inside office hours stay; others move to the next opening, keeping a few
 * minutes of the original so not everything happens at 09:00 sharp.
 */
export function nextOfficeMoment(at: number): number {
	const local = at + HOUR;
	const day = Math.floor(local / DAY) * DAY;
	const hour = (local - day) / HOUR;
	const dow = new Date(day).getUTCDay();
	if (dow !== 0 && dow !== 6 && hour >= 9 && hour < 17) return at;
	let next = hour < 9 ? day : day + DAY;
	while ([0, 6].includes(new Date(next).getUTCDay())) next += DAY;
	return next + 9 * HOUR - HOUR + (Math.floor(at / 60_000) % 53) * 60_000;
}

/**
 * An instant on an Amsterdam calendar date at roughly local office time (hour in 0–23 local;
 * approximated as UTC+1, close enough for demo timestamps).
 */
export function atLocal(date: string, hour: number, minute = 0): number {
	return parse(date) + (hour - 1) * HOUR + minute * 60_000;
}
