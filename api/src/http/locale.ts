import type { Locale } from '../domain/errors.ts';

/**
 * The language a request's errors are told in, from its Accept-Language header: Dutch when Dutch
 * (`nl`, `nl-NL`, `nl-BE`, …) ranks above English, else English. No header means English, so API
 * clients and scripts read what they always read.
 */
export function localeOf(acceptLanguage: string | undefined | null): Locale {
	if (!acceptLanguage) return 'en';
	let best: { locale: Locale; q: number } | null = null;
	for (const part of acceptLanguage.split(',')) {
		const [range = '', ...params] = part.trim().toLowerCase().split(';');
		const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
		const q = qParam ? Number(qParam.slice(2)) : 1;
		if (!Number.isFinite(q) || q <= 0) continue;
		const primary = range.trim().split('-')[0];
		const locale: Locale | null = primary === 'nl' ? 'nl' : primary === 'en' ? 'en' : null;
		if (!locale) continue;
		// Equal weights keep the header's order: the first one listed wins.
		if (!best || q > best.q) best = { locale, q };
	}
	return best?.locale ?? 'en';
}
