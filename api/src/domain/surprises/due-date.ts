import Holidays from 'date-holidays';
import { amsterdamDate } from '../calendar/today.ts';

/**
 * Service-level dates. Everything here works on Europe/Amsterdam calendar dates (YYYY-MM-DD): an
 * instant becomes a date in one place (`amsterdamDate` in calendar/today.ts), after which no time
 * zone is involved.
 *
 * Working days are Monday to Friday minus the Dutch public holidays as the maintained
 * `date-holidays` package lists them (type `public`: Nieuwjaarsdag, Eerste en Tweede Paasdag,
 * Koningsdag — 26 April when the 27th is a Sunday —, Hemelvaartsdag, Eerste en Tweede
 * Pinksterdag, Eerste en Tweede Kerstdag). Goede Vrijdag and Bevrijdingsdag are not general days
 * off in the Netherlands and count as working days.
 */
const DAY_MS = 86_400_000;

function toUtcMidnight(date: string): number {
	const [y, m, d] = date.split('-').map(Number) as [number, number, number];
	return Date.UTC(y, m - 1, d);
}

export function addDays(date: string, days: number): string {
	return new Date(toUtcMidnight(date) + days * DAY_MS).toISOString().slice(0, 10);
}

const holidays = new Holidays('NL');
const byYear = new Map<number, Map<string, string>>();

/** Dutch public holidays of a year: date → name. */
export function dutchPublicHolidays(year: number): Map<string, string> {
	let found = byYear.get(year);
	if (!found) {
		found = new Map(
			holidays
				.getHolidays(year, 'nl')
				.filter((h) => h.type === 'public')
				.map((h) => [h.date.slice(0, 10), h.name] as const)
		);
		byYear.set(year, found);
	}
	return found;
}

export function isWorkingDay(date: string): boolean {
	const weekday = new Date(toUtcMidnight(date)).getUTCDay();
	if (weekday === 0 || weekday === 6) return false;
	return !dutchPublicHolidays(Number(date.slice(0, 4))).has(date);
}

/** The date `days` working days after `date` (the start date itself never counts). */
export function addWorkingDays(date: string, days: number): string {
	let current = date;
	for (let left = days; left > 0;) {
		current = addDays(current, 1);
		if (isWorkingDay(current)) left--;
	}
	return current;
}

/** When a surprise approved at `approvedAt` must have shipped: N working days later, Amsterdam dates. */
export function dueDate(approvedAt: Date, serviceLevelDays: number): string {
	return addWorkingDays(amsterdamDate(approvedAt), serviceLevelDays);
}
