/** The quarters the period picker offers: the current one and the seven before it, newest first. */
export function recentQuarters(today: string, count = 8): string[] {
	let year = Number(today.slice(0, 4));
	let q = Math.floor((Number(today.slice(5, 7)) - 1) / 3) + 1;
	const out: string[] = [];
	for (let i = 0; i < count; i++) {
		out.push(`${year}-Q${q}`);
		q -= 1;
		if (q === 0) {
			q = 4;
			year -= 1;
		}
	}
	return out;
}

export const isQuarter = (v: unknown): v is string =>
	typeof v === 'string' && /^\d{4}-Q[1-4]$/.test(v);

/** The period part of a report URL's query, as the API takes it. */
export function periodQuery(params: URLSearchParams): {
	quarter?: string;
	from?: string;
	to?: string;
} {
	const quarter = params.get('quarter');
	const from = params.get('from');
	const to = params.get('to');
	if (isQuarter(quarter)) return { quarter };
	if (from || to) return { ...(from ? { from } : {}), ...(to ? { to } : {}) };
	return {};
}

/** The reactions list of [start, end): its `to` is inclusive, so the last millisecond before `end`. */
export function reactionsHref(
	start: string,
	end: string,
	extra: Record<string, string> = {}
): string {
	const params = new URLSearchParams({
		from: start,
		to: new Date(Date.parse(end) - 1).toISOString(),
		...extra
	});
	return `/reactions?${params}`;
}
