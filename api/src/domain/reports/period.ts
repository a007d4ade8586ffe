import { z } from 'zod';
import { amsterdamDate } from '../calendar/today.ts';
import { addDays } from '../surprises/due-date.ts';
import { zodIssue, zodText } from '../../messages/zod.ts';

/**
 * A report's period: whole Europe/Amsterdam calendar days, `from` and `to` inclusive. Its bounds as
 * instants are the Amsterdam midnights that open `from` and close `to`, so a quarter that crosses a
 * daylight-saving change is 1 h shorter or longer than its days × 24 h, as the clock on the wall says.
 */
export interface Period {
	from: string;
	to: string;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const QUARTER = /^(\d{4})-Q([1-4])$/;
/** The longest period a report covers: two years (the bench's year of data twice over). */
export const MAX_PERIOD_DAYS = 731;

function isRealDate(s: string): boolean {
	const d = new Date(`${s}T00:00:00Z`);
	return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

/** The offset of Amsterdam from UTC at an instant, in ms (wall clock − UTC). */
function offsetAt(at: number): number {
	const parts = new Intl.DateTimeFormat('en-US', {
		timeZone: 'Europe/Amsterdam',
		hourCycle: 'h23',
		year: 'numeric',
		month: '2-digit',
		day: '2-digit',
		hour: '2-digit',
		minute: '2-digit',
		second: '2-digit'
	}).formatToParts(new Date(at));
	const n = (t: string) => Number(parts.find((p) => p.type === t)!.value);
	return Date.UTC(n('year'), n('month') - 1, n('day'), n('hour'), n('minute'), n('second')) - at;
}

/** The instant an Amsterdam calendar day begins (midnight is never inside a clock change there). */
export function amsterdamMidnight(date: string): Date {
	const wall = Date.parse(`${date}T00:00:00Z`);
	return new Date(wall - offsetAt(wall - offsetAt(wall)));
}

/** The instants [start, end) a period covers. */
export function periodBounds(p: Period): { start: Date; end: Date } {
	return { start: amsterdamMidnight(p.from), end: amsterdamMidnight(addDays(p.to, 1)) };
}

export function periodDays(p: Period): number {
	return Math.round((Date.parse(p.to) - Date.parse(p.from)) / 86_400_000) + 1;
}

/** The period of the same length that ends the day before. */
export function previousPeriod(p: Period): Period {
	const days = periodDays(p);
	return { from: addDays(p.from, -days), to: addDays(p.from, -1) };
}

export function quarterOf(date: string): Period {
	const year = Number(date.slice(0, 4));
	const q = Math.floor((Number(date.slice(5, 7)) - 1) / 3);
	const first = `${year}-${String(q * 3 + 1).padStart(2, '0')}-01`;
	const nextFirst =
		q === 3 ? `${year + 1}-01-01` : `${year}-${String(q * 3 + 4).padStart(2, '0')}-01`;
	return { from: first, to: addDays(nextFirst, -1) };
}

/** `2026-Q3` for a period that is exactly a quarter, else null. */
export function quarterName(p: Period): string | null {
	const q = quarterOf(p.from);
	if (q.from !== p.from || q.to !== p.to) return null;
	return `${p.from.slice(0, 4)}-Q${Math.floor((Number(p.from.slice(5, 7)) - 1) / 3) + 1}`;
}

/** The last quarter that has ended by `now` (Amsterdam): what the overview shows by default. */
export function lastFullQuarter(now: Date): Period {
	const current = quarterOf(amsterdamDate(now));
	return quarterOf(addDays(current.from, -1));
}

/** Monday of the ISO week an Amsterdam date falls in. */
export function weekStart(date: string): string {
	const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
	return addDays(date, -((weekday + 6) % 7));
}

const DateField = z
	.string(zodText('report_use_date'))
	.regex(DATE, zodText('report_use_date'))
	.refine(isRealDate, zodText('report_use_date'));

/**
 * Which period: `quarter` (2026-Q3), or `from` and `to` (Amsterdam dates, inclusive), or nothing for
 * the last full quarter. The field names are those of the query string.
 */
export const PeriodInput = z
	.object({
		quarter: z.string().regex(QUARTER, zodText('report_use_quarter')).optional(),
		from: DateField.optional(),
		to: DateField.optional()
	})
	.superRefine((v, ctx) => {
		if (v.quarter && (v.from || v.to))
			ctx.addIssue({ code: 'custom', path: ['quarter'], ...zodIssue('report_quarter_or_dates') });
		if (!!v.from !== !!v.to)
			ctx.addIssue({
				code: 'custom',
				path: [v.from ? 'to' : 'from'],
				...zodIssue('report_give_both_dates')
			});
		if (v.from && v.to) {
			if (v.to < v.from)
				ctx.addIssue({ code: 'custom', path: ['to'], ...zodIssue('report_to_before_from') });
			else if (periodDays({ from: v.from, to: v.to }) > MAX_PERIOD_DAYS)
				ctx.addIssue({ code: 'custom', path: ['to'], ...zodIssue('report_period_too_long') });
		}
	});
export type PeriodInput = z.input<typeof PeriodInput>;

export function resolvePeriod(input: z.output<typeof PeriodInput>, now: Date): Period {
	if (input.quarter) {
		const [, y, q] = QUARTER.exec(input.quarter)!;
		return quarterOf(`${y}-${String((Number(q) - 1) * 3 + 1).padStart(2, '0')}-01`);
	}
	if (input.from && input.to) return { from: input.from, to: input.to };
	return lastFullQuarter(now);
}
