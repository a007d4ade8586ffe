import { HUB_TIME_ZONE } from '../calendar/today.ts';

/**
 * When a reaction was posted, as people type it: an ISO instant with an offset or Z
 * (2026-11-20T14:05:00+01:00), or a local Amsterdam time without one (2026-11-20 14:05, or a
 * date alone meaning 12:00) as spreadsheets write it. Local times convert here, in one place;
 * the hour that happens twice when the clocks go back resolves to its first occurrence.
 */
const WITH_OFFSET =
	/^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,6})?)?(?:Z|[+-](\d{2}):?(\d{2}))$/i;
const LOCAL = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?)?$/;
/** Also the Dutch way: 20-11-2026 14:05 or 20/11/2026. */
const LOCAL_DMY = /^(\d{1,2})[-/](\d{1,2})[-/](\d{4})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;

const parts = new Intl.DateTimeFormat('en-US', {
	timeZone: HUB_TIME_ZONE,
	hourCycle: 'h23',
	year: 'numeric',
	month: '2-digit',
	day: '2-digit',
	hour: '2-digit',
	minute: '2-digit',
	second: '2-digit'
});

/** Amsterdam's offset from UTC at an instant, in ms. */
function offsetAt(instant: number): number {
	const p = Object.fromEntries(
		parts.formatToParts(new Date(instant)).map((x) => [x.type, x.value])
	);
	const asUtc = Date.UTC(
		Number(p.year),
		Number(p.month) - 1,
		Number(p.day),
		Number(p.hour),
		Number(p.minute),
		Number(p.second)
	);
	return asUtc - Math.floor(instant / 1000) * 1000;
}

/** The instant of an Amsterdam wall-clock time (first occurrence when it happens twice). */
export function amsterdamLocalToInstant(
	year: number,
	month: number,
	day: number,
	hour = 12,
	minute = 0,
	second = 0
): Date | null {
	const wall = Date.UTC(year, month - 1, day, hour, minute, second);
	const check = new Date(wall);
	if (
		check.getUTCFullYear() !== year ||
		check.getUTCMonth() !== month - 1 ||
		check.getUTCDate() !== day ||
		hour > 23 ||
		minute > 59 ||
		second > 59
	)
		return null;
	// Both candidate offsets (winter/summer); the earliest instant that shows this wall time wins.
	const candidates = [
		wall - offsetAt(wall - 3 * 3600_000),
		wall - offsetAt(wall + 3 * 3600_000)
	].sort((a, b) => a - b);
	for (const instant of candidates)
		if (instant + offsetAt(instant) === wall) return new Date(instant);
	// A wall time skipped when the clocks go forward (02:30 on the last Sunday of March): an hour later.
	return new Date(candidates[0]! + 3600_000);
}

export function parsePostedAt(text: string): Date | null {
	const value = text.trim();
	const instant = WITH_OFFSET.exec(value);
	if (instant) {
		// Date() rolls 30 February over into March: every part must exist as written.
		const [y, m, d, h, mi, sec = 0, oh = 0, om = 0] = instant.slice(1).map((p) => Number(p ?? 0));
		const day = new Date(Date.UTC(y!, m! - 1, d!));
		if (
			day.getUTCFullYear() !== y ||
			day.getUTCMonth() !== m! - 1 ||
			day.getUTCDate() !== d ||
			h! > 23 ||
			mi! > 59 ||
			sec > 59 ||
			oh > 23 ||
			om > 59
		)
			return null;
		const at = new Date(value);
		return Number.isNaN(at.getTime()) ? null : at;
	}
	const iso = LOCAL.exec(value);
	if (iso) {
		const [, y, m, d, h, mi, s] = iso;
		return amsterdamLocalToInstant(
			Number(y),
			Number(m),
			Number(d),
			h === undefined ? 12 : Number(h),
			Number(mi ?? 0),
			Number(s ?? 0)
		);
	}
	const dmy = LOCAL_DMY.exec(value);
	if (dmy) {
		const [, d, m, y, h, mi, s] = dmy;
		return amsterdamLocalToInstant(
			Number(y),
			Number(m),
			Number(d),
			h === undefined ? 12 : Number(h),
			Number(mi ?? 0),
			Number(s ?? 0)
		);
	}
	return null;
}
